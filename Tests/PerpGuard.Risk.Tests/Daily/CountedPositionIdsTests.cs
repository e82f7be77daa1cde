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
    /// <summary>The tracker's record of the positions it counted today (defaults: UTC-midnight reset, 5-min cool-down doubling).</summary>
    public class CountedPositionIdsTests
    {
        private static Money Usd(double amount) => new Money(amount, "USD");

        private static (DailyRiskTracker Tracker, FakeClock Clock) Started(string now = "2026-11-25T10:00:00Z", DailyStateLoad? saved = null)
        {
            var clock = FakeClock.At(now);
            var tracker = new DailyRiskTracker(new DailyLimitsOptions(), clock);
            tracker.Start(Usd(10_000), Usd(10_000), saved);
            return (tracker, clock);
        }

        // An Active day of a 10,000 USD account saved at savedAt with the given counted ids (and counted-through time).
        private static DailyStateLoad SavedDay(string day, string savedAt, int[] counted, string? countedThrough = null) =>
            DailyStateLoad.Restored(new DailyState
            {
                Day = TradingDay.Parse(day),
                Currency = "USD",
                StartBalance = 10_000,
                StartEquity = 10_000,
                InitialBalance = 10_000,
                State = TradingState.Active,
                SavedAtUtc = FakeClock.Utc(savedAt),
                CountedPositionIds = counted,
                CountedThroughUtc = countedThrough is null ? (DateTime?)null : FakeClock.Utc(countedThrough),
            });

        [Test]
        public void RecordClosedTrade_SamePositionTwice_CountedOnce()
        {
            // One loss of −20 at 10:00: streak 1, cool-down until 10:05. The same position again changes nothing.
            var (tracker, _) = Started();

            var first = tracker.RecordClosedTrade(Usd(-20), 42);
            var changes = tracker.ChangeCount;
            var second = tracker.RecordClosedTrade(Usd(-20), 42);

            Assert.That((first, second), Is.EqualTo((true, false)));
            Assert.That(tracker.Status.LossStreak, Is.EqualTo(1));
            Assert.That(tracker.Status.CooldownUntilUtc, Is.EqualTo(FakeClock.Utc("2026-11-25T10:05:00Z")));
            Assert.That(tracker.ChangeCount, Is.EqualTo(changes), "nothing to save");
        }

        [Test]
        public void RecordClosedTrade_CloseBeforeTheDayStarted_NotCountedNorRemembered()
        {
            var (tracker, _) = Started();

            Assert.That(tracker.RecordClosedTrade(Usd(-20), FakeClock.Utc("2026-11-24T23:59:00Z"), 42), Is.False);
            Assert.That((tracker.HasCounted(42), tracker.Status.LossStreak), Is.EqualTo((false, 0)));
        }

        [Test]
        public void ToState_AfterThreeCloses_IdsInCountingOrder()
        {
            var (tracker, clock) = Started();
            tracker.RecordClosedTrade(Usd(-20), 42);
            clock.Advance(TimeSpan.FromMinutes(10));
            tracker.RecordClosedTrade(Usd(15), 7);
            tracker.RecordClosedTrade(Usd(-5), 1_000_000_007);

            Assert.That(tracker.ToState().CountedPositionIds, Is.EqualTo(new[] { 42, 7, 1_000_000_007 }));
        }

        [Test]
        public void Start_FirstStart_ClosesBeforeItCountAsCounted()
        {
            // Nothing saved: the tracker counted nothing before 10:00, and a later restart must not replay the morning's closes.
            var (tracker, _) = Started();

            var state = tracker.ToState();

            Assert.That((state.CountedPositionIds, state.CountedThroughUtc), Is.EqualTo((new int[0], (DateTime?)FakeClock.Utc("2026-11-25T10:00:00Z"))));
        }

        [Test]
        public void Start_CorruptRecord_ClosesBeforeTheStartCountAsCounted()
        {
            var (tracker, _) = Started(saved: DailyStateLoad.Corrupt("garbled"));

            Assert.That(tracker.ToState().CountedThroughUtc, Is.EqualTo(FakeClock.Utc("2026-11-25T10:00:00Z")));
        }

        [Test]
        public void Start_SameDayRecord_KeepsItsIdsAndCountedThrough()
        {
            var saved = SavedDay("2026-11-25", "2026-11-25T09:30:00Z", new[] { 3, 4 }, "2026-11-25T08:00:00Z");

            var (tracker, _) = Started(saved: saved);

            Assert.That((tracker.HasCounted(3), tracker.HasCounted(4), tracker.HasCounted(5)), Is.EqualTo((true, true, false)));
            Assert.That(tracker.RecordClosedTrade(Usd(-20), 4), Is.False, "counted before the restart");
            var state = tracker.ToState();
            Assert.That((state.CountedPositionIds, state.CountedThroughUtc), Is.EqualTo((new[] { 3, 4 }, (DateTime?)FakeClock.Utc("2026-11-25T08:00:00Z"))));
        }

        [Test]
        public void Start_RecordOfAnEarlierDay_StartsWithNoIds()
        {
            // Saved on the 24th with id 3; today (25th) nothing is counted yet, and every close since today's start is new.
            var saved = SavedDay("2026-11-24", "2026-11-24T20:00:00Z", new[] { 3 });

            var (tracker, _) = Started(saved: saved);

            var state = tracker.ToState();
            Assert.That((tracker.HasCounted(3), state.CountedPositionIds, state.CountedThroughUtc), Is.EqualTo((false, new int[0], (DateTime?)null)));
        }

        [Test]
        public void Update_AtTheReset_IdsForgotten()
        {
            var (tracker, clock) = Started("2026-11-25T23:50:00Z");
            tracker.RecordClosedTrade(Usd(-20), 42);

            clock.Advance(TimeSpan.FromMinutes(10));
            tracker.Update(Usd(10_000), Usd(10_000));

            var state = tracker.ToState();
            Assert.That((tracker.HasCounted(42), state.CountedPositionIds, state.CountedThroughUtc), Is.EqualTo((false, new int[0], (DateTime?)null)));
        }

        [Test]
        public void RecordClosedTrade_BeyondTheCap_OldestDroppedAndClosesUntilThenCountedByTime()
        {
            // 501 closes, one a minute from 10:00 (ids 1..501): the 501st, at 18:20, drops id 1; closes up to 18:20 are then
            // counted by time (id 1 closed at 10:00), so a restart still does not replay it.
            var (tracker, clock) = Started();
            for (var id = 1; id <= DailyRiskTracker.MaxCountedPositionIds + 1; id++)
            {
                tracker.RecordClosedTrade(Usd(1), id);
                clock.Advance(TimeSpan.FromMinutes(1));
            }

            var state = tracker.ToState();
            Assert.That(DailyRiskTracker.MaxCountedPositionIds, Is.EqualTo(500));
            Assert.That(state.CountedPositionIds!.Length, Is.EqualTo(500));
            Assert.That((state.CountedPositionIds.First(), state.CountedPositionIds.Last()), Is.EqualTo((2, 501)));
            Assert.That(state.CountedThroughUtc, Is.EqualTo(FakeClock.Utc("2026-11-25T18:20:00Z")));
            var counted = CountedCloses.Of(state, tracker.Schedule);
            Assert.That(counted.Contains(1, FakeClock.Utc("2026-11-25T10:00:00Z")), Is.True);
            Assert.That(counted.Contains(502, FakeClock.Utc("2026-11-25T18:21:00Z")), Is.False);
        }

        [Test]
        public void Start_RecordWithMoreIdsThanTheCap_KeepsTheNewestAndCountsTheRestByItsSave()
        {
            // A record with 502 ids (a later build's larger cap): the newest 500 kept, closes up to its 10:00 save counted by time.
            var saved = SavedDay("2026-11-25", "2026-11-25T10:00:00Z", Enumerable.Range(1, 502).ToArray());

            var (tracker, _) = Started("2026-11-25T10:05:00Z", saved);

            var state = tracker.ToState();
            Assert.That((tracker.HasCounted(2), tracker.HasCounted(3), state.CountedPositionIds!.Length), Is.EqualTo((false, true, 500)));
            Assert.That(state.CountedThroughUtc, Is.EqualTo(FakeClock.Utc("2026-11-25T10:00:00Z")));
        }
    }
}
