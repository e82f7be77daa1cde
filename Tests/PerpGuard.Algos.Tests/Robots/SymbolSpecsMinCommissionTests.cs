using System;
using System.Reflection;
using cAlgo.API;
using cAlgo.API.Internals;
using cAlgo.Robots;
using FsCheck;
using FsCheck.Fluent;
using Moq;
using PerpGuard.Headless.Simulation;
using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Stops;
using PerpGuard.Tests.Common;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>
    /// The glue maps cTrader's Symbol.MinCommission / MinCommissionAsset / MinCommissionType into the risk library's
    /// minimum per side, and the library then charges what the simulated broker charges. SymbolSpecs is internal to
    /// the robot assemblies (no InternalsVisibleTo: they ship as they are), so it is reached by reflection.
    /// </summary>
    public class SymbolSpecsMinCommissionTests
    {
        private static object? Invoke(string method, params object[] args)
        {
            var type = typeof(RiskManagedScalper).Assembly.GetType("PerpGuard.Algos.Glue.SymbolSpecs", throwOnError: true)!;
            try
            {
                return type.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, args);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                throw ex.InnerException;
            }
        }

        private static Mock<Asset> AssetNamed(string name)
        {
            var asset = new Mock<Asset>();
            asset.Setup(a => a.Name).Returns(name);
            return asset;
        }

        private static Mock<Symbol> Symbol(double minimum, SymbolMinCommissionType type, Asset minimumAsset, string quote = "USD")
        {
            var symbol = new Mock<Symbol>();
            symbol.Setup(s => s.Commission).Returns(0.05);
            symbol.Setup(s => s.CommissionType).Returns(SymbolCommissionType.PercentageOfTradingVolume);
            symbol.Setup(s => s.MinCommission).Returns(minimum);
            symbol.Setup(s => s.MinCommissionType).Returns(type);
            symbol.Setup(s => s.MinCommissionAsset).Returns(minimumAsset);
            symbol.Setup(s => s.QuoteAsset).Returns(AssetNamed(quote).Object);
            return symbol;
        }

        [Test]
        public void Commission_MinCommission3Usd_ModelKeepsRateAndMinimumInUsd()
        {
            var model = (CommissionModel)Invoke("Commission", Symbol(3, SymbolMinCommissionType.Asset, AssetNamed("USD").Object).Object)!;

            Assert.That(model.Kind, Is.EqualTo(CommissionKind.PercentageOfTradingVolume));
            Assert.That(model.Rate, Is.EqualTo(0.0005).Within(1e-15));
            Assert.That(model.Minimum, Is.EqualTo(MinimumCommission.InUsd(3)));
        }

        [Test]
        public void Commission_NoMinCommission_NoMinimum()
        {
            var model = (CommissionModel)Invoke("Commission", Symbol(0, SymbolMinCommissionType.Asset, AssetNamed("USD").Object).Object)!;

            Assert.That(model.Minimum.IsNone, Is.True);
            Assert.That(model, Is.EqualTo(CommissionModel.PercentOfVolume(Fraction.FromPercent(0.05))));
        }

        [Test]
        public void MinimumPerSide_QuoteAssetType_InQuoteCurrency()
        {
            // MinCommissionType.QuoteAsset: the amount is in the quote currency, whatever MinCommissionAsset says.
            var minimum = (MinimumCommission)Invoke("MinimumPerSide", Symbol(2.5, SymbolMinCommissionType.QuoteAsset, AssetNamed("USD").Object, quote: "JPY").Object)!;

            Assert.That(minimum, Is.EqualTo(MinimumCommission.InQuote(2.5)));
        }

        [Test]
        public void MinimumPerSide_OtherAssetConvertible_ConvertedIntoQuoteOnce()
        {
            // 3 EUR on BTCUSD: Asset.Convert(quote, 3) = 3.3 USD (a 1.1 rate from the platform).
            var eur = AssetNamed("EUR");
            eur.Setup(a => a.Convert(It.Is<Asset>(q => q.Name == "USD"), 3.0)).Returns(3.3);

            var minimum = (MinimumCommission)Invoke("MinimumPerSide", Symbol(3, SymbolMinCommissionType.Asset, eur.Object).Object)!;

            Assert.That(minimum, Is.EqualTo(MinimumCommission.InQuote(3.3)));
        }

        [Test]
        public void MinimumPerSide_OtherAssetNotConvertible_RefusesToStart()
        {
            // Sizing without the minimum would put more than the planned risk at the stop: refuse (the bot prints and stops).
            var chf = AssetNamed("CHF");
            chf.Setup(a => a.Convert(It.IsAny<Asset>(), It.IsAny<double>())).Throws(new NotSupportedException("no rate"));

            Assert.That(() => Invoke("MinimumPerSide", Symbol(3, SymbolMinCommissionType.Asset, chf.Object).Object),
                Throws.TypeOf<InvalidOperationException>().With.Message.Contains("CHF"));
        }

        [Test]
        public void SideFee_AnyDeal_SameAsSimulatedBroker()
        {
            // The library's charge for one side equals the simulator's (SimMoney.CommissionPerSide: max(rate, MinCommission)),
            // for all four cTrader commission types, on a USD account.
            var gen = from type in Gen.Elements(SimCommissionType.UsdPerMillionUsdVolume, SimCommissionType.UsdPerOneLot, SimCommissionType.PercentageOfTradingVolume, SimCommissionType.QuoteCurrencyPerOneLot)
                      from rateMilli in Gen.Choose(1, 100_000)
                      from minimumCents in Gen.Choose(0, 2_000)
                      from volumeSteps in Gen.Choose(1, 100_000)
                      from priceCents in Gen.Choose(100, 12_000_000)
                      select (type, rateMilli / 1000.0, minimumCents / 100.0, volumeSteps * 0.001, priceCents / 100.0);
            Prop.ForAll(gen.ToArbitrary(), c =>
            {
                var (type, rate, minimum, volume, price) = c;
                var sim = new SimSymbolSpec { Name = "BTCUSD", LotSize = 1, CommissionType = type, Commission = rate, MinCommission = minimum };
                var broker = SimMoney.CommissionPerSide(sim, volume, price, 1.0);

                var model = type switch
                {
                    SimCommissionType.UsdPerMillionUsdVolume => CommissionModel.UsdPerMillion(rate),
                    SimCommissionType.UsdPerOneLot => CommissionModel.UsdPerLot(rate),
                    SimCommissionType.QuoteCurrencyPerOneLot => CommissionModel.QuotePerLot(rate),
                    _ => CommissionModel.PercentOfVolume(Fraction.FromPercent(rate)),
                };
                var spec = new InstrumentSpec("BTCUSD", 0.01, 0.001, 0.001, commission: model.WithMinimum(MinimumCommission.InUsd(minimum)));
                var ours = FeeCoefficients.For(spec, ConversionRates.Identity).SideFee(volume, price);
                return Math.Abs(ours - broker) <= 1e-9 * Math.Max(1, broker);
            }).Check(PropertyBudget.Config);
        }
    }
}
