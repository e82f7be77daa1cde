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
    public class DailyRiskTrackerTests
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

        // Start 10,000, limit 2 % of the start balance = 200.00; the reducing step is switched off.
        [TestCase(9_800.01, TradingState.Active)]   // loss 199.99
        [TestCase(9_800.00, TradingState.Halted)]   // loss 200.00
        [TestCase(9_750.00, TradingState.Halted)]   // loss 250.00 (a gap past the floor)
        public void Update_LossAroundTwoPercentLimit_HaltsAtTheLimit(double equity, TradingState expected)
        {
            var (tracker, _, _) = Started(new DailyLimitsOptions { ReducingAtShareOfLimit = 1 });

            tracker.Update(Usd(10_000), Usd(equity));

            Assert.That(tracker.State, Is.EqualTo(expected));
        }

        // Reducing starts at 75 % of the 200.00 limit = 150.00.
        [TestCase(9_850.01, TradingState.Active)]   // loss 149.99
        [TestCase(9_850.00, TradingState.Reducing)] // loss 150.00
        public void Update_LossAroundReducingThreshold_SwitchesToReducing(double equity, TradingState expected)
        {
            var (tracker, _, _) = Started();

            tracker.Update(Usd(10_000), Usd(equity));

            Assert.That(tracker.State, Is.EqualTo(expected));
        }

        // Target 3 % of 10,000 = 300.00.
        [TestCase(10_299.99, TradingState.Active)]
        [TestCase(10_300.00, TradingState.Halted)]
        public void Update_ProfitAroundThreePercentTarget_HaltsAtTheTarget(double equity, TradingState expected)
        {
            var (tracker, _, _) = Started();

            tracker.Update(Usd(10_000), Usd(equity));

            Assert.That(tracker.State, Is.EqualTo(expected));
            Assert.That(tracker.Status.StateReason, Is.EqualTo(expected == TradingState.Halted ? ReasonCode.DailyProfitTarget : ReasonCode.None));
        }

        [Test]
        public void Update_ProfitTargetOff_NeverHaltsOnProfit()
        {
            var (tracker, _, _) = Started(new DailyLimitsOptions { DailyProfitTarget = null });

            tracker.Update(Usd(10_000), Usd(20_000));

            Assert.That(tracker.State, Is.EqualTo(TradingState.Active));
        }

        // Start balance 10,000 with a floating loss of 500 at the reset (start equity 9,500).
        [TestCase(DailyBaseKind.StartOfDayBalance, 200.0)]        // 10,000 × 2 %
        [TestCase(DailyBaseKind.StartOfDayEquity, 190.0)]         // 9,500 × 2 %
        [TestCase(DailyBaseKind.HigherOfBalanceAndEquity, 200.0)] // max(10,000, 9,500) × 2 %
        [TestCase(DailyBaseKind.FixedAmount, 1_000.0)]            // 50,000 × 2 %
        [TestCase(DailyBaseKind.InitialBalance, 400.0)]           // 20,000 × 2 %
        public void Status_EachBase_GivesItsLossLimit(DailyBaseKind kind, double expectedLimit)
        {
            var options = new DailyLimitsOptions { Base = kind, FixedBaseAmount = 50_000, InitialBalance = 20_000 };
            var (tracker, _, _) = Started(options, balance: 10_000, equity: 9_500);

            Assert.That(tracker.Status.LossLimitMoney, Is.EqualTo(expectedLimit).Within(1e-9));
        }

        [Test]
        public void Status_InitialBalanceNotConfigured_UsesFirstBalanceSeenAndKeepsIt()
        {
            var options = new DailyLimitsOptions { Base = DailyBaseKind.InitialBalance };
            var (tracker, clock, _) = Started(options, balance: 8_000, equity: 8_000);
            clock.Advance(TimeSpan.FromDays(1));

            tracker.Update(Usd(9_000), Usd(9_000));

            // Still 8,000 × 2 % = 160 on the next day.
            Assert.That(tracker.Status.BaseAmount, Is.EqualTo(8_000));
            Assert.That(tracker.Status.LossLimitMoney, Is.EqualTo(160).Within(1e-9));
        }

        [Test]
        public void Status_LossOf100_LeavesBudgetOf100AndFloorAt9800()
        {
            var (tracker, _, _) = Started();

            tracker.Update(Usd(10_000), Usd(9_900));

            // Floor = 10,000 − 200 = 9,800; remaining = 9,900 − 9,800 = 100.
            Assert.That(tracker.Status.FloorEquity, Is.EqualTo(9_800).Within(1e-9));
            Assert.That(tracker.Status.RemainingBudget, Is.EqualTo(100).Within(1e-9));
            Assert.That(tracker.Status.DayPnL, Is.EqualTo(-100).Within(1e-9));
        }

        [Test]
        public void Status_EquityBelowFloor_RemainingBudgetIsZero()
        {
            var (tracker, _, _) = Started();

            tracker.Update(Usd(10_000), Usd(9_500));

            Assert.That(tracker.Status.RemainingBudget, Is.EqualTo(0));
        }

        [Test]
        public void Update_EquityRecoversAfterHalt_StaysHaltedSameDay()
        {
            var (tracker, clock, _) = Started();
            tracker.Update(Usd(10_000), Usd(9_790));
            clock.Advance(TimeSpan.FromHours(5));

            tracker.Update(Usd(10_000), Usd(10_100));

            Assert.That(tracker.State, Is.EqualTo(TradingState.Halted));
            Assert.That(tracker.ShouldFlatten, Is.True);
        }

        [Test]
        public void Update_AtNextUtcMidnight_ResetsToActiveWithDayResetEvent()
        {
            var (tracker, clock, events) = Started(now: "2026-11-25T22:00:00Z");
            tracker.Update(Usd(10_000), Usd(9_790));
            clock.Set("2026-11-25T23:59:59Z");
            tracker.Update(Usd(9_790), Usd(9_790));
            Assert.That(tracker.State, Is.EqualTo(TradingState.Halted));

            clock.Set("2026-11-26T00:00:00Z");
            tracker.Update(Usd(9_790), Usd(9_790));

            Assert.That(tracker.State, Is.EqualTo(TradingState.Active));
            Assert.That(tracker.Status.Day, Is.EqualTo(TradingDay.Parse("2026-11-26")));
            Assert.That(tracker.Status.StartBalance, Is.EqualTo(9_790));
            Assert.That(events[^1].Reason, Is.EqualTo(ReasonCode.DayReset));
            Assert.That(events[^1].From, Is.EqualTo(TradingState.Halted));
        }

        [Test]
        public void Update_NewYork1700OnSpringForwardSunday_ResetsAt2100Utc()
        {
            // Sun 8 Mar 2026: New York is on EDT (UTC−4) from 02:00, so 17:00 local = 21:00 UTC,
            // an hour earlier in UTC than the 22:00 of the week before.
            var options = new DailyLimitsOptions { ResetTimeZone = "America/New_York", ResetTimeOfDay = TimeSpan.FromHours(17) };
            var (tracker, clock, _) = Started(options, now: "2026-03-08T15:00:00Z");
            tracker.Update(Usd(10_000), Usd(9_700));
            Assert.That(tracker.State, Is.EqualTo(TradingState.Halted));

            clock.Set("2026-03-08T20:59:59Z");
            tracker.Update(Usd(9_700), Usd(9_700));
            Assert.That(tracker.State, Is.EqualTo(TradingState.Halted));

            clock.Set("2026-03-08T21:00:00Z");
            tracker.Update(Usd(9_700), Usd(9_700));
            Assert.That(tracker.State, Is.EqualTo(TradingState.Active));
            Assert.That(tracker.Status.Day, Is.EqualTo(TradingDay.Parse("2026-03-08")));
        }

        [TestCase(2, TradingState.Active)]
        [TestCase(3, TradingState.Reducing)]
        public void RecordEntry_AroundMaxTradesOfThree_ReducesAtTheThird(int entries, TradingState expected)
        {
            var (tracker, _, _) = Started(new DailyLimitsOptions { MaxTradesPerDay = 3 });

            for (var i = 0; i < entries; i++)
            {
                tracker.RecordEntry();
            }

            Assert.That(tracker.State, Is.EqualTo(expected));
            Assert.That(tracker.Status.TradesToday, Is.EqualTo(entries));
        }

        [Test]
        public void RecordClosedTrade_LossStreak_CooldownDoublesAndThirdLossReduces()
        {
            var (tracker, clock, events) = Started();
            var start = clock.UtcNow;

            tracker.RecordClosedTrade(Usd(-10));
            Assert.That(tracker.Status.CooldownUntilUtc, Is.EqualTo(start.AddMinutes(5)));

            clock.Advance(TimeSpan.FromMinutes(6));
            tracker.RecordClosedTrade(Usd(-10));
            Assert.That(tracker.Status.CooldownUntilUtc, Is.EqualTo(start.AddMinutes(6 + 10)));
            Assert.That(tracker.State, Is.EqualTo(TradingState.Active));

            clock.Advance(TimeSpan.FromMinutes(11));
            tracker.RecordClosedTrade(Usd(-10));
            Assert.That(tracker.Status.CooldownUntilUtc, Is.EqualTo(start.AddMinutes(6 + 11 + 20)));
            Assert.That(tracker.State, Is.EqualTo(TradingState.Reducing));
            Assert.That(events[^1].Reason, Is.EqualTo(ReasonCode.MaxConsecutiveLosses));
        }

        [Test]
        public void RecordClosedTrade_LossesClosedWhileStopped_CooldownFromTheirCloseTimes()
        {
            // Restarted at 10:00; two stops were hit while the bot was away, at 09:50 and 09:56 (default 5 min base,
            // growth 2): cool-downs until 09:55, then 09:56 + 10 = 10:06 — still running at the restart, so no entry
            // until 10:06; a third loss at 09:58 turns the day Reducing at 09:58, when it happened.
            var (tracker, clock, events) = Started();
            var nine50 = clock.UtcNow.AddMinutes(-10);

            tracker.RecordClosedTrade(Usd(-10), nine50);
            Assert.That(tracker.Status.CooldownUntilUtc, Is.EqualTo(nine50.AddMinutes(5)));
            tracker.RecordClosedTrade(Usd(-10), nine50.AddMinutes(6));
            Assert.That(tracker.Status.CooldownUntilUtc, Is.EqualTo(clock.UtcNow.AddMinutes(6)));
            tracker.RecordClosedTrade(Usd(-10), nine50.AddMinutes(8));

            Assert.That(tracker.Status.LossStreak, Is.EqualTo(3));
            Assert.That(tracker.State, Is.EqualTo(TradingState.Reducing));
            Assert.That(events[^1].AtUtc, Is.EqualTo(nine50.AddMinutes(8)));
        }

        [Test]
        public void RecordClosedTrade_LossClosedBeforeTodaysReset_NotCounted()
        {
            // The day resets at 00:00 UTC; a loss at 23:58 the evening before belongs to a day whose streak has ended.
            var (tracker, clock, _) = Started(now: "2026-11-25T00:05:00Z");

            tracker.RecordClosedTrade(Usd(-10), clock.UtcNow.AddMinutes(-7));

            Assert.That((tracker.Status.LossStreak, tracker.Status.CooldownUntilUtc), Is.EqualTo((0, default(DateTime))));
        }

        [Test]
        public void RecordClosedTrade_WinAfterLosses_EndsTheStreak()
        {
            var (tracker, _, _) = Started();
            tracker.RecordClosedTrade(Usd(-10));
            tracker.RecordClosedTrade(Usd(-10));

            tracker.RecordClosedTrade(Usd(0.01));

            Assert.That(tracker.Status.LossStreak, Is.EqualTo(0));
        }

        // 5 min base, growth 2, ceiling 60: 5, 10, 20, 40, then 80 capped at 60.
        [TestCase(0, 0)]
        [TestCase(1, 5)]
        [TestCase(2, 10)]
        [TestCase(3, 20)]
        [TestCase(4, 40)]
        [TestCase(5, 60)]
        [TestCase(9, 60)]
        public void CooldownFor_Streak_GrowsAndCaps(int streak, int minutes)
        {
            Assert.That(new DailyLimitsOptions().CooldownFor(streak), Is.EqualTo(TimeSpan.FromMinutes(minutes)));
        }

        [Test]
        public void Release_AfterHoldOnHaltedDay_StaysHalted()
        {
            var (tracker, _, events) = Started();
            tracker.Hold();
            tracker.Update(Usd(10_000), Usd(9_700));

            tracker.Release();

            Assert.That(tracker.OnHold, Is.False);
            Assert.That(tracker.State, Is.EqualTo(TradingState.Halted));
            Assert.That(events.ConvertAll(e => e.Reason), Is.EqualTo(new[] { ReasonCode.ManualHold, ReasonCode.DailyLossLimit, ReasonCode.ManualRelease }));
        }

        [Test]
        public void Hold_AcrossReset_StaysOnHoldUntilReleased()
        {
            var (tracker, clock, _) = Started();
            tracker.Hold();
            clock.Advance(TimeSpan.FromDays(1));

            tracker.Update(Usd(10_000), Usd(10_000));

            Assert.That(tracker.Status.AcceptsEntries, Is.False);
            Assert.That(tracker.OnHold, Is.True);
        }

        [Test]
        public void Start_SavedHaltSameDay_StaysHalted()
        {
            var saved = new DailyState { Day = TradingDay.Parse("2026-11-25"), Currency = "USD", StartBalance = 10_000, StartEquity = 10_000, State = TradingState.Halted, StateReason = ReasonCode.DailyLossLimit, TradesToday = 4, LossStreak = 2 };

            var (tracker, _, _) = Started(now: "2026-11-25T15:00:00Z", equity: 10_050, saved: DailyStateLoad.Restored(saved));

            Assert.That(tracker.State, Is.EqualTo(TradingState.Halted));
            Assert.That(tracker.Status.TradesToday, Is.EqualTo(4));
            Assert.That(tracker.Status.LossStreak, Is.EqualTo(2));
            Assert.That(tracker.Status.StartEquity, Is.EqualTo(10_000));
        }

        [Test]
        public void Start_SavedMidDayLoss_KeepsStartEquitySoTheLimitStillCounts()
        {
            // Saved: the day started at 10,000; after the restart equity is 9,810 (loss 190 of 200).
            var saved = new DailyState { Day = TradingDay.Parse("2026-11-25"), Currency = "USD", StartBalance = 10_000, StartEquity = 10_000, State = TradingState.Reducing, StateReason = ReasonCode.DailyLossWarning };
            var (tracker, _, _) = Started(now: "2026-11-25T15:00:00Z", balance: 9_810, equity: 9_810, saved: DailyStateLoad.Restored(saved));

            tracker.Update(Usd(9_800), Usd(9_800));

            Assert.That(tracker.State, Is.EqualTo(TradingState.Halted));
        }

        [Test]
        public void Start_SavedHaltFromYesterday_StartsActiveWithDayResetEvent()
        {
            var saved = new DailyState { Day = TradingDay.Parse("2026-11-24"), Currency = "USD", StartBalance = 10_000, StartEquity = 10_000, State = TradingState.Halted, TradesToday = 7 };

            var (tracker, _, events) = Started(now: "2026-11-25T01:00:00Z", balance: 9_700, equity: 9_700, saved: DailyStateLoad.Restored(saved));

            Assert.That(tracker.State, Is.EqualTo(TradingState.Active));
            Assert.That(tracker.Status.TradesToday, Is.EqualTo(0));
            Assert.That(tracker.Status.StartBalance, Is.EqualTo(9_700));
            Assert.That(events, Has.Count.EqualTo(1));
            Assert.That(events[0].Reason, Is.EqualTo(ReasonCode.DayReset));
        }

        [Test]
        public void Start_CorruptRecord_HaltsUntilNextReset()
        {
            var (tracker, clock, events) = Started(saved: DailyStateLoad.Corrupt("bad json"));

            Assert.That(tracker.State, Is.EqualTo(TradingState.Halted));
            Assert.That(events[0].Reason, Is.EqualTo(ReasonCode.CorruptState));

            clock.Set("2026-11-26T00:00:00Z");
            tracker.Update(Usd(10_000), Usd(10_000));
            Assert.That(tracker.State, Is.EqualTo(TradingState.Active));
        }

        [Test]
        public void Start_SavedFromAFutureDay_HaltsAsCorrupt()
        {
            var saved = new DailyState { Day = TradingDay.Parse("2026-11-27"), Currency = "USD", StartBalance = 10_000, StartEquity = 10_000 };

            var (tracker, _, _) = Started(saved: DailyStateLoad.Restored(saved));

            Assert.That(tracker.State, Is.EqualTo(TradingState.Halted));
            Assert.That(tracker.Status.StateReason, Is.EqualTo(ReasonCode.CorruptState));
        }

        [Test]
        public void Update_BeforeStart_Throws()
        {
            var tracker = new DailyRiskTracker(new DailyLimitsOptions(), FakeClock.At("2026-11-25T10:00:00Z"));

            Assert.That(() => tracker.Update(Usd(1), Usd(1)), Throws.InvalidOperationException);
        }

        [Test]
        public void Ctor_InvalidOptions_ThrowsEveryViolationInOneMessage()
        {
            var options = new DailyLimitsOptions { ResetTimeZone = "Nowhere/Land", MaxDailyLoss = Fraction.Zero, MaxTradesPerDay = -1 };

            Assert.That(
                () => new DailyRiskTracker(options, FakeClock.At("2026-11-25T10:00:00Z")),
                Throws.ArgumentException
                    .With.Message.Contains("3 problems")
                    .And.Message.Contains("Nowhere/Land")
                    .And.Message.Contains("MaxDailyLoss")
                    .And.Message.Contains("MaxTradesPerDay"));
        }

        [Test]
        public void Validate_Defaults_IsNull()
        {
            Assert.That(new DailyLimitsOptions().Validate(), Is.Null);
        }

        [Test]
        public void ChangeCount_EntryRecorded_Increments()
        {
            var (tracker, _, _) = Started();
            var before = tracker.ChangeCount;

            tracker.RecordEntry();

            Assert.That(tracker.ChangeCount, Is.GreaterThan(before));
        }
    }
}
