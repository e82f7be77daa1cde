using System;
using PerpGuard.Headless.Simulation;
using PerpGuard.MarketData;
using static PerpGuard.Headless.Tests.Simulation.SimTestFactory;

namespace PerpGuard.Headless.Tests.Simulation
{
    /// <summary>
    /// A quote with no position, no order and no rollover or funding due takes ProcessQuote's inlined fast path.
    /// These tests cross the boundaries of that path: flat periods over timed events, positions and orders appearing
    /// between quotes, funding schedules and symbols added mid-stream, and equity after going flat again.
    /// </summary>
    public class SimulatedBrokerFastPathTests
    {
        private static SimSymbolSpec SwapSpec()
        {
            var spec = Btc();
            spec.SwapType = SimSwapType.Pips;
            spec.SwapLong = -10;
            spec.SwapShort = 3;
            spec.Swap3DaysRollover = null;
            spec.RolloverTimeUtc = new TimeSpan(22, 0, 0);
            return spec;
        }

        [Test]
        public void ProcessQuote_FlatAcrossRollover_LaterPositionPaysOnlyLaterRollovers()
        {
            // Flat over Monday 22:00; a long 0.5 BTC opened Tuesday 10:00 pays only Tuesday 22:00: −10 × 0.5 = −5.
            var broker = Broker(SwapSpec());
            broker.ProcessQuote(T0, 60000, 60000);
            broker.ProcessQuote(new DateTime(2024, 3, 4, 23, 0, 0, DateTimeKind.Utc), 60000, 60000);
            broker.ProcessQuote(new DateTime(2024, 3, 5, 10, 0, 0, DateTimeKind.Utc), 60000, 60000);
            var p = broker.ExecuteMarketOrder(Buy(0.5)).Position!;
            broker.ProcessQuote(new DateTime(2024, 3, 5, 21, 0, 0, DateTimeKind.Utc), 60000, 60000);
            Assert.That(p.Swap, Is.EqualTo(0));
            broker.ProcessQuote(new DateTime(2024, 3, 5, 23, 0, 0, DateTimeKind.Utc), 60000, 60000);
            Assert.That(p.Swap, Is.EqualTo(-5).Within(1e-12));
        }

        [Test]
        public void ProcessQuote_FlatAcrossFundingTime_LaterPositionPaysOnlyLaterFunding()
        {
            // Events 16:00 (flat: nobody pays) and 00:00 (0.5 BTC long at mid 60,000 pays 0.0001 × 30,000 = 3).
            var broker = Broker();
            var first = new DateTime(2024, 3, 4, 16, 0, 0, DateTimeKind.Utc);
            broker.SetFundingSchedule(broker.Symbol, new[] { new FundingRate(first, 0.0001), new FundingRate(first.AddHours(8), 0.0001) });
            broker.ProcessQuote(T0, 60000, 60000);
            broker.ProcessQuote(first.AddHours(1), 60000, 60000);
            var p = broker.ExecuteMarketOrder(Buy(0.5)).Position!;
            broker.ProcessQuote(first.AddHours(7), 60000, 60000);
            Assert.That(p.Swap, Is.EqualTo(0));
            broker.ProcessQuote(first.AddHours(8), 60000, 60000);
            Assert.That(p.Swap, Is.EqualTo(-3).Within(1e-9));
        }

        [Test]
        public void SetFundingSchedule_WhileFlatMidStream_PassedEventNotChargedLaterOneIs()
        {
            // The schedule arrives while the stream is on the fast path (flat). Its 12:00 event passes while flat
            // (nobody pays); a long 0.5 BTC opened at 13:00 pays only the 20:00 event: 0.0001 × 0.5 × 60,000 = 3.
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60000);
            broker.ProcessQuote(T0.AddMinutes(1), 60000, 60000);
            var noon = T0.AddHours(2);
            broker.SetFundingSchedule(broker.Symbol, new[] { new FundingRate(noon, 0.0001), new FundingRate(noon.AddHours(8), 0.0001) });
            broker.ProcessQuote(noon.AddMinutes(30), 60000, 60000);
            broker.ProcessQuote(noon.AddHours(1), 60000, 60000);
            var p = broker.ExecuteMarketOrder(Buy(0.5)).Position!;
            broker.ProcessQuote(noon.AddHours(8).AddSeconds(-1), 60000, 60000);
            Assert.That(p.Swap, Is.EqualTo(0));
            broker.ProcessQuote(noon.AddHours(8), 60000, 60000);
            Assert.That(p.Swap, Is.EqualTo(-3).Within(1e-9));
        }

