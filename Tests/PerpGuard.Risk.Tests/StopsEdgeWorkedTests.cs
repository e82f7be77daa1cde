using System;
using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Stops;

namespace PerpGuard.Risk.Tests
{
    /// <summary>
    /// Targets, break-even, trailing and fee arithmetic where the older tests left the code free to be wrong
    /// (found by mutation testing): a quote→account rate other than 1, a fixed (per-lot) fee, the exchange taker
    /// rate, the exact boundaries of the break-even and trailing activation, and inputs that must be refused.
    /// Rates below (k = 0.5 and similar) are chosen so the arithmetic is exact, not taken from a market.
    /// </summary>
    public class StopsEdgeWorkedTests
    {
        // Fixed fee 0.25 account units per unit per side, no % fee, 1 quote unit = 0.5 account units.
        private static readonly FeeCoefficients FixedHalf = new FeeCoefficients(0.25, 0, 0.5);

        [Test]
        public void MinimumTargetRaw_LongWithRateAndFixedFee_IsWorkedValue()
        {
            // T = (ρ·c + E·k + fee(E) + f₀) / (k − f₁) = (1.5 × 2 + 100 × 0.5 + 0.25 + 0.25) / (0.5 − 0) = 53.5 / 0.5 = 107.
            // Check: (107 − 100) × 0.5 = 3.5 won, minus 0.25 + 0.25 fees = 3.0 = 1.5 × 2.
            Assert.That(TargetCalculator.MinimumTargetRaw(TradeSide.Long, 100, 2, 1.5, FixedHalf), Is.EqualTo(107).Within(1e-9));
        }

        [Test]
        public void MinimumTargetRaw_ShortWithRateAndFixedFee_IsWorkedValue()
        {
            // T = (E·k − fee(E) − f₀ − ρ·c) / (k + f₁) = (50 − 0.25 − 0.25 − 3) / 0.5 = 46.5 / 0.5 = 93.
            // Check: (100 − 93) × 0.5 = 3.5 won, minus 0.5 fees = 3.0 = 1.5 × 2.
            Assert.That(TargetCalculator.MinimumTargetRaw(TradeSide.Short, 100, 2, 1.5, FixedHalf), Is.EqualTo(93).Within(1e-9));
        }

        [TestCase(TradeSide.Long, 108.0)]
        [TestCase(TradeSide.Short, 92.0)]
        public void MinimumTargetRaw_MinimumCommissionBindsWithRate_IsWorkedValue(TradeSide side, double expected)
        {
            // No rate fee, minimum 1 per side on a deal of 2 units → μ = 0.5 per unit; k = 0.5; ρ·c = 1.5 × 2 = 3.
            // The entry fee is the minimum, 0.5 per unit; the exit fee is the larger of its rate line (0) and the minimum (0.5):
            // Long: rate line (3 + 50 + 0.5 + 0) / 0.5 = 107, minimum line (3 + 50 + 0.5 + 0.5) / 0.5 = 108 → 108.
            // Short: rate line (50 − 0.5 − 0 − 3) / 0.5 = 93, minimum line (50 − 0.5 − 0.5 − 3) / 0.5 = 92 → 92.
            // Check (long, 2 units): (108 − 100) × 2 × 0.5 = 8 won, minus 1 + 1 minimum fees = 6 = 1.5 × (2 × 2).
            var fees = new FeeCoefficients(0, 0, 0.5, 1, 2);

            Assert.That(TargetCalculator.MinimumTargetRaw(side, 100, 2, 1.5, fees), Is.EqualTo(expected).Within(1e-9));
        }

        [Test]
        public void MinimumTargetRaw_ShortTargetExactlyZero_IsUnreachable()
        {
            // Short at 100 risking 100 per unit for 1 R, no fees: T = (100 − 0 − 0 − 1 × 100) / 1 = 0, not a price.
            Assert.That(TargetCalculator.MinimumTargetRaw(TradeSide.Short, 100, 100, 1, FeeCoefficients.Free), Is.NaN);
        }

