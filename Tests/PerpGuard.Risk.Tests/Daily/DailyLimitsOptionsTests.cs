using System;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Rules;
using PerpGuard.Risk.Tests.Time;

namespace PerpGuard.Risk.Tests.Daily
{
    public class DailyLimitsOptionsTests
    {
        [Test]
        public void Violations_FixedBaseWithoutAmount_Reported()
        {
            var options = new DailyLimitsOptions { Base = DailyBaseKind.FixedAmount };

            Assert.That(options.Violations(), Has.One.Contains("FixedBaseAmount"));
        }

        [Test]
        public void Violations_CooldownSettingsInconsistent_EachReported()
        {
            var options = new DailyLimitsOptions { CooldownGrowth = 0.5, CooldownAfterLoss = TimeSpan.FromMinutes(30), MaxCooldown = TimeSpan.FromMinutes(10) };

            var violations = options.Violations();

            Assert.That(violations, Has.Count.EqualTo(2));
            Assert.That(violations, Has.One.Contains("CooldownGrowth"));
            Assert.That(violations, Has.One.Contains("MaxCooldown"));
        }

        [TestCase(50.0, true)]
        [TestCase(50.01, false)]
        [TestCase(0.0, false)]
        public void Violations_MaxDailyLossAroundCeiling_AcceptsUpToFiftyPercent(double percent, bool valid)
        {
            var options = new DailyLimitsOptions { MaxDailyLoss = Fraction.FromPercent(percent) };

            Assert.That(options.Validate() is null, Is.EqualTo(valid));
        }

        [Test]
        public void Validate_OneProblem_SaysOneProblem()
        {
            var message = new DailyLimitsOptions { MaxTradesPerDay = -5 }.Validate();

            Assert.That(message, Does.StartWith("Daily limits settings are invalid (1 problem): MaxTradesPerDay -5"));
        }

        [Test]
        public void Start_Twice_Throws()
        {
            var tracker = new DailyRiskTracker(new DailyLimitsOptions(), FakeClock.At("2026-11-25T10:00:00Z"));
            tracker.Start(new Money(1, "USD"), new Money(1, "USD"));

            Assert.That(() => tracker.Start(new Money(1, "USD"), new Money(1, "USD")), Throws.InvalidOperationException);
        }

        [Test]
        public void Update_OtherCurrency_Throws()
        {
            var tracker = new DailyRiskTracker(new DailyLimitsOptions(), FakeClock.At("2026-11-25T10:00:00Z"));
            tracker.Start(new Money(1, "USD"), new Money(1, "USD"));

            Assert.That(() => tracker.Update(new Money(1, "EUR"), new Money(1, "EUR")), Throws.ArgumentException);
        }

        [Test]
        public void Halt_ExternalReason_HaltsWithThatReasonUntilReset()
        {
            var clock = FakeClock.At("2026-11-25T10:00:00Z");
            var tracker = new DailyRiskTracker(new DailyLimitsOptions(), clock);
            tracker.Start(new Money(10_000, "USD"), new Money(10_000, "USD"));

            tracker.Halt(ReasonCode.StopNotAttached);

            Assert.That(tracker.Status.StateReason, Is.EqualTo(ReasonCode.StopNotAttached));
            Assert.That(tracker.Status.AcceptsEntries, Is.False);
            clock.Set("2026-11-26T00:00:00Z");
            tracker.Update(new Money(10_000, "USD"), new Money(10_000, "USD"));
            Assert.That(tracker.Status.AcceptsEntries, Is.True);
        }

        [Test]
        public void Reduce_WhenHalted_DoesNotGoBackwards()
        {
            var tracker = new DailyRiskTracker(new DailyLimitsOptions(), FakeClock.At("2026-11-25T10:00:00Z"));
            tracker.Start(new Money(10_000, "USD"), new Money(10_000, "USD"));
            tracker.Halt(ReasonCode.StopNotAttached);

            tracker.Reduce(ReasonCode.MaxTradesPerDay);

            Assert.That(tracker.State, Is.EqualTo(TradingState.Halted));
        }

        [Test]
        public void RemainingBudget_AsMoney_CarriesAccountCurrency()
        {
            var tracker = new DailyRiskTracker(new DailyLimitsOptions(), FakeClock.At("2026-11-25T10:00:00Z"));
            tracker.Start(new Money(10_000, "EUR"), new Money(10_000, "EUR"));
            tracker.Update(new Money(10_000, "EUR"), new Money(9_950, "EUR"));

            // 200 limit − 50 lost = 150 EUR.
            Assert.That(tracker.RemainingBudget, Is.EqualTo(new Money(150, "EUR")));
        }
    }
}
