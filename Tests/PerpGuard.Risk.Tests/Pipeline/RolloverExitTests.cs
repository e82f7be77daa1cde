using System;
using PerpGuard.Risk.Filters;
using PerpGuard.Risk.Pipeline;
using PerpGuard.Risk.Time;

namespace PerpGuard.Risk.Tests.Pipeline
{
    /// <summary>
    /// When the scalper must be flat before the swap rollover. Times worked by hand from the US daylight-saving rules
    /// (Energy Policy Act of 2005: EDT from the second Sunday of March to the first Sunday of November): 17:00 New York
    /// is 22:00 UTC in January (EST, UTC−5) and 21:00 UTC in July (EDT, UTC−4).
    /// </summary>
    public class RolloverExitTests
    {
        private static RolloverExit NewYork5pm(int leadMinutes) =>
            new RolloverExit(TradingDaySchedule.Create("America/New_York", TimeSpan.FromHours(17)), TimeSpan.FromMinutes(leadMinutes));

        private static DateTime Utc(int month, int day, int hour, int minute, int second = 0) =>
            new DateTime(2024, month, day, hour, minute, second, DateTimeKind.Utc);

        [TestCase(1, 15, 21, 54, 59, false)] // 5 min 1 s before 22:00 UTC
        [TestCase(1, 15, 21, 55, 0, true)]   // exactly 5 minutes before
        [TestCase(1, 15, 21, 59, 59, true)]
        [TestCase(1, 15, 22, 0, 0, false)]   // the rollover itself: the next one is tomorrow
        [TestCase(1, 15, 22, 3, 0, false)]
        [TestCase(7, 15, 20, 54, 59, false)] // summer: 17:00 EDT = 21:00 UTC
        [TestCase(7, 15, 20, 55, 0, true)]
        [TestCase(7, 15, 21, 55, 0, false)]  // the winter time is not the rollover in July
        public void IsDue_FiveMinutesBefore17hNewYork_FollowsDaylightSaving(int month, int day, int hour, int minute, int second, bool due)
        {
            Assert.That(NewYork5pm(5).IsDue(Utc(month, day, hour, minute, second)), Is.EqualTo(due));
        }

        [Test]
        public void IsDue_TimeStepsBackADay_RecomputesTheRollover()
        {
            var exit = NewYork5pm(5);

            // The cache holds 15 Jan's day; an earlier instant (a restart replaying older quotes) must not reuse it.
            Assert.That(exit.IsDue(Utc(1, 15, 21, 56)), Is.True);
            Assert.That(exit.IsDue(Utc(1, 16, 12, 0)), Is.False);
            Assert.That(exit.IsDue(Utc(1, 14, 21, 57)), Is.True);
            Assert.That(exit.IsDue(Utc(1, 14, 21, 50)), Is.False);
        }

        [TestCase(0)]
        [TestCase(-1)]
        [TestCase(720)]
        public void Constructor_LeadOutsideZeroToTwelveHours_Refused(int minutes)
        {
            Assert.That(() => NewYork5pm(minutes), Throws.TypeOf<ArgumentOutOfRangeException>());
        }

        [Test]
        public void ToRolloverExit_Zero_KeepsPositionsOverTheRollover()
        {
            Assert.That(OptionsMapping.ToRolloverExit(new FilterOptions { FlatBeforeRolloverMinutes = 0 }), Is.Null);
        }

        [Test]
        public void ToRolloverExit_Defaults_FiveMinutesBefore17hNewYork()
        {
            var exit = OptionsMapping.ToRolloverExit(new FilterOptions());

            Assert.That(exit, Is.Not.Null);
            Assert.That((exit!.Lead, exit.Rollover.ResetTimeOfDay), Is.EqualTo((TimeSpan.FromMinutes(5), TimeSpan.FromHours(17))));
            Assert.That(exit.IsDue(Utc(1, 15, 21, 55)), Is.True);
        }

        [TestCase(5, 10, 10, 5)]  // closing 10 minutes ahead: no entry in those 10 minutes either
        [TestCase(15, 10, 15, 15)]
        [TestCase(0, 10, 10, 0)]  // no blackout, still no entry in the closing window
        [TestCase(5, 0, 5, 5)]
        public void ToMarketFilters_FlatBeforeRollover_BlacksOutEntriesForTheLongerOfTheTwo(int blackout, int flat, int before, int after)
        {
            var filters = OptionsMapping.ToMarketFilters(new FilterOptions { RolloverBlackoutMinutes = blackout, FlatBeforeRolloverMinutes = flat });

            Assert.That((filters.RolloverBlackoutBefore, filters.RolloverBlackoutAfter), Is.EqualTo((TimeSpan.FromMinutes(before), TimeSpan.FromMinutes(after))));
            Assert.That(filters.HasRolloverBlackout, Is.True);
        }

        [Test]
        public void Validate_FlatBeforeRolloverOutOfRange_Refused()
        {
            var o = new ScalperOptions();
            o.Filters.FlatBeforeRolloverMinutes = 241;

            Assert.That(o.Validate().Message, Does.Contain("Flat before rollover"));
        }

        [Test]
        public void Validate_FlatBeforeRolloverWithUnknownZone_Refused()
        {
            var o = new ScalperOptions();
            o.Filters.RolloverBlackoutMinutes = 0;
            o.Filters.RolloverTimeZoneId = "Mars/Olympus";

            Assert.That(o.Validate().Message, Does.Contain("Rollover time zone 'Mars/Olympus'"));
        }

        [Test]
        public void IsDue_PerTick_AllocatesNothing()
        {
            var exit = NewYork5pm(5);
            var start = Utc(1, 15, 0, 0);
            var due = 0;
            for (var i = 0; i < 2_000; i++)
            {
                due += exit.IsDue(start.AddSeconds(i * 15)) ? 1 : 0;
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 20_000; i++)
            {
                due += exit.IsDue(start.AddSeconds(i * 15)) ? 1 : 0;
            }

            Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.EqualTo(0));
            Assert.That(due, Is.GreaterThan(0));
        }
    }
}
