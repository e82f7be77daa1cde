using System;
using System.Collections.Generic;
using PerpGuard.Headless.Simulation;
using PerpGuard.MarketData;
using static PerpGuard.Headless.Tests.Simulation.SimTestFactory;

namespace PerpGuard.Headless.Tests.Simulation
{
    /// <summary>
    /// Which price (bid or ask, now or on the previous quote) each trigger watches, and where it fills, for the
    /// sides and trigger methods the first tests did not reach (mutation testing found them unchecked). The quotes
    /// are chosen so that the bid and the ask disagree about the level; every fill is worked by hand. BTCUSD from
    /// SimTestFactory (pip 1, tick 0.01), spread 10 unless said.
    /// </summary>
    public class SimulatedBrokerTriggerSideTests
    {
        private static SimulatedBroker Quoted(SimBrokerOptions? options = null, SimSymbolSpec? spec = null)
        {
            var broker = Broker(spec, options: options);
            broker.ProcessQuote(T0, 60000, 60010);
            return broker;
        }

        /// <summary>Pessimistic fills; the order (at bid 60,000 / ask 60,010) carries an Opposite stop and a target.</summary>
        private static SimulatedBroker PessimisticWithOppositeStop(SimMarketOrder order, double stop, double target)
        {
            var broker = Quoted(new SimBrokerOptions { PessimisticBarFills = true });
            broker.ExecuteMarketOrder(order with { StopLossPrice = stop, TakeProfitPrice = target, StopLossTriggerMethod = SimStopTriggerMethod.Opposite });
            return broker;
        }

        private static void Jump(SimulatedBroker broker, int second, double bid, double ask) =>
            broker.ProcessQuote(broker.Symbol, new SimQuote(T0.AddSeconds(second), bid, ask, false));

        private static void Line(SimulatedBroker broker, int second, double bid, double ask) =>
            broker.ProcessQuote(broker.Symbol, new SimQuote(T0.AddSeconds(second), bid, ask, true));

        private static SimPendingOrderRequest Order(SimPendingOrderType type, SimTradeSide side, double target) =>
            new SimPendingOrderRequest(type, side, 0.1, target);

        // ---- take profit ----

        [Test]
        public void ShortTakeProfit_AskCrossesOnPath_FillsAtTheTarget()
        {
            var broker = Quoted();
            var p = broker.ExecuteMarketOrder(Sell(0.5) with { TakeProfitPrice = 59700 }).Position!;
            Jump(broker, 1, 59695, 59705); // the bid is past 59,700 but a short's target watches the ask: still open
            Assert.That(broker.Positions, Has.Count.EqualTo(1));
            // The ask runs 59,705 → 59,690 on a straight line and meets 59,700: filled there.
            // Ledger: sold at the bid 60,000; (60,000 − 59,700) × 0.5 = 150.
            Line(broker, 2, 59680, 59690);
            Assert.That(broker.History, Has.Count.EqualTo(1));
            Assert.That(broker.History[0].PositionId, Is.EqualTo(p.Id));
            Assert.That(broker.History[0].Reason, Is.EqualTo(SimCloseReason.TakeProfit));
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(59700));
            Assert.That(broker.History[0].GrossProfit, Is.EqualTo(150).Within(1e-9));
            Assert.That(broker.Equity, Is.EqualTo(10150).Within(1e-9)); // nothing open: equity = balance
        }

