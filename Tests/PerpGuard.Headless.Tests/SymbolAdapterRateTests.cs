using System;
using PerpGuard.Headless.Runtime;
using PerpGuard.Headless.Simulation;
using static PerpGuard.Headless.Tests.Simulation.SimTestFactory;

namespace PerpGuard.Headless.Tests
{
    /// <summary>
    /// Rates on a EUR account trading BTCUSD. help.ctrader.com, Symbol.TickValue and Symbol.PipValue: "the monetary
    /// value of one tick [pip] of the symbol when you started your cBot … not updated in real time and it remains
    /// constant". The rate of the moment is what Asset.Convert gives (REFERENCE.md §18.2).
    /// </summary>
    public class SymbolAdapterRateTests
    {
        private static (SimSymbolSpec Spec, TradingServices Services) EurAccountOnBtcUsd()
        {
            var spec = Btc();
            spec.QuoteToAccountRate = 0.90;
            var account = Account();
            account.Currency = "EUR";
            var broker = new SimulatedBroker(account, spec);
            return (broker.Symbol.Spec, new TradingServices(broker, new ZoneClock(TimeZoneInfo.Utc)));
        }

        [Test]
        public void TickValueAndPipValue_RateMovesAfterStart_KeepTheirStartValues()
        {
            var (spec, services) = EurAccountOnBtcUsd();

            spec.QuoteToAccountRate = 1.5;

            // At the start 1 USD = 0.90 EUR: tick 0.01 USD → 0.009 EUR, pip 1 USD → 0.90 EUR per unit.
            Assert.That(services.Symbol.TickValue, Is.EqualTo(0.009).Within(1e-15));
            Assert.That(services.Symbol.PipValue, Is.EqualTo(0.90).Within(1e-15));
        }

        [Test]
        public void QuoteAssetConvert_ToAccountAssetAfterTheRateMoved_UsesTheRateOfTheMoment()
        {
            var (spec, services) = EurAccountOnBtcUsd();

            spec.QuoteToAccountRate = 1.5;

            // 2 USD at 1.5 EUR per USD = 3 EUR; and back, 3 EUR = 2 USD.
            Assert.That(services.Symbol.QuoteAsset.Convert(services.Account.Asset, 2.0), Is.EqualTo(3.0).Within(1e-12));
            Assert.That(services.Account.Asset.Convert(services.Symbol.QuoteAsset, 3.0), Is.EqualTo(2.0).Within(1e-12));
            Assert.That(services.Symbol.QuoteAsset.Convert("EUR", 2.0), Is.EqualTo(3.0).Within(1e-12));
        }

        [Test]
        public void AssetConvert_NoKnownRate_Throws()
        {
            var (_, services) = EurAccountOnBtcUsd();

            Assert.That(() => services.Symbol.QuoteAsset.Convert("JPY", 1.0), Throws.InstanceOf<NotSupportedException>());
        }
    }
}
