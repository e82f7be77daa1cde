using System;
using FsCheck;
using FsCheck.Fluent;
using PerpGuard.Headless.Simulation;
using PerpGuard.Tests.Common;
using static PerpGuard.Headless.Tests.Simulation.SimTestFactory;

namespace PerpGuard.Headless.Tests.Simulation
{
    /// <summary>
    /// A slipped fill is rounded to a whole tick against the trader (a buy up, a sell down), so a backtest never
    /// gets a slippage for free: rounded to the nearest tick, a fixed slippage below half a tick was none. BTCUSD of
    /// <see cref="SimTestFactory.Btc"/>: tick 0.01, 1 lot = 1 BTC, no costs; every number below worked by hand.
    /// </summary>
    public class SlippageRoundingTests
    {
        private static SimulatedBroker Slipping(SimSlippageModel slippage)
        {
            // 100,000 USD: 1 BTC at 60,000 and leverage 5 needs 12,000 of margin.
            var broker = Broker(account: Account(100_000), options: new SimBrokerOptions { Slippage = slippage });
            broker.ProcessQuote(T0, 59999.50, 60000.00);
            return broker;
        }

        [TestCase(0.004, 60000.01, TestName = "ExecuteMarketOrder_BuySlippageBelowHalfATick_OneTickAboveTheAsk")]
        [TestCase(0.005, 60000.01, TestName = "ExecuteMarketOrder_BuySlippageHalfATick_OneTickAboveTheAsk")]
        [TestCase(0.01, 60000.01, TestName = "ExecuteMarketOrder_BuySlippageOneWholeTick_ExactlyOneTick")]
        [TestCase(0.011, 60000.02, TestName = "ExecuteMarketOrder_BuySlippageJustOverOneTick_TwoTicks")]
        [TestCase(2.5, 60002.50, TestName = "ExecuteMarketOrder_BuySlippageOnTheGrid_Unchanged")]
        [TestCase(0.0, 60000.00, TestName = "ExecuteMarketOrder_BuyNoSlippage_AtTheAsk")]
        public void ExecuteMarketOrder_BuySlipped_RoundedUp(double slippage, double expected)
        {
            var broker = Slipping(SimSlippageModel.Fixed(slippage));
            Assert.That(broker.ExecuteMarketOrder(Buy(0.1)).Position!.EntryPrice, Is.EqualTo(expected));
        }

        [TestCase(0.004, 59999.49, TestName = "ExecuteMarketOrder_SellSlippageBelowHalfATick_OneTickBelowTheBid")]
        [TestCase(0.01, 59999.49, TestName = "ExecuteMarketOrder_SellSlippageOneWholeTick_ExactlyOneTick")]
        [TestCase(0.013, 59999.48, TestName = "ExecuteMarketOrder_SellSlippageOfOnePointThreeTicks_TwoTicks")]
        [TestCase(0.0, 59999.50, TestName = "ExecuteMarketOrder_SellNoSlippage_AtTheBid")]
        public void ExecuteMarketOrder_SellSlipped_RoundedDown(double slippage, double expected)
        {
            var broker = Slipping(SimSlippageModel.Fixed(slippage));
            Assert.That(broker.ExecuteMarketOrder(Sell(0.1)).Position!.EntryPrice, Is.EqualTo(expected));
        }

        [Test]
        public void Ledger_LongWithSlippageBelowHalfATick_PaysOneTickOnTheEntry()
        {
            // Buy 1 BTC at ask 60,000.00 slipped 0.004 → fill 60,000.01; close at bid 60,100.00 (no slippage on the
            // close: the model slips market orders). Gross = (60,100.00 − 60,000.01) × 1 = 99.99 USD; balance
            // 100,000 + 99.99 = 100,099.99 (rounded to the nearest tick the entry was 60,000.00 and the gross 100.00).
            var broker = Slipping(SimSlippageModel.Fixed(0.004));
            var p = broker.ExecuteMarketOrder(Buy(1)).Position!;
            broker.ProcessQuote(T0.AddMinutes(1), 60100.00, 60100.50);
            broker.ClosePosition(p);

            Assert.That(broker.History[0].EntryPrice, Is.EqualTo(60000.01));
            Assert.That(broker.History[0].GrossProfit, Is.EqualTo(99.99).Within(1e-9));
            Assert.That(broker.Balance, Is.EqualTo(100_099.99).Within(1e-9));
        }

        [Test]
        public void Ledger_ShortWithSlippageBelowHalfATick_PaysOneTickOnTheEntry()
        {
            // Sell 1 BTC at bid 59,999.50 slipped 0.004 → fill 59,999.49; close at ask 59,900.00.
            // Gross = 59,999.49 − 59,900.00 = 99.49 USD; balance 100,099.49.
            var broker = Slipping(SimSlippageModel.Fixed(0.004));
            var p = broker.ExecuteMarketOrder(Sell(1)).Position!;
            broker.ProcessQuote(T0.AddMinutes(1), 59899.50, 59900.00);
            broker.ClosePosition(p);

            Assert.That(broker.History[0].EntryPrice, Is.EqualTo(59999.49));
            Assert.That(broker.History[0].GrossProfit, Is.EqualTo(99.49).Within(1e-9));
            Assert.That(broker.Balance, Is.EqualTo(100_099.49).Within(1e-9));
        }

        [Test]
        public void Ledger_CloseWithInjectedSlippageBelowHalfATick_LongClosesOneTickBelowTheBid()
        {
            // Buy 1 BTC at ask 60,000.00 (no slippage), close at bid 60,100.00 with 0.004 injected on the close:
            // a long closes by selling, so down to 60,099.99. Gross = 99.99 USD.
            var broker = Broker(account: Account(100_000), options: new SimBrokerOptions { Faults = new SlipCloses(0.004) });
            broker.ProcessQuote(T0, 59999.50, 60000.00);
            var p = broker.ExecuteMarketOrder(Buy(1)).Position!;
            broker.ProcessQuote(T0.AddMinutes(1), 60100.00, 60100.50);
            broker.ClosePosition(p);

            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(60099.99));
            Assert.That(broker.History[0].GrossProfit, Is.EqualTo(99.99).Within(1e-9));
        }

        [Test]
        public void ExecuteMarketOrder_AnyPositiveSlippage_FillOnTheGridAtLeastTheSlippageAndLessThanOneTickMoreAgainstTheTrader()
        {
            Prop.ForAll(Gen.Choose(1, 100_000).ToArbitrary(), Gen.Elements(true, false).ToArbitrary(), (int thousandths, bool buy) =>
            {
                double slippage = thousandths / 1000.0; // 0.001 … 100.000
                var broker = Slipping(SimSlippageModel.Fixed(slippage));
                double quote = buy ? 60000.00 : 59999.50;
                double fill = broker.ExecuteMarketOrder(buy ? Buy(0.01) : Sell(0.01)).Position!.EntryPrice;
                double against = buy ? fill - quote : quote - fill;
                bool onGrid = Math.Abs(fill * 100 - Math.Round(fill * 100)) < 1e-6;
                return onGrid && against >= slippage - 1e-9 && against < slippage + 0.01 - 1e-9;
            }).Check(PropertyBudget.Config);
        }

        /// <summary>Slips closes only (market orders fill at the quote).</summary>
        private sealed class SlipCloses : ISimFaultInjector
        {
            private readonly double _slip;

            public SlipCloses(double slip)
            {
                _slip = slip;
            }

            public SimFault Next(SimOperationKind operation, DateTime timeUtc) =>
                operation == SimOperationKind.ClosePosition ? new SimFault(null, false, 1.0, _slip) : SimFault.None;
        }
    }
}
