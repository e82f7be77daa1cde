using System;
using System.Collections.Generic;
using System.Linq;
using cAlgo.API;
using cAlgo.Robots;
using PerpGuard.Algos.Tests.Indicators;
using PerpGuard.Headless.Backtesting;
using PerpGuard.MarketData;
using PerpGuard.Risk.Pipeline;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>
    /// MAE / MFE (in price, from the filled entry, at the price the position would close at: bid for
    /// longs, ask for shorts) and the spread at entry, journaled with each closed trade, checked on
    /// scripted price paths worked by hand. The simulator plays each m1 bar as four quotes: open →
    /// nearer extreme → farther extreme → close; the ask is the bid + the fixed spread.
    /// </summary>
    public class ExcursionJournalTests
    {
        private const double Spread = 2.5;
        private static readonly DateTime T0 = new DateTime(2022, 1, 3, 10, 0, 0, DateTimeKind.Utc);

        private static MarketBar Bar(int i, double open, double high, double low, double close) => new MarketBar(T0.AddMinutes(i), open, high, low, close, 1);

        private static BacktestOptions Options(MarketBar[] bars)
        {
            var options = RobotRuns.Options(bars, spread: Spread);
            options.WarmupBars = 0;
            return options;
        }

        // ---- TradeGuardian: a long and a short opened "by hand" at bar 3's open, closed by hand at bar 6's open ----
        private static MarketBar[] GuardianPath() => new[]
        {
            Bar(0, 60_000, 60_010, 59_990, 60_000),
            Bar(1, 60_000, 60_010, 59_990, 60_000),
            Bar(2, 60_000, 60_010, 59_990, 60_000),
            // Entry quote: bid 60,000, ask 60,002.5. Path: open 60,000 → low 59,970 (30 away, nearer) → high 60,040 → close 60,010.
            Bar(3, 60_000, 60_040, 59_970, 60_010),
            // 60,010 → low 59,950 (60 away, nearer than the high's 110) → high 60,120 → close 60,100.
            Bar(4, 60_010, 60_120, 59_950, 60_100),
            // 60,100 → high 60,105 (5 away, nearer) → low 59,900 → close 59,920.
            Bar(5, 60_100, 60_105, 59_900, 59_920),
            // Both closed at this open: bid 59,930, ask 59,932.5. The bar's later extremes are never seen.
            Bar(6, 59_930, 60_500, 59_000, 59_930),
            Bar(7, 59_930, 59_940, 59_920, 59_930),
        };

        private static TradeGuardian RunGuardian()
        {
            var driver = new Dictionary<string, string>
            {
                ["OpenAtBar"] = "3",
                ["CloseAtBar"] = "6",
                ["Side"] = "Buy",
                ["Volume"] = "0.1",
                ["HedgeVolume"] = "0.1",
            };
            var guardian = RobotRuns.Params(
                ("StopModeParameter", StopMode.Fixed), ("FixedStopPips", 1_000), ("TrailingEnabled", false), ("BreakEvenEnabled", false),
                ("DailyLossPercent", 50), ("DailyProfitPercent", 0));
            var result = new BacktestEngine(Options(GuardianPath())).Run(AlgoSpec.Of<ScriptedPositionsRobot>(driver), AlgoSpec.Of<TradeGuardian>(guardian));
            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            Assert.That(result.Trades, Has.Count.EqualTo(2), "the long and the short, closed by hand at bar 6");
            return (TradeGuardian)result.Robots[1];
        }

        [Test]
        public void Guardian_ManualLong_MaeMfeFromTheBidPathWorkedByHand()
        {
            var closed = RunGuardian().Journal.OfKind(PipelineEventKind.TradeClosed).Single(e => e.Side == TradeSide.Long);

            // Long bought at the ask: X = 60,000 + 2.5 = 60,002.5; it would close at the bid.
            // Bids seen while open: 60,000 (entry quote), 59,970, 60,040, 60,010, 60,010, 59,950, 60,120, 60,100,
            // 60,100, 60,105, 59,900, 59,920, exit 59,930.
            // MAE = 60,002.5 − 59,900 = 102.5; MFE = 60,120 − 60,002.5 = 117.5 (bar 6's 60,500 came after the close).
            Assert.That(closed.Price, Is.EqualTo(60_002.5).Within(1e-9));
            Assert.That(closed.MaxAdverseExcursion, Is.EqualTo(102.5).Within(1e-9));
            Assert.That(closed.MaxFavourableExcursion, Is.EqualTo(117.5).Within(1e-9));
            Assert.That(closed.SpreadAtEntry, Is.EqualTo(2.5).Within(1e-9), "ask − bid of the quote the position opened in");
        }

        [Test]
        public void Guardian_ManualShort_MaeMfeFromTheAskPathWorkedByHand()
        {
            var closed = RunGuardian().Journal.OfKind(PipelineEventKind.TradeClosed).Single(e => e.Side == TradeSide.Short);

            // Short sold at the bid: X = 60,000; it would close at the ask (bid + 2.5).
            // Highest ask while open: 60,120 + 2.5 = 60,122.5 → MAE = 122.5.
            // Lowest ask while open: 59,900 + 2.5 = 59,902.5 → MFE = 60,000 − 59,902.5 = 97.5
            // (bar 6's 59,000 came after the close at ask 59,932.5).
            Assert.That(closed.Price, Is.EqualTo(60_000).Within(1e-9));
            Assert.That(closed.MaxAdverseExcursion, Is.EqualTo(122.5).Within(1e-9));
            Assert.That(closed.MaxFavourableExcursion, Is.EqualTo(97.5).Within(1e-9));
            Assert.That(closed.SpreadAtEntry, Is.EqualTo(2.5).Within(1e-9));
        }

        // ---- RiskManagedScalper: one pullback signal, a dip, then the target ----

        /// <summary>
        /// An uptrend of +10 per bar whose bars (open = close − 3, low = open) never reach the 2-bar EMA
        /// (it lags the close by 3.3–5), except bar <see cref="SignalBar"/>, which dips 30 below its close
        /// and closes up: the one long signal (fast EMA 2 above a rising EMA 3). The scalper buys at the
        /// next bar's open.
        /// </summary>
        private const int SignalBar = 20;

        private static MarketBar[] ScalperPath(double entryBarLow, double entryBarHigh, double nextHigh)
        {
            var bars = new List<MarketBar>();
            for (var i = 0; i <= SignalBar; i++)
            {
                var close = 60_000 + 10 * i;
                bars.Add(i == SignalBar ? Bar(i, close - 3, close, close - 30, close) : Bar(i, close - 3, close, close - 3, close));
            }

            // Entry bar: open 60,205 (ask 60,207.5), then its extremes, close 60,250.
            bars.Add(Bar(SignalBar + 1, 60_205, entryBarHigh, entryBarLow, 60_250));
            // Rises through the target (≈ 450 above the entry) on the way to nextHigh.
            bars.Add(Bar(SignalBar + 2, 60_250, nextHigh, 60_240, nextHigh - 10));
            bars.Add(Bar(SignalBar + 3, nextHigh - 10, nextHigh, nextHigh - 20, nextHigh - 5));
            return bars.ToArray();
        }

        private static RiskManagedScalper RunScalper(MarketBar[] bars)
        {
            var parameters = RobotRuns.Params(
                ("FastEmaPeriod", 2), ("TrendEmaPeriod", 3), ("StopModeParameter", StopMode.Fixed), ("FixedStopPips", 200),
                ("TrailingEnabled", false), ("BreakEvenEnabled", false), ("MaxTargetAtr", 100), ("MaxAtrPercent", 0),
                ("MaxSpread", 0), ("RolloverBlackoutMinutes", 0));
            var (_, bot) = RobotRuns.RunScalper(Options(bars), parameters);
            var opened = bot.Journal.OfKind(PipelineEventKind.PositionOpened).FirstOrDefault();
            Assert.That(opened, Is.Not.Null, string.Join("\n", bot.Journal.Select(PipelineEventText.Format)));
            Assert.That(opened!.Utc, Is.EqualTo(T0.AddMinutes(SignalBar + 1)), "the one signal is bar 20; entry at bar 21's open");
            return bot;
        }

        [Test]
        public void Scalper_LongThroughADipToTheTarget_MaeFromTheDipMfeAtTheTarget()
        {
            // Entry bar: open 60,205 → low 60,150 (55 away; tie with the high → the extreme farther from the
            // close 60,250 first) → high 60,260 → close 60,250. Next bar runs to 61,000 through the target.
            var bot = RunScalper(ScalperPath(60_150, 60_260, 61_000));
            var opened = bot.Journal.OfKind(PipelineEventKind.PositionOpened).First();
            var closed = bot.Journal.OfKind(PipelineEventKind.TradeClosed).First();

            // Bought at the ask X = 60,205 + 2.5 = 60,207.5. Stop 200 below (60,007.5) is never reached.
            // MAE = X − lowest bid 60,150 = 57.5.
            // The target T sits ≈ 1.5R net above X (below 61,000): the position closes at T on the way up,
            // so MFE = T − X exactly, and the bar's high 60,990 and later bids are never part of it.
            Assert.That(closed.Reason, Is.EqualTo("TakeProfit"));
            Assert.That(closed.Price, Is.EqualTo(60_207.5).Within(1e-9));
            Assert.That(closed.MaxAdverseExcursion, Is.EqualTo(57.5).Within(1e-9));
            Assert.That(closed.MaxFavourableExcursion, Is.EqualTo(opened.TakeProfit - 60_207.5).Within(1e-9));
            Assert.That(closed.FillPrice, Is.EqualTo(opened.TakeProfit).Within(1e-9));
            Assert.That(closed.SpreadAtEntry, Is.EqualTo(2.5).Within(1e-9), "ask − bid when the order was sent");
        }

        [Test]
        public void Scalper_LongGappedThroughItsStop_MaeIsTheExitBeyondEveryTick()
        {
            // Entry bar as above but the low is 60,100. Then a gap: the next bar opens at 59,900, below the
            // stop 60,007.5, and the stop fills at that open (bid 59,900) — a quote the bot never sees open.
            var bars = ScalperPath(60_100, 60_260, 61_000);
            bars[SignalBar + 2] = Bar(SignalBar + 2, 59_900, 59_950, 59_850, 59_940);
            var bot = RunScalper(bars);
            var closed = bot.Journal.OfKind(PipelineEventKind.TradeClosed).First();

            // MAE = X − exit = 60,207.5 − 59,900 = 307.5 (deeper than the 60,100 dip: 107.5);
            // MFE = 60,260 − 60,207.5 = 52.5.
            Assert.That(closed.Reason, Is.EqualTo("StopLoss"));
            Assert.That(closed.FillPrice, Is.EqualTo(59_900).Within(1e-9));
            Assert.That(closed.MaxAdverseExcursion, Is.EqualTo(307.5).Within(1e-9));
            Assert.That(closed.MaxFavourableExcursion, Is.EqualTo(52.5).Within(1e-9));
        }
    }
}
