using System;
using System.Collections.Generic;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Persistence;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Rules;
using PerpGuard.Risk.Tests.Time;
using PerpGuard.Risk.Time;

namespace PerpGuard.Risk.Tests.Daily
{
    /// <summary>
    /// The daily tracker where the older tests left it free to be wrong (found by mutation testing): flattening only
    /// when halted, the initial balance kept across a restart, the reset instant itself, trades recorded after the
    /// reset before any tick, "off" limits, restored days checked at once, and the bookkeeping a restart relies on.
    /// Start 10,000 USD, limit 2 % = 200, reset at 00:00 UTC unless said otherwise.
    /// </summary>
    public class DailyEdgeTests
    {
        private static Money Usd(double amount) => new Money(amount, "USD");

        private static (DailyRiskTracker Tracker, FakeClock Clock, List<StateTransition> Events) Started(
            DailyLimitsOptions? options = null,
            string now = "2026-11-25T10:00:00Z",
            double balance = 10_000,
            double equity = 10_000,
            DailyStateLoad? saved = null)
        {
            var clock = FakeClock.At(now);
            var tracker = new DailyRiskTracker(options ?? new DailyLimitsOptions(), clock);
            var events = new List<StateTransition>();
            tracker.Transitioned += events.Add;
            tracker.Start(Usd(balance), Usd(equity), saved);
            return (tracker, clock, events);
        }

        [Test]
        public void ShouldFlatten_OnlyWhenHalted()
        {
            // Flatten-on-halt is on by default: it must not close anything while the day is Active or Reducing.
            var (tracker, _, _) = Started();
            Assert.That(tracker.ShouldFlatten, Is.False);

            tracker.Update(Usd(10_000), Usd(9_850)); // loss 150 = 75 % of 200 → Reducing
            Assert.That((tracker.State, tracker.ShouldFlatten), Is.EqualTo((TradingState.Reducing, false)));

            tracker.Update(Usd(10_000), Usd(9_800)); // loss 200 → Halted
            Assert.That((tracker.State, tracker.ShouldFlatten), Is.EqualTo((TradingState.Halted, true)));
        }

        [Test]
        public void Start_InitialBalanceBase_KeepsTheSavedInitialBalanceAcrossARestart()
        {
            // Base = the initial balance, taken from the first balance seen (10,000) and saved. Restarted the next day
            // with 9,000: the limit is still 2 % of 10,000 = 200, not 2 % of 9,000 = 180.
            var options = new DailyLimitsOptions { Base = DailyBaseKind.InitialBalance };
            var saved = new DailyState { Day = TradingDay.Parse("2026-11-24"), Currency = "USD", StartBalance = 9_500, StartEquity = 9_500, InitialBalance = 10_000 };

            var (tracker, _, _) = Started(options, balance: 9_000, equity: 9_000, saved: DailyStateLoad.Restored(saved));

            Assert.That(tracker.Status.BaseAmount, Is.EqualTo(10_000));
            Assert.That(tracker.Status.LossLimitMoney, Is.EqualTo(200).Within(1e-9));
        }

        [Test]
        public void Start_SavedSameDayAlreadyPastTheLimit_HaltsBeforeAnyTick()
        {
            // Saved Active with start equity 10,000; the restart finds 9,800 (loss 200): halted at Start, not at the first tick.
            var saved = new DailyState { Day = TradingDay.Parse("2026-11-25"), Currency = "USD", StartBalance = 10_000, StartEquity = 10_000, State = TradingState.Active };

            var (tracker, _, _) = Started(now: "2026-11-25T15:00:00Z", balance: 9_800, equity: 9_800, saved: DailyStateLoad.Restored(saved));

            Assert.That(tracker.State, Is.EqualTo(TradingState.Halted));
            Assert.That(tracker.Status.StateReason, Is.EqualTo(ReasonCode.DailyLossLimit));
        }

        [Test]
        public void Start_SavedInAnotherCurrency_HaltsAsCorrupt()
        {
            // Today's record in EUR on a USD account: none of it is trusted, the day starts from the account now (9,900),
            // not from the record's 10,000 (which would also read as a 100 loss).
            var saved = new DailyState { Day = TradingDay.Parse("2026-11-25"), Currency = "EUR", StartBalance = 10_000, StartEquity = 10_000 };

            var (tracker, _, _) = Started(balance: 9_900, equity: 9_900, saved: DailyStateLoad.Restored(saved));

            Assert.That((tracker.State, tracker.Status.StateReason), Is.EqualTo((TradingState.Halted, ReasonCode.CorruptState)));
            Assert.That((tracker.Status.StartBalance, tracker.Status.StartEquity), Is.EqualTo((9_900.0, 9_900.0)));
        }

