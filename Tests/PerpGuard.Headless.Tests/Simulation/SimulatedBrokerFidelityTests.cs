using System;
using PerpGuard.Headless.Simulation;
using static PerpGuard.Headless.Tests.Simulation.SimTestFactory;

namespace PerpGuard.Headless.Tests.Simulation
{
    /// <summary>
    /// Fidelity review of the simulated broker against cTrader's published behaviour: each test is a
    /// scenario where the simulator disagreed with cTrader, with the ledger worked by hand.
    /// </summary>
    public class SimulatedBrokerFidelityTests
    {
        [Test]
        public void StopOut_LargestLoserHasSmallerMargin_ClosesLargestMarginFirst()
        {
            // cTrader closes "sequentially until Margin Level is greater than Stop Out" (IAccount.StopOutLevel,
            // help.ctrader.com) in descending order of margin used (Spotware, "Fair Stop Out", cTrader forum
            // announcement 11730, 2014: "closes positions in descending order of margin used" instead of starting
            // with the most unprofitable one as MT4 does).
            var broker = Broker(account: Account(12000));
            broker.ProcessQuote(T0, 60000, 60000);
            var big = broker.ExecuteMarketOrder(Buy(0.5)).Position!;   // 30,000 / 5 = margin 6,000
            broker.ProcessQuote(T0.AddSeconds(1), 80000, 80000);
            var small = broker.ExecuteMarketOrder(Buy(0.2)).Position!; // 16,000 / 5 = margin 3,200
            // Jump to 55,000: big 0.5 × −5,000 = −2,500; small 0.2 × −25,000 = −5,000 (the larger loser).
            // Equity 12,000 − 7,500 = 4,500; margin 9,200 → 48.9 % ≤ 50 % → stop-out.
            // Fair stop-out closes big (margin 6,000 > 3,200): balance 12,000 − 2,500 = 9,500;
            // equity 4,500, margin 3,200 → 140.6 % > 50 % → small stays open.
            broker.ProcessQuote(T0.AddSeconds(2), 55000, 55000);
            Assert.That(broker.History, Has.Count.EqualTo(1));
            Assert.That(broker.History[0].PositionId, Is.EqualTo(big.Id));
            Assert.That(broker.History[0].Reason, Is.EqualTo(SimCloseReason.StopOut));
            Assert.That(broker.Positions, Has.Count.EqualTo(1));
            Assert.That(broker.Positions[0], Is.SameAs(small));
            Assert.That(broker.Balance, Is.EqualTo(9500).Within(1e-9));
            Assert.That(broker.MarginLevel, Is.EqualTo(4500.0 / 3200 * 100).Within(1e-9));
        }

        [Test]
        public void ProcessQuote_TrailingStopOppositeTrigger_TrailsTheAsk()
        {
            // A long whose SL triggers by the ask (Opposite) trails the ask: the broker keeps "the distance between
            // the trigger price and the SL" (docs/simulator.md, ModifyPosition) — here ask 60,010 − SL 59,900 = 110.
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60010);
            var p = broker.ExecuteMarketOrder(Buy(0.5)).Position!;
            var modified = broker.ModifyPosition(p, 59900, null, true, SimStopTriggerMethod.Opposite);
            Assert.That(modified.IsSuccessful, Is.True);
            // Ask rises 100 to 60,110 → SL 60,110 − 110 = 60,000 (trailing the bid would give 60,100 − 110 = 59,990).
            broker.ProcessQuote(T0.AddSeconds(1), 60100, 60110);
            Assert.That(p.StopLoss, Is.EqualTo(60000));
        }

