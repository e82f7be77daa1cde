using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Pipeline;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Stops;

namespace PerpGuard.Risk.Tests.Pipeline
{
    public class GuardianPolicyTests
    {
        private static readonly FeeCoefficients Fees = FeeCoefficients.For(PipelineFixtures.BtcUsd(), ConversionRates.Identity);

        // These cases were worked for a cut to the cap itself: Cut to (% of cap) = 100 (CutHysteresisTests cover the band).
        private static GuardianPolicy Policy(OversizeAction action = OversizeAction.Reduce, double maxRiskPercent = 0, double volumeMin = 0.01)
        {
            var o = new GuardianOptions { OversizeAction = action, MaxRiskPercentPerPosition = maxRiskPercent, CutToPercentOfCap = 100 };
            return new GuardianPolicy(o, new PositionProtector(o.Stops, PipelineFixtures.BtcUsd(volumeMin)));
        }

        private static PositionView Long(double volume, double? stop = 59_700) =>
            new PositionView(3, "BTCUSD", "manual", TradeSide.Long, volume, 60_000, stop, 60_600.08, 0);

        private static TrackedPosition Track(PositionView p) =>
            new TrackedPosition(p.Id, p.Side, p.EntryPrice, p.StopLoss ?? double.NaN, double.NaN, PipelineFixtures.Noon);

        private static GuardianMarket Market(bool halted = false, bool flattenAll = true) =>
            new GuardianMarket(60_000, 60_001, 200, 10_000, Fees, halted, flattenAll);

        [Test]
        public void Evaluate_SixTimesLeverageWithCapFive_ReducesToTheCapFlooredToStep()
        {
            // 1 BTC × 60,000 / 10,000 = 6x; 5x allows 0.8333 BTC → 0.83 kept, 0.17 closed (worked by hand).
            var p = Long(1.0);

            var a = Policy().Evaluate(p, Track(p), Market(), openedAfterHalt: false);

            Assert.That(a.Kind, Is.EqualTo(GuardianActionKind.Reduce));
            Assert.That(a.Volume, Is.EqualTo(0.17).Within(1e-9));
            Assert.That(a.Reason, Is.EqualTo(GuardianReasons.LeverageAboveCap));
            Assert.That(a.Measured, Is.EqualTo(6.0).Within(1e-9));
        }

        [Test]
        public void Evaluate_RiskAboveTwoPercent_ReducesToTheRiskCap()
        {
            // Risk per BTC at the 59,700 stop: 300 + 30 + 29.85 fees = 359.85; 2 % of 10,000 = 200
            // allows 0.5557 → 0.55 kept from 0.80 (4.8x, under the leverage cap) → 0.25 closed.
            var p = Long(0.80);

            var a = Policy(maxRiskPercent: 2).Evaluate(p, Track(p), Market(), false);

            Assert.That(a.Kind, Is.EqualTo(GuardianActionKind.Reduce));
            Assert.That(a.Volume, Is.EqualTo(0.25).Within(1e-9));
            Assert.That(a.Reason, Is.EqualTo(GuardianReasons.RiskAboveCap));
            Assert.That(a.Measured, Is.EqualTo(0.80 * 359.85).Within(1e-6));
        }

        /// <summary>
        /// Review finding: 1 BTC at 6x with cap 5x keeps 0.83 and closes 0.17 (above); with a 0.5 minimum a
        /// 0.17 close would be refused by the broker, so the close is raised to 0.5 and 0.5 is kept (3x).
        /// </summary>
        [Test]
        public void Evaluate_CutBelowBrokerMinimum_RaisedToTheMinimum()
        {
            var p = Long(1.0);

            var a = Policy(volumeMin: 0.5).Evaluate(p, Track(p), Market(), false);

            Assert.That(a.Kind, Is.EqualTo(GuardianActionKind.Reduce));
            Assert.That(a.Volume, Is.EqualTo(0.5).Within(1e-9));
        }

