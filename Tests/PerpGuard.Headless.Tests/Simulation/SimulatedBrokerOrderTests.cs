using System;
using System.Collections.Generic;
using PerpGuard.Headless.Simulation;
using static PerpGuard.Headless.Tests.Simulation.SimTestFactory;

namespace PerpGuard.Headless.Tests.Simulation
{
    /// <summary>Validation, partial closes, pending orders, events.</summary>
    public class SimulatedBrokerOrderTests
    {
        private static SimulatedBroker Quoted(SimBrokerOptions? options = null, SimSymbolSpec? spec = null)
        {
            var broker = Broker(spec, options: options);
            broker.ProcessQuote(T0, 60000, 60010);
            return broker;
        }

        // Btc(): min 0.01, step 0.01, max 100.
        [TestCase(0.005, TestName = "ExecuteMarketOrder_BelowMinimum_BadVolume")]
        [TestCase(0.015, TestName = "ExecuteMarketOrder_OffStep_BadVolume")]
        [TestCase(101.0, TestName = "ExecuteMarketOrder_AboveMaximum_BadVolume")]
        [TestCase(0.0, TestName = "ExecuteMarketOrder_Zero_BadVolume")]
        [TestCase(-0.1, TestName = "ExecuteMarketOrder_Negative_BadVolume")]
        [TestCase(double.NaN, TestName = "ExecuteMarketOrder_NaN_BadVolume")]
        public void ExecuteMarketOrder_InvalidVolume_BadVolume(double volume)
        {
            var broker = Quoted();
            var r = broker.ExecuteMarketOrder(Buy(volume));
            Assert.That(r.IsSuccessful, Is.False);
            Assert.That(r.Error, Is.EqualTo(SimErrorCode.BadVolume));
            Assert.That(r.Message, Is.Not.Empty);
            Assert.That(broker.Positions, Is.Empty);
        }

        [TestCase(0.01)]
        [TestCase(0.3)]
        [TestCase(100.0)]
        public void ExecuteMarketOrder_ValidVolumeOnBoundary_Fills(double volume)
        {
            var broker = Broker(account: Account(10_000_000));
            broker.ProcessQuote(T0, 60000, 60010);
            Assert.That(broker.ExecuteMarketOrder(Buy(volume)).IsSuccessful, Is.True);
        }

        [Test]
        public void ExecuteMarketOrder_BuyStopAboveBid_InvalidStopLossTakeProfit()
        {
            var r = Quoted().ExecuteMarketOrder(Buy(0.1) with { StopLossPrice = 60005 });
            Assert.That(r.Error, Is.EqualTo(SimErrorCode.InvalidStopLossTakeProfit));
        }

        [Test]
        public void ExecuteMarketOrder_SellTakeProfitAboveAsk_InvalidStopLossTakeProfit()
        {
            var r = Quoted().ExecuteMarketOrder(Sell(0.1) with { TakeProfitPrice = 60100 });
            Assert.That(r.Error, Is.EqualTo(SimErrorCode.InvalidStopLossTakeProfit));
        }

        [Test]
        public void ExecuteMarketOrder_NegativeStopPips_InvalidStopLossTakeProfit()
        {
            var r = Quoted().ExecuteMarketOrder(Buy(0.1) with { StopLossPips = -50 });
            Assert.That(r.Error, Is.EqualTo(SimErrorCode.InvalidStopLossTakeProfit));
        }

        [Test]
        public void ExecuteMarketOrder_StopCloserThanMinimum_InvalidStopLossTakeProfit()
        {
            var spec = Btc();
            spec.MinStopDistancePips = 20;
            var broker = Quoted(spec: spec);
            Assert.That(broker.ExecuteMarketOrder(Buy(0.1) with { StopLossPips = 15 }).Error, Is.EqualTo(SimErrorCode.InvalidStopLossTakeProfit));
            Assert.That(broker.ExecuteMarketOrder(Buy(0.1) with { StopLossPips = 40 }).IsSuccessful, Is.True);
        }

        [Test]
        public void ExecuteMarketOrder_StopPips_MeasuredFromFill()
        {
            var p = Quoted().ExecuteMarketOrder(Sell(0.1) with { StopLossPips = 250, TakeProfitPips = 500 }).Position!;
            Assert.That(p.StopLoss, Is.EqualTo(60250)); // sold at bid 60,000
            Assert.That(p.TakeProfit, Is.EqualTo(59500));
        }

