using System.Reflection;
using cAlgo.API;
using cAlgo.API.Internals;
using cAlgo.Robots;
using Moq;
using PerpGuard.Risk.Instruments;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>
    /// Quote→account rate on an account whose currency is not the symbol's quote currency (BTCUSD on a EUR account).
    /// help.ctrader.com, Symbol.TickValue / Symbol.PipValue: "the monetary value of one tick of the symbol when you
    /// started your cBot … not updated in real time and it remains constant" — so TickValue / TickSize is the rate at
    /// the start only; the rate of the moment comes from Asset.Convert (REFERENCE.md §18.2). SymbolSpecs is internal to
    /// the robot assemblies, so it is reached by reflection.
    /// </summary>
    public class SymbolSpecsRatesTests
    {
        private static ConversionRates Rates(Symbol symbol, IAccount account)
        {
            var type = typeof(RiskManagedScalper).Assembly.GetType("PerpGuard.Algos.Glue.SymbolSpecs", throwOnError: true)!;
            try
            {
                return (ConversionRates)type.GetMethod("Rates", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, new object[] { symbol, account })!;
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                throw ex.InnerException;
            }
        }

        private static bool RefreshRates(Symbol symbol, IAccount account, InstrumentSpec spec, ref ConversionRates rates, ref PerpGuard.Risk.Stops.FeeCoefficients fees)
        {
            var type = typeof(RiskManagedScalper).Assembly.GetType("PerpGuard.Algos.Glue.SymbolSpecs", throwOnError: true)!;
            var args = new object[] { symbol, account, spec, rates, fees };
            var moved = (bool)type.GetMethod("RefreshRates", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, args)!;
            rates = (ConversionRates)args[3];
            fees = (PerpGuard.Risk.Stops.FeeCoefficients)args[4];
            return moved;
        }

        private static Mock<Asset> AssetNamed(string name)
        {
            var asset = new Mock<Asset>();
            asset.Setup(a => a.Name).Returns(name);
            return asset;
        }

        private static (Mock<Symbol> Symbol, Mock<Asset> Usd, Mock<IAccount> Account) EurAccountOnBtcUsd()
        {
            var usd = AssetNamed("USD");
            var eur = AssetNamed("EUR");
            var symbol = new Mock<Symbol>();
            symbol.Setup(s => s.QuoteAsset).Returns(usd.Object);
            symbol.Setup(s => s.TickSize).Returns(0.01);
            // Frozen at the start, when 1 USD was 0.90 EUR: one 0.01 tick on one unit = 0.009 EUR.
            symbol.Setup(s => s.TickValue).Returns(0.009);
            var account = new Mock<IAccount>();
            account.Setup(a => a.Asset).Returns(eur.Object);
            return (symbol, usd, account);
        }

        [Test]
        public void Rates_UsdQuoteOnEurAccountAfterTheRateMoved_UsesTheRateOfTheMomentNotTheFrozenTickValue()
        {
            var (symbol, usd, account) = EurAccountOnBtcUsd();
            usd.Setup(a => a.Convert(It.Is<Asset>(x => x.Name == "EUR"), 1.0)).Returns(0.85);

            var rates = Rates(symbol.Object, account.Object);

            // 1 USD = 0.85 EUR now: quote→account 0.85, quote→USD 1, USD→account 0.85.
            Assert.That(rates.QuoteToAccount, Is.EqualTo(0.85).Within(1e-12));
            Assert.That(rates.QuoteToUsd, Is.EqualTo(1.0));
            Assert.That(rates.UsdToAccount, Is.EqualTo(0.85).Within(1e-12));
        }

        [Test]
        public void Rates_AssetConvertUnavailable_FallsBackToTickValueOverTickSize()
        {
            var (symbol, usd, account) = EurAccountOnBtcUsd();
            usd.Setup(a => a.Convert(It.IsAny<Asset>(), It.IsAny<double>())).Throws(new System.NotSupportedException("no conversion"));

            var rates = Rates(symbol.Object, account.Object);

            // 0.009 EUR per tick per unit ÷ 0.01 tick = 0.90 EUR per USD (the rate at the start).
            Assert.That(rates.QuoteToAccount, Is.EqualTo(0.90).Within(1e-12));
        }

        [Test]
        public void RefreshRates_LiveRateUnavailableAfterItMoved_KeepsTheLastLiveRateNotTheFrozenStartRate()
        {
            var (symbol, usd, account) = EurAccountOnBtcUsd();
            var spec = new InstrumentSpec("BTCUSD", tickSize: 0.01, volumeMin: 0.01, volumeStep: 0.01);

            // The last good read, Asset.Convert: 1 USD = 0.85 EUR (the start rate, frozen in TickValue, was 0.90).
            var rates = new ConversionRates(0.85, 1.0, 0.85);
            var fees = PerpGuard.Risk.Stops.FeeCoefficients.For(spec, rates);
            usd.Setup(a => a.Convert(It.IsAny<Asset>(), It.IsAny<double>())).Throws(new System.NotSupportedException("no conversion now"));

            var moved = RefreshRates(symbol.Object, account.Object, spec, ref rates, ref fees);

            // TickValue / TickSize = 0.009 / 0.01 = 0.90 is the rate at the start, older than 0.85: the last good
            // rate stays (as RefreshRates promises); reverting would misstate every EUR figure by 0.90 / 0.85 − 1 = +5.9 %
            // (and understate it when the rate rose since the start).
            Assert.That(moved, Is.False);
            Assert.That(rates.QuoteToAccount, Is.EqualTo(0.85).Within(1e-12));
            Assert.That(fees.QuoteToAccount, Is.EqualTo(0.85).Within(1e-12));
        }
    }
}
