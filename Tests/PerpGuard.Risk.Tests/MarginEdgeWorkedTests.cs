using System;
using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Margin;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Risk.Tests
{
    /// <summary>
    /// Margin, stop-out and liquidation where the older tests left the code free to be wrong (found by mutation
    /// testing): currency rates other than 1, schedules that differ by side or run past their last tier, a net-short
    /// book, a short whose stop-out lies beyond twice the price, the bracket re-check, and the guard's edge outcomes.
    /// Made-up rates (2 and 0.5) are chosen so the arithmetic is exact.
    /// </summary>
    public class MarginEdgeWorkedTests
    {
        private static MarginSchedule LongTenShortFive() => MarginSchedule.Tiered(
            new[] { new LeverageTier(double.MaxValue, 10) },
            new[] { new LeverageTier(double.MaxValue, 5) });

        [Test]
        public void StopOut_LongWithRatesOtherThanOne_IsWorkedValue()
        {
            // Equity 2,000 account; long 1 unit from 10,000; 1 quote = 0.5 account = 0.5 USD, 1 USD = 1 account; 1:2 margin
            // recomputed at the price; stop-out 50 %. equity(X) = 2,000 + (X − 10,000) × 0.5; margin(X) = X × 0.5 / 2.
            // 2,000 + 0.5X − 5,000 = 0.5 × 0.25X → 0.375X = 3,000 → X = 8,000.
            var account = new StopOutAccount(2_000, 10_000, Fraction.FromPercent(50), 0, MarginSchedule.Fixed(2), MarginAggregation.Max,
                MarginPricing.RecalculatedAtPrice, new ConversionRates(0.5, 0.5, 1));

            var result = CTraderStopOut.Solve(account, new PositionExposure(TradeSide.Long, 1, 10_000));

            Assert.That(result.PriceOrNaN, Is.EqualTo(8_000).Within(1e-6));
        }

        [Test]
        public void StopOut_UnsetRates_MeanOneToOne()
        {
            // Rates never set are read as 1: equity 7,000, long 1 from 10,000, 1:2 at the price, stop-out 50 %:
            // 7,000 + (X − 10,000) = 0.5 × X / 2 → 0.75X = 3,000 → X = 4,000 (zero rates would make it "never").
            var account = new StopOutAccount(7_000, 10_000, Fraction.FromPercent(50), 0, MarginSchedule.Fixed(2), MarginAggregation.Max,
                MarginPricing.RecalculatedAtPrice, default);

            Assert.That(CTraderStopOut.Solve(account, new PositionExposure(TradeSide.Long, 1, 10_000)).PriceOrNaN, Is.EqualTo(4_000).Within(1e-6));
        }

        [Test]
        public void StopOut_ShortBeyondTwiceThePrice_IsFound()
        {
            // Short 1 unit from 100 with equity 350, 1:1 margin at the price, stop-out 50 %:
            // 350 − (X − 100) = 0.5X → 450 = 1.5X → X = 300, three times the price (the search must keep widening).
            var account = new StopOutAccount(350, 100, Fraction.FromPercent(50), 0, MarginSchedule.Fixed(1), MarginAggregation.Max,
                MarginPricing.RecalculatedAtPrice, ConversionRates.Identity);

            var result = CTraderStopOut.Solve(account, new PositionExposure(TradeSide.Short, 1, 100));

            Assert.That(result.PriceOrNaN, Is.EqualTo(300).Within(1e-6));
        }

        private static readonly PositionExposure[] OneLongThreeShort =
        {
            new PositionExposure(TradeSide.Long, 1, 1_000),
            new PositionExposure(TradeSide.Short, 3, 1_000),
        };

        // Long 1 and short 3 at 1,000, quote→USD 2, USD→account 0.5, long 1:10, short 1:5.
        // Sum: 1 × 1,000 × 2 / 10 = 200 USD + 3 × 1,000 × 2 / 5 = 1,200 USD → 1,400 USD × 0.5 = 700.
        // Max: 1,200 USD × 0.5 = 600. Net: 2 short × 1,000 × 2 / 5 = 800 USD × 0.5 = 400.
        [TestCase(MarginAggregation.Sum, 700.0)]
        [TestCase(MarginAggregation.Max, 600.0)]
        [TestCase(MarginAggregation.Net, 400.0)]
        public void SymbolMargin_SidesAndRates_AreWorkedValues(MarginAggregation aggregation, double expected)
        {
            var margin = SymbolMargin.Compute(OneLongThreeShort, LongTenShortFive(), aggregation, MarginPricing.FrozenAtOpen, 1_000, 2, 0.5);

            Assert.That(margin, Is.EqualTo(expected).Within(1e-9));
        }

        [Test]
        public void SymbolMargin_NetLong_UsesTheLongLeverageAndRates()
        {
            // Long 3, short 1 → net 2 long × 1,000 × 2 / 10 = 400 USD × 0.5 = 200.
            var book = new[] { new PositionExposure(TradeSide.Long, 3, 1_000), new PositionExposure(TradeSide.Short, 1, 1_000) };

            Assert.That(SymbolMargin.Compute(book, LongTenShortFive(), MarginAggregation.Net, MarginPricing.FrozenAtOpen, 1_000, 2, 0.5), Is.EqualTo(200).Within(1e-9));
        }

        [Test]
        public void MarginAccount_ConvertsQuoteToUsdToAccount()
        {
            // 2 units × 1,000 × 2 = 4,000 USD at 1:5 = 800 USD × 0.5 = 400 account.
            Assert.That(MarginSchedule.Fixed(5).MarginAccount(TradeSide.Long, 2, 1_000, 2, 0.5), Is.EqualTo(400).Within(1e-9));
        }

        [Test]
        public void Tiers_PastTheLastBound_KeepTheLastLeverage()
        {
            // BTC tiers to 100,000 at 1:10, to 500,000 at 1:5, to 2,000,000 at 1:2 (TestSymbols.BtcTiers); past the last
            // bound the last leverage goes on. 3,000,000 USD: 100,000 / 10 + 400,000 / 5 + 1,500,000 / 2 + 1,000,000 / 2
            // = 10,000 + 80,000 + 750,000 + 500,000 = 1,340,000; and back.
            var tiers = TestSymbols.BtcTiers();

            Assert.That(tiers.MarginUsd(TradeSide.Long, 3_000_000), Is.EqualTo(1_340_000).Within(1e-6));
            Assert.That(tiers.MaxNotionalUsd(TradeSide.Long, 1_340_000), Is.EqualTo(3_000_000).Within(1e-6));
        }

        [TestCase(TradeSide.Long, 10_000.0)]
        [TestCase(TradeSide.Short, 5_000.0)]
        public void MaxNotional_UsesTheSidesOwnLeverage(TradeSide side, double expected)
        {
            Assert.That(LongTenShortFive().MaxNotionalUsd(side, 1_000), Is.EqualTo(expected).Within(1e-9));
        }

        [Test]
        public void Tiered_EmptyOrNotIncreasing_Throws()
        {
            Assert.That(() => MarginSchedule.Tiered(Array.Empty<LeverageTier>()), Throws.ArgumentException);
            Assert.That(() => MarginSchedule.Tiered(new[] { new LeverageTier(100_000, 10), new LeverageTier(100_000, 5) }), Throws.ArgumentException);
        }

        [TestCase(0.0, 10.0)]
        [TestCase(100_000.0, 0.0)]
        [TestCase(100_000.0, double.PositiveInfinity)]
        public void LeverageTier_NotPositive_Throws(double upperBound, double leverage)
        {
            Assert.That(() => new LeverageTier(upperBound, leverage), Throws.TypeOf<ArgumentOutOfRangeException>());
        }

        [TestCase(-1.0, 100.0)]
        [TestCase(double.NaN, 100.0)]
        [TestCase(double.PositiveInfinity, 100.0)]
        [TestCase(1.0, 0.0)]
        [TestCase(1.0, double.PositiveInfinity)]
        public void PositionExposure_BadUnitsOrPrice_Throws(double units, double entry)
        {
            Assert.That(() => new PositionExposure(TradeSide.Long, units, entry), Throws.TypeOf<ArgumentOutOfRangeException>());
        }

        [Test]
        public void BinanceIsolated_LiquidationInALowerBracket_UsesThatBracket()
        {
            // Brackets: to 50,000 notional MMR 0.4 %, above it 0.5 % with maintenance amount 50,000 × 0.1 % = 50.
            // Long 1 BTC at 60,000 (bracket 2), isolated margin 12,000: with bracket 2, (12,000 + 50 − 60,000) / (0.005 − 1)
            // = 48,190.95 — a notional under 50,000, so bracket 1 applies: (12,000 − 60,000) / (0.004 − 1) = 48,192.77,
            // which is in bracket 1 as well.
            var brackets = MaintenanceBrackets.FromRates(new[] { 0.0, 50_000 }, new[] { 0.004, 0.005 });

            var result = BinanceLiquidation.Isolated(TradeSide.Long, 60_000, 1, 12_000, brackets);

            Assert.That(result.PriceOrNaN, Is.EqualTo(48_000 / 0.996).Within(1e-6));
        }

        [Test]
        public void Brackets_InconsistentTable_Throws()
        {
            Assert.That(() => MaintenanceBrackets.FromRates(new[] { 0.0, 50_000 }, new[] { 0.004 }), Throws.ArgumentException);
            Assert.That(() => MaintenanceBrackets.FromRates(new[] { 10.0, 50_000 }, new[] { 0.004, 0.005 }), Throws.ArgumentException);
            Assert.That(() => MaintenanceBrackets.FromRates(new[] { 0.0, 50_000, 50_000 }, new[] { 0.004, 0.005, 0.01 }), Throws.ArgumentException);
            Assert.That(() => MaintenanceBrackets.FromRates(new[] { 0.0 }, new[] { 1.0 }), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => MaintenanceBrackets.FromRates(new[] { 0.0 }, new[] { -0.001 }), Throws.InstanceOf<ArgumentException>());
        }

        [Test]
        public void Buffer_OnNeverOrImmediate_KeepsTheOutcome()
        {
            Assert.That(LiquidationResult.Never.WithBuffer(100, Fraction.FromPercent(10)).Outcome, Is.EqualTo(LiquidationOutcome.Never));
            Assert.That(LiquidationResult.Immediate.WithBuffer(100, Fraction.FromPercent(10)).Outcome, Is.EqualTo(LiquidationOutcome.Immediate));
        }

        [Test]
        public void IsStopInside_NeverImmediateAndExactlyAtThePrice()
        {
            // A stop exactly at the liquidation price is not inside: both would trigger together.
            Assert.That(LiquidationResult.Never.IsStopInside(TradeSide.Long, 50), Is.True);
            Assert.That(LiquidationResult.Immediate.IsStopInside(TradeSide.Long, 50), Is.False);
            Assert.That(LiquidationResult.At(9_850).IsStopInside(TradeSide.Long, 9_850), Is.False);
            Assert.That(LiquidationResult.At(10_150).IsStopInside(TradeSide.Short, 10_150), Is.False);
        }

        [Test]
        public void At_NotAFinitePositivePrice_IsNever_AndAtTheEntryIsImmediate()
        {
            Assert.That(LiquidationResult.At(double.NaN).Outcome, Is.EqualTo(LiquidationOutcome.Never));
            Assert.That(LiquidationResult.At(double.PositiveInfinity).Outcome, Is.EqualTo(LiquidationOutcome.Never));
            Assert.That(LiquidationResult.At(0).Outcome, Is.EqualTo(LiquidationOutcome.Never), "a price of zero is no price");
            Assert.That(LiquidationResult.At(-5).Outcome, Is.EqualTo(LiquidationOutcome.Never));
            Assert.That(LiquidationResult.Classify(TradeSide.Long, 100, 100).Outcome, Is.EqualTo(LiquidationOutcome.Immediate));
            Assert.That(LiquidationResult.Classify(TradeSide.Short, 100, 100).Outcome, Is.EqualTo(LiquidationOutcome.Immediate));
        }

        [Test]
        public void EffectiveLeverage_WorkedValuesAndDegenerateInputs()
        {
            // 5 × 10,000 EUR / (60,000 USD × 0.9) = 50,000 / 54,000 = 0.9259… BTC.
            Assert.That(EffectiveLeverage.MaxUnits(5, 10_000, 60_000, 0.9), Is.EqualTo(50_000.0 / 54_000).Within(1e-12));
            Assert.That(EffectiveLeverage.MaxUnits(5, 10_000, 0, 1), Is.EqualTo(0));
            Assert.That(EffectiveLeverage.MaxUnits(5, 10_000, 60_000, 0), Is.EqualTo(0));
            Assert.That(EffectiveLeverage.MaxUnits(5, -100, 60_000, 1), Is.EqualTo(0));
            Assert.That(EffectiveLeverage.Of(1_000, -100), Is.EqualTo(double.PositiveInfinity));
            Assert.That(EffectiveLeverage.Of(0, 0), Is.EqualTo(double.PositiveInfinity));
        }
    }
}