        [Test]
        public void ExecuteMarketOrder_NoQuoteYet_MarketClosed()
        {
            Assert.That(Broker().ExecuteMarketOrder(Buy(0.1)).Error, Is.EqualTo(SimErrorCode.MarketClosed));
        }

        [Test]
        public void ClosePosition_Unknown_EntityNotFound()
        {
            var broker = Quoted();
            var p = broker.ExecuteMarketOrder(Buy(0.1)).Position!;
            broker.ClosePosition(p);
            Assert.That(broker.ClosePosition(p).Error, Is.EqualTo(SimErrorCode.EntityNotFound));
        }

        [Test]
        public void ClosePosition_Partial_BooksOneDealAndKeepsRest()
        {
            var spec = Btc();
            spec.Commission = 30;
            var broker = Broker(spec);
            broker.ProcessQuote(T0, 60000, 60000);
            var p = broker.ExecuteMarketOrder(Buy(0.5)).Position!; // entry commission 0.90
            broker.ProcessQuote(T0.AddMinutes(1), 60100, 60100);
            var r = broker.ClosePosition(p, 0.2);
            // Deal: gross 0.2 × 100 = 20; entry share 0.90 × 0.4 = 0.36; exit 0.2 × 60,100 × 30e-6 = 0.3606 → booked
            // 0.36 (cents, like cTrader's deal amounts); net = 20 − 0.36 − 0.36 = 19.28.
            Assert.That(r.IsSuccessful, Is.True);
            Assert.That(broker.History, Has.Count.EqualTo(1));
            var deal = broker.History[0];
            Assert.That(deal.IsPartial, Is.True);
            Assert.That(deal.VolumeInUnits, Is.EqualTo(0.2).Within(1e-12));
            Assert.That(deal.NetProfit, Is.EqualTo(19.28));
            Assert.That(deal.Commissions, Is.EqualTo(-0.72));
            Assert.That(broker.Balance, Is.EqualTo(10019.28));
            Assert.That(p.VolumeInUnits, Is.EqualTo(0.3).Within(1e-12));
            Assert.That(p.Commissions, Is.EqualTo(-0.54).Within(1e-12));
            Assert.That(broker.Margin, Is.EqualTo(0.3 * 60000 / 5).Within(1e-9));
        }

        [Test]
        public void ClosePosition_PartialLeavingLessThanMinimum_BadVolume()
        {
            var broker = Quoted();
            var p = broker.ExecuteMarketOrder(Buy(0.5)).Position!;
            Assert.That(broker.ClosePosition(p, 0.495).Error, Is.EqualTo(SimErrorCode.BadVolume));
        }

        [Test]
        public void ModifyPositionVolume_Increase_AveragesEntry()
        {
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60000);
            var p = broker.ExecuteMarketOrder(Buy(0.1)).Position!;
            broker.ProcessQuote(T0.AddSeconds(1), 60300, 60300);
            Assert.That(broker.ModifyPositionVolume(p, 0.3).IsSuccessful, Is.True);
            Assert.That(p.EntryPrice, Is.EqualTo(60200).Within(1e-9)); // (6,000 + 12,060) / 0.3
        }

        [Test]
        public void PlaceLimitOrder_BuyLimitGap_FillsAtBetterAsk()
        {
            var broker = Quoted();
            var o = broker.PlaceLimitOrder(new SimPendingOrderRequest(SimPendingOrderType.Limit, SimTradeSide.Buy, 0.1, 59500)).PendingOrder!;
            broker.ProcessQuote(T0.AddSeconds(1), 59600, 59610);
            Assert.That(broker.PendingOrders, Has.Count.EqualTo(1));
            broker.ProcessQuote(T0.AddSeconds(2), 59480, 59490);
            Assert.That(broker.PendingOrders, Is.Empty);
            Assert.That(broker.Positions[0].EntryPrice, Is.EqualTo(59490));
            Assert.That(o.Id, Is.EqualTo(1));
        }

        [Test]
        public void PlaceLimitOrder_BuyLimitCrossedOnPath_FillsAtTarget()
        {
            var broker = Quoted();
            broker.PlaceLimitOrder(new SimPendingOrderRequest(SimPendingOrderType.Limit, SimTradeSide.Buy, 0.1, 59500) { StopLossPips = 100 });
            broker.ProcessQuote(broker.Symbol, new SimQuote(T0.AddSeconds(1), 59600, 59610, false));
            broker.ProcessQuote(broker.Symbol, new SimQuote(T0.AddSeconds(2), 59450, 59460, true));
            var p = broker.Positions[0];
            Assert.That(p.EntryPrice, Is.EqualTo(59500));
            Assert.That(p.StopLoss, Is.EqualTo(59400)); // 100 pips from the fill
        }