        [Test]
        public void Start_SavedFromAFutureDay_StartsTheDayFromTheCurrentAccount()
        {
            // Nothing of a "tomorrow" record is trusted: the day's start values are the account now (9,500), not 0 or 10,000.
            var saved = new DailyState { Day = TradingDay.Parse("2026-11-27"), Currency = "USD", StartBalance = 10_000, StartEquity = 10_000 };

            var (tracker, _, _) = Started(balance: 9_500, equity: 9_500, saved: DailyStateLoad.Restored(saved));

            Assert.That((tracker.Status.StartBalance, tracker.Status.StartEquity), Is.EqualTo((9_500.0, 9_500.0)));
        }

        [Test]
        public void RecordClosedTrade_ExactlyAtTheResetBeforeAnyTick_CountsForTheNewDay()
        {
            // The close event can arrive before the first tick of the new day: it must roll the day first, or the new
            // day's first tick would wipe the loss from the streak.
            var (tracker, clock, _) = Started(now: "2026-11-25T22:00:00Z");
            clock.Set("2026-11-26T00:00:00Z");

            tracker.RecordClosedTrade(Usd(-10));
            tracker.Update(Usd(9_990), Usd(9_990));

            Assert.That(tracker.Status.Day, Is.EqualTo(TradingDay.Parse("2026-11-26")));
            Assert.That(tracker.Status.LossStreak, Is.EqualTo(1));
        }

        [Test]
        public void RecordEntry_ExactlyAtTheResetBeforeAnyTick_CountsForTheNewDay()
        {
            var (tracker, clock, _) = Started(now: "2026-11-25T22:00:00Z");
            clock.Set("2026-11-26T00:00:00Z");

            tracker.RecordEntry(clock.UtcNow);
            tracker.Update(Usd(10_000), Usd(10_000));

            Assert.That(tracker.Status.TradesToday, Is.EqualTo(1));
        }

        [Test]
        public void DayStart_IsTheFirstInstantOfTheNewDay_ForEntriesAndCloses()
        {
            var (tracker, clock, _) = Started(now: "2026-11-25T22:00:00Z");
            clock.Set("2026-11-26T00:00:00Z");
            tracker.Update(Usd(10_000), Usd(10_000));
            var dayStart = FakeClock.Utc("2026-11-26T00:00:00Z");

            Assert.That(tracker.HasCountedEntry(5, dayStart), Is.False);
            Assert.That(tracker.HasCountedEntry(5, dayStart.AddSeconds(-1)), Is.True);
            Assert.That(tracker.RecordClosedTrade(Usd(-10), dayStart.AddSeconds(-1), 6), Is.False);
            Assert.That(tracker.RecordClosedTrade(Usd(-10), dayStart, 7), Is.True);
            Assert.That(tracker.Status.LossStreak, Is.EqualTo(1));
        }

        [Test]
        public void LimitsSetToZero_AreOff()
        {
            // 0 trades per day and 0 consecutive losses mean unlimited: 30 entries and 10 small losses stay Active.
            var (tracker, _, _) = Started(new DailyLimitsOptions { MaxTradesPerDay = 0, MaxConsecutiveLosses = 0 });
            for (var i = 0; i < 30; i++)
            {
                tracker.RecordEntry();
            }

            for (var i = 0; i < 10; i++)
            {
                tracker.RecordClosedTrade(Usd(-1));
            }

            Assert.That(tracker.State, Is.EqualTo(TradingState.Active));
        }

        [Test]
        public void RecordClosedTrade_BreakEven_EndsTheStreak()
        {
            var (tracker, _, _) = Started();
            tracker.RecordClosedTrade(Usd(-10));

            tracker.RecordClosedTrade(Usd(0));

            Assert.That(tracker.Status.LossStreak, Is.EqualTo(0));
        }

        [Test]
        public void RecordClosedTrade_CloseTimeInTheFuture_CoolsDownFromNow()
        {
            // A close stamped an hour ahead (a clock skew) starts the 5-minute cool-down now, not in an hour.
            var (tracker, clock, _) = Started();

            tracker.RecordClosedTrade(Usd(-10), clock.UtcNow.AddHours(1));

            Assert.That(tracker.Status.CooldownUntilUtc, Is.EqualTo(clock.UtcNow.AddMinutes(5)));
        }

        [Test]
        public void RecordEntry_ReachingTheLimit_TurnsReducingAtThatEntrysTime()
        {
            var (tracker, clock, events) = Started(new DailyLimitsOptions { MaxTradesPerDay = 2 });
            var nine = clock.UtcNow.AddHours(-1);

            tracker.RecordEntry(nine.AddMinutes(-30));
            tracker.RecordEntry(nine);

            Assert.That((events[^1].To, events[^1].AtUtc), Is.EqualTo((TradingState.Reducing, nine)));
        }