        [Test]
        public void MinimumTargetRaw_FeeEatsTheWholeMove_IsUnreachable()
        {
            // A % fee equal to the quote→account rate (k − f₁ = 0): no long exit price can net anything.
            Assert.That(TargetCalculator.MinimumTargetRaw(TradeSide.Long, 100, 2, 1.5, new FeeCoefficients(0, 1, 1)), Is.NaN);
        }

        [Test]
        public void NetRewardRisk_ShortWithRate_IsWorkedValue()
        {
            // ((100 − 93) × 0.5 − (0.25 + 0.25)) / 2 = (3.5 − 0.5) / 2 = 1.5: the short target above nets exactly 1.5 R.
            Assert.That(TargetCalculator.NetRewardRisk(TradeSide.Short, 100, 93, 2, FixedHalf), Is.EqualTo(1.5).Within(1e-12));
        }

        [Test]
        public void NetRewardRisk_NoRisk_IsNaN()
        {
            Assert.That(TargetCalculator.NetRewardRisk(TradeSide.Long, 100, 107, 0, FixedHalf), Is.NaN);
        }

        [Test]
        public void LossAt_ConvertsTheMoveAtTheQuoteToAccountRate()
        {
            // 2 units × 10 adverse × 0.5 = 10, plus 2 × 0.25 entry fee and 2 × 0.25 exit fee = 11.
            Assert.That(FixedHalf.LossAt(2, 10, 100, 90), Is.EqualTo(11).Within(1e-12));
        }

        [Test]
        public void For_ExchangeCommission_UsesTheTakerRate()
        {
            // ETHUSD maker 0.02 %, taker 0.04 %: a market order (and a stop) pays taker, 0.0004 per quote unit.
            var fees = FeeCoefficients.For(TestSymbols.EthUsd(), ConversionRates.Identity);

            Assert.That(fees.Proportional, Is.EqualTo(0.0004).Within(1e-15));
        }

        [Test]
        public void SideFee_NoVolume_CostsNothingEvenWithAMinimum()
        {
            Assert.That(new FeeCoefficients(0, 0.0005, 1, 5).SideFee(0, 100), Is.EqualTo(0));
        }

        [Test]
        public void Constructor_NegativeOrInfiniteMinimumAndReserve_MeanNone()
        {
            var negative = new FeeCoefficients(0, 0.0005, 1, -1, 0, -1);
            var infinite = new FeeCoefficients(0, 0.0005, 1, double.PositiveInfinity, -5, double.PositiveInfinity);

            Assert.That((negative.MinimumPerSide, negative.Units, negative.BookingReserve), Is.EqualTo((0.0, double.PositiveInfinity, 0.0)));
            Assert.That((infinite.MinimumPerSide, infinite.Units, infinite.BookingReserve), Is.EqualTo((0.0, double.PositiveInfinity, 0.0)));
            Assert.That((FeeCoefficients.ReserveFor(-0.01), FeeCoefficients.ReserveFor(double.PositiveInfinity)), Is.EqualTo((0.0, 0.0)));
        }

        [Test]
        public void MaxUnitsWithin_ShortWhereOnlyTheEntryMinimumBinds_IsWorkedValue()
        {
            // Short 100 → stop 110: move 10 per unit; 1 % fee: entry 1.0, exit 1.1 per unit; minimum 10.5 per side.
            // At 10 units the entry fee 10 is below the minimum (10.5 charged), the exit fee 11 above it, so the loss is
            // 10 × 10 + 10.5 + 10 × 1.1 = 121.5: with a budget of 121.5 the answer is (121.5 − 10.5) / (10 + 1.1) = 10.
            // The other lines are larger: 121.5 / 12.1 = 10.04, (121.5 − 10.5) / 11 = 10.09, (121.5 − 21) / 10 = 10.05.
            var fees = new FeeCoefficients(0, 0.01, 1, 10.5);

            Assert.That(fees.MaxUnitsWithin(121.5, 10, 100, 110), Is.EqualTo(10).Within(1e-9));
        }

        [Test]
        public void MaxUnitsWithin_NegativeMove_SizesNothing()
        {
            // A stop on the wrong side of the entry gives a negative move: there is no size for it.
            Assert.That(FeeCoefficients.Free.MaxUnitsWithin(100, -20, 100, 120), Is.EqualTo(0));
        }