        [Test]
        public void PlaceStopOrder_BuyStop_TriggeredByAskCrossedOnPath_FillsAtTarget()
        {
            var broker = Quoted();
            broker.PlaceStopOrder(new SimPendingOrderRequest(SimPendingOrderType.Stop, SimTradeSide.Buy, 0.1, 60500));
            broker.ProcessQuote(broker.Symbol, new SimQuote(T0.AddSeconds(1), 60100, 60110, false));
            broker.ProcessQuote(broker.Symbol, new SimQuote(T0.AddSeconds(2), 60590, 60600, true));
            Assert.That(broker.Positions[0].EntryPrice, Is.EqualTo(60500));
        }

        [Test]
        public void PlaceStopOrder_SellStopGap_FillsAtGapBid()
        {
            var broker = Quoted();
            broker.PlaceStopOrder(new SimPendingOrderRequest(SimPendingOrderType.Stop, SimTradeSide.Sell, 0.1, 59500));
            broker.ProcessQuote(T0.AddSeconds(1), 59300, 59310);
            Assert.That(broker.Positions[0].EntryPrice, Is.EqualTo(59300));
        }

        [Test]
        public void PlaceStopLimitOrder_GapBeyondRange_RestsAsLimitAtRangeEdge()
        {
            var broker = Quoted();
            var o = broker.PlaceStopLimitOrder(new SimPendingOrderRequest(SimPendingOrderType.StopLimit, SimTradeSide.Buy, 0.1, 60500) { StopLimitRangePips = 50 }).PendingOrder!;
            broker.ProcessQuote(T0.AddSeconds(1), 60590, 60600); // ask 60,600 > 60,550 → no fill
            Assert.That(broker.Positions, Is.Empty);
            Assert.That(o.OrderType, Is.EqualTo(SimPendingOrderType.Limit));
            Assert.That(o.TargetPrice, Is.EqualTo(60550));
            broker.ProcessQuote(T0.AddSeconds(2), 60530, 60540);
            Assert.That(broker.Positions[0].EntryPrice, Is.EqualTo(60540));
        }

        [Test]
        public void PlaceStopLimitOrder_GapWithinRange_FillsAtGap()
        {
            var broker = Quoted();
            broker.PlaceStopLimitOrder(new SimPendingOrderRequest(SimPendingOrderType.StopLimit, SimTradeSide.Buy, 0.1, 60500) { StopLimitRangePips = 50 });
            broker.ProcessQuote(T0.AddSeconds(1), 60510, 60520);
            Assert.That(broker.Positions[0].EntryPrice, Is.EqualTo(60520));
        }

        [Test]
        public void PendingOrder_Expired_CancelledWithExpiredReason()
        {
            var broker = Quoted();
            var listener = new RecordingListener();
            broker.Listener = listener;
            broker.PlaceLimitOrder(new SimPendingOrderRequest(SimPendingOrderType.Limit, SimTradeSide.Buy, 0.1, 59000) { Expiration = T0.AddHours(1) });
            broker.ProcessQuote(T0.AddMinutes(59), 60000, 60010);
            Assert.That(broker.PendingOrders, Has.Count.EqualTo(1));
            broker.ProcessQuote(T0.AddHours(1), 60000, 60010);
            Assert.That(broker.PendingOrders, Is.Empty);
            Assert.That(listener.Log, Is.EqualTo(new[] { "created 1", "cancelled 1 Expired" }));
        }

        [Test]
        public void PlacePendingOrder_ExpirationInPast_InvalidRequest()
        {
            var r = Quoted().PlaceLimitOrder(new SimPendingOrderRequest(SimPendingOrderType.Limit, SimTradeSide.Buy, 0.1, 59000) { Expiration = T0 });
            Assert.That(r.Error, Is.EqualTo(SimErrorCode.InvalidRequest));
        }

        [Test]
        public void CancelPendingOrder_Twice_SecondEntityNotFound()
        {
            var broker = Quoted();
            var o = broker.PlaceLimitOrder(new SimPendingOrderRequest(SimPendingOrderType.Limit, SimTradeSide.Buy, 0.1, 59000)).PendingOrder!;
            Assert.That(broker.CancelPendingOrder(o).IsSuccessful, Is.True);
            Assert.That(broker.CancelPendingOrder(o).Error, Is.EqualTo(SimErrorCode.EntityNotFound));
        }

