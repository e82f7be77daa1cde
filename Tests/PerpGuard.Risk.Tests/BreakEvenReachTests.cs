using System;
using FsCheck;
using FsCheck.Fluent;
using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Pipeline;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Stops;
using PerpGuard.Tests.Common;

namespace PerpGuard.Risk.Tests
{
    /// <summary>
    /// The fee-covering break-even lies beyond the entry by both fees (0.05 %/side at 60,000 ≈ 60). A
    /// scalper's R is often smaller than that, so the trigger (0.8 R by default) can fire while price has
    /// not yet reached the break-even price. A stop there is on the wrong side of the market.
    /// </summary>
    public class BreakEvenReachTests
    {
        private static readonly FeeCoefficients Pct005 = FeeCoefficients.For(TestSymbols.BtcUsd(), ConversionRates.Identity);

        // Long 60,000, stop 59,955 (R = 45), trigger 0.8 R = 36 → bid 60,050 is past it.
        // Break-even (0.05 %/side): 60,000 × 1.0005 / 0.9995 = 60,060.030 → 60,060.04, above the bid 60,050:
        // a long's stop there would close at once (or be rejected), so the stop stays at 59,955.
        [Test]
        public void BreakEvenApply_LongBreakEvenAboveBid_KeepsStop()
        {
            var stop = new BreakEvenRule(0.8).Apply(TradeSide.Long, 60_000, 59_955, 59_955, 60_050, 0.01, Pct005);

            Assert.That(stop, Is.EqualTo(59_955.0));
        }

        // Short 60,000, stop 60,045 (R = 45), ask 59,950 (+50 ≥ 0.8 R).
        // Break-even: 60,000 × 0.9995 / 1.0005 = 59,940.030 → 59,940.02, below the ask 59,950 → keep 60,045.
        [Test]
        public void BreakEvenApply_ShortBreakEvenBelowAsk_KeepsStop()
        {
            var stop = new BreakEvenRule(0.8).Apply(TradeSide.Short, 60_000, 60_045, 60_045, 59_950, 0.01, Pct005);

            Assert.That(stop, Is.EqualTo(60_045.0));
        }

        // Once price is past the break-even (bid 60,060.05 > 60,060.04) it applies as before.
        [TestCase(TradeSide.Long, 59_955, 60_060.05, 60_060.04)]
        [TestCase(TradeSide.Short, 60_045, 59_940.01, 59_940.02)]
        public void BreakEvenApply_PriceJustPastBreakEven_MovesThere(TradeSide side, double initialStop, double price, double expected)
        {
            var stop = new BreakEvenRule(0.8).Apply(side, 60_000, initialStop, initialStop, price, 0.01, Pct005);

            Assert.That(stop, Is.EqualTo(expected));
        }

        // Default bot settings (stop 1.5 ATR, trail 1.5 ATR from 1 R, break-even at 0.8 R), ATR 30:
        // stop 60,000 − 45 = 59,955. Bid 60,050 is +50 ≥ 1 R, so the trail proposes 60,050 − 45 = 60,005.
        // Break-even 60,060.04 is above the bid and must not displace that valid trailing move.
        [Test]
        public void ProtectorEvaluate_BreakEvenNotReachedButTrailActive_MovesTrailingStop()
        {
            var spec = TestSymbols.BtcUsd();
            var protector = new PositionProtector(new StopOptions(), spec);
            var p = new PositionView(1, "BTCUSD", "x", TradeSide.Long, 0.27, 60_000, 59_955, 61_000, 0);
            var tracked = new TrackedPosition(1, TradeSide.Long, 60_000, 59_955, double.NaN, new System.DateTime(2022, 1, 10, 12, 0, 0, System.DateTimeKind.Utc));

            var action = protector.Evaluate(p, tracked, bid: 60_050, ask: 60_051, atr: 30, Pct005);

            Assert.That(action.Kind, Is.EqualTo(ProtectionKind.MoveStop));
            Assert.That(action.Stop, Is.EqualTo(60_005).Within(1e-9));
            Assert.That(action.Reason, Is.EqualTo(ProtectionReasons.TrailingStop));
        }

        // A NaN price (no quote) is no evidence of profit: the stop stays (before, NaN < trigger was false
        // and the break-even was applied).
        [Test]
        public void BreakEvenApply_NaNPrice_KeepsStop()
        {
            var stop = new BreakEvenRule(0.8).Apply(TradeSide.Long, 60_000, 59_700, 59_700, double.NaN, 0.01, Pct005);

            Assert.That(stop, Is.EqualTo(59_700.0));
        }

        // Whatever the side, fees, R and price: the rule keeps the stop, or moves it strictly inside the
        // current price to a level where an exit nets ≥ 0 after both fees (worked from scratch).
        [Test]
        public void BreakEvenApply_AnyPrice_KeepsStopOrMovesInsidePriceWithoutLoss()
        {
            var cases = from sideBit in Gen.Choose(0, 1)
                        from entryK in Gen.Choose(5, 120)
                        from riskBp in Gen.Choose(2, 300)
                        from triggerTenths in Gen.Choose(1, 30)
                        from moveBp in Gen.Choose(-100, 600)
                        from feeBp in Gen.Choose(0, 10)
                        select (sideBit, entry: entryK * 1_000.0, riskBp, trigger: triggerTenths / 10.0, moveBp, feeBp);
            Prop.ForAll(cases.ToArbitrary(), c =>
            {
                var side = c.sideBit == 0 ? TradeSide.Long : TradeSide.Short;
                var sign = side == TradeSide.Long ? 1.0 : -1.0;
                var fee = c.feeBp / 10_000.0;
                var fees = FeeCoefficients.For(TestSymbols.BtcUsd(feePercent: c.feeBp / 100.0), ConversionRates.Identity);
                var initial = StepMath.Nearest(c.entry - sign * c.entry * c.riskBp / 10_000.0, 0.01);
                var price = StepMath.Nearest(c.entry + sign * c.entry * c.moveBp / 10_000.0, 0.01);

                var stop = new BreakEvenRule(c.trigger).Apply(side, c.entry, initial, initial, price, 0.01, fees);
                if (stop == initial)
                {
                    return true;
                }

                var inside = side == TradeSide.Long ? stop < price : stop > price;
                var net = sign * (stop - c.entry) - fee * c.entry - fee * stop;
                return inside && net >= -1e-9;
            }).Check(PropertyBudget.Config);
        }
    }
}