        // Break-even with 0.05 % per side: long 60,000 × 1.0005 / 0.9995 = 60,060.030 → 60,060.04; short 59,940.030 → 59,940.02.
        // R = 10 so the +1 R trigger is long passed; the stop moves only once price is strictly beyond the break-even
        // (a stop at the market price itself would close at once or be rejected).
        [TestCase(TradeSide.Long, 59_990, 60_060.04, 59_990.0)]
        [TestCase(TradeSide.Long, 59_990, 60_060.05, 60_060.04)]
        [TestCase(TradeSide.Short, 60_010, 59_940.02, 60_010.0)]
        [TestCase(TradeSide.Short, 60_010, 59_940.01, 59_940.02)]
        public void BreakEvenApply_PriceAtTheBreakEven_WaitsUntilPastIt(TradeSide side, double initialStop, double price, double expected)
        {
            var fees = FeeCoefficients.For(TestSymbols.BtcUsd(), ConversionRates.Identity);

            Assert.That(new BreakEvenRule(1.0).Apply(side, 60_000, initialStop, initialStop, price, 0.01, fees), Is.EqualTo(expected));
        }

        [Test]
        public void BreakEvenApply_NoInitialRisk_LeavesTheStop()
        {
            // Initial stop at the entry: R = 0, no trigger distance is defined, the current stop stays.
            var fees = FeeCoefficients.For(TestSymbols.BtcUsd(), ConversionRates.Identity);

            Assert.That(new BreakEvenRule(1.0).Apply(TradeSide.Long, 60_000, 60_000, 59_000, 61_000, 0.01, fees), Is.EqualTo(59_000));
        }

        [TestCase(0.0)]
        [TestCase(-1.0)]
        [TestCase(double.NaN)]
        [TestCase(double.PositiveInfinity)]
        public void BreakEvenRule_TriggerNotPositiveFinite_Throws(double trigger)
        {
            Assert.That(() => new BreakEvenRule(trigger), Throws.TypeOf<ArgumentOutOfRangeException>());
        }

        [TestCase(-0.1, 3.0)]
        [TestCase(double.NaN, 3.0)]
        [TestCase(double.PositiveInfinity, 3.0)]
        [TestCase(1.0, 0.0)]
        [TestCase(1.0, -3.0)]
        [TestCase(1.0, double.PositiveInfinity)]
        public void TrailingFixed_BadActivationOrDistance_Throws(double activation, double distance)
        {
            Assert.That(() => TrailingStopRule.Fixed(activation, distance), Throws.TypeOf<ArgumentOutOfRangeException>());
        }

        [TestCase(1.0, 0.0)]
        [TestCase(1.0, double.PositiveInfinity)]
        [TestCase(-1.0, 2.0)]
        public void TrailingAtr_BadActivationOrMultiple_Throws(double activation, double multiple)
        {
            Assert.That(() => TrailingStopRule.Atr(activation, multiple), Throws.TypeOf<ArgumentOutOfRangeException>());
        }

        [Test]
        public void TrailingStop_ShortBeforeActivation_DoesNotTrail()
        {
            // Short 100, stop 104 → R = 4; activation 0.5 R = 2 → at 98. At 98.01 it is 1.99 in favour: not yet.
            var s = TrailingStopState.Start(TradeSide.Short, 100, 104).Update(TrailingStopRule.Fixed(0.5, 3.0), 98.01, 0, 0.01);

            Assert.That((s.IsActive, s.Stop), Is.EqualTo((false, 104.0)));
        }

        [Test]
        public void TrailingStop_AtrUnknown_ActivatesButKeepsTheStop()
        {
            // Long 100, stop 95, active from +1 R (105); at 106 with ATR 0 (not yet known) no distance exists:
            // the stop must stay at 95, not move to the market.
            var s = TrailingStopState.Start(TradeSide.Long, 100, 95).Update(TrailingStopRule.Atr(1.0, 2.0), 106, 0, 0.01);

            Assert.That((s.IsActive, s.Stop), Is.EqualTo((true, 95.0)));
        }
    }
}
