using System;
using PerpGuard.Headless.Simulation;
using static PerpGuard.Headless.Tests.Simulation.SimTestFactory;

namespace PerpGuard.Headless.Tests.Simulation
{
    /// <summary>
    /// Behaviour checked against cTrader's own documentation (each test names its source). BTCUSD of
    /// <see cref="SimTestFactory.Btc"/>: pip 1, tick 0.01, leverage 5, no costs; account 10,000, stop-out 50 %.
    /// </summary>
    public class SimulatedBrokerFaithfulnessTests
    {
        private static void Jump(SimulatedBroker broker, int second, double bid, double ask) =>
            broker.ProcessQuote(broker.Symbol, new SimQuote(T0.AddSeconds(second), bid, ask, false));

        private static void Line(SimulatedBroker broker, int second, double bid, double ask) =>
            broker.ProcessQuote(broker.Symbol, new SimQuote(T0.AddSeconds(second), bid, ask, true));

        // Source: help.ctrader.com/ctrader-algo/references/Account/IAccount/StopOutLevel — "If Margin Level is less
        // than Stop Out, position will be closed sequentially until Margin Level is greater than Stop Out."
        // Bought 0.5 BTC at the ask 60,000: notional 30,000, margin 30,000 / 5 = 6,000; stop-out at equity
        // 50 % × 6,000 = 3,000, i.e. bid 60,000 − 7,000 / 0.5 = 46,000. At bid 46,000 equity = 10,000 − 7,000 = 3,000
        // and the margin level 3,000 / 6,000 × 100 = 50 % exactly: not less than the stop-out level, nothing closes.
        [Test]
        public void StopOut_MarginLevelExactlyAtTheLevel_OnAJump_KeepsThePosition()
        {
            var broker = Broker();
            broker.ProcessQuote(T0, 59990, 60000);
            var p = broker.ExecuteMarketOrder(Buy(0.5)).Position!;
            Assert.That(broker.Margin, Is.EqualTo(6000).Within(1e-9));
            Jump(broker, 1, 46000, 46010);
            Assert.That(broker.MarginLevel, Is.EqualTo(50.0));
            Assert.That(broker.History, Is.Empty);
            Assert.That(broker.Positions, Has.Count.EqualTo(1));

            // Two ticks lower: equity 10,000 + 0.5 × (45,999.98 − 60,000) = 2,999.99, level 49.9998 % < 50 %: stopped
            // out at that bid; gross −7,000.01, balance 2,999.99.
            Jump(broker, 2, 45999.98, 46009.98);
            Assert.That(broker.History, Has.Count.EqualTo(1));
            Assert.That(broker.History[0].PositionId, Is.EqualTo(p.Id));
            Assert.That(broker.History[0].Reason, Is.EqualTo(SimCloseReason.StopOut));
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(45999.98));
            Assert.That(broker.Balance, Is.EqualTo(2999.99).Within(1e-9));
        }

        // Same source and arithmetic: a straight-line segment that ends exactly at bid 46,000 (level 50 %) never takes
        // the margin level below the stop-out level.
        [Test]
        public void StopOut_SegmentEndingExactlyAtTheLevel_KeepsThePosition()
        {
            var broker = Broker();
            broker.ProcessQuote(T0, 59990, 60000);
            broker.ExecuteMarketOrder(Buy(0.5));
            Line(broker, 1, 46000, 46010);
            Assert.That(broker.MarginLevel, Is.EqualTo(50.0));
            Assert.That(broker.History, Is.Empty);
        }

        // Same source, second half: closing goes on "until Margin Level is greater than Stop Out", so a level left at
        // exactly 50 % after a close is not enough. Account 20,000; bought at 60,000 (no spread) A 1.0 (margin
        // 12,000) and B 0.25 (margin 3,000): margin 15,000. Jump to bid 45,200: equity 20,000 − 1.25 × 14,800 = 1,500,
        // level 10 %: A (most margin) is sold at 45,200, gross −14,800, balance 5,200. B alone: equity 5,200 − 0.25 ×
        // 14,800 = 1,500, margin 3,000, level 50 % exactly — not greater, so B is closed too: gross −3,700, balance 1,500.
        [Test]
        public void StopOut_LevelLeftExactlyAtTheLevel_ClosesTheNextPositionToo()
        {
            var broker = Broker(account: Account(20000));
            broker.ProcessQuote(T0, 60000, 60000);
            var a = broker.ExecuteMarketOrder(Buy(1)).Position!;
            var b = broker.ExecuteMarketOrder(Buy(0.25)).Position!;
            Assert.That(broker.Margin, Is.EqualTo(15000).Within(1e-9));
            Jump(broker, 1, 45200, 45200);
            Assert.That(broker.History, Has.Count.EqualTo(2));
            Assert.That(broker.History[0].PositionId, Is.EqualTo(a.Id));
            Assert.That(broker.History[1].PositionId, Is.EqualTo(b.Id));
            Assert.That(broker.History[1].Reason, Is.EqualTo(SimCloseReason.StopOut));
            Assert.That(broker.History[1].ClosingPrice, Is.EqualTo(45200));
            Assert.That(broker.Balance, Is.EqualTo(1500).Within(1e-9));
            Assert.That(broker.Positions, Is.Empty);
        }

