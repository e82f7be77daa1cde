using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Stops;

namespace PerpGuard.Risk.Tests
{
    public class StopsTests
    {
        private static readonly FeeCoefficients Pct005 = FeeCoefficients.For(TestSymbols.BtcUsd(), ConversionRates.Identity);

        [Test]
        public void MinimumTarget_IssueExample_Is60600_08()
        {
            // (1.5 × 359.85 + 60,000 × 1.0005) / 0.9995 = 60,600.075 → 60,600.08 (issue 2).
            var t = TargetCalculator.MinimumTarget(TestSymbols.BtcUsd(), TradeSide.Long, 60_000, 359.85, 1.5, Pct005);

            Assert.That(t!.Value.Value, Is.EqualTo(60_600.08));
        }

        [Test]
        public void NetRewardRisk_AtRoundedTarget_IsAtLeastRequested()
        {
            var r = TargetCalculator.NetRewardRisk(TradeSide.Long, 60_000, 60_600.08, 359.85, Pct005);
            var oneTickLess = TargetCalculator.NetRewardRisk(TradeSide.Long, 60_000, 60_600.07, 359.85, Pct005);

            Assert.That(r, Is.GreaterThanOrEqualTo(1.5));
            Assert.That(oneTickLess, Is.LessThan(1.5));
        }

        [Test]
        public void MinimumTargetRaw_ShortWithHugeRisk_Unreachable()
        {
            Assert.That(double.IsNaN(TargetCalculator.MinimumTargetRaw(TradeSide.Short, 100, 80, 1.5, Pct005)), Is.True);
        }

        // Break-even covering both fees (0.05 %): long 60,000 × 1.0005 / 0.9995 = 60,060.030 → 60,060.04 (up);
        // short 60,000 × 0.9995 / 1.0005 = 59,940.030 → 59,940.02 (down). Trigger at +1 R with R = 300.
        [TestCase(TradeSide.Long, 59_700, 60_299.99, 59_700.0)]
        [TestCase(TradeSide.Long, 59_700, 60_300.0, 60_060.04)]
        [TestCase(TradeSide.Short, 60_300, 59_700.01, 60_300.0)]
        [TestCase(TradeSide.Short, 60_300, 59_700.0, 59_940.02)]
        public void BreakEvenApply_AroundTrigger_MovesToFeeCoveringPrice(TradeSide side, double initialStop, double price, double expected)
        {
            var rule = new BreakEvenRule(1.0);

            Assert.That(rule.Apply(side, 60_000, initialStop, initialStop, price, 0.01, Pct005), Is.EqualTo(expected));
        }

        [Test]
        public void BreakEvenApply_StopAlreadyTighter_KeepsIt()
        {
            Assert.That(new BreakEvenRule(1.0).Apply(TradeSide.Long, 60_000, 59_700, 60_100, 61_000, 0.01, Pct005), Is.EqualTo(60_100));
        }

        [Test]
        public void TrailingStop_FixedDistance_ActivatesAtOneRThenRatchets()
        {
            // Entry 100, stop 95 → R = 5; activation +1 R; trail 3.
            var rule = TrailingStopRule.Fixed(1.0, 3.0);
            var s = TrailingStopState.Start(TradeSide.Long, 100, 95);

            s = s.Update(rule, 104.99, 0, 0.01);
            Assert.That((s.IsActive, s.Stop), Is.EqualTo((false, 95.0)));
            s = s.Update(rule, 105, 0, 0.01);
            Assert.That((s.IsActive, s.Stop), Is.EqualTo((true, 102.0)));
            s = s.Update(rule, 104, 0, 0.01);
            Assert.That(s.Stop, Is.EqualTo(102.0));
            s = s.Update(rule, 110, 0, 0.01);
            Assert.That(s.Stop, Is.EqualTo(107.0));
        }

        [Test]
        public void TrailingStop_AtrShort_TrailsAboveByMultiple()
        {
            // Short 100, stop 104 → R = 4; activation 0.5 R at 98; 2 × ATR 1.5 = 3 → 101; price 95 → 98.
            var rule = TrailingStopRule.Atr(0.5, 2.0);
            var s = TrailingStopState.Start(TradeSide.Short, 100, 104);

            s = s.Update(rule, 98, 1.5, 0.01);
            Assert.That(s.Stop, Is.EqualTo(101.0));
            s = s.Update(rule, 95, 1.5, 0.01);
            Assert.That(s.Stop, Is.EqualTo(98.0));
            s = s.Update(rule, 97, 0.5, 0.01);
            Assert.That(s.Stop, Is.EqualTo(98.0));
        }
    }
}
