using PerpGuard.Headless.Simulation;
using static PerpGuard.Headless.Tests.Simulation.SimTestFactory;

namespace PerpGuard.Headless.Tests.Simulation
{
    public class SimulatedBrokerFillTests
    {
        [Test]
        public void ExecuteMarketOrder_Buy_FillsAtAskAndClosesAtBid()
        {
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60010);
            var result = broker.ExecuteMarketOrder(Buy(0.5));
            Assert.That(result.IsSuccessful, Is.True);
            Assert.That(result.Position!.EntryPrice, Is.EqualTo(60010));
            // Hand ledger: bought 0.5 @ 60,010 (ask); later bid 60,100 → gross = 0.5 × 90 = 45.
            broker.ProcessQuote(T0.AddMinutes(1), 60100, 60110);
            Assert.That(result.Position.GrossProfit, Is.EqualTo(45).Within(1e-9));
            var close = broker.ClosePosition(result.Position);
            Assert.That(close.IsSuccessful, Is.True);
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(60100));
            Assert.That(broker.Balance, Is.EqualTo(10045).Within(1e-9));
        }

        [Test]
        public void ExecuteMarketOrder_Sell_FillsAtBidAndClosesAtAsk()
        {
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60010);
            var result = broker.ExecuteMarketOrder(Sell(0.5));
            Assert.That(result.Position!.EntryPrice, Is.EqualTo(60000));
            // Sold 0.5 @ 60,000 (bid), closed at ask 59,910 → gross = 0.5 × 90 = 45.
            broker.ProcessQuote(T0.AddMinutes(1), 59900, 59910);
            broker.ClosePosition(result.Position);
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(59910));
            Assert.That(broker.History[0].GrossProfit, Is.EqualTo(45).Within(1e-9));
        }
    }
}
