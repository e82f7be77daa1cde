using System;
using System.Collections.Generic;
using System.Linq;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Persistence;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Rules;
using PerpGuard.Risk.Tests.Time;
using PerpGuard.Risk.Time;

namespace PerpGuard.Risk.Tests.Daily
{
    /// <summary>
    /// A closed trade is counted once across a restart: the day remembers the positions it counted, and a restart
    /// replays only the history's closes it had not (README "Known limits", fixed). Defaults: UTC-midnight reset,
    /// cool-down 5 min after a loss doubling per loss in a row (at most 60 min), 3 losses in a row turn the day Reducing.
    /// </summary>
    public class CountedClosesTests
    {
        private static Money Usd(double amount) => new Money(amount, "USD");

        private static DailyState Saved(string savedAt, int[]? ids, string? through = null) => new DailyState
        {
            Day = TradingDay.Parse("2026-11-25"),
            Currency = "USD",
            StartBalance = 10_000,
            StartEquity = 10_000,
            InitialBalance = 10_000,
            LossStreak = 1,
            CooldownUntilUtc = FakeClock.Utc("2026-11-25T10:05:00Z"),
            State = TradingState.Active,
            SavedAtUtc = FakeClock.Utc(savedAt),
            CountedPositionIds = ids,
            CountedThroughUtc = through is null ? null : FakeClock.Utc(through),
        };

        private static List<HistoryClose> Replay(DailyState saved, params (int Position, int Deal, string At, double Net)[] deals)
        {
            var closes = new ClosesFromHistory();
            foreach (var d in deals)
            {
                closes.AddDeal(d.Position, d.Deal, FakeClock.Utc(d.At), d.Net);
            }

            return closes.NotCounted(CountedCloses.Of(saved, TradingDaySchedule.UtcMidnight));
        }

        [Test]
        public void Contains_LossCountedLiveClosingStampedAfterTheSave_Counted()
        {
            // Position 7's loss was counted live and saved at 10:00:00; the platform stamps its close 10:00:02, after the
            // save. By id it is counted; by the former time rule (an older record) it would be new.
            var counted = CountedCloses.Of(Saved("2026-11-25T10:00:00Z", new[] { 7 }), TradingDaySchedule.UtcMidnight);
            var older = CountedCloses.Of(Saved("2026-11-25T10:00:00Z", null), TradingDaySchedule.UtcMidnight);

            Assert.That(counted.Contains(7, FakeClock.Utc("2026-11-25T10:00:02Z")), Is.True);
            Assert.That(older.Contains(7, FakeClock.Utc("2026-11-25T10:00:02Z")), Is.False);
            Assert.That((counted.ByIdentity, older.ByIdentity), Is.EqualTo((true, false)));
        }

        [Test]
        public void Contains_LossCountedLiveClosingStampedBeforeTheSave_CountedAndNotMissed()
        {
            // The other side of a skew: id 8 not counted (it closed while the bot was stopping) but stamped 09:59:59, before
            // the 10:00 save. The time rule took it as counted and missed it; by id it is new.
            var counted = CountedCloses.Of(Saved("2026-11-25T10:00:00Z", new[] { 7 }), TradingDaySchedule.UtcMidnight);
            var older = CountedCloses.Of(Saved("2026-11-25T10:00:00Z", null), TradingDaySchedule.UtcMidnight);

            Assert.That(counted.Contains(8, FakeClock.Utc("2026-11-25T09:59:59Z")), Is.False);
            Assert.That(older.Contains(8, FakeClock.Utc("2026-11-25T09:59:59Z")), Is.True);
        }

