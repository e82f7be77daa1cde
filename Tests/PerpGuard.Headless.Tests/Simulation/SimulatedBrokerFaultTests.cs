using System;
using System.Collections.Generic;
using PerpGuard.Headless.Simulation;
using PerpGuard.MarketData;
using static PerpGuard.Headless.Tests.Simulation.SimTestFactory;

namespace PerpGuard.Headless.Tests.Simulation
{
    /// <summary>Fault injection, slippage and seeded determinism.</summary>
    public class SimulatedBrokerFaultTests
    {
        private static SimulatedBroker Quoted(SimBrokerOptions options)
        {
            var broker = Broker(options: options);
            broker.ProcessQuote(T0, 60000, 60010);
            return broker;
        }

        [Test]
        public void Faults_RejectNextTwo_ThirdFills()
        {
            var faults = new ScriptedFaultInjector().RejectNext(2, SimErrorCode.Timeout);
            var broker = Quoted(new SimBrokerOptions { Faults = faults });
            Assert.That(broker.ExecuteMarketOrder(Buy(0.1)).Error, Is.EqualTo(SimErrorCode.Timeout));
            Assert.That(broker.ExecuteMarketOrder(Buy(0.1)).Error, Is.EqualTo(SimErrorCode.Timeout));
            Assert.That(broker.ExecuteMarketOrder(Buy(0.1)).IsSuccessful, Is.True);
        }

        [Test]
        public void Faults_DropStopLoss_OpensWithoutStopAndFlagsIt()
        {
            var broker = Quoted(new SimBrokerOptions { Faults = new ScriptedFaultInjector().DropStopLossNext(1) });
            var r = broker.ExecuteMarketOrder(Buy(0.1) with { StopLossPips = 100 });
            Assert.That(r.IsSuccessful, Is.True);
            Assert.That(r.StopLossRefused, Is.True);
            Assert.That(r.Position!.StopLoss, Is.Null);
            var next = broker.ExecuteMarketOrder(Buy(0.1) with { StopLossPips = 100 });
            Assert.That(next.StopLossRefused, Is.False);
            Assert.That(next.Position!.StopLoss, Is.EqualTo(59910));
        }

        [Test]
        public void Faults_PartialFillHalf_FillsHalfRoundedDownToStep()
        {
            var broker = Quoted(new SimBrokerOptions { Faults = new ScriptedFaultInjector().PartialFillNext(1, 0.5) });
            var r = broker.ExecuteMarketOrder(Buy(0.15)); // 0.075 → 0.07 (step 0.01)
            Assert.That(r.FilledVolume, Is.EqualTo(0.07).Within(1e-12));
            Assert.That(r.Position!.VolumeInUnits, Is.EqualTo(0.07).Within(1e-12));
        }

        [Test]
        public void Faults_ExtraSlippage_BuyFillsHigher()
        {
            var broker = Quoted(new SimBrokerOptions { Faults = new ScriptedFaultInjector().SlipNext(1, 5) });
            Assert.That(broker.ExecuteMarketOrder(Buy(0.1)).Position!.EntryPrice, Is.EqualTo(60015));
            Assert.That(broker.ExecuteMarketOrder(Sell(0.1)).Position!.EntryPrice, Is.EqualTo(60000));
        }

        [Test]
        public void Faults_RejectedPendingFill_OrderCancelledRejected()
        {
            var faults = new ScriptedFaultInjector();
            var broker = Quoted(new SimBrokerOptions { Faults = faults });
            var o = broker.PlaceLimitOrder(new SimPendingOrderRequest(SimPendingOrderType.Limit, SimTradeSide.Buy, 0.1, 59500)).PendingOrder!;
            faults.RejectNext(1, SimErrorCode.NoMoney);
            var cancelled = new List<SimCancelReason>();
            broker.Listener = new CancelSpy(cancelled);
            broker.ProcessQuote(T0.AddSeconds(1), 59400, 59410);
            Assert.That(broker.Positions, Is.Empty);
            Assert.That(broker.PendingOrders, Is.Empty);
            Assert.That(cancelled, Is.EqualTo(new[] { SimCancelReason.Rejected }));
            Assert.That(o.Id, Is.EqualTo(1));
        }

