using System.Linq;
using PerpGuard.Risk.Pipeline;

namespace PerpGuard.Risk.Tests.Pipeline
{
    public class BotOptionsTests
    {
        [Test]
        public void Validate_FoundersDefaults_AreValid()
        {
            var scalper = new ScalperOptions();
            var guardian = new GuardianOptions();

            Assert.That(scalper.Validate().Errors, Is.Empty);
            Assert.That(guardian.Validate().Errors, Is.Empty);
        }

        [Test]
        public void Validate_FoundersDefaults_MatchTheSeed()
        {
            // Seed (issue 4): 1 % risk, 1.5R, 5x cap, -2 % / +3 % daily, day resets 00:00 UTC.
            var o = new ScalperOptions();

            Assert.That(o.Risk.RiskPercent, Is.EqualTo(1.0));
            Assert.That(o.Stops.RewardRisk, Is.EqualTo(1.5));
            Assert.That(o.Risk.MaxLeverage, Is.EqualTo(5.0));
            Assert.That(o.Daily.DailyLossPercent, Is.EqualTo(2.0));
            Assert.That(o.Daily.DailyProfitPercent, Is.EqualTo(3.0));
            Assert.That(o.Daily.ResetTime, Is.EqualTo("00:00"));
            Assert.That(o.Daily.TimeZoneId, Is.EqualTo("UTC"));
        }

        [Test]
        public void Validate_SeveralViolations_AllListedInOneMessage()
        {
            var o = new ScalperOptions { FastEmaPeriod = 60, TrendEmaPeriod = 50 };
            o.Risk.RiskPercent = 3;
            o.Risk.MaxLeverage = 12;
            o.Stops.RewardRisk = 1.2;
            o.Daily.TimeZoneId = "Mars/Olympus";
            o.Daily.ResetTime = "25:00";

            var v = o.Validate();

            Assert.That(v.IsValid, Is.False);
            Assert.That(v.Errors, Has.Count.EqualTo(6));
            Assert.That(v.Message, Does.StartWith("Invalid parameters: "));
            Assert.That(v.Message, Does.Contain("Fast EMA period must be shorter"));
            Assert.That(v.Message, Does.Contain("above 2 needs"));
            Assert.That(v.Message, Does.Contain("Max leverage must be between 1 and 10 (is 12)"));
            Assert.That(v.Message, Does.Contain("Reward:risk must be between 1.5 and 20 (is 1.2)"));
            Assert.That(v.Message, Does.Contain("Mars/Olympus"));
            Assert.That(v.Message, Does.Contain("'25:00'"));
            Assert.That(v.Message.Count(ch => ch == '\n'), Is.EqualTo(0), "one line");
        }

        [TestCase(2.0, false, true)]
        [TestCase(2.01, false, false)]
        [TestCase(2.01, true, true)]
        public void Validate_RiskAbove2Percent_NeedsOverride(double percent, bool overrideOn, bool valid)
        {
            var o = new ScalperOptions();
            o.Risk.RiskPercent = percent;
            o.Risk.AllowRiskAbove2Percent = overrideOn;

            Assert.That(o.Validate().IsValid, Is.EqualTo(valid));
        }

        [TestCase(1.49, false)]
        [TestCase(1.5, true)]
        public void Validate_RewardRisk_AtLeastOnePointFive(double rr, bool valid)
        {
            var o = new GuardianOptions();
            o.Stops.RewardRisk = rr;

            Assert.That(o.Validate().IsValid, Is.EqualTo(valid));
        }

        [TestCase("00:00", true)]
        [TestCase("17:00", true)]
        [TestCase("9:30", true)]
        [TestCase("23:59", true)]
        [TestCase("24:00", false)]
        [TestCase("12:60", false)]
        [TestCase("noon", false)]
        [TestCase("", false)]
        public void TryParseTimeOfDay_ResetTime_AcceptsOnlyClockTimes(string text, bool ok)
        {
            Assert.That(OptionsValidation.TryParseTimeOfDay(text, false, out _), Is.EqualTo(ok));
        }