        /// <summary>0.9 BTC at 5.4x, cap 5x: 0.83 kept, 0.07 to close, raised to the 0.5 minimum leaves 0.4 &lt; 0.5: close all.</summary>
        [Test]
        public void Evaluate_CutRaisedToMinimumLeavesTooLittle_ClosesAll()
        {
            var p = Long(0.9);

            var a = Policy(volumeMin: 0.5).Evaluate(p, Track(p), Market(), false);

            Assert.That(a.Kind, Is.EqualTo(GuardianActionKind.Close));
        }

        [Test]
        public void Evaluate_ReductionBelowBrokerMinimum_ClosesInstead()
        {
            var p = Long(1.2);

            var a = Policy(volumeMin: 1.0).Evaluate(p, Track(p), Market(), false);

            Assert.That(a.Kind, Is.EqualTo(GuardianActionKind.Close));
        }

        [Test]
        public void Evaluate_WarnOnly_WarnsOnceThenLeavesItAlone()
        {
            var p = Long(1.0);
            var tracked = Track(p);
            var policy = Policy(OversizeAction.WarnOnly);

            var first = policy.Evaluate(p, tracked, Market(), false);
            tracked.Warned = true;
            var second = policy.Evaluate(p, tracked, Market(), false);

            Assert.That(first.Kind, Is.EqualTo(GuardianActionKind.Warn));
            Assert.That(second.Kind, Is.Not.EqualTo(GuardianActionKind.Warn));
            Assert.That(second.Kind, Is.Not.EqualTo(GuardianActionKind.Close));
        }

        [Test]
        public void Evaluate_WithinCaps_Nothing()
        {
            var p = Long(0.27);

            Assert.That(Policy(maxRiskPercent: 2).Evaluate(p, Track(p), Market(), false).Kind, Is.EqualTo(GuardianActionKind.None));
        }

        [Test]
        public void Evaluate_NoStop_ProtectsBeforeJudgingSize()
        {
            var p = Long(1.0, stop: null);

            var a = Policy().Evaluate(p, Track(p), Market(), false);

            Assert.That(a.Kind, Is.EqualTo(GuardianActionKind.Protect));
            Assert.That(a.Protection.Kind, Is.EqualTo(ProtectionKind.AttachStop));
        }

        [TestCase(true, false, GuardianActionKind.Close)]
        [TestCase(true, true, GuardianActionKind.Close)]
        [TestCase(false, true, GuardianActionKind.Close)]
        [TestCase(false, false, GuardianActionKind.None)]
        public void Evaluate_Halted_ClosesAllOrOnlyNewPositions(bool flattenAll, bool openedAfterHalt, GuardianActionKind expected)
        {
            var p = Long(0.27);

            var a = Policy().Evaluate(p, Track(p), Market(halted: true, flattenAll: flattenAll), openedAfterHalt);

            Assert.That(a.Kind, Is.EqualTo(expected));
        }

        [Test]
        public void Evaluate_OpenedInCooldown_ClosesWholeWithCooldownReason()
        {
            // 0.27 BTC (1.6x, stop set, within every cap): only the cool-down makes it go, all of it.
            var p = Long(0.27);

            var a = Policy().Evaluate(p, Track(p), Market(), openedAfterHalt: false, openedInCooldown: true);

            Assert.That((a.Kind, a.Volume, a.Reason), Is.EqualTo((GuardianActionKind.Close, 0.27, GuardianReasons.NoNewExposureDuringCooldown)));
            Assert.That(Policy().Evaluate(p, Track(p), Market(), false, openedInCooldown: false).Kind, Is.EqualTo(GuardianActionKind.None), "the same position outside a cool-down");
        }

        [Test]
        public void Evaluate_OpenedInCooldownWhileHalted_HaltReasonWins()
        {
            var p = Long(0.27);

            var a = Policy().Evaluate(p, Track(p), Market(halted: true, flattenAll: false), openedAfterHalt: true, openedInCooldown: true);

            Assert.That((a.Kind, a.Reason), Is.EqualTo((GuardianActionKind.Close, GuardianReasons.KeepFlat)));
        }
    }
}