        [Test]
        public void Slippage_Fixed_SellFillsLower()
        {
            var broker = Quoted(new SimBrokerOptions { Slippage = SimSlippageModel.Fixed(2.5) });
            Assert.That(broker.ExecuteMarketOrder(Sell(0.1)).Position!.EntryPrice, Is.EqualTo(59997.5));
        }

        [Test]
        public void Slippage_RandomRange_StaysInRangeAndAdverse()
        {
            var broker = Quoted(new SimBrokerOptions { Slippage = SimSlippageModel.Random(1, 3, 42) });
            for (int i = 0; i < 20; i++)
            {
                double entry = broker.ExecuteMarketOrder(Buy(0.01)).Position!.EntryPrice;
                Assert.That(entry, Is.InRange(60011.0, 60013.0));
            }
        }

        private static List<string> Run(ulong seed)
        {
            var broker = Broker(options: new SimBrokerOptions { Slippage = SimSlippageModel.Random(0, 5, seed) });
            var path = new TickPath(SimSpreadModel.Random(5, 15, seed));
            var rng = new SimRandom(seed ^ 0xABCDEF);
            double price = 60000;
            for (int i = 0; i < 500; i++)
            {
                double open = price;
                double close = open + (rng.NextDouble() - 0.5) * 200;
                double high = Math.Max(open, close) + rng.NextDouble() * 50;
                double low = Math.Min(open, close) - rng.NextDouble() * 50;
                broker.ProcessBar(broker.Symbol, new MarketBar(T0.AddMinutes(i), open, high, low, close, 1), path);
                price = close;
                if (broker.Positions.Count == 0)
                {
                    var side = rng.NextDouble() < 0.5 ? SimTradeSide.Buy : SimTradeSide.Sell;
                    broker.ExecuteMarketOrder(new SimMarketOrder(side, 0.1) { StopLossPips = 80, TakeProfitPips = 120 });
                }
            }

            var log = new List<string>();
            for (int i = 0; i < broker.History.Count; i++)
            {
                var t = broker.History[i];
                log.Add(FormattableString.Invariant($"{t.PositionId},{t.EntryPrice:R},{t.ClosingPrice:R},{t.NetProfit:R},{t.Reason}"));
            }

            return log;
        }

        [Test]
        public void Determinism_SameSeeds_IdenticalHistory()
        {
            var a = Run(7);
            var b = Run(7);
            Assert.That(a.Count, Is.GreaterThan(10));
            Assert.That(b, Is.EqualTo(a));
        }

        [Test]
        public void Determinism_DifferentSeeds_DifferentHistory()
        {
            Assert.That(Run(8), Is.Not.EqualTo(Run(7)));
        }

        private sealed class CancelSpy : ISimBrokerListener
        {
            private readonly List<SimCancelReason> _reasons;

            public CancelSpy(List<SimCancelReason> reasons) => _reasons = reasons;

            public void OnPositionOpened(SimPosition position) { }
            public void OnPositionClosed(SimPosition position, SimClosedTrade trade, SimCloseReason reason) { }
            public void OnPositionPartiallyClosed(SimPosition position, SimClosedTrade trade, SimCloseReason reason) { }
            public void OnPositionModified(SimPosition position) { }
            public void OnPendingOrderCreated(SimPendingOrder order) { }
            public void OnPendingOrderModified(SimPendingOrder order) { }
            public void OnPendingOrderFilled(SimPendingOrder order, SimPosition position) { }
            public void OnPendingOrderCancelled(SimPendingOrder order, SimCancelReason reason) => _reasons.Add(reason);
        }
    }
}