        [TestCase("2026-11-24T23:59:59Z", null, true, TestName = "Contains_CloseBeforeTheSavedDayStarted_Counted")]
        [TestCase("2026-11-25T00:00:00Z", null, false, TestName = "Contains_CloseAtTheSavedDaysStart_New")]
        [TestCase("2026-11-25T09:00:00Z", "2026-11-25T09:00:00Z", true, TestName = "Contains_CloseAtCountedThrough_Counted")]
        [TestCase("2026-11-25T09:00:01Z", "2026-11-25T09:00:00Z", false, TestName = "Contains_CloseAfterCountedThroughNotInTheIds_New")]
        public void Contains_ByTime(string closedAt, string? through, bool expected)
        {
            var counted = CountedCloses.Of(Saved("2026-11-25T10:00:00Z", new[] { 7 }, through), TradingDaySchedule.UtcMidnight);

            Assert.That(counted.Contains(99, FakeClock.Utc(closedAt)), Is.EqualTo(expected));
        }

        [Test]
        public void NotCounted_PositionClosedInParts_OneTradeAtItsLastDealWithThatDealsNet()
        {
            // Position 5 trimmed at 10:10 (deal 11, −12.50) and closed at 10:30 (deal 12, −30.00): one trade at 10:30 with
            // −30.00, what a running bot reads from Position.NetProfit at the final close (the rest of the volume's net).
            var trades = Replay(Saved("2026-11-25T10:00:00Z", new int[0]), (5, 11, "2026-11-25T10:10:00Z", -12.5), (5, 12, "2026-11-25T10:30:00Z", -30));

            Assert.That(trades.Select(t => (t.PositionId, t.ClosedAtUtc, t.NetProfit)), Is.EqualTo(new[] { (5, FakeClock.Utc("2026-11-25T10:30:00Z"), -30.0) }));
        }

        [Test]
        public void NotCounted_TwoDealsAtTheSameTime_TheLaterDealIdIsTheLast()
        {
            var trades = Replay(Saved("2026-11-25T10:00:00Z", new int[0]), (5, 12, "2026-11-25T10:30:00Z", 4), (5, 11, "2026-11-25T10:30:00Z", -1));

            Assert.That(trades.Single().NetProfit, Is.EqualTo(4));
        }

        [Test]
        public void NotCounted_PartlyClosedPositionStillOpen_LeftOutUntilItsFinalClose()
        {
            var closes = new ClosesFromHistory();
            closes.AddDeal(5, 11, FakeClock.Utc("2026-11-25T10:10:00Z"), -12.5);
            closes.StillOpen(5);

            Assert.That(closes.NotCounted(CountedCloses.Of(Saved("2026-11-25T10:00:00Z", new int[0]), TradingDaySchedule.UtcMidnight)), Is.Empty);
        }

        [Test]
        public void NotCounted_CountedAndNewPositions_OnlyTheNewInClosingOrder()
        {
            // 7 was counted (its close stamped after the save, 10:00:02); 9 closed at 10:20 and 8 at 10:15 while stopped.
            var trades = Replay(
                Saved("2026-11-25T10:00:00Z", new[] { 7 }),
                (9, 30, "2026-11-25T10:20:00Z", 15),
                (7, 20, "2026-11-25T10:00:02Z", -30),
                (8, 25, "2026-11-25T10:15:00Z", -10));

            Assert.That(trades.Select(t => t.PositionId), Is.EqualTo(new[] { 8, 9 }));
        }

