using System;
using System.Collections.Generic;
using System.Linq;
using PerpGuard.Risk.Journal;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Review
{
    /// <summary>
    /// Maps the risk journal's closed-trade records (<see cref="TradeClosedEvent"/>) into the review's
    /// input. The journal stores commission and swap as positive costs; the review uses cTrader's sign
    /// (negative = paid), so net profit and R are the same numbers on both sides.
    /// </summary>
    public static class JournalReview
    {
        public static ClosedTrade ToClosedTrade(TradeClosedEvent e, long id) => new ClosedTrade
        {
            Id = id,
            Symbol = e.Symbol ?? string.Empty,
            Side = e.Side == TradeSide.Long ? "Buy" : "Sell",
            EntryTimeUtc = e.EntryTimeUtc,
            EntryPrice = e.FilledEntryPrice,
            ExitTimeUtc = e.ExitTimeUtc,
            ExitPrice = e.ExitPrice,
            Volume = e.Volume,
            StopLoss = e.InitialStopPrice > 0 ? e.InitialStopPrice : (double?)null,
            TakeProfit = e.TargetPrice,
            PlannedRisk = e.PlannedRiskMoney,
            GrossProfit = e.GrossProfit,
            Commission = -e.Commission,
            Swap = -e.Swap,
            CloseReason = e.ClosedBy.ToString(),
        };

        /// <summary>The closed trades of a journal, numbered 1.. in journal order (other events are skipped).</summary>
        public static IReadOnlyList<ClosedTrade> ClosedTrades(IEnumerable<JournalEvent> journal) =>
            journal.OfType<TradeClosedEvent>().Select((e, i) => ToClosedTrade(e, i + 1)).ToList();

        /// <summary>
        /// Review statistics straight from a journal: balance steps at each closed trade, no floating equity; wins and
        /// losses judged to <paramref name="moneyDecimals"/> (the account's Asset.Digits).
        /// </summary>
        public static ReviewStatistics Review(double initialBalance, IEnumerable<JournalEvent> journal, int moneyDecimals)
        {
            var trades = ClosedTrades(journal);
            var curve = new List<EquityPoint>(trades.Count);
            var balance = initialBalance;
            foreach (var t in trades.OrderBy(t => t.ExitTimeUtc))
            {
                balance += t.NetProfit;
                curve.Add(new EquityPoint(t.ExitTimeUtc, balance, balance));
            }

            return ReviewCalculator.Compute(new ReviewInput(initialBalance, trades, curve, moneyDecimals));
        }
    }
}