        [Test]
        public void ProcessQuote_PendingOrderPlacedBetweenQuotes_FilledByTheNextQuote()
        {
            // Buy limit 59,900 placed while flat; the next quote's ask 59,850 is below it (a jump): filled at 59,850.
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60010);
            broker.PlaceLimitOrder(new SimPendingOrderRequest(SimPendingOrderType.Limit, SimTradeSide.Buy, 0.5, 59900));
            broker.ProcessQuote(T0.AddSeconds(1), 59840, 59850);
            Assert.That(broker.PendingOrders, Is.Empty);
            Assert.That(broker.Positions, Has.Count.EqualTo(1));
            Assert.That(broker.Positions[0].EntryPrice, Is.EqualTo(59850));
        }

        [Test]
        public void ProcessQuote_PositionOpenedAfterFastQuotes_StopCrossedByTheNextQuote_FillsAtTheStop()
        {
            // The fast path does not keep the previous quote; the first quote after a position opens must still see
            // the one before it (60,000), not an older one (59,000). Long 0.5 at ask 60,010, stop 59,700; the next
            // quote moves continuously 60,000 → 59,500 and crosses it: filled at 59,700, gross (59,700 − 60,010) ×
            // 0.5 = −155. Had the previous quote been 59,000, the stop would have been passed already: filled at 59,500.
            var broker = Broker();
            broker.ProcessQuote(T0, 59000, 59010);
            broker.ProcessQuote(T0.AddSeconds(1), 60000, 60010);
            broker.ExecuteMarketOrder(Buy(0.5) with { StopLossPrice = 59700 });
            broker.ProcessQuote(broker.Symbol, new SimQuote(T0.AddSeconds(2), 59500, 59510, true));
            Assert.That(broker.History, Has.Count.EqualTo(1));
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(59700));
            Assert.That(broker.History[0].GrossProfit, Is.EqualTo(-155).Within(1e-9));
        }

        [Test]
        public void ProcessQuote_StopOrderPlacedAfterFastQuotes_CrossedByTheNextQuote_FillsAtItsPrice()
        {
            // As above for a pending order: buy stop 60,050 placed after quotes at ask 61,010 and then 60,010. The next
            // quote moves continuously from ask 60,010 to 60,110 and crosses it: filled at 60,050. From the older ask
            // 61,010 there would be no crossing, and the fill would be the quote's 60,110.
            var broker = Broker();
            broker.ProcessQuote(T0, 61000, 61010);
            broker.ProcessQuote(T0.AddSeconds(1), 60000, 60010);
            broker.PlaceStopOrder(new SimPendingOrderRequest(SimPendingOrderType.Stop, SimTradeSide.Buy, 0.5, 60050));
            broker.ProcessQuote(broker.Symbol, new SimQuote(T0.AddSeconds(2), 60100, 60110, true));
            Assert.That(broker.Positions, Has.Count.EqualTo(1));
            Assert.That(broker.Positions[0].EntryPrice, Is.EqualTo(60050));
        }

        [Test]
        public void ProcessQuote_AfterLastPositionCloses_EquityEqualsBalance()
        {
            // Long 0.5 at ask 60,010, closed at bid 60,100: +45 gross, no costs. Flat afterwards, equity = balance
            // on every later quote whatever the price does.
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60010);
            var p = broker.ExecuteMarketOrder(Buy(0.5)).Position!;
            broker.ProcessQuote(T0.AddSeconds(1), 60100, 60110);
            Assert.That(broker.Equity, Is.EqualTo(10045).Within(1e-9));
            broker.ClosePosition(p);
            foreach (var bid in new[] { 55000.0, 65000, 60000 })
            {
                broker.ProcessQuote(T0.AddSeconds(2), bid, bid + 10);
                Assert.That(broker.Balance, Is.EqualTo(10045).Within(1e-9));
                Assert.That(broker.Equity, Is.EqualTo(broker.Balance));
                Assert.That(broker.UnrealizedNetProfit, Is.EqualTo(0));
            }
        }

        [Test]
        public void ProcessQuote_SymbolAddedAfterQuotesStarted_ItsRolloverCharged()
        {
            // ETH added mid-stream; a long 2 ETH with −10 pips (pip 1) per unit per day pays −20 at Monday 22:00.
            var broker = Broker(SwapSpec());
            broker.ProcessQuote(T0, 60000, 60000);
            var ethSpec = SwapSpec();
            ethSpec.Name = "ETHUSD";
            var eth = broker.AddSymbol(ethSpec);
            broker.ProcessQuote(broker.Symbol, new SimQuote(T0.AddMinutes(1), 60000, 60000));
            broker.ProcessQuote(eth, new SimQuote(T0.AddMinutes(1), 3000, 3000));
            var p = broker.ExecuteMarketOrder(new SimMarketOrder(SimTradeSide.Buy, 2) { Symbol = eth }).Position!;
            broker.ProcessQuote(eth, new SimQuote(new DateTime(2024, 3, 4, 22, 0, 0, DateTimeKind.Utc), 3000, 3000));
            Assert.That(p.Swap, Is.EqualTo(-20).Within(1e-12));
        }
    }
}