        [Test]
        public void LongTakeProfit_BidCrossesOnPathWhileThePreviousAskWasBeyond_FillsAtTheTarget()
        {
            var broker = Quoted();
            broker.ExecuteMarketOrder(Buy(0.5) with { TakeProfitPrice = 60300 });
            Jump(broker, 1, 60295, 60305); // ask past the target, bid not: open
            Assert.That(broker.Positions, Has.Count.EqualTo(1));
            // Bid 60,295 → 60,310 crosses 60,300: filled at 60,300. Ledger: (60,300 − 60,010) × 0.5 = 145.
            Line(broker, 2, 60310, 60320);
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(60300));
            Assert.That(broker.History[0].GrossProfit, Is.EqualTo(145).Within(1e-9));
        }

        [Test]
        public void TakeProfit_QuoteExactlyAtTheTarget_Fills()
        {
            var broker = Quoted();
            broker.ExecuteMarketOrder(Buy(0.5) with { TakeProfitPrice = 60300 });
            broker.ExecuteMarketOrder(Sell(0.5) with { TakeProfitPrice = 59700 });
            Jump(broker, 1, 60300, 60310); // the long's bid is at its target
            Assert.That(broker.History, Has.Count.EqualTo(1));
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(60300));
            Jump(broker, 2, 59690, 59700); // the short's ask is at its target
            Assert.That(broker.History, Has.Count.EqualTo(2));
            Assert.That(broker.History[1].ClosingPrice, Is.EqualTo(59700));
        }

        [Test]
        public void TakeProfit_TwoPositionsOnOneQuote_BothClosedAndNothingCountedTwice()
        {
            var broker = Broker(account: Account(20000));
            broker.ProcessQuote(T0, 60000, 60010);
            broker.ExecuteMarketOrder(Buy(0.5) with { TakeProfitPrice = 60300 });
            broker.ExecuteMarketOrder(Buy(0.5) with { TakeProfitPrice = 60300 });
            // Gap to 60,400: both targets filled at the better bid. Ledger: 2 × (60,400 − 60,010) × 0.5 = 390.
            Jump(broker, 1, 60400, 60410);
            Assert.That(broker.Positions, Is.Empty);
            Assert.That(broker.History, Has.Count.EqualTo(2));
            Assert.That(broker.Balance, Is.EqualTo(20390).Within(1e-9));
            Assert.That(broker.Equity, Is.EqualTo(20390).Within(1e-9));
            Assert.That(broker.UnrealizedGrossProfit, Is.EqualTo(0));
        }

        // ---- stop loss ----

        [Test]
        public void ShortStopLoss_AskCrossesOnPath_FillsAtTheStop()
        {
            var broker = Quoted();
            broker.ExecuteMarketOrder(Sell(0.5) with { StopLossPrice = 60300 });
            Jump(broker, 1, 60280, 60290);
            // Ask 60,290 → 60,320 crosses 60,300: filled at 60,300. Ledger: (60,000 − 60,300) × 0.5 = −150.
            Line(broker, 2, 60310, 60320);
            Assert.That(broker.History[0].Reason, Is.EqualTo(SimCloseReason.StopLoss));
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(60300));
            Assert.That(broker.History[0].GrossProfit, Is.EqualTo(-150).Within(1e-9));
        }

        [Test]
        public void LongStopLossOpposite_AskCrossesOnPathWhileThePreviousBidWasBeyond_ExitsAtStopMinusSpread()
        {
            var broker = Quoted();
            broker.ExecuteMarketOrder(Buy(0.5) with { StopLossPrice = 59700, StopLossTriggerMethod = SimStopTriggerMethod.Opposite });
            Jump(broker, 1, 59695, 59705); // bid below the stop, but an Opposite long stop watches the ask: open
            Assert.That(broker.Positions, Has.Count.EqualTo(1));
            // Ask 59,705 → 59,690 meets 59,700 on the line; the bid then was 59,700 − 10 = 59,690 (not the quote's 59,680).
            // Ledger: (59,690 − 60,010) × 0.5 = −160.
            Line(broker, 2, 59680, 59690);
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(59690));
            Assert.That(broker.History[0].GrossProfit, Is.EqualTo(-160).Within(1e-9));
        }

        [Test]
        public void ShortStopLossOpposite_BidCrossesOnPath_ExitsAtStopPlusSpread()
        {
            var broker = Quoted();
            broker.ExecuteMarketOrder(Sell(0.5) with { StopLossPrice = 60300, StopLossTriggerMethod = SimStopTriggerMethod.Opposite });
            Jump(broker, 1, 60295, 60305); // ask past the stop, bid (the trigger) not
            Assert.That(broker.Positions, Has.Count.EqualTo(1));
            // Bid 60,295 → 60,310 meets 60,300; the ask then was 60,300 + 10 = 60,310 (not the quote's 60,320).
            // Ledger: (60,000 − 60,310) × 0.5 = −155.
            Line(broker, 2, 60310, 60320);
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(60310));
            Assert.That(broker.History[0].GrossProfit, Is.EqualTo(-155).Within(1e-9));
        }

        // ---- pessimistic bar fills ----

        private static MarketBar Bar(double open, double high, double low, double close) => new MarketBar(T0.AddMinutes(1), open, high, low, close, 1);

        [Test]
        public void Pessimistic_LongBarLowExactlyAtTheStopAfterTheTarget_FillsTheStop()
        {
            var broker = Quoted(new SimBrokerOptions { PessimisticBarFills = true });
            broker.ExecuteMarketOrder(Buy(0.5) with { StopLossPrice = 59700, TakeProfitPrice = 60200 });
            // Path 60,000 → 60,250 (nearer: 250 < 300, target met) → 59,700 → 60,100. The bar's low touches the stop
            // exactly, so the pessimistic fill is the stop: (59,700 − 60,010) × 0.5 = −155, booked once.
            broker.ProcessBar(broker.Symbol, Bar(60000, 60250, 59700, 60100), new TickPath(SimSpreadModel.Fixed(10)));
            Assert.That(broker.History, Has.Count.EqualTo(1));
            Assert.That(broker.History[0].Reason, Is.EqualTo(SimCloseReason.StopLoss));
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(59700));
            Assert.That(broker.Balance, Is.EqualTo(10000 - 155).Within(1e-9));
        }

        [Test]
        public void Pessimistic_ShortBarAskHighExactlyAtTheStop_FillsTheStop()
        {
            var broker = Quoted(new SimBrokerOptions { PessimisticBarFills = true });
            broker.ExecuteMarketOrder(Sell(0.5) with { StopLossPrice = 60300, TakeProfitPrice = 59750 });
            // Bid bar 60,000 / 60,290 / 59,720 / 59,900, asks +10: the low (280 away) comes before the high (290):
            // ask 59,730 ≤ 59,750 meets the target first, but the bar's ask high 60,300 touches the stop.
            // Pessimistic: the stop, (60,000 − 60,300) × 0.5 = −150.
            broker.ProcessBar(broker.Symbol, Bar(60000, 60290, 59720, 59900), new TickPath(SimSpreadModel.Fixed(10)));
            Assert.That(broker.History, Has.Count.EqualTo(1));
            Assert.That(broker.History[0].Reason, Is.EqualTo(SimCloseReason.StopLoss));
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(60300));
        }

        [Test]
        public void Pessimistic_ShortBarAskHighBelowTheStop_FillsTheTarget()
        {
            var broker = Quoted(new SimBrokerOptions { PessimisticBarFills = true });
            broker.ExecuteMarketOrder(Sell(0.5) with { StopLossPrice = 60300, TakeProfitPrice = 59750 });
            // Same but the high is 60,285 (ask 60,295 < 60,300): the stop was never touched, the target fills on the
            // path at 59,750: (60,000 − 59,750) × 0.5 = 125. (A short's stop is judged by the ask high, not the bid low.)
            broker.ProcessBar(broker.Symbol, Bar(60000, 60285, 59720, 59900), new TickPath(SimSpreadModel.Fixed(10)));
            Assert.That(broker.History, Has.Count.EqualTo(1));
            Assert.That(broker.History[0].Reason, Is.EqualTo(SimCloseReason.TakeProfit));
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(59750));
            Assert.That(broker.History[0].GrossProfit, Is.EqualTo(125).Within(1e-9));
        }

        [Test]
        public void Pessimistic_LongOppositeStopOnlyTheBidReachedIt_FillsTheTarget()
        {
            var broker = PessimisticWithOppositeStop(Buy(0.5), stop: 59700, target: 60200);
            // Bid bar 60,000 / 60,250 / 59,695 / 60,100, asks +10: the high (250 away) comes first and meets the target.
            // The bid low 59,695 is below the stop, but this stop watches the ask, whose low is 59,705: the stop was
            // never triggered in the bar, so the pessimistic rule has nothing to prefer. Target: (60,200 − 60,010) × 0.5 = 95.
            broker.ProcessBar(broker.Symbol, Bar(60000, 60250, 59695, 60100), new TickPath(SimSpreadModel.Fixed(10)));
            Assert.That(broker.History, Has.Count.EqualTo(1));
            Assert.That(broker.History[0].Reason, Is.EqualTo(SimCloseReason.TakeProfit));
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(60200));
            Assert.That(broker.History[0].GrossProfit, Is.EqualTo(95).Within(1e-9));
        }

        [Test]
        public void Pessimistic_LongOppositeStopTheAskReachedIt_ExitsAtTheBidThen()
        {
            var broker = PessimisticWithOppositeStop(Buy(0.5), stop: 59700, target: 60200);
            // Low 59,690: the ask low 59,700 touches the stop. Pessimistic: the stop, and an Opposite long stop exits at
            // the bid when the ask is at the stop, 59,700 − 10 = 59,690 (as on a path): (59,690 − 60,010) × 0.5 = −160.
            broker.ProcessBar(broker.Symbol, Bar(60000, 60250, 59690, 60100), new TickPath(SimSpreadModel.Fixed(10)));
            Assert.That(broker.History, Has.Count.EqualTo(1));
            Assert.That(broker.History[0].Reason, Is.EqualTo(SimCloseReason.StopLoss));
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(59690));
            Assert.That(broker.History[0].GrossProfit, Is.EqualTo(-160).Within(1e-9));
        }

        [Test]
        public void Pessimistic_ShortOppositeStopOnlyTheAskReachedIt_FillsTheTarget()
        {
            var broker = PessimisticWithOppositeStop(Sell(0.5), stop: 60300, target: 59750);
            // Bid bar 60,000 / 60,295 / 59,720 / 59,900: the low (280 away) first, ask 59,730 meets the target. The ask
            // high 60,305 is above the stop but this stop watches the bid (high 60,295): never triggered. Target at
            // 59,750: (60,000 − 59,750) × 0.5 = 125.
            broker.ProcessBar(broker.Symbol, Bar(60000, 60295, 59720, 59900), new TickPath(SimSpreadModel.Fixed(10)));
            Assert.That(broker.History, Has.Count.EqualTo(1));
            Assert.That(broker.History[0].Reason, Is.EqualTo(SimCloseReason.TakeProfit));
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(59750));
        }

        [Test]
        public void Pessimistic_ShortOppositeStopTheBidReachedIt_ExitsAtTheAskThen()
        {
            var broker = PessimisticWithOppositeStop(Sell(0.5), stop: 60300, target: 59750);
            // Bid bar 60,000 / 60,300 / 59,720 / 59,900: the low (280 away) first, ask 59,730 meets the target; the bid high
            // 60,300 touches the stop this Opposite short watches. Pessimistic: the stop, exited at the ask when the bid is
            // at the stop, 60,300 + 10 = 60,310 (the mirror of the long's stop − spread): (60,000 − 60,310) × 0.5 = −155.
            broker.ProcessBar(broker.Symbol, Bar(60000, 60300, 59720, 59900), new TickPath(SimSpreadModel.Fixed(10)));
            Assert.That(broker.History, Has.Count.EqualTo(1));
            Assert.That(broker.History[0].Reason, Is.EqualTo(SimCloseReason.StopLoss));
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(60310));
            Assert.That(broker.History[0].GrossProfit, Is.EqualTo(-155).Within(1e-9));
        }

        [Test]
        public void Pessimistic_TickAfterTheBarEnded_NoLongerJudgedByThatBarsRange()
        {
            var broker = PessimisticWithOppositeStop(Buy(0.5), stop: 59700, target: 60300);
            // Bar 60,000 / 60,100 / 59,695 / 60,000: the bid low 59,695 is below the stop but the Opposite stop watches
            // the ask (low 59,705): nothing fills in the bar, and EndBar forgets its range.
            broker.ProcessBar(broker.Symbol, Bar(60000, 60100, 59695, 60000), new TickPath(SimSpreadModel.Fixed(10)));
            Assert.That(broker.Positions, Has.Count.EqualTo(1));
            // A later tick at 60,300 meets the target: filled there, (60,300 − 60,010) × 0.5 = 145 (the old bar's low
            // must not turn it into the stop).
            broker.ProcessQuote(T0.AddMinutes(3), 60300, 60310);
            Assert.That(broker.History[0].Reason, Is.EqualTo(SimCloseReason.TakeProfit));
            Assert.That(broker.History[0].GrossProfit, Is.EqualTo(145).Within(1e-9));
        }

        // ---- trailing stop ----

        [Test]
        public void TrailingLong_OneTickInFavour_MovesOneTickOnceWithOneEvent()
        {
            var broker = Quoted();
            var events = new EventCounter();
            broker.Listener = events;
            // Fill 60,010, SL 100 pips → 59,910, distance 100 from the bid (trigger of a long).
            var p = broker.ExecuteMarketOrder(Buy(0.5) with { StopLossPips = 100, HasTrailingStop = true }).Position!;
            Jump(broker, 1, 60010.01, 60020.01); // bid one tick above 60,010 → SL 59,910.01
            Assert.That(p.StopLoss, Is.EqualTo(59910.01).Within(1e-9));
            Assert.That(events.Modified, Is.EqualTo(1));
            Jump(broker, 2, 60010.01, 60020.01); // no progress: no move, no event
            Assert.That(p.StopLoss, Is.EqualTo(59910.01).Within(1e-9));
            Assert.That(events.Modified, Is.EqualTo(1));
        }

        [Test]
        public void TrailingShort_FollowsTheAskDownOnlyWithOneEventPerMove()
        {
            var broker = Quoted();
            var events = new EventCounter();
            broker.Listener = events;
            // Sold at the bid 60,000, SL 100 pips → 60,100; a short's trigger is the ask (60,010): distance 100 from
            // the fill, kept from the ask.
            var p = broker.ExecuteMarketOrder(Sell(0.5) with { StopLossPips = 100, HasTrailingStop = true }).Position!;
            Assert.That(p.StopLoss, Is.EqualTo(60100));
            Jump(broker, 1, 60050, 60060); // against the short: the stop never moves up
            Assert.That(p.StopLoss, Is.EqualTo(60100));
            Assert.That(events.Modified, Is.EqualTo(0));
            Jump(broker, 2, 59989.99, 59999.99); // ask one tick below 60,000 → SL 60,099.99
            Assert.That(p.StopLoss, Is.EqualTo(60099.99).Within(1e-9));
            Assert.That(events.Modified, Is.EqualTo(1));
            Jump(broker, 3, 59989.99, 59999.99);
            Assert.That(events.Modified, Is.EqualTo(1));
            Jump(broker, 4, 59700, 59710); // ask 59,710 → SL 59,810
            Assert.That(p.StopLoss, Is.EqualTo(59810).Within(1e-9));
            Assert.That(events.Modified, Is.EqualTo(2));
        }

        // ---- pending orders ----

        [Test]
        public void BuyLimit_AskCrossesOnPathWhileThePreviousBidWasBelow_FillsAtTheTarget()
        {
            var broker = Quoted();
            broker.PlaceLimitOrder(Order(SimPendingOrderType.Limit, SimTradeSide.Buy, 59700));
            Jump(broker, 1, 59695, 59705); // bid below the target, ask (a buy's price) not
            Assert.That(broker.Positions, Is.Empty);
            Line(broker, 2, 59680, 59690); // ask 59,705 → 59,690 crosses 59,700
            Assert.That(broker.Positions[0].EntryPrice, Is.EqualTo(59700));
        }

        [Test]
        public void BuyLimit_AskExactlyAtTheTarget_Fills()
        {
            var broker = Quoted();
            broker.PlaceLimitOrder(Order(SimPendingOrderType.Limit, SimTradeSide.Buy, 59700));
            Jump(broker, 1, 59690, 59700);
            Assert.That(broker.Positions[0].EntryPrice, Is.EqualTo(59700));
        }

        [Test]
        public void SellLimit_BidCrossesOnPath_FillsAtTheTarget()
        {
            var broker = Quoted();
            broker.PlaceLimitOrder(Order(SimPendingOrderType.Limit, SimTradeSide.Sell, 60300));
            Jump(broker, 1, 60295, 60305); // ask above, bid (a sell's price) below the target: waits
            Assert.That(broker.Positions, Is.Empty);
            Line(broker, 2, 60310, 60320); // bid 60,295 → 60,310 crosses 60,300
            Assert.That(broker.Positions[0].Side, Is.EqualTo(SimTradeSide.Sell));
            Assert.That(broker.Positions[0].EntryPrice, Is.EqualTo(60300));
        }

        [Test]
        public void BuyStopOpposite_BidCrossesOnPath_FillsAtTargetPlusSpread()
        {
            var broker = Quoted();
            broker.PlaceStopOrder(Order(SimPendingOrderType.Stop, SimTradeSide.Buy, 60300) with { StopOrderTriggerMethod = SimStopTriggerMethod.Opposite });
            Jump(broker, 1, 60295, 60305); // the ask is past 60,300 but an Opposite buy stop watches the bid
            Assert.That(broker.Positions, Is.Empty);
            // Bid 60,295 → 60,310 meets 60,300; the ask then was 60,310 (target + spread 10), not the quote's 60,320.
            Line(broker, 2, 60310, 60320);
            Assert.That(broker.Positions[0].EntryPrice, Is.EqualTo(60310));
        }

        [Test]
        public void SellStopOpposite_AskCrossesOnPath_FillsAtTargetMinusSpread()
        {
            var broker = Quoted();
            broker.PlaceStopOrder(Order(SimPendingOrderType.Stop, SimTradeSide.Sell, 59700) with { StopOrderTriggerMethod = SimStopTriggerMethod.Opposite });
            Jump(broker, 1, 59695, 59705); // the bid is past 59,700 but an Opposite sell stop watches the ask
            Assert.That(broker.Positions, Is.Empty);
            // Ask 59,705 → 59,690 meets 59,700; the bid then was 59,700 − 10 = 59,690 (not the quote's 59,680).
            Line(broker, 2, 59680, 59690);
            Assert.That(broker.Positions[0].EntryPrice, Is.EqualTo(59690));
        }

        [Test]
        public void BuyStop_AskAtOrPastTheTargetWithTheBidBelow_TriggersByTheAsk()
        {
            var broker = Quoted();
            broker.PlaceStopOrder(Order(SimPendingOrderType.Stop, SimTradeSide.Buy, 60300));
            broker.PlaceStopOrder(Order(SimPendingOrderType.Stop, SimTradeSide.Buy, 60305));
            Jump(broker, 1, 60295, 60305); // ask 60,305 ≥ both targets (one exactly): both filled at the gap ask
            Assert.That(broker.Positions, Has.Count.EqualTo(2));
            Assert.That(broker.Positions[0].EntryPrice, Is.EqualTo(60305));
            Assert.That(broker.Positions[1].EntryPrice, Is.EqualTo(60305));
        }

        [Test]
        public void SellStop_BidAtOrPastTheTargetWithTheAskAbove_TriggersByTheBid()
        {
            var broker = Quoted();
            broker.PlaceStopOrder(Order(SimPendingOrderType.Stop, SimTradeSide.Sell, 59700));
            broker.PlaceStopOrder(Order(SimPendingOrderType.Stop, SimTradeSide.Sell, 59695));
            Jump(broker, 1, 59695, 59705); // bid 59,695 ≤ both targets (one exactly), ask still above
            Assert.That(broker.Positions, Has.Count.EqualTo(2));
            Assert.That(broker.Positions[0].EntryPrice, Is.EqualTo(59695));
            Assert.That(broker.Positions[1].EntryPrice, Is.EqualTo(59695));
        }

        [Test]
        public void SellStop_BidCrossesOnPath_FillsAtTheTarget()
        {
            var broker = Quoted();
            broker.PlaceStopOrder(Order(SimPendingOrderType.Stop, SimTradeSide.Sell, 59700));
            Jump(broker, 1, 59750, 59760);
            Line(broker, 2, 59650, 59660);
            Assert.That(broker.Positions[0].EntryPrice, Is.EqualTo(59700));
        }

        [Test]
        public void BuyStopDoubleTrade_NeedsTwoConsecutiveQuotesBeyond()
        {
            var broker = Quoted();
            broker.PlaceStopOrder(Order(SimPendingOrderType.Stop, SimTradeSide.Buy, 60300) with { StopOrderTriggerMethod = SimStopTriggerMethod.DoubleTrade });
            Jump(broker, 1, 60295, 60305); // first beyond
            Assert.That(broker.Positions, Is.Empty);
            Jump(broker, 2, 60280, 60290); // back: disarmed
            Jump(broker, 3, 60295, 60305); // first again
            Assert.That(broker.Positions, Is.Empty);
            Jump(broker, 4, 60300, 60310); // second consecutive: filled at this quote's ask
            Assert.That(broker.Positions, Has.Count.EqualTo(1));
            Assert.That(broker.Positions[0].EntryPrice, Is.EqualTo(60310));
        }

        [Test]
        public void TwoLimitsOnOneQuote_BothFilled()
        {
            var broker = Quoted();
            broker.PlaceLimitOrder(Order(SimPendingOrderType.Limit, SimTradeSide.Buy, 59700));
            broker.PlaceLimitOrder(Order(SimPendingOrderType.Limit, SimTradeSide.Buy, 59800));
            Jump(broker, 1, 59600, 59610); // gap below both: each fills at the better ask
            Assert.That(broker.PendingOrders, Is.Empty);
            Assert.That(broker.Positions, Has.Count.EqualTo(2));
            Assert.That(broker.Positions[0].EntryPrice, Is.EqualTo(59610));
            Assert.That(broker.Positions[1].EntryPrice, Is.EqualTo(59610));
        }

        [Test]
        public void ExpiredLimit_PriceReachesItAtTheExpiry_CancelledNotFilled()
        {
            var broker = Quoted();
            var events = new EventCounter();
            broker.Listener = events;
            broker.PlaceLimitOrder(Order(SimPendingOrderType.Limit, SimTradeSide.Buy, 59700) with { Expiration = T0.AddHours(1) });
            broker.PlaceLimitOrder(Order(SimPendingOrderType.Limit, SimTradeSide.Buy, 59000));
            broker.ProcessQuote(T0.AddHours(1), 59600, 59610); // at the expiry: expired first, never filled
            Assert.That(broker.Positions, Is.Empty);
            Assert.That(broker.PendingOrders, Has.Count.EqualTo(1));
            Assert.That(broker.PendingOrders[0].TargetPrice, Is.EqualTo(59000));
            Assert.That(events.Cancelled, Is.EqualTo(new[] { SimCancelReason.Expired }));
        }

        [Test]
        public void SellStopLimit_GapBeyondTheRange_RestsAsALimitAtTargetMinusRange()
        {
            var broker = Quoted();
            var events = new EventCounter();
            broker.Listener = events;
            var o = broker.PlaceStopLimitOrder(Order(SimPendingOrderType.StopLimit, SimTradeSide.Sell, 59700) with { StopLimitRangePips = 50 }).PendingOrder!;
            // Triggered by the bid 59,600 ≤ 59,700, but the worst accepted sell price is 59,700 − 50 = 59,650: rests as
            // a sell limit there.
            Jump(broker, 1, 59600, 59610);
            Assert.That(broker.Positions, Is.Empty);
            Assert.That(o.OrderType, Is.EqualTo(SimPendingOrderType.Limit));
            Assert.That(o.TargetPrice, Is.EqualTo(59650));
            Assert.That(events.OrderModified, Is.EqualTo(1));
            Jump(broker, 2, 59660, 59670); // bid 59,660 ≥ 59,650: the limit fills at that better bid
            Assert.That(broker.Positions[0].EntryPrice, Is.EqualTo(59660));
        }

        [Test]
        public void SellStopLimit_GapWithinTheRange_Fills()
        {
            var broker = Quoted();
            broker.PlaceStopLimitOrder(Order(SimPendingOrderType.StopLimit, SimTradeSide.Sell, 59700) with { StopLimitRangePips = 50 });
            Jump(broker, 1, 59660, 59670); // 59,660 ≥ 59,650
            Assert.That(broker.Positions[0].EntryPrice, Is.EqualTo(59660));
        }

        [Test]
        public void BuyStopLimit_GapExactlyAtTheRangeEdge_Fills()
        {
            var broker = Quoted();
            broker.PlaceStopLimitOrder(Order(SimPendingOrderType.StopLimit, SimTradeSide.Buy, 60500) with { StopLimitRangePips = 50 });
            Jump(broker, 1, 60540, 60550); // ask 60,550 = 60,500 + 50: the edge is accepted
            Assert.That(broker.Positions[0].EntryPrice, Is.EqualTo(60550));
        }

        [Test]
        public void StopLimit_RangeInPipsOfATenthPip_ConvertedByPipSize()
        {
            var spec = Btc();
            spec.PipSize = 0.1;
            var broker = Quoted(spec: spec);
            var o = broker.PlaceStopLimitOrder(Order(SimPendingOrderType.StopLimit, SimTradeSide.Buy, 60500) with { StopLimitRangePips = 50 }).PendingOrder!;
            // 50 pips × 0.1 = 5.0: worst price 60,505; the gap ask 60,506 is beyond it → rests as a limit at 60,505.
            Jump(broker, 1, 60496, 60506);
            Assert.That(broker.Positions, Is.Empty);
            Assert.That(o.TargetPrice, Is.EqualTo(60505));
        }

        private sealed class EventCounter : ISimBrokerListener
        {
            public int Modified;
            public int OrderModified;
            public readonly List<SimCancelReason> Cancelled = new List<SimCancelReason>();

            public void OnPositionOpened(SimPosition position) { }
            public void OnPositionClosed(SimPosition position, SimClosedTrade trade, SimCloseReason reason) { }
            public void OnPositionPartiallyClosed(SimPosition position, SimClosedTrade trade, SimCloseReason reason) { }
            public void OnPositionModified(SimPosition position) => Modified++;
            public void OnPendingOrderCreated(SimPendingOrder order) { }
            public void OnPendingOrderModified(SimPendingOrder order) => OrderModified++;
            public void OnPendingOrderFilled(SimPendingOrder order, SimPosition position) { }
            public void OnPendingOrderCancelled(SimPendingOrder order, SimCancelReason reason) => Cancelled.Add(reason);
        }
    }
}
