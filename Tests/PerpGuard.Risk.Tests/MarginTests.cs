using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Margin;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Risk.Tests
{
    public class MarginTests
    {
        // cTrader dynamic leverage as tax brackets (TestSymbols.BtcTiers: 100k @ 1:10, next 400k @ 1:5, rest @ 1:2):
        // 50k → 5,000; 100k → 10,000; 100,001 → 10,000.2; 300k → 10,000 + 200k/5 = 50,000;
        // 600k → 10,000 + 80,000 + 100k/2 = 140,000.
        [TestCase(50_000, 5_000)]
        [TestCase(100_000, 10_000)]
        [TestCase(100_001, 10_000.2)]
        [TestCase(300_000, 50_000)]
        [TestCase(600_000, 140_000)]
        public void MarginUsd_TieredBands_EachBandAtItsOwnLeverage(double notional, double expected)
        {
            Assert.That(TestSymbols.BtcTiers().MarginUsd(TradeSide.Long, notional), Is.EqualTo(expected).Within(1e-6));
        }

        [TestCase(10_000, 100_000)]
        [TestCase(50_000, 300_000)]
        [TestCase(140_000, 600_000)]
        public void MaxNotionalUsd_Tiered_InvertsMargin(double margin, double expectedNotional)
        {
            Assert.That(TestSymbols.BtcTiers().MaxNotionalUsd(TradeSide.Long, margin), Is.EqualTo(expectedNotional).Within(1e-6));
        }

        [Test]
        public void MarginUsd_SeparateShortTiers_UsesShortBands()
        {
            var schedule = MarginSchedule.Tiered(new[] { new LeverageTier(1_000_000, 10) }, new[] { new LeverageTier(1_000_000, 4) });

            Assert.That(schedule.MarginUsd(TradeSide.Long, 100_000), Is.EqualTo(10_000).Within(1e-9));
            Assert.That(schedule.MarginUsd(TradeSide.Short, 100_000), Is.EqualTo(25_000).Within(1e-9));
        }

        // Hedged 0.5 long + 0.3 short BTC at 60,000, 1:5: long 6,000, short 3,600.
        // Max (cTrader hedged) → 6,000; Sum → 9,600; Net 0.2 long → 2,400.
        [TestCase(MarginAggregation.Max, 6_000)]
        [TestCase(MarginAggregation.Sum, 9_600)]
        [TestCase(MarginAggregation.Net, 2_400)]
        public void SymbolMarginCompute_HedgedPositions_AggregatesBySetting(MarginAggregation aggregation, double expected)
        {
            var positions = new[] { new PositionExposure(TradeSide.Long, 0.5, 60_000), new PositionExposure(TradeSide.Short, 0.3, 60_000) };

            Assert.That(SymbolMargin.Compute(positions, MarginSchedule.Fixed(5), aggregation, MarginPricing.FrozenAtOpen, 70_000, 1, 1), Is.EqualTo(expected).Within(1e-9));
        }

        [Test]
        public void SymbolMarginCompute_RecalculatedAtPrice_UsesCurrentPrice()
        {
            // 0.5 BTC at 70,000 / 5 = 7,000 (frozen would be 6,000).
            var positions = new[] { new PositionExposure(TradeSide.Long, 0.5, 60_000) };

            Assert.That(SymbolMargin.Compute(positions, MarginSchedule.Fixed(5), MarginAggregation.Max, MarginPricing.RecalculatedAtPrice, 70_000, 1, 1), Is.EqualTo(7_000).Within(1e-9));
        }

        [TestCase(60_000, 10_000, 6.0)]
        [TestCase(16_200, 10_000, 1.62)]
        public void EffectiveLeverage_NotionalOverEquity(double notional, double equity, double expected)
        {
            Assert.That(EffectiveLeverage.Of(notional, equity), Is.EqualTo(expected).Within(1e-12));
        }

        [Test]
        public void EffectiveLeverage_ZeroEquity_IsInfinite()
        {
            Assert.That(EffectiveLeverage.Of(1, 0), Is.EqualTo(double.PositiveInfinity));
        }
    }
}
