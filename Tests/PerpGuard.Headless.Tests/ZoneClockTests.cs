using System;
using FsCheck;
using FsCheck.Fluent;
using PerpGuard.Headless.Runtime;
using PerpGuard.Tests.Common;

namespace PerpGuard.Headless.Tests
{
    public class ZoneClockTests
    {
        [TestCase("E. Europe Standard Time")]
        [TestCase("Europe/London")]
        [TestCase("America/New_York")]
        [TestCase("Australia/Lord_Howe")]
        [TestCase("Asia/Kathmandu")]
        public void ToZone_AnyInstant2000To2035_EqualsTimeZoneInfoConversion(string zoneId)
        {
            // The clock caches the offset per 15-minute slot; .NET's own conversion is the reference.
            var zone = ZoneClock.Resolve(zoneId);
            var clock = new ZoneClock(zone);
            var from = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
            var span = new DateTime(2035, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks - from;
            var instants = ArbMap.Default.GeneratorFor<double>()
                .Where(d => !double.IsNaN(d) && !double.IsInfinity(d))
                .Select(d => from + (long)(Math.Abs(d % 1.0) * span))
                .ToArbitrary();

            Prop.ForAll(instants, ticks =>
            {
                var expected = TimeZoneInfo.ConvertTimeFromUtc(new DateTime(ticks, DateTimeKind.Utc), zone);
                return clock.ToZone(ticks) == expected;
            }).Check(PropertyBudget.Config);
        }

        [Test]
        public void ToZone_AcrossSpringForwardInSequence_FollowsTheTransition()
        {
            // EU DST 2024 starts 31 March 01:00 UTC: Athens goes from UTC+2 to UTC+3. (Windows' "E. Europe Standard
            // Time" is Moldova, which switches at 00:00 UTC — the property test above covers it against .NET.)
            var clock = new ZoneClock(ZoneClock.Resolve("Europe/Athens"));
            var before = new DateTime(2024, 3, 31, 0, 59, 0, DateTimeKind.Utc);
            var after = new DateTime(2024, 3, 31, 1, 0, 0, DateTimeKind.Utc);

            Assert.That(clock.ToZone(before.Ticks), Is.EqualTo(new DateTime(2024, 3, 31, 2, 59, 0)));
            Assert.That(clock.ToZone(after.Ticks), Is.EqualTo(new DateTime(2024, 3, 31, 4, 0, 0)));
        }
    }
}