        [Test]
        public void ProcessQuote_TrailingStopOppositeTriggerAtOpen_KeepsFillDistanceFromAsk()
        {
            // At open the trailing distance is fill − SL (docs/simulator.md); for a long triggered by the ask
            // (Opposite) the fill is the ask, so the SL follows the ask 100 pips behind.
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60010);
            var p = broker.ExecuteMarketOrder(Buy(0.5) with
            {
                StopLossPips = 100, HasTrailingStop = true, StopLossTriggerMethod = SimStopTriggerMethod.Opposite,
            }).Position!;
            Assert.That(p.StopLoss, Is.EqualTo(59910));
            // Ask 60,060 → SL 59,960 (trailing the bid 60,050 would give 59,950).
            broker.ProcessQuote(T0.AddSeconds(1), 60050, 60060);
            Assert.That(p.StopLoss, Is.EqualTo(59960));
        }

        [Test]
        public void ProcessQuote_SegmentCrossesStopOutLevelBeforeStopLoss_StoppedOutAtLevel()
        {
            // On a straight-line segment the account reaches the stop-out level before the SL further down:
            // cTrader, quote by quote, stops the account out first. Ledger: long 0.5 at 60,000, margin
            // 30,000 / 5 = 6,000; stop-out at equity 3,000 → loss 7,000 → bid 46,000; SL at 45,500.
            // Segment 47,000 → 45,000 passes 46,000 (t = 0.5) before 45,500 (t = 0.75): stop-out at 46,000,
            // balance 10,000 − 7,000 = 3,000 (the SL would have left 10,000 − 7,250 = 2,750).
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60000);
            var p = broker.ExecuteMarketOrder(Buy(0.5) with { StopLossPrice = 45500 }).Position!;
            broker.ProcessQuote(broker.Symbol, new SimQuote(T0.AddMinutes(1), 47000, 47000, false));
            broker.ProcessQuote(broker.Symbol, new SimQuote(T0.AddMinutes(1).AddSeconds(15), 45000, 45000, true));
            Assert.That(broker.Positions, Is.Empty);
            Assert.That(broker.History, Has.Count.EqualTo(1));
            Assert.That(broker.History[0].PositionId, Is.EqualTo(p.Id));
            Assert.That(broker.History[0].Reason, Is.EqualTo(SimCloseReason.StopOut));
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(46000).Within(1e-6));
            Assert.That(broker.Balance, Is.EqualTo(3000).Within(1e-6));
        }

        [Test]
        public void ProcessQuote_SegmentCrossesStopLossBeforeStopOutLevel_ClosedAtStopLoss()
        {
            // Control: SL at 46,500 lies before the stop-out level (46,000) on the same segment: the SL fills
            // first at 46,500, balance 10,000 − 0.5 × 13,500 = 3,250, and no stop-out follows (no margin left).
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60000);
            broker.ExecuteMarketOrder(Buy(0.5) with { StopLossPrice = 46500 });
            broker.ProcessQuote(broker.Symbol, new SimQuote(T0.AddMinutes(1), 47000, 47000, false));
            broker.ProcessQuote(broker.Symbol, new SimQuote(T0.AddMinutes(1).AddSeconds(15), 45000, 45000, true));
            Assert.That(broker.History, Has.Count.EqualTo(1));
            Assert.That(broker.History[0].Reason, Is.EqualTo(SimCloseReason.StopLoss));
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(46500));
            Assert.That(broker.Balance, Is.EqualTo(3250).Within(1e-9));
        }

        [Test]
        public void ProcessQuote_StopOutBeforeOneStopLoss_OtherPositionKeepsItsStopLoss()
        {
            // Two longs on the segment 47,000 → 45,000. Account 12,000 (leverage 5):
            //   A 0.5 at 60,000, margin 6,000, no SL;  B 0.1 at 60,000, margin 1,200, SL 45,500.
            // Equity(bid) = 12,000 + 0.6 × (bid − 60,000); margin 7,200 → stop-out at equity 3,600 → bid 46,000.
            // At t = 0.5 (bid 46,000) A (the larger margin) is stopped out: balance 12,000 − 7,000 = 5,000;
            // then equity 5,000 − 1,400 = 3,600, margin 1,200 → 300 %. B goes on to its SL at 45,500 (t = 0.75):
            // balance 5,000 − 0.1 × 14,500 = 3,550.
            var broker = Broker(account: Account(12000));
            broker.ProcessQuote(T0, 60000, 60000);
            var a = broker.ExecuteMarketOrder(Buy(0.5)).Position!;
            var b = broker.ExecuteMarketOrder(Buy(0.1) with { StopLossPrice = 45500 }).Position!;
            broker.ProcessQuote(broker.Symbol, new SimQuote(T0.AddMinutes(1), 47000, 47000, false));
            broker.ProcessQuote(broker.Symbol, new SimQuote(T0.AddMinutes(1).AddSeconds(15), 45000, 45000, true));
            Assert.That(broker.History, Has.Count.EqualTo(2));
            Assert.That(broker.History[0].PositionId, Is.EqualTo(a.Id));
            Assert.That(broker.History[0].Reason, Is.EqualTo(SimCloseReason.StopOut));
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(46000).Within(1e-6));
            Assert.That(broker.History[1].PositionId, Is.EqualTo(b.Id));
            Assert.That(broker.History[1].Reason, Is.EqualTo(SimCloseReason.StopLoss));
            Assert.That(broker.History[1].ClosingPrice, Is.EqualTo(45500));
            Assert.That(broker.Balance, Is.EqualTo(3550).Within(1e-6));
        }
        [Test]
        public void ModifyPendingOrder_NegativeStopLossPips_InvalidStopLossTakeProfit()
        {
            // cTrader's ErrorCode.InvalidStopLossTakeProfit is "the invalid Stop Loss or Take Profit"; the broker
            // already answers it when the same SL is given at placement (PlacePendingOrder), so a modification
            // with it must get the same code, not InvalidRequest.
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60000);
            var request = new SimPendingOrderRequest(SimPendingOrderType.Limit, SimTradeSide.Buy, 0.1, 59000);
            Assert.That(broker.PlaceLimitOrder(request with { StopLossPips = -5 }).Error, Is.EqualTo(SimErrorCode.InvalidStopLossTakeProfit));
            var o = broker.PlaceLimitOrder(request).PendingOrder!;
            var r = broker.ModifyPendingOrder(o, 59000, -5, null, null, 0.1, false, null, null, null);
            Assert.That(r.Error, Is.EqualTo(SimErrorCode.InvalidStopLossTakeProfit));
            var t = broker.ModifyPendingOrder(o, 59000, null, 0, null, 0.1, false, null, null, null);
            Assert.That(t.Error, Is.EqualTo(SimErrorCode.InvalidStopLossTakeProfit));
        }
    }
}
