using System;
using FsCheck;
using FsCheck.Fluent;
using PerpGuard.Risk.Time;
using PerpGuard.Tests.Common;

namespace PerpGuard.Risk.Tests.Time
{
    // DST dates from the tz database: US 2026 starts Sun 8 Mar 02:00 EST and ends Sun 1 Nov 02:00 EDT;
    // UK 2026 starts Sun 29 Mar 01:00 UTC. New York is UTC-5 in winter (EST), UTC-4 in summer (EDT).
    public class TradingDayScheduleTests
    {
        private static TradingDaySchedule NewYork(int hour, int minute = 0) =>
            TradingDaySchedule.Create("America/New_York", new TimeSpan(hour, minute, 0));

        private static TradingDay Day(string iso) => TradingDay.Parse(iso);

        [TestCase("2026-03-06T21:59:59Z", "2026-03-05")] // 16:59:59 EST Friday: still Thursday's day
        [TestCase("2026-03-06T22:00:00Z", "2026-03-06")] // 17:00 EST: Friday's day starts
        [TestCase("2026-07-01T20:59:59Z", "2026-06-30")] // 16:59:59 EDT
        [TestCase("2026-07-01T21:00:00Z", "2026-07-01")] // 17:00 EDT = 21:00 UTC in summer
        public void DayOf_NewYork1700_RollsAtSeventeenLocal(string utc, string expected)
        {
            Assert.That(NewYork(17).DayOf(FakeClock.Utc(utc)), Is.EqualTo(Day(expected)));
        }

        [Test]
        public void StartUtc_NewYork1700AcrossSpringForward_DayBeforeLasts23Hours()
        {
            var schedule = NewYork(17);

            // Sat 7 Mar 17:00 EST = 22:00 UTC; Sun 8 Mar 17:00 EDT = 21:00 UTC.
            Assert.That(schedule.StartUtc(Day("2026-03-07")), Is.EqualTo(FakeClock.Utc("2026-03-07T22:00:00Z")));
            Assert.That(schedule.StartUtc(Day("2026-03-08")), Is.EqualTo(FakeClock.Utc("2026-03-08T21:00:00Z")));
            Assert.That(schedule.DayOf(FakeClock.Utc("2026-03-08T20:59:59Z")), Is.EqualTo(Day("2026-03-07")));
            Assert.That(schedule.DayOf(FakeClock.Utc("2026-03-08T21:00:00Z")), Is.EqualTo(Day("2026-03-08")));
        }

        [Test]
        public void StartUtc_NewYork1700AcrossFallBack_DayBeforeLasts25Hours()
        {
            var schedule = NewYork(17);

            // Sat 31 Oct 17:00 EDT = 21:00 UTC; Sun 1 Nov 17:00 EST = 22:00 UTC.
            var length = schedule.StartUtc(Day("2026-11-01")) - schedule.StartUtc(Day("2026-10-31"));
            Assert.That(length, Is.EqualTo(TimeSpan.FromHours(25)));
        }

        [Test]
        public void StartUtc_ResetInsideSpringForwardGap_MovesForwardByTheGap()
        {
            // 02:30 does not exist on 8 Mar 2026 in New York (02:00 EST -> 03:00 EDT); lenient
            // resolution gives 03:30 EDT = 07:30 UTC.
            Assert.That(NewYork(2, 30).StartUtc(Day("2026-03-08")), Is.EqualTo(FakeClock.Utc("2026-03-08T07:30:00Z")));
        }

        [Test]
        public void DayOf_RepeatedHourAtFallBack_DoesNotGoBack()
        {
            var schedule = NewYork(1, 30);

            // 01:30 happens twice on 1 Nov 2026: first 01:30 EDT = 05:30 UTC (the reset), then
            // 01:30 EST = 06:30 UTC. 06:10 UTC is 01:10 EST: wall clock before 01:30, but after the reset.
            Assert.That(schedule.StartUtc(Day("2026-11-01")), Is.EqualTo(FakeClock.Utc("2026-11-01T05:30:00Z")));
            Assert.That(schedule.DayOf(FakeClock.Utc("2026-11-01T05:29:59Z")), Is.EqualTo(Day("2026-10-31")));
            Assert.That(schedule.DayOf(FakeClock.Utc("2026-11-01T06:10:00Z")), Is.EqualTo(Day("2026-11-01")));
            Assert.That(schedule.DayOf(FakeClock.Utc("2026-11-01T06:45:00Z")), Is.EqualTo(Day("2026-11-01")));
        }

