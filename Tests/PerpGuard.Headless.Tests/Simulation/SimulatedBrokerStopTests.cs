using System;
using PerpGuard.Headless.Simulation;
using PerpGuard.MarketData;
using static PerpGuard.Headless.Tests.Simulation.SimTestFactory;

namespace PerpGuard.Headless.Tests.Simulation
{
    /// <summary>SL/TP and trailing triggered on the quote stream; ledgers worked by hand in the comments.</summary>
    public class SimulatedBrokerStopTests
    {
        private static readonly DateTime Bar1 = T0.AddMinutes(1);

        /// <summary>Long 0.5 bought at ask 60,010 (bid 60,000), SL 59,700, TP optional.</summary>
        private static (SimulatedBroker Broker, SimPosition Position) OpenLong(double? tp = null, SimBrokerOptions? options = null)
        {
            var broker = Broker(options: options);
            broker.ProcessQuote(T0, 60000, 60010);
            var result = broker.ExecuteMarketOrder(Buy(0.5) with { StopLossPrice = 59700, TakeProfitPrice = tp });
            Assert.That(result.IsSuccessful, Is.True, result.Message);
            return (broker, result.Position!);
        }

        private static MarketBar Bar(double open, double high, double low, double close) => new MarketBar(Bar1, open, high, low, close, 1);

        [Test]
        public void ProcessBar_StopCrossedInsideBar_FillsAtStopPrice()
        {
            var (broker, position) = OpenLong();
            // Path: 60,000 → 60,050 (nearer) → 59,500 (crosses 59,700) → 59,800.
            // Ledger: exit 59,700; gross = (59,700 − 60,010) × 0.5 = −155.
            broker.ProcessBar(broker.Symbol, Bar(60000, 60050, 59500, 59800), new TickPath(SimSpreadModel.Fixed(10)));
            Assert.That(broker.Positions, Is.Empty);
            var trade = broker.History[0];
            Assert.That(trade.Reason, Is.EqualTo(SimCloseReason.StopLoss));
            Assert.That(trade.ClosingPrice, Is.EqualTo(59700));
            Assert.That(trade.GrossProfit, Is.EqualTo(-155).Within(1e-9));
            Assert.That(trade.ClosingTime, Is.EqualTo(Bar1.AddSeconds(30)));
            Assert.That(broker.Balance, Is.EqualTo(10000 - 155).Within(1e-9));
        }

        [Test]
        public void ProcessBar_GapThroughStop_FillsAtGapPrice()
        {
            var (broker, _) = OpenLong();
            // Bar opens at 59,400, below the 59,700 stop: filled at the open bid 59,400.
            // Ledger: gross = (59,400 − 60,010) × 0.5 = −305.
            broker.ProcessBar(broker.Symbol, Bar(59400, 59600, 59300, 59500), new TickPath(SimSpreadModel.Fixed(10)));
            var trade = broker.History[0];
            Assert.That(trade.ClosingPrice, Is.EqualTo(59400));
            Assert.That(trade.GrossProfit, Is.EqualTo(-305).Within(1e-9));
            Assert.That(trade.ClosingTime, Is.EqualTo(Bar1));
        }

        [Test]
        public void ProcessQuote_TickGapsThroughStop_FillsAtTick()
        {
            var (broker, _) = OpenLong();
            broker.ProcessQuote(T0.AddSeconds(1), 59750, 59760);
            Assert.That(broker.Positions, Has.Count.EqualTo(1));
            broker.ProcessQuote(T0.AddSeconds(2), 59650, 59660);
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(59650));
        }

        [Test]
        public void ProcessBar_TargetReachedFirstWithoutPessimism_FillsTarget()
        {
            var (broker, _) = OpenLong(tp: 60300);
            // open 60,000; high 60,350 is nearer (350 < 400) so TP 60,300 fills first.
            // Ledger: (60,300 − 60,010) × 0.5 = 145.
            broker.ProcessBar(broker.Symbol, Bar(60000, 60350, 59600, 60100), new TickPath(SimSpreadModel.Fixed(10)));
            var trade = broker.History[0];
            Assert.That(trade.Reason, Is.EqualTo(SimCloseReason.TakeProfit));
            Assert.That(trade.ClosingPrice, Is.EqualTo(60300));
            Assert.That(trade.GrossProfit, Is.EqualTo(145).Within(1e-9));
        }

        [Test]
        public void ProcessBar_PessimisticBarTouchesStopAndTarget_FillsStop()
        {
            var (broker, _) = OpenLong(tp: 60300, options: new SimBrokerOptions { PessimisticBarFills = true });
            // Same bar touches 60,300 and 59,700: pessimistic → stop at 59,700; (59,700 − 60,010) × 0.5 = −155.
            broker.ProcessBar(broker.Symbol, Bar(60000, 60350, 59600, 60100), new TickPath(SimSpreadModel.Fixed(10)));
            var trade = broker.History[0];
            Assert.That(trade.Reason, Is.EqualTo(SimCloseReason.StopLoss));
            Assert.That(trade.ClosingPrice, Is.EqualTo(59700));
            Assert.That(trade.GrossProfit, Is.EqualTo(-155).Within(1e-9));
        }