        // Orders on the "wrong" side of the market. cTrader documents a limit order's target as the "Price (or better)
        // at which order is filled" and a stop order's as the "Price at which order becomes a market order"
        // (help.ctrader.com/ctrader-automate/references/General/Robot/, PlaceLimitOrder / PlaceStopOrder parameters), and
        // its own PendingOrderFilledEventArgs example places PlaceStopOrder(TradeType.Buy, ..., Symbol.Ask) and expects
        // the Filled event: such an order is accepted and fills at the market, it is not refused. Whether cTrader fills
        // it on the very request or on the next tick is not documented; the simulator fills it on the next quote, at
        // that quote's price. Quote 60,000 / 60,010; next quote (a jump) 60,050 / 60,060.
        [TestCase(SimPendingOrderType.Limit, SimTradeSide.Buy, 60200.0, 60060.0, TestName = "WrongSide_BuyLimitAboveTheAsk_AcceptedAndFilledAtTheNextAsk")]
        [TestCase(SimPendingOrderType.Limit, SimTradeSide.Sell, 59800.0, 60050.0, TestName = "WrongSide_SellLimitBelowTheBid_AcceptedAndFilledAtTheNextBid")]
        [TestCase(SimPendingOrderType.Stop, SimTradeSide.Buy, 59800.0, 60060.0, TestName = "WrongSide_BuyStopBelowTheAsk_AcceptedAndFilledAtTheNextAsk")]
        [TestCase(SimPendingOrderType.Stop, SimTradeSide.Sell, 60200.0, 60050.0, TestName = "WrongSide_SellStopAboveTheBid_AcceptedAndFilledAtTheNextBid")]
        public void PendingOrder_OnTheWrongSideOfTheMarket_AcceptedThenFilledAtTheNextQuote(SimPendingOrderType type, SimTradeSide side, double target, double expectedFill)
        {
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60010);
            var placed = broker.PlacePendingOrder(new SimPendingOrderRequest(type, side, 0.1, target));
            Assert.That(placed.IsSuccessful, Is.True);
            Assert.That(broker.Positions, Is.Empty);
            Jump(broker, 1, 60050, 60060);
            Assert.That(broker.PendingOrders, Is.Empty);
            Assert.That(broker.Positions, Has.Count.EqualTo(1));
            Assert.That(broker.Positions[0].Side, Is.EqualTo(side));
            Assert.That(broker.Positions[0].EntryPrice, Is.EqualTo(expectedFill));
        }

        // REFERENCE.md §7 (ModifyPosition: "absolute prices, null removes") and help.ctrader.com Position.HasTrailingStop
        // ("the server updates the Stop Loss every time the position moves in your favor" — with no stop there is nothing
        // to trail). Long 0.1 at the ask 60,010 with SL 100 pips → 59,910, TP 200 pips → 60,210, trailing on.
        [Test]
        public void ModifyPosition_NullStopAndTarget_RemovesBothAndTrailing()
        {
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60010);
            var p = broker.ExecuteMarketOrder(Buy(0.1) with { StopLossPips = 100, TakeProfitPips = 200, HasTrailingStop = true }).Position!;
            Assert.That(p.StopLoss, Is.EqualTo(59910));
            Assert.That(p.TakeProfit, Is.EqualTo(60210));
            Assert.That(p.HasTrailingStop, Is.True);
            var r = broker.ModifyPosition(p, null, null, true);
            Assert.That(r.IsSuccessful, Is.True);
            Assert.That(p.StopLoss, Is.Null);
            Assert.That(p.TakeProfit, Is.Null);
            Assert.That(p.HasTrailingStop, Is.False);
            // Nothing closes it any more: a bid far below the old stop and one far above the old target.
            Jump(broker, 1, 50000, 50010);
            Jump(broker, 2, 70000, 70010);
            Assert.That(broker.Positions, Has.Count.EqualTo(1));
            Assert.That(broker.History, Is.Empty);
        }

        // Not documented by cTrader (ClosePosition(Position, double volume): "volume" to close, nothing said about more
        // than the position holds); our choice, pinned: the whole position closes in one deal, reason Closed. Long 0.1
        // at the ask 60,010, closed at the bid 60,000: gross (60,000 − 60,010) × 0.1 = −1.00.
        [Test]
        public void ClosePosition_MoreThanTheVolume_ClosesAllOfIt()
        {
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60010);
            var p = broker.ExecuteMarketOrder(Buy(0.1)).Position!;
            var r = broker.ClosePosition(p, 0.2);
            Assert.That(r.IsSuccessful, Is.True);
            Assert.That(r.FilledVolume, Is.EqualTo(0.1));
            Assert.That(broker.Positions, Is.Empty);
            Assert.That(broker.History, Has.Count.EqualTo(1));
            Assert.That(broker.History[0].IsPartial, Is.False);
            Assert.That(broker.History[0].VolumeInUnits, Is.EqualTo(0.1));
            Assert.That(broker.History[0].Reason, Is.EqualTo(SimCloseReason.Closed));
            Assert.That(broker.Balance, Is.EqualTo(9999).Within(1e-9));
        }
    }
}