        [Test]
        public void Validate_TargetBeyondMaxTargetAtr_RefusedForScalperOnly()
        {
            // 10 ATR stop × 12 R = 120 ATR target > Max target 100 ATR: every scalper entry would be refused,
            // so the scalper says so at start; the guardian plans no entries and accepts the same stops.
            var scalper = new ScalperOptions();
            scalper.Stops.StopAtrMultiple = 10;
            scalper.Stops.RewardRisk = 12;
            scalper.Stops.MaxTargetAtr = 100;
            var guardian = new GuardianOptions();
            guardian.Stops.StopAtrMultiple = 10;
            guardian.Stops.RewardRisk = 12;
            guardian.Stops.MaxTargetAtr = 100;

            Assert.That(scalper.Validate().Message, Does.Contain("Max target (ATR) must exceed"));
            Assert.That(guardian.Validate().IsValid, Is.True, guardian.Validate().Message);
        }

        [Test]
        public void Validate_BreakEvenAfterTrailing_Refused()
        {
            var o = new ScalperOptions();
            o.Stops.TrailActivationR = 1.0;
            o.Stops.BreakEvenAtR = 1.5;

            Assert.That(o.Validate().Message, Does.Contain("Break-even at (R) must not be later"));
        }

        [Test]
        public void AddLibraryViolations_ValidOptions_AddsNothing()
        {
            var o = new ScalperOptions();
            var v = o.Validate();

            OptionsMapping.AddLibraryViolations(v, o.Daily, o.Filters);

            Assert.That(v.Errors, Is.Empty);
        }

        [Test]
        public void ToDailyLimits_Defaults_MapPercentsToFractions()
        {
            var daily = OptionsMapping.ToDailyLimits(new DailyLimitOptions { ResetTime = "17:00", TimeZoneId = "America/New_York" });

            Assert.That(daily.MaxDailyLoss.Value, Is.EqualTo(0.02).Within(1e-12));
            Assert.That(daily.DailyProfitTarget!.Value.Value, Is.EqualTo(0.03).Within(1e-12));
            Assert.That(daily.ResetTimeOfDay, Is.EqualTo(new System.TimeSpan(17, 0, 0)));
            Assert.That(daily.ResetTimeZone, Is.EqualTo("America/New_York"));
            Assert.That(daily.FlattenOnHalt, Is.True);
        }

        [Test]
        public void ToMarketFilters_SessionEndAt2400_WindowUntilMidnight()
        {
            // "Session end … may be 24:00" (docs/robots.md). 12:00–24:00 UTC by hand: 11:59 closed,
            // 12:00 open, 23:59 open, 00:00 of the next day closed.
            var filters = OptionsMapping.ToMarketFilters(new FilterOptions { SessionStart = "12:00", SessionEnd = "24:00" });
            var hours = new PerpGuard.Risk.Filters.TradingHours(System.TimeZoneInfo.Utc, filters.TradingWindows);

            Assert.That(hours.IsOpen(new System.DateTime(2022, 1, 3, 11, 59, 0, System.DateTimeKind.Utc)), Is.False);
            Assert.That(hours.IsOpen(new System.DateTime(2022, 1, 3, 12, 0, 0, System.DateTimeKind.Utc)), Is.True);
            Assert.That(hours.IsOpen(new System.DateTime(2022, 1, 3, 23, 59, 0, System.DateTimeKind.Utc)), Is.True);
            Assert.That(hours.IsOpen(new System.DateTime(2022, 1, 4, 0, 0, 0, System.DateTimeKind.Utc)), Is.False);
        }

        [Test]
        public void ToMarketFilters_SpreadPercentOfStop_BecomesFraction()
        {
            var filters = OptionsMapping.ToMarketFilters(new FilterOptions { SpreadMeasure = SpreadMeasure.PercentOfStop, MaxSpread = 20 });

            Assert.That(filters.SpreadKind, Is.EqualTo(PerpGuard.Risk.Filters.SpreadLimitKind.FractionOfStop));
            Assert.That(filters.MaxSpread, Is.EqualTo(0.2).Within(1e-12));
            Assert.That(filters.TradingWindows, Is.Empty, "00:00-00:00 means all day");
        }
    }
}