        [Test]
        public void ProcessBar_PessimisticBarTouchesOnlyTarget_FillsTarget()
        {
            var (broker, _) = OpenLong(tp: 60300, options: new SimBrokerOptions { PessimisticBarFills = true });
            broker.ProcessBar(broker.Symbol, Bar(60000, 60350, 59800, 60100), new TickPath(SimSpreadModel.Fixed(10)));
            Assert.That(broker.History[0].Reason, Is.EqualTo(SimCloseReason.TakeProfit));
        }

        [Test]
        public void ProcessQuote_ShortStopTradeMethod_TriggeredByAsk()
        {
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60010);
            broker.ExecuteMarketOrder(Sell(0.5) with { StopLossPrice = 60300 });
            // Ask 60,305 ≥ 60,300 while bid 60,295 is below: Trade method watches the ask of a short.
            // Ledger: bought back at ask 60,305; (60,000 − 60,305) × 0.5 = −152.5.
            broker.ProcessQuote(T0.AddSeconds(1), 60295, 60305);
            Assert.That(broker.History, Has.Count.EqualTo(1));
            Assert.That(broker.History[0].GrossProfit, Is.EqualTo(-152.5).Within(1e-9));
        }

        [Test]
        public void ProcessQuote_ShortStopOppositeMethod_WaitsForBid()
        {
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60010);
            broker.ExecuteMarketOrder(Sell(0.5) with { StopLossPrice = 60300, StopLossTriggerMethod = SimStopTriggerMethod.Opposite });
            broker.ProcessQuote(T0.AddSeconds(1), 60295, 60305);
            Assert.That(broker.Positions, Has.Count.EqualTo(1));
            broker.ProcessQuote(T0.AddSeconds(2), 60300, 60310);
            Assert.That(broker.Positions, Is.Empty);
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(60310));
        }

        [Test]
        public void ProcessQuote_DoubleTradeMethod_NeedsTwoConsecutiveQuotes()
        {
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60010);
            broker.ExecuteMarketOrder(Buy(0.5) with { StopLossPrice = 59700, StopLossTriggerMethod = SimStopTriggerMethod.DoubleTrade });
            broker.ProcessQuote(T0.AddSeconds(1), 59690, 59700); // first beyond
            broker.ProcessQuote(T0.AddSeconds(2), 59710, 59720); // back above: disarmed
            broker.ProcessQuote(T0.AddSeconds(3), 59690, 59700); // first again
            Assert.That(broker.Positions, Has.Count.EqualTo(1));
            broker.ProcessQuote(T0.AddSeconds(4), 59680, 59690); // second consecutive: filled here
            Assert.That(broker.Positions, Is.Empty);
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(59680));
        }

        [Test]
        public void ProcessQuote_TrailingStop_KeepsDistanceAndMovesOnlyInFavour()
        {
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60010);
            // Fill 60,010, SL 100 pips (pip = 1.0) → 59,910; trailing distance 100.
            var p = broker.ExecuteMarketOrder(Buy(0.5) with { StopLossPips = 100, HasTrailingStop = true }).Position!;
            Assert.That(p.StopLoss, Is.EqualTo(59910));
            broker.ProcessQuote(T0.AddSeconds(1), 60200, 60210);
            Assert.That(p.StopLoss, Is.EqualTo(60100)); // bid 60,200 − 100
            broker.ProcessQuote(T0.AddSeconds(2), 60150, 60160);
            Assert.That(p.StopLoss, Is.EqualTo(60100)); // never backwards
            broker.ProcessQuote(T0.AddSeconds(3), 60100, 60110);
            Assert.That(broker.History[0].Reason, Is.EqualTo(SimCloseReason.StopLoss));
            // Ledger: (60,100 − 60,010) × 0.5 = 45.
            Assert.That(broker.History[0].GrossProfit, Is.EqualTo(45).Within(1e-9));
        }

        [Test]
        public void ProcessQuote_TakeProfitGap_FillsAtBetterPrice()
        {
            var (broker, _) = OpenLong(tp: 60300);
            broker.ProcessQuote(T0.AddSeconds(1), 60400, 60410);
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(60400));
            Assert.That(broker.History[0].Reason, Is.EqualTo(SimCloseReason.TakeProfit));
        }

        [Test]
        public void ModifyPosition_StopAboveBidForLong_InvalidStopLossTakeProfit()
        {
            var (broker, position) = OpenLong();
            var result = broker.ModifyPosition(position, 60001, null);
            Assert.That(result.Error, Is.EqualTo(SimErrorCode.InvalidStopLossTakeProfit));
            Assert.That(position.StopLoss, Is.EqualTo(59700));
        }

        [Test]
        public void ModifyPosition_NullStop_RemovesStop()
        {
            var (broker, position) = OpenLong();
            Assert.That(broker.ModifyPosition(position, null, 60500).IsSuccessful, Is.True);
            Assert.That(position.StopLoss, Is.Null);
            Assert.That(position.TakeProfit, Is.EqualTo(60500));
            broker.ProcessQuote(T0.AddSeconds(1), 59000, 59010);
            Assert.That(broker.Positions, Has.Count.EqualTo(1));
        }
    }
}
