using System;
using System.Collections.Generic;
using PerpGuard.Headless.Simulation;
using static PerpGuard.Headless.Tests.Simulation.SimTestFactory;

namespace PerpGuard.Headless.Tests.Simulation
{
    public class SimSymbolTests
    {
        // Btc(): step 0.01, min 0.01, max 100.
        [TestCase(0.256, SimRounding.Down, 0.25)]
        [TestCase(0.251, SimRounding.Up, 0.26)]
        [TestCase(0.255, SimRounding.ToNearest, 0.26)]
        [TestCase(0.3, SimRounding.Down, 0.3)] // 0.3 / 0.01 = 29.999999999999996 must still be 30 steps
        [TestCase(0.3, SimRounding.Up, 0.3)] // and rounding up a whole number of steps adds none (not 0.31)
        [TestCase(0.004, SimRounding.Down, 0.0)] // below the minimum stays below: never rounded up to it
        [TestCase(250.0, SimRounding.Down, 100.0)]
        public void NormalizeVolumeInUnits_Cases_RoundsToStep(double volume, SimRounding rounding, double expected)
        {
            Assert.That(Broker().Symbol.NormalizeVolumeInUnits(volume, rounding), Is.EqualTo(expected).Within(1e-12));
        }

        [Test]
        public void Constructor_SeveralInvalidSettings_OneMessageListsAll()
        {
            var spec = Btc();
            spec.PipSize = 0;
            spec.VolumeInUnitsStep = -1;
            var account = Account();
            account.Leverage = 0;
            var ex = Assert.Throws<ArgumentException>(() => new SimulatedBroker(account, spec));
            Assert.That(ex!.Message, Does.Contain("PipSize").And.Contain("VolumeInUnitsStep").And.Contain("Leverage"));
        }

        [Test]
        public void Validate_TiersNotAscending_Reported()
        {
            var spec = Btc();
            spec.DynamicLeverage = new List<SimLeverageTier> { new SimLeverageTier(100000, 20), new SimLeverageTier(50000, 10) };
            Assert.That(spec.Validate(), Has.Some.Contains("ascend"));
        }

        [Test]
        public void PipValue_UsdQuote_EqualsPipSize()
        {
            // cTrader: PipValue per unit of volume in account currency; BTCUSD on USD, pip 1.0 → 1.0.
            Assert.That(Btc().PipValue, Is.EqualTo(1.0));
        }

        [Test]
        public void ExecuteMarketOrder_TradingDisabled_MarketClosed()
        {
            var spec = Btc();
            spec.IsTradingEnabled = false;
            var broker = Broker(spec);
            broker.ProcessQuote(T0, 60000, 60010);
            Assert.That(broker.ExecuteMarketOrder(Buy(0.1)).Error, Is.EqualTo(SimErrorCode.MarketClosed));
        }

        [Test]
        public void ExecuteMarketOrder_SymbolOfAnotherBroker_UnknownSymbol()
        {
            var other = Broker();
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60010);
            Assert.That(broker.ExecuteMarketOrder(Buy(0.1) with { Symbol = other.Symbol }).Error, Is.EqualTo(SimErrorCode.UnknownSymbol));
        }

        [Test]
        public void Margin_TwoSymbols_SumOfSymbolMargins()
        {
            var broker = Broker(account: Account(100000));
            var eth = Btc();
            eth.Name = "ETHUSD";
            eth.Leverage = 10;
            var ethSymbol = broker.AddSymbol(eth);
            broker.ProcessQuote(T0, 60000, 60000);
            broker.ProcessQuote(ethSymbol, new SimQuote(T0, 3000, 3000));
            broker.ExecuteMarketOrder(Buy(0.5));                              // 30,000 / 5 = 6,000
            broker.ExecuteMarketOrder(Sell(2) with { Symbol = ethSymbol });   // 6,000 / 10 = 600
            Assert.That(broker.Margin, Is.EqualTo(6600).Within(1e-9));
            // An ETH quote moves only the ETH position: short 2 from 3,000 to ask 3,100 → −200.
            broker.ProcessQuote(ethSymbol, new SimQuote(T0.AddSeconds(1), 3090, 3100));
            Assert.That(broker.UnrealizedGrossProfit, Is.EqualTo(-200).Within(1e-9));
        }
    }
}