        [Test]
        public void Events_StopLossHit_OpenedThenClosedWithReason()
        {
            var broker = Quoted();
            var listener = new RecordingListener();
            broker.Listener = listener;
            broker.ExecuteMarketOrder(Buy(0.1) with { StopLossPrice = 59900 });
            broker.ProcessQuote(T0.AddSeconds(1), 59800, 59810);
            Assert.That(listener.Log, Is.EqualTo(new[] { "opened 1", "closed 1 StopLoss" }));
        }

        [Test]
        public void Events_PendingFill_OpenedThenFilled()
        {
            var broker = Quoted();
            var listener = new RecordingListener();
            broker.Listener = listener;
            broker.PlaceLimitOrder(new SimPendingOrderRequest(SimPendingOrderType.Limit, SimTradeSide.Buy, 0.1, 59500));
            broker.ProcessQuote(T0.AddSeconds(1), 59400, 59410);
            Assert.That(listener.Log, Is.EqualTo(new[] { "created 1", "opened 1", "filled 1 -> 1" }));
        }

        [Test]
        public void Events_HandlerReentersBroker_SeesConsistentStateAndNewPositionWorks()
        {
            var broker = Quoted();
            var listener = new RecordingListener { OnClosed = b => b.ExecuteMarketOrder(Sell(0.1)) };
            listener.Broker = broker;
            broker.Listener = listener;
            broker.ExecuteMarketOrder(Buy(0.1) with { StopLossPrice = 59900 });
            broker.ExecuteMarketOrder(Buy(0.1) with { StopLossPrice = 59850 });
            // Both stops hit on one quote; each close handler opens a short while the broker is mid-quote.
            broker.ProcessQuote(T0.AddSeconds(1), 59800, 59810);
            Assert.That(broker.Positions, Has.Count.EqualTo(2));
            Assert.That(broker.Positions[0].Side, Is.EqualTo(SimTradeSide.Sell));
            Assert.That(listener.Log, Is.EqualTo(new[] { "opened 1", "opened 2", "closed 1 StopLoss", "closed 2 StopLoss", "opened 3", "opened 4" }));
        }

        [Test]
        public void Ids_PositionsOrdersDeals_IncreaseFromOne()
        {
            var broker = Quoted();
            var a = broker.ExecuteMarketOrder(Buy(0.1)).Position!;
            var b = broker.ExecuteMarketOrder(Buy(0.1)).Position!;
            var o = broker.PlaceLimitOrder(new SimPendingOrderRequest(SimPendingOrderType.Limit, SimTradeSide.Buy, 0.1, 59000)).PendingOrder!;
            broker.ClosePosition(b);
            Assert.That(new[] { a.Id, b.Id, o.Id, broker.History[0].ClosingDealId }, Is.EqualTo(new[] { 1, 2, 1, 1 }));
        }

        [Test]
        public void ModifyPendingOrder_NewTarget_FillsAtNewTarget()
        {
            var broker = Quoted();
            var listener = new RecordingListener();
            broker.Listener = listener;
            var o = broker.PlaceLimitOrder(new SimPendingOrderRequest(SimPendingOrderType.Limit, SimTradeSide.Buy, 0.1, 59000)).PendingOrder!;
            var r = broker.ModifyPendingOrder(o, 59800, 100, null, null, 0.2, false, null, null, null);
            Assert.That(r.IsSuccessful, Is.True);
            broker.ProcessQuote(T0.AddSeconds(1), 59780, 59790);
            var p = broker.Positions[0];
            Assert.That(p.EntryPrice, Is.EqualTo(59790));
            Assert.That(p.VolumeInUnits, Is.EqualTo(0.2));
            Assert.That(p.StopLoss, Is.EqualTo(59690));
            Assert.That(listener.Log, Is.EqualTo(new[] { "created 1", "order modified 1", "opened 1", "filled 1 -> 1" }));
        }

        [Test]
        public void ModifyPendingOrder_BadVolume_Refused()
        {
            var broker = Quoted();
            var o = broker.PlaceLimitOrder(new SimPendingOrderRequest(SimPendingOrderType.Limit, SimTradeSide.Buy, 0.1, 59000)).PendingOrder!;
            Assert.That(broker.ModifyPendingOrder(o, 59000, null, null, null, 0.005, false, null, null, null).Error, Is.EqualTo(SimErrorCode.BadVolume));
            Assert.That(o.VolumeInUnits, Is.EqualTo(0.1));
        }

