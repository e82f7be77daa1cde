using System;
using PerpGuard.Headless.Simulation;
using PerpGuard.MarketData;
using static PerpGuard.Headless.Tests.Simulation.SimTestFactory;

namespace PerpGuard.Headless.Tests.Simulation
{
    /// <summary>
    /// The quote loop must not allocate in steady state (team rule: zero bytes per bar). Counts bytes,
    /// not time: speed is measured by BenchmarkDotNet only.
    /// </summary>
    public class SimulatedBrokerAllocationTests
    {
        private static void Drive(SimulatedBroker broker, TickPath path, SimQuote[] quotes, ref int minute, int bars)
        {
            for (int i = 0; i < bars; i++, minute++)
            {
                // Zig-zag inside a band so nothing triggers; trailing stops still move now and then.
                double open = 60000 + (minute % 40) * 10;
                var bar = new MarketBar(T0.AddMinutes(minute), open, open + 30, open - 30, open + 5, 1);
                path.Expand(in bar, quotes);
                var envelope = TickPath.EnvelopeOf(quotes);
                broker.BeginBar(broker.Symbol, in envelope);
                for (int k = 0; k < 4; k++) broker.ProcessQuote(broker.Symbol, in quotes[k]);
                broker.EndBar(broker.Symbol);
            }
        }

        [Test]
        public void ProcessQuote_NoPositions_AllocatesNothing()
        {
            var broker = Broker();
            var path = new TickPath(SimSpreadModel.Random(5, 15, 3));
            var quotes = new SimQuote[4];
            int minute = 0;
            Drive(broker, path, quotes, ref minute, 2000);
            long before = GC.GetAllocatedBytesForCurrentThread();
            Drive(broker, path, quotes, ref minute, 20000);
            Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.EqualTo(0));
        }

        [Test]
        public void ProcessQuote_PositionsOrdersSwapsFundingTrailing_AllocatesNothing()
        {
            var spec = Btc();
            spec.SwapLong = -1;
            spec.SwapShort = -1;
            var broker = Broker(spec, Account(10_000_000), new SimBrokerOptions { PessimisticBarFills = true });
            broker.ProcessQuote(T0, 60000, 60010);
            broker.ExecuteMarketOrder(Buy(0.5) with { StopLossPips = 5000, TakeProfitPips = 50000 });
            broker.ExecuteMarketOrder(Sell(0.5) with { StopLossPips = 1000, HasTrailingStop = true });
            broker.ExecuteMarketOrder(Buy(0.5) with { StopLossPips = 1000, HasTrailingStop = true, StopLossTriggerMethod = SimStopTriggerMethod.DoubleTrade });
            broker.PlaceLimitOrder(new SimPendingOrderRequest(SimPendingOrderType.Limit, SimTradeSide.Buy, 0.1, 1000));
            broker.PlaceStopOrder(new SimPendingOrderRequest(SimPendingOrderType.Stop, SimTradeSide.Buy, 0.1, 900000));
            var funding = new FundingRate[200];
            for (int i = 0; i < funding.Length; i++) funding[i] = new FundingRate(T0.AddHours(8 * (i + 1)), 0.0001);
            broker.SetFundingSchedule(broker.Symbol, funding);
            var path = new TickPath(SimSpreadModel.Random(5, 15, 3));
            var quotes = new SimQuote[4];
            int minute = 1;
            Drive(broker, path, quotes, ref minute, 3000);
            long before = GC.GetAllocatedBytesForCurrentThread();
            Drive(broker, path, quotes, ref minute, 20000); // ~2 weeks: rollovers and funding included
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.That(broker.Positions, Has.Count.EqualTo(3));
            Assert.That(broker.Positions[0].Swap, Is.LessThan(0));
            Assert.That(allocated, Is.EqualTo(0));
        }
    }
}
