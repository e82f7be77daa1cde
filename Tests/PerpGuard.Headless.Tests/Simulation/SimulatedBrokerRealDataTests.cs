using System;
using PerpGuard.Headless.Simulation;
using PerpGuard.MarketData;
using PerpGuard.Tests.Common;
using static PerpGuard.Headless.Tests.Simulation.SimTestFactory;

namespace PerpGuard.Headless.Tests.Simulation
{
    /// <summary>
    /// The broker over a real month of BTC perp m1 bars (nautilus-btc-perp-1m, PROVENANCE.md there;
    /// includes the January 2022 sell-off): ledger invariants that must hold for every trade.
    /// </summary>
    public class SimulatedBrokerRealDataTests
    {
        private const string File = "nautilus-btc-perp-1m/btc-perp-20211231-20220201_1m.csv";

        [Test]
        public void RealMonth_AlternatingBracketTrades_FillsInsideBarsAndLedgerBalances()
        {
            var bars = MarketDataReader.ReadBars(SharedData.RequireFile(File)).Bars;
            var spec = Btc();
            spec.Commission = 30;
            spec.SwapLong = -5;
            spec.SwapShort = -5;
            var broker = Broker(spec, Account(100000), new SimBrokerOptions { PessimisticBarFills = true });
            var path = new TickPath(SimSpreadModel.Fixed(5));
            int opened = 0;
            for (int i = 0; i < bars.Length; i++)
            {
                var envelopeBar = bars[i];
                broker.ProcessBar(broker.Symbol, in envelopeBar, path);
                if (broker.Positions.Count == 0 && i % 30 == 0)
                {
                    var side = opened % 2 == 0 ? SimTradeSide.Buy : SimTradeSide.Sell;
                    var r = broker.ExecuteMarketOrder(new SimMarketOrder(side, 0.5) { StopLossPips = 150, TakeProfitPips = 300 });
                    Assert.That(r.IsSuccessful, Is.True, r.Message);
                    opened++;
                }
            }

            Assert.That(broker.History.Count, Is.GreaterThan(100));
            double sumNet = 0;
            int barIndex = 0;
            for (int k = 0; k < broker.History.Count; k++)
            {
                var t = broker.History[k];
                sumNet += t.NetProfit;
                Assert.That(t.NetProfit, Is.EqualTo(t.GrossProfit + t.Commissions + t.Swap).Within(1e-6));
                while (barIndex + 1 < bars.Length && bars[barIndex + 1].OpenTimeUtc <= t.ClosingTime) barIndex++;
                var bar = bars[barIndex];
                bool isLong = t.Side == SimTradeSide.Buy;
                // Longs exit at bid (bar range), shorts at ask (bar range + the 5.0 spread).
                double lo = bar.Low + (isLong ? 0 : 5), hi = bar.High + (isLong ? 0 : 5);
                Assert.That(t.ClosingPrice, Is.InRange(lo - 1e-6, hi + 1e-6), "trade " + t.PositionId + " closed outside its bar");
                if (t.Reason == SimCloseReason.StopLoss)
                {
                    // At the stop, or worse on a gap; never better.
                    Assert.That(isLong ? t.ClosingPrice <= t.StopLoss!.Value + 1e-6 : t.ClosingPrice >= t.StopLoss!.Value - 1e-6, Is.True);
                }
                else if (t.Reason == SimCloseReason.TakeProfit)
                {
                    Assert.That(isLong ? t.ClosingPrice >= t.TakeProfit!.Value - 1e-6 : t.ClosingPrice <= t.TakeProfit!.Value + 1e-6, Is.True);
                }
            }

            Assert.That(broker.Balance - 100000, Is.EqualTo(sumNet).Within(1e-6));
            Assert.That(broker.History[broker.History.Count - 1].Balance, Is.EqualTo(broker.Balance).Within(1e-9));
        }

        [Test]
        public void RealMonth_OverleveragedLongFromTheTop_StoppedOutAtOrBelowLevel()
        {
            var bars = MarketDataReader.ReadBars(SharedData.RequireFile(File)).Bars;
            var spec = Btc();
            spec.Leverage = 20;
            var broker = Broker(spec, Account(6000));
            var path = new TickPath(SimSpreadModel.Fixed(5));
            broker.ProcessBar(broker.Symbol, in bars[0], path);
            // 2 BTC at ~46,300 ≈ 92,600 notional, margin ≈ 4,630; stop-out at equity 50 % of it.
            var p = broker.ExecuteMarketOrder(Buy(2)).Position!;
            double margin = broker.Margin;
            for (int i = 1; i < bars.Length && broker.Positions.Count > 0; i++) broker.ProcessBar(broker.Symbol, in bars[i], path);
            Assert.That(broker.History, Has.Count.EqualTo(1));
            var t = broker.History[0];
            Assert.That(t.Reason, Is.EqualTo(SimCloseReason.StopOut));
            // Equity at the close = 6,000 + net; on a straight segment exactly 50 % × margin (after a gap it would be below).
            double equityAtClose = 6000 + t.NetProfit;
            // In this file each bar opens at the previous close, so the level is crossed on a straight segment.
            Assert.That(equityAtClose, Is.EqualTo(0.5 * margin).Within(1e-6));
            Assert.That(p.Id, Is.EqualTo(t.PositionId));
        }
    }
}