        [Test]
        public void RecordEntry_ReachingTheLimitWithAFutureTime_TurnsReducingNow()
        {
            var (tracker, clock, events) = Started(new DailyLimitsOptions { MaxTradesPerDay = 1 });

            tracker.RecordEntry(clock.UtcNow.AddHours(1));

            Assert.That(events[^1].AtUtc, Is.EqualTo(clock.UtcNow));
        }

        [Test]
        public void DayReset_FromHalted_ClearsTheReasonAndTheEnteredIds()
        {
            var (tracker, clock, _) = Started(now: "2026-11-25T22:00:00Z");
            tracker.RecordEntry(7);
            tracker.Update(Usd(10_000), Usd(9_800));
            clock.Set("2026-11-26T00:00:00Z");

            tracker.Update(Usd(9_800), Usd(9_800));

            Assert.That((tracker.State, tracker.Status.StateReason), Is.EqualTo((TradingState.Active, ReasonCode.None)));
            Assert.That(tracker.ToState().EnteredPositionIds, Is.Empty);
        }

        [Test]
        public void ClosesFromHistory_ReplaysInClosingOrder_ThenByPosition()
        {
            // At a restart the history's closes are replayed in the order they happened (a win after a loss ends the
            // streak, a loss after a win starts one): position 9 at 10:00, then 3 and 4 both at 11:00 (by id), even
            // though the ids, and the order the deals arrive in, say otherwise.
            var saved = new DailyState { Day = TradingDay.Parse("2026-11-25"), Currency = "USD", StartBalance = 10_000, StartEquity = 10_000, SavedAtUtc = FakeClock.Utc("2026-11-25T09:00:00Z"), CountedPositionIds = Array.Empty<int>() };
            var closes = new ClosesFromHistory();
            closes.AddDeal(9, 100, FakeClock.Utc("2026-11-25T10:00:00Z"), -10);
            closes.AddDeal(4, 102, FakeClock.Utc("2026-11-25T11:00:00Z"), -10);
            closes.AddDeal(3, 101, FakeClock.Utc("2026-11-25T11:00:00Z"), 5);

            var replay = closes.NotCounted(CountedCloses.Of(saved, TradingDaySchedule.UtcMidnight));

            Assert.That(replay.ConvertAll(c => c.PositionId), Is.EqualTo(new[] { 9, 3, 4 }));
        }

        [Test]
        public void ChangeCount_GrowsWithEveryChangeASaveMustCarry()
        {
            // The robots save when ChangeCount differs from the last saved value: each change must move it forward.
            var (tracker, clock, _) = Started(now: "2026-11-25T22:00:00Z");
            var seen = tracker.ChangeCount;
            Assert.That(seen, Is.GreaterThan(0));

            void Grew(string what)
            {
                Assert.That(tracker.ChangeCount, Is.GreaterThan(seen), what);
                seen = tracker.ChangeCount;
            }

            tracker.RecordClosedTrade(Usd(-10));
            Grew("loss");
            tracker.RecordClosedTrade(Usd(10));
            Grew("win");
            tracker.Hold();
            Grew("hold");
            tracker.Release();
            Grew("release");
            tracker.Halt(ReasonCode.CorruptState);
            Grew("halt");
            clock.Set("2026-11-26T00:00:00Z");
            tracker.Update(Usd(10_000), Usd(10_000));
            Grew("reset");
        }

        [Test]
        public void Status_InProfit_HasNoDayLoss()
        {
            // Up 250 with no profit target: the day's loss is 0 (not −250), the floor stays 9,800, 450 may still be lost.
            var (tracker, _, _) = Started(new DailyLimitsOptions { DailyProfitTarget = null });

            tracker.Update(Usd(10_000), Usd(10_250));

            Assert.That(tracker.Status.DayLoss, Is.EqualTo(0));
            Assert.That(tracker.Status.RemainingBudget, Is.EqualTo(450).Within(1e-9));
        }

        [Test]
        public void Update_EquityInAnotherCurrency_Throws()
        {
            var (tracker, _, _) = Started();

            Assert.That(() => tracker.Update(Usd(10_000), new Money(10_000, "EUR")), Throws.ArgumentException);
            Assert.That(() => tracker.RecordClosedTrade(new Money(-10, "EUR")), Throws.ArgumentException);
        }