        [TestCase("2026-03-29T22:59:59Z", "2026-03-29")] // 23:59:59 BST
        [TestCase("2026-03-29T23:00:00Z", "2026-03-30")] // 00:00 BST on 30 Mar
        [TestCase("2026-03-28T23:59:59Z", "2026-03-28")] // 23:59:59 GMT, before the change
        [TestCase("2026-03-29T00:00:00Z", "2026-03-29")]
        public void DayOf_LondonMidnightAcrossBst_RollsAtLocalMidnight(string utc, string expected)
        {
            var schedule = TradingDaySchedule.Create("Europe/London", TimeSpan.Zero);
            Assert.That(schedule.DayOf(FakeClock.Utc(utc)), Is.EqualTo(Day(expected)));
        }

        [Test]
        public void NextResetUtc_UtcMidnight_IsNextMidnight()
        {
            var next = TradingDaySchedule.UtcMidnight.NextResetUtc(FakeClock.Utc("2026-11-25T14:50:00Z"));
            Assert.That(next, Is.EqualTo(FakeClock.Utc("2026-11-26T00:00:00Z")));
        }

        [Test]
        public void NextResetUtc_ExactlyAtReset_IsTheFollowingOne()
        {
            var next = TradingDaySchedule.UtcMidnight.NextResetUtc(FakeClock.Utc("2026-11-26T00:00:00Z"));
            Assert.That(next, Is.EqualTo(FakeClock.Utc("2026-11-27T00:00:00Z")));
        }

        [TestCase(-1)]
        [TestCase(24 * 60)]
        public void Ctor_ResetOutsideOneDay_Throws(int minutes)
        {
            Assert.That(() => new TradingDaySchedule(TimeZoneInfo.Utc, TimeSpan.FromMinutes(minutes)), Throws.TypeOf<ArgumentOutOfRangeException>());
        }

        [Test]
        public void Create_UnknownZone_ThrowsWithTheId()
        {
            Assert.That(() => TradingDaySchedule.Create("Mars/Olympus_Mons", TimeSpan.Zero), Throws.ArgumentException.With.Message.Contains("Mars/Olympus_Mons"));
        }

        [Test]
        public void TryFind_WindowsId_FindsTheSameZone()
        {
            Assert.That(TimeZones.TryFind("Eastern Standard Time", out var zone), Is.True);
            Assert.That(zone.GetUtcOffset(FakeClock.Utc("2026-01-15T12:00:00Z")), Is.EqualTo(TimeSpan.FromHours(-5)));
        }

        [Test]
        public void TradingDay_ParseAndFormat_RoundTripsIso()
        {
            Assert.That(TradingDay.Parse("2026-11-25").ToString(), Is.EqualTo("2026-11-25"));
            Assert.That(TradingDay.TryParse("25/11/2026", out _), Is.False);
        }

        [Test]
        public void DayOf_AnyInstant_LiesWithinItsDayAndIsMonotonic()
        {
            var zones = new[] { "America/New_York", "Europe/London", "UTC", "Australia/Sydney" };
            var start = FakeClock.Utc("2024-01-01T00:00:00Z");
            // Instants spread over three years (minute resolution) so every DST change is hit.
            var minutes = Gen.Choose(0, 3 * 365 * 1440).ToArbitrary();
            var setups = Gen.Choose(0, 4 * 1440 - 1).ToArbitrary();
            var steps = Gen.Choose(0, 3000).ToArbitrary();
            Prop.ForAll(setups, minutes, steps, (setup, offsetMinutes, stepMinutes) =>
            {
                var schedule = TradingDaySchedule.Create(zones[setup % zones.Length], TimeSpan.FromMinutes(setup / zones.Length));
                var t = start.AddMinutes(offsetMinutes);
                var later = t.AddMinutes(stepMinutes);
                var day = schedule.DayOf(t);
                var inside = schedule.StartUtc(day) <= t && t < schedule.StartUtc(day.Next);
                return inside && schedule.DayOf(later) >= day;
            }).Check(PropertyBudget.Config);
        }
    }
}