        [Test]
        public void Restart_LossCountedLiveClosingStampedAfterTheSave_NotCountedTwice()
        {
            // Live: position 7 closes at 10:00 for −30.00 → streak 1, cool-down 5 min → until 10:05; saved at 10:00:00.
            // The platform stamps the close 10:00:02. Restart at 10:01: replaying it (the former rule, closes after the save)
            // would make the streak 2 and the cool-down 10 min from 10:00:02 → 10:10:02; by id nothing is replayed.
            var clock = FakeClock.At("2026-11-25T10:00:00Z");
            var first = new DailyRiskTracker(new DailyLimitsOptions(), clock);
            first.Start(Usd(10_000), Usd(10_000));
            Assert.That(first.RecordClosedTrade(Usd(-30), 7), Is.True);
            var storage = new InMemoryKeyValueStore();
            new DailyStateStore(storage, "day").Save(first.ToState());

            clock.Advance(TimeSpan.FromMinutes(1));
            var saved = new DailyStateStore(storage, "day").Load();
            var second = new DailyRiskTracker(new DailyLimitsOptions(), clock);
            second.Start(Usd(9_970), Usd(9_970), saved);
            var closes = new ClosesFromHistory();
            closes.AddDeal(7, 70, FakeClock.Utc("2026-11-25T10:00:02Z"), -30);
            foreach (var c in closes.NotCounted(CountedCloses.Of(saved.State!, second.Schedule)))
            {
                second.RecordClosedTrade(Usd(c.NetProfit), c.ClosedAtUtc, c.PositionId);
            }

            Assert.That(second.Status.LossStreak, Is.EqualTo(1));
            Assert.That(second.Status.CooldownUntilUtc, Is.EqualTo(FakeClock.Utc("2026-11-25T10:05:00Z")));
            Assert.That(second.HasCounted(7), Is.True);
        }

        [Test]
        public void Restart_OlderRecordWithoutIds_RestoresTheDayAndCountsClosesAfterItsSave()
        {
            // A record saved by a build before the ids (no countedPositionIds): streak 1, cool-down until 10:05, saved 10:00.
            // History: 7 closed 09:58 (before the save: counted then), 8 closed 10:02 for −20 (while stopped). Restart at
            // 10:03: 8 counts → streak 2, cool-down 5 × 2 = 10 min from 10:02 → 10:12.
            const string older = "{\"schema\":\"perpguard.daily-state\",\"version\":1,\"day\":\"2026-11-25\",\"currency\":\"USD\"," +
                "\"startBalance\":10000.0,\"startEquity\":10000.0,\"initialBalance\":10000.0,\"tradesToday\":2,\"lossStreak\":1," +
                "\"cooldownUntilUtc\":\"2026-11-25T10:05:00.0000000Z\",\"state\":\"Active\",\"stateReason\":0,\"onHold\":false," +
                "\"savedAtUtc\":\"2026-11-25T10:00:00.0000000Z\"}";
            var saved = DailyStateStore.Parse(older);
            Assert.That((saved.Status, saved.State!.CountedPositionIds, saved.State.CountedThroughUtc), Is.EqualTo((LoadStatus.Restored, (int[]?)null, (DateTime?)null)));
            var clock = FakeClock.At("2026-11-25T10:03:00Z");
            var tracker = new DailyRiskTracker(new DailyLimitsOptions(), clock);
            tracker.Start(Usd(9_950), Usd(9_950), saved);
            var closes = new ClosesFromHistory();
            closes.AddDeal(7, 70, FakeClock.Utc("2026-11-25T09:58:00Z"), -30);
            closes.AddDeal(8, 80, FakeClock.Utc("2026-11-25T10:02:00Z"), -20);

            var replay = closes.NotCounted(CountedCloses.Of(saved.State, tracker.Schedule));
            foreach (var c in replay)
            {
                tracker.RecordClosedTrade(Usd(c.NetProfit), c.ClosedAtUtc, c.PositionId);
            }

            Assert.That(replay.Select(c => c.PositionId), Is.EqualTo(new[] { 8 }));
            Assert.That((tracker.Status.TradesToday, tracker.Status.LossStreak), Is.EqualTo((2, 2)));
            Assert.That(tracker.Status.CooldownUntilUtc, Is.EqualTo(FakeClock.Utc("2026-11-25T10:12:00Z")));
            // Its next save carries the ids from here on and the older save as the time through which closes were counted.
            var next = tracker.ToState();
            Assert.That((next.CountedPositionIds, next.CountedThroughUtc), Is.EqualTo((new[] { 8 }, (DateTime?)FakeClock.Utc("2026-11-25T10:00:00Z"))));
        }
    }
}