        [Test]
        public void ClosePosition_Partial_RaisesPartiallyClosedNotClosed()
        {
            var broker = Quoted();
            var listener = new RecordingListener();
            broker.Listener = listener;
            var p = broker.ExecuteMarketOrder(Buy(0.5)).Position!;
            broker.ClosePosition(p, 0.2);
            broker.ClosePosition(p);
            Assert.That(listener.Log, Is.EqualTo(new[] { "opened 1", "partial 1 Closed", "closed 1 Closed" }));
            Assert.That(broker.History, Has.Count.EqualTo(2));
            Assert.That(broker.History[0].PositionId, Is.EqualTo(broker.History[1].PositionId));
        }

        [Test]
        public void ProcessQuote_LongStopOppositeCrossedOnPath_ExitsAtStopMinusSpread()
        {
            var broker = Quoted();
            broker.ExecuteMarketOrder(Buy(0.1) with { StopLossPrice = 59700, StopLossTriggerMethod = SimStopTriggerMethod.Opposite });
            // Ask falls through 59,700 on a straight segment; the bid then was 59,700 − spread 10.
            broker.ProcessQuote(broker.Symbol, new SimQuote(T0.AddSeconds(1), 59500, 59510, true));
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(59690));
        }

        [Test]
        public void StopOut_ShortSqueezed_ClosedAtComputedAsk()
        {
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60000);
            broker.ExecuteMarketOrder(Sell(0.5));
            // Margin 6,000; stop-out at equity 3,000 → loss 7,000 → ask 60,000 + 14,000 = 74,000, where the level is
            // exactly 50 %: not yet *less than* the stop-out level (cTrader IAccount.StopOutLevel). Two ticks above:
            // gross (60,000 − 74,000.02) × 0.5 = −7,000.01, balance 2,999.99.
            broker.ProcessQuote(T0.AddSeconds(1), 73999, 73999);
            Assert.That(broker.Positions, Has.Count.EqualTo(1));
            broker.ProcessQuote(T0.AddSeconds(2), 74000, 74000);
            Assert.That(broker.Positions, Has.Count.EqualTo(1));
            broker.ProcessQuote(T0.AddSeconds(3), 74000.02, 74000.02);
            Assert.That(broker.History[0].Reason, Is.EqualTo(SimCloseReason.StopOut));
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(74000.02));
            Assert.That(broker.Balance, Is.EqualTo(2999.99).Within(1e-9));
        }

        [Test]
        public void Netted_OppositeOrderOfEqualVolume_ClosesPosition()
        {
            var broker = Broker(account: Account(type: SimAccountType.Netted));
            broker.ProcessQuote(T0, 60000, 60010);
            broker.ExecuteMarketOrder(Buy(0.3));
            var r = broker.ExecuteMarketOrder(Sell(0.3));
            Assert.That(r.IsSuccessful, Is.True);
            Assert.That(broker.Positions, Is.Empty);
            Assert.That(broker.History[0].GrossProfit, Is.EqualTo(-3).Within(1e-9)); // spread 10 × 0.3
        }

        internal sealed class RecordingListener : ISimBrokerListener
        {
            public List<string> Log { get; } = new List<string>();
            public SimulatedBroker? Broker { get; set; }
            public Action<SimulatedBroker>? OnClosed { get; set; }

            public void OnPositionOpened(SimPosition position) => Log.Add("opened " + position.Id);

            public void OnPositionClosed(SimPosition position, SimClosedTrade trade, SimCloseReason reason)
            {
                Log.Add("closed " + position.Id + " " + reason);
                if (OnClosed != null && Broker != null) OnClosed(Broker);
            }

            public void OnPositionPartiallyClosed(SimPosition position, SimClosedTrade trade, SimCloseReason reason) => Log.Add("partial " + position.Id + " " + reason);
            public void OnPositionModified(SimPosition position) => Log.Add("modified " + position.Id);
            public void OnPendingOrderCreated(SimPendingOrder order) => Log.Add("created " + order.Id);
            public void OnPendingOrderModified(SimPendingOrder order) => Log.Add("order modified " + order.Id);
            public void OnPendingOrderFilled(SimPendingOrder order, SimPosition position) => Log.Add("filled " + order.Id + " -> " + position.Id);
            public void OnPendingOrderCancelled(SimPendingOrder order, SimCancelReason reason) => Log.Add("cancelled " + order.Id + " " + reason);
        }
    }
}