        [Test]
        public void Start_BalanceAndEquityInDifferentCurrencies_Throws()
        {
            var tracker = new DailyRiskTracker(new DailyLimitsOptions(), FakeClock.At("2026-11-25T10:00:00Z"));

            Assert.That(() => tracker.Start(Usd(10_000), new Money(10_000, "EUR")), Throws.ArgumentException);
        }

        private static IEnumerable<TestCaseData> BeforeStart()
        {
            yield return new TestCaseData((Action<DailyRiskTracker>)(t => t.UpdateAmounts(10_000, 10_000))).SetName("BeforeStart_UpdateAmounts_Throws");
            yield return new TestCaseData((Action<DailyRiskTracker>)(t => t.RecordEntry())).SetName("BeforeStart_RecordEntry_Throws");
            yield return new TestCaseData((Action<DailyRiskTracker>)(t => t.RecordEntry(DateTime.UnixEpoch))).SetName("BeforeStart_RecordEntryAt_Throws");
            yield return new TestCaseData((Action<DailyRiskTracker>)(t => t.HasCountedEntry(1, DateTime.UnixEpoch))).SetName("BeforeStart_HasCountedEntry_Throws");
            yield return new TestCaseData((Action<DailyRiskTracker>)(t => t.RecordClosedTrade(Usd(-1)))).SetName("BeforeStart_RecordClosedTrade_Throws");
            yield return new TestCaseData((Action<DailyRiskTracker>)(t => t.RecordClosedTrade(Usd(-1), 3))).SetName("BeforeStart_RecordClosedTradeId_Throws");
            yield return new TestCaseData((Action<DailyRiskTracker>)(t => t.Hold())).SetName("BeforeStart_Hold_Throws");
            yield return new TestCaseData((Action<DailyRiskTracker>)(t => t.Release())).SetName("BeforeStart_Release_Throws");
            yield return new TestCaseData((Action<DailyRiskTracker>)(t => t.Halt(ReasonCode.CorruptState))).SetName("BeforeStart_Halt_Throws");
            yield return new TestCaseData((Action<DailyRiskTracker>)(t => t.Reduce(ReasonCode.DailyLossWarning))).SetName("BeforeStart_Reduce_Throws");
            yield return new TestCaseData((Action<DailyRiskTracker>)(t => _ = t.RemainingBudget)).SetName("BeforeStart_RemainingBudget_Throws");
        }

        [TestCaseSource(nameof(BeforeStart))]
        public void BeforeStart_Throws(Action<DailyRiskTracker> call)
        {
            var tracker = new DailyRiskTracker(new DailyLimitsOptions(), FakeClock.At("2026-11-25T10:00:00Z"));

            Assert.That(() => call(tracker), Throws.InvalidOperationException);
        }

        private static IEnumerable<TestCaseData> InvalidOptions()
        {
            yield return new TestCaseData(new DailyLimitsOptions { ResetTimeOfDay = TimeSpan.FromDays(1) }).SetName("Options_ResetAt24h_IsInvalid");
            yield return new TestCaseData(new DailyLimitsOptions { ResetTimeOfDay = TimeSpan.FromMinutes(-1) }).SetName("Options_NegativeResetTime_IsInvalid");
            yield return new TestCaseData(new DailyLimitsOptions { Base = (DailyBaseKind)99 }).SetName("Options_UnknownBase_IsInvalid");
            yield return new TestCaseData(new DailyLimitsOptions { InitialBalance = -1 }).SetName("Options_NegativeInitialBalance_IsInvalid");
            yield return new TestCaseData(new DailyLimitsOptions { InitialBalance = double.PositiveInfinity }).SetName("Options_InfiniteInitialBalance_IsInvalid");
            yield return new TestCaseData(new DailyLimitsOptions { DailyProfitTarget = Fraction.Zero }).SetName("Options_ZeroProfitTarget_IsInvalid");
            yield return new TestCaseData(new DailyLimitsOptions { ReducingAtShareOfLimit = 0 }).SetName("Options_ReducingAtZero_IsInvalid");
            yield return new TestCaseData(new DailyLimitsOptions { ReducingAtShareOfLimit = 1.01 }).SetName("Options_ReducingAboveTheLimit_IsInvalid");
            yield return new TestCaseData(new DailyLimitsOptions { CooldownAfterLoss = TimeSpan.FromMinutes(-1) }).SetName("Options_NegativeCooldown_IsInvalid");
        }

        [TestCaseSource(nameof(InvalidOptions))]
        public void Options_Invalid_HaveAViolationAndTheDailyPipelineRefusesThem(DailyLimitsOptions options)
        {
            Assert.That(options.Violations(), Is.Not.Empty);
            Assert.That(() => RiskPipelines.Daily(options), Throws.ArgumentException);
        }
    }
}
