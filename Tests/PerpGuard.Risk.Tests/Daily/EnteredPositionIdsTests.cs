using System;
using System.Linq;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Persistence;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Rules;
using PerpGuard.Risk.Tests.Time;
using PerpGuard.Risk.Time;

namespace PerpGuard.Risk.Tests.Daily
{
    /// <summary>The tracker's record of the positions whose entry it counted today (TradeGuardian counts entries found at a restart).</summary>
    public class EnteredPositionIdsTests
    {
        private static Money Usd(double amount) => new Money(amount, "USD");

        private static DailyStateLoad SavedToday(int[]? entered, DateTime? through = null) => DailyStateLoad.Restored(new DailyState
        {
            Day = TradingDay.Parse("2026-11-25"),
            Currency = "USD",
            StartBalance = 10_000,
            StartEquity = 10_000,
            InitialBalance = 10_000,
            TradesToday = entered?.Length ?? 1,
            State = TradingState.Active,
            SavedAtUtc = FakeClock.Utc("2026-11-25T10:00:00Z"),
            CountedPositionIds = entered is null ? null : new int[0],
            EnteredPositionIds = entered,
            EnteredThroughUtc = through,
        });

        private static DailyRiskTracker Started(DailyStateLoad? saved, string now = "2026-11-25T10:05:00Z")
        {
            var tracker = new DailyRiskTracker(new DailyLimitsOptions(), FakeClock.At(now));
            tracker.Start(Usd(10_000), Usd(10_000), saved);
            return tracker;
        }

        [Test]
        public void RecordEntry_SamePositionTwice_CountedOnce()
        {
            var tracker = Started(null);

            var first = tracker.RecordEntry(42);
            var second = tracker.RecordEntry(42);

            Assert.That((first, second, tracker.Status.TradesToday), Is.EqualTo((true, false, 1)));
            Assert.That(tracker.ToState().EnteredPositionIds, Is.EqualTo(new[] { 42 }));
        }

        [Test]
        public void HasCountedEntry_SavedIdEnteredAfterTheSave_Counted()
        {
            // Position 7 counted live, saved 10:00:00, its entry stamped 10:00:02 by the platform: counted by id. Position 8,
            // opened at 10:03 while stopped, is new.
            var tracker = Started(SavedToday(new[] { 7 }));

            Assert.That(tracker.HasCountedEntry(7, FakeClock.Utc("2026-11-25T10:00:02Z")), Is.True);
            Assert.That(tracker.HasCountedEntry(8, FakeClock.Utc("2026-11-25T10:03:00Z")), Is.False);
        }

        [Test]
        public void HasCountedEntry_OlderRecordWithoutIds_ByTheSaveTime()
        {
            var tracker = Started(SavedToday(null));

            Assert.That(tracker.HasCountedEntry(7, FakeClock.Utc("2026-11-25T10:00:00Z")), Is.True);
            Assert.That(tracker.HasCountedEntry(7, FakeClock.Utc("2026-11-25T10:00:02Z")), Is.False);
        }

        [TestCase("2026-11-24T23:59:59Z", true, TestName = "HasCountedEntry_OpenedBeforeTheDayStarted_NotToday")]
        [TestCase("2026-11-25T08:30:00Z", true, TestName = "HasCountedEntry_OpenedAtEnteredThrough_Counted")]
        [TestCase("2026-11-25T08:30:01Z", false, TestName = "HasCountedEntry_OpenedAfterEnteredThroughNotInTheIds_New")]
        public void HasCountedEntry_ByTime(string enteredAt, bool expected)
        {
            var tracker = Started(SavedToday(new int[0], FakeClock.Utc("2026-11-25T08:30:00Z")));

            Assert.That(tracker.HasCountedEntry(99, FakeClock.Utc(enteredAt)), Is.EqualTo(expected));
        }

        [Test]
        public void Start_FirstStart_PositionsOpenedBeforeItAreNotCountedLater()
        {
            var tracker = Started(null);

            Assert.That(tracker.ToState().EnteredThroughUtc, Is.EqualTo(FakeClock.Utc("2026-11-25T10:05:00Z")));
            Assert.That(tracker.HasCountedEntry(5, FakeClock.Utc("2026-11-25T09:00:00Z")), Is.True);
        }
    }
}
