using System;
using System.Collections.Generic;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Persistence;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Tests.Pipeline;

namespace PerpGuard.Risk.Tests.Daily
{
    /// <summary>
    /// The line a bot prints when its trading day ends (DailyRiskTracker.DayEnded + DayTally). Values worked by hand
    /// from the trades each test books: a 10,000 USD account, loss limit 2 % of start-of-day equity, reset 00:00 UTC.
    /// </summary>
    public class DaySummaryTests
    {
        private static readonly DateTime DayStart = new DateTime(2022, 1, 10, 0, 0, 0, DateTimeKind.Utc);

        [Test]
        public void DayEnded_ResetAfterALossAndAWin_SummaryWorkedByHand()
        {
            var clock = new ManualClock(DayStart);
            var tracker = PipelineFixtures.StartedTracker(clock);
            var tally = new DayTally();
            tally.Begin(clock.UtcNow, fromDayStart: true, refusedSoFar: 7);
            var lines = new List<string>();
            tracker.DayEnded += s => lines.Add(tally.Describe(s, "USD", ended: true, refusedSoFar: 12));

            // 09:00 a loss of 100.00 on a planned risk of 100.00 (-1.00 R); 11:00 a win of 75.00 on 50.00 (+1.50 R).
            clock.UtcNow = DayStart.AddHours(9);
            tracker.RecordEntry();
            tracker.RecordClosedTrade(new Money(-100, "USD"), 1);
            tally.RecordClose(-100, 100, 0.01);
            tracker.UpdateAmounts(9_900, 9_900);
            clock.UtcNow = DayStart.AddHours(11);
            tracker.RecordEntry();
            tracker.RecordClosedTrade(new Money(75, "USD"), 2);
            tally.RecordClose(75, 50, 0.01);
            tracker.UpdateAmounts(9_975, 9_975);
            Assert.That(lines, Is.Empty, "nothing before the reset");

            clock.UtcNow = DayStart.AddDays(1).AddSeconds(30);
            tracker.UpdateAmounts(9_975, 9_975);

            // Equity 10,000 -> 9,975: -25.00, -25 / 10,000 = -0.25 %. R: -1.00 + 1.50 = +0.50. Refused: 12 - 7 = 5.
            Assert.That(lines, Is.EqualTo(new[]
            {
                "Day 2022-01-10 ended Active: equity 10000.00 -> 9975.00 USD (-25.00, -0.25 %; loss limit 200.00), 2 entries; 2 closed: 1 won, 1 lost, R +0.50 (best +1.50, worst -1.00); 5 signals refused.",
            }));
            Assert.That(tracker.Status.Day.ToString(), Is.EqualTo("2022-01-11"), "the new day began after the line");
            Assert.That(tracker.Status.TradesToday, Is.Zero);
        }

        [Test]
        public void DayEnded_HaltedAtTheLossLimit_NamesTheStateAndReason()
        {
            var clock = new ManualClock(DayStart);
            var tracker = PipelineFixtures.StartedTracker(clock);
            var tally = new DayTally();
            tally.Begin(clock.UtcNow, fromDayStart: true, refusedSoFar: 0);
            DailyStatus? ended = null;
            tracker.DayEnded += s => ended = s;

            // A loss of 200.00 = 2 % of 10,000: the limit, so the day halts.
            clock.UtcNow = DayStart.AddHours(3);
            tracker.RecordEntry();
            tracker.RecordClosedTrade(new Money(-200, "USD"), 1);
            tally.RecordClose(-200, 200, 0.01);
            tracker.UpdateAmounts(9_800, 9_800);
            clock.UtcNow = DayStart.AddDays(1);
            tracker.UpdateAmounts(9_800, 9_800);

            Assert.That(ended.HasValue, Is.True);
            Assert.That(tally.Describe(ended!.Value, "USD", ended: true, refusedSoFar: 1), Is.EqualTo(
                "Day 2022-01-10 ended Halted (DailyLossLimit): equity 10000.00 -> 9800.00 USD (-200.00, -2.00 %; loss limit 200.00), 1 entry; 1 closed: 0 won, 1 lost, R -1.00 (best -1.00, worst -1.00); 1 signal refused."));
        }

        [Test]
        public void DayEnded_OnManualHoldAllDay_SaysOnHold()
        {
            // A held day stays Active (the hold is no state of the day): without the words it would read as a quiet day.
            var clock = new ManualClock(DayStart);
            var tracker = PipelineFixtures.StartedTracker(clock);
            var tally = new DayTally();
            tally.Begin(clock.UtcNow, fromDayStart: true, refusedSoFar: 0);
            var lines = new List<string>();
            tracker.DayEnded += s => lines.Add(tally.Describe(s, "USD", ended: true, refusedSoFar: 3));
            tracker.Hold();

            clock.UtcNow = DayStart.AddDays(1);
            tracker.UpdateAmounts(10_000, 10_000);

            Assert.That(lines, Is.EqualTo(new[]
            {
                "Day 2022-01-10 ended Active, on hold: equity 10000.00 -> 10000.00 USD (0.00, 0.00 %; loss limit 200.00), 0 entries; 0 closed; 3 signals refused.",
            }));
        }

        [Test]
        public void Describe_BotStartedDuringTheDay_SaysSinceWhenTradesWereSeen()
        {
            var clock = new ManualClock(DayStart.AddHours(10).AddMinutes(32));
            var tracker = PipelineFixtures.StartedTracker(clock);
            var tally = new DayTally();
            tally.Begin(clock.UtcNow, fromDayStart: false, refusedSoFar: 0);

            // A break-even close (+0.004 books as 0.00: neither won nor lost) without a planned risk: no R.
            tally.RecordClose(0.004, double.NaN, 0.01);
            tracker.UpdateAmounts(10_000.004, 10_000.004);

            Assert.That(tally.Describe(tracker.Status, "USD", ended: false, refusedSoFar: 0), Is.EqualTo(
                "Day 2022-01-10 so far: Active; equity 10000.00 -> 10000.00 USD (0.00, 0.00 %; loss limit 200.00), 0 entries; since the bot started at 10:32 UTC 1 closed: 0 won, 0 lost; 0 signals refused."));
        }

        [Test]
        public void Describe_EquitiesOffTheCent_ChangeIsTheDifferenceOfThePrintedEquities()
        {
            // Start 10,000.004 prints 10000.00, end 9,900.006 prints 9900.01: the line's change is 9900.01 - 10000.00 =
            // -99.99 (the exact -99.998 would print -100.00, a cent off what a trader subtracts); the % is of the exact
            // equities, -99.998 / 10,000.004 = -0.99998 %, printed -1.00 %. Loss limit 2 % of 10,000.004 = 200.00008 prints 200.00.
            var clock = new ManualClock(DayStart.AddHours(12));
            var tracker = PipelineFixtures.StartedTracker(clock, equity: 10_000.004);
            var tally = new DayTally();
            tally.Begin(DayStart, fromDayStart: true, refusedSoFar: 0);
            tracker.UpdateAmounts(9_900.006, 9_900.006);

            Assert.That(tally.Describe(tracker.Status, "USD", ended: false), Is.EqualTo(
                "Day 2022-01-10 so far: Active; equity 10000.00 -> 9900.01 USD (-99.99, -1.00 %; loss limit 200.00), 0 entries; 0 closed."));
        }

        [Test]
        public void Describe_AccountInBitcoin_PercentIsOfTheExactEquities()
        {
            // A BTC deposit whose digits the tally was not given (UseMoneyDigits not called: cents): 0.51234 -> 0.50900
            // prints 0.51 -> 0.51 and a change of 0.00, but the day lost (0.50900 - 0.51234) / 0.51234 = -0.00334 / 0.51234 =
            // -0.6519 %, printed -0.65 %; from the printed equities it would read 0.00 %. Loss limit 2 % of 0.51234 =
            // 0.0102 prints 0.01.
            var clock = new ManualClock(DayStart.AddHours(12));
            var tracker = PipelineFixtures.StartedTracker(clock, equity: 0.51234);
            var tally = new DayTally();
            tally.Begin(DayStart, fromDayStart: true, refusedSoFar: 0);
            tracker.UpdateAmounts(0.509, 0.509);

            Assert.That(tally.Describe(tracker.Status, "BTC", ended: false), Is.EqualTo(
                "Day 2022-01-10 so far: Active; equity 0.51 -> 0.51 BTC (0.00, -0.65 %; loss limit 0.01), 0 entries; 0 closed."));
        }

        [Test]
        public void Describe_BitcoinDepositOfEightDigits_MoneyToTheSatoshi()
        {
            // Asset.Digits 8: 0.51234 -> 0.50900 prints 0.51234000 -> 0.50900000, change 0.50900000 - 0.51234000 =
            // -0.00334000 (-0.00334 / 0.51234 = -0.6519 %, -0.65 %); loss limit 2 % of 0.51234 = 0.0102468 -> 0.01024680.
            var clock = new ManualClock(DayStart.AddHours(12));
            var tracker = PipelineFixtures.StartedTracker(clock, equity: 0.51234);
            var tally = new DayTally();
            tally.UseMoneyDigits(8);
            tally.Begin(DayStart, fromDayStart: true, refusedSoFar: 0);
            tracker.UpdateAmounts(0.509, 0.509);

            Assert.That(tally.Describe(tracker.Status, "BTC", ended: false), Is.EqualTo(
                "Day 2022-01-10 so far: Active; equity 0.51234000 -> 0.50900000 BTC (-0.00334000, -0.65 %; loss limit 0.01024680), 0 entries; 0 closed."));
        }

        [Test]
        public void Describe_YenDepositOfZeroDigits_WholeYenAddingUp()
        {
            // Asset.Digits 0: 1,500,000.4 prints 1500000, 1,487,654.6 prints 1487655; change 1487655 - 1500000 = -12345
            // (the exact -12,345.8 would print -12346); % of the exact equities -12,345.8 / 1,500,000.4 = -0.8231 %,
            // -0.82 %; loss limit 2 % of 1,500,000.4 = 30,000.008 prints 30000.
            var clock = new ManualClock(DayStart.AddHours(12));
            var tracker = PipelineFixtures.StartedTracker(clock, equity: 1_500_000.4);
            var tally = new DayTally();
            tally.UseMoneyDigits(0);
            tally.Begin(DayStart, fromDayStart: true, refusedSoFar: 0);
            tracker.UpdateAmounts(1_487_654.6, 1_487_654.6);

            Assert.That(tally.Describe(tracker.Status, "JPY", ended: false), Is.EqualTo(
                "Day 2022-01-10 so far: Active; equity 1500000 -> 1487655 JPY (-12345, -0.82 %; loss limit 30000), 0 entries; 0 closed."));
        }

        [TestCase(-1)]
        [TestCase(11)]
        public void Describe_DigitsUnknown_StaysAtCents(int digits)
        {
            // No deposit asset (the bots pass -1) or a digit count no currency has: cents, as before.
            var clock = new ManualClock(DayStart.AddHours(12));
            var tracker = PipelineFixtures.StartedTracker(clock, equity: 10_000);
            var tally = new DayTally();
            tally.UseMoneyDigits(digits);
            tally.Begin(DayStart, fromDayStart: true, refusedSoFar: 0);
            tracker.UpdateAmounts(9_912.34, 9_912.34);

            // 9,912.34 - 10,000.00 = -87.66, -0.8766 % -> -0.88 %; loss limit 2 % of 10,000 = 200.00.
            Assert.That(tally.Describe(tracker.Status, "USD", ended: false), Is.EqualTo(
                "Day 2022-01-10 so far: Active; equity 10000.00 -> 9912.34 USD (-87.66, -0.88 %; loss limit 200.00), 0 entries; 0 closed."));
        }

        [Test]
        public void RecordClose_SomeWithoutPlannedRisk_RSummedOverThoseWithOne()
        {
            var tally = new DayTally();
            tally.Begin(DayStart, fromDayStart: true, refusedSoFar: 0);
            tally.RecordClose(30, 20, 0.01);          // +1.50 R
            tally.RecordClose(-12.5, double.NaN, 0.01); // a loss, no plan
            tally.RecordClose(-10, 20, 0.01);         // -0.50 R

            Assert.That(tally.Closed, Is.EqualTo(3));
            Assert.That(tally.Won, Is.EqualTo(1));
            Assert.That(tally.Lost, Is.EqualTo(2));
            Assert.That(tally.WithR, Is.EqualTo(2));
            Assert.That(tally.SumR, Is.EqualTo(1.0).Within(1e-12));
            Assert.That(tally.BestR, Is.EqualTo(1.5).Within(1e-12));
            Assert.That(tally.WorstR, Is.EqualTo(-0.5).Within(1e-12));
        }

        [Test]
        public void DayEnded_CloseArrivesAfterTheResetBeforeAnyTick_EndedDayWithoutItAndTheCloseInTheNewDay()
        {
            // Wired as the scalper is: the line at DayEnded, a close tallied only when the tracker counts it.
            var clock = new ManualClock(DayStart);
            var tracker = PipelineFixtures.StartedTracker(clock);
            var tally = new DayTally();
            tally.Begin(clock.UtcNow, fromDayStart: true, refusedSoFar: 0);
            var lines = new List<string>();
            tracker.DayEnded += s =>
            {
                lines.Add(tally.Describe(s, "USD", ended: true, refusedSoFar: 0));
                tally.Begin(s.NextResetUtc, fromDayStart: true, refusedSoFar: 0);
            };

            // 09:00 a loss of 100.00 on 100.00 planned (-1.00 R). 23:50 a second entry, still open at the reset: at the
            // last tick (23:59) balance 9,900, equity 9,870 (30.00 floating loss).
            clock.UtcNow = DayStart.AddHours(9);
            tracker.RecordEntry();
            if (tracker.RecordClosedTrade(new Money(-100, "USD"), 1))
            {
                tally.RecordClose(-100, 100, 0.01);
            }

            clock.UtcNow = DayStart.AddHours(23).AddMinutes(50);
            tracker.RecordEntry();
            clock.UtcNow = DayStart.AddHours(23).AddMinutes(59);
            tracker.UpdateAmounts(9_900, 9_870);

            // 00:00:05 the second position's stop fills (-60.00 on 80.00 planned = -0.75 R) before the new day's first tick:
            // the close's own call rolls the day.
            clock.UtcNow = DayStart.AddDays(1).AddSeconds(5);
            if (tracker.RecordClosedTrade(new Money(-60, "USD"), 2))
            {
                tally.RecordClose(-60, 80, 0.01);
            }

            // The ended day: equity 10,000 -> 9,870 (its last tick) = -130.00, -1.30 %; 2 entries; 1 closed (the 09:00 loss).
            Assert.That(lines, Is.EqualTo(new[]
            {
                "Day 2022-01-10 ended Active: equity 10000.00 -> 9870.00 USD (-130.00, -1.30 %; loss limit 200.00), 2 entries; 1 closed: 0 won, 1 lost, R -1.00 (best -1.00, worst -1.00); 0 signals refused.",
            }));
            Assert.That(tally.Closed, Is.EqualTo(1), "the close after the reset is the new day's");
            Assert.That(tally.SumR, Is.EqualTo(-0.75).Within(1e-12));
            Assert.That(tracker.Status.Day.ToString(), Is.EqualTo("2022-01-11"));
            Assert.That(tracker.Status.LossStreak, Is.EqualTo(1));
        }

        [Test]
        public void DayEnded_EntryAfterTheResetBeforeAnyTick_CountedInTheNewDayOnly()
        {
            var clock = new ManualClock(DayStart.AddHours(12));
            var tracker = PipelineFixtures.StartedTracker(clock);
            var entriesAtEnd = new List<int>();
            tracker.DayEnded += s => entriesAtEnd.Add(s.TradesToday);

            tracker.RecordEntry(7);
            clock.UtcNow = DayStart.AddDays(1).AddSeconds(1);
            tracker.RecordEntry(8);

            Assert.That(entriesAtEnd, Is.EqualTo(new[] { 1 }), "the ended day had the 12:00 entry only");
            Assert.That(tracker.Status.TradesToday, Is.EqualTo(1), "the new day has the 00:00:01 entry");
        }

        [Test]
        public void DayEnded_NewYork1700Reset_RaisedAtTheResetInstantForTheDayThatEnded()
        {
            // Thu 14 Jan 2021: New York on EST (UTC−5), 17:00 local = 22:00 UTC. The day that ends then is the one that
            // began at the previous reset (Wed 22:00 UTC).
            var options = new DailyLimitsOptions { ResetTimeZone = "America/New_York", ResetTimeOfDay = TimeSpan.FromHours(17) };
            var start = new DateTime(2021, 1, 14, 15, 0, 0, DateTimeKind.Utc);
            var clock = new ManualClock(start);
            var tracker = new DailyRiskTracker(options, clock);
            tracker.Start(new Money(10_000, "USD"), new Money(10_000, "USD"));
            var ended = new List<DailyStatus>();
            tracker.DayEnded += ended.Add;
            var dayBefore = tracker.Status.Day;

            clock.UtcNow = new DateTime(2021, 1, 14, 21, 59, 59, DateTimeKind.Utc);
            tracker.UpdateAmounts(10_000, 10_020);
            Assert.That(ended, Is.Empty, "one second before 17:00 New York");

            clock.UtcNow = new DateTime(2021, 1, 14, 22, 0, 0, DateTimeKind.Utc);
            tracker.UpdateAmounts(10_000, 10_030);

            Assert.That(ended, Has.Count.EqualTo(1));
            Assert.That(ended[0].Day, Is.EqualTo(dayBefore));
            Assert.That(ended[0].NextResetUtc, Is.EqualTo(new DateTime(2021, 1, 14, 22, 0, 0, DateTimeKind.Utc)));
            Assert.That(ended[0].Equity - ended[0].StartEquity, Is.EqualTo(30).Within(1e-9), "the day's end equity is the reset tick's");
            Assert.That(tracker.Status.Day, Is.Not.EqualTo(dayBefore));
            Assert.That(tracker.Status.StartEquity, Is.EqualTo(10_030), "the next day starts where the ended one stopped");
        }

        [TestCase(double.PositiveInfinity, 50.0)]
        [TestCase(double.NegativeInfinity, 50.0)]
        [TestCase(25.0, double.PositiveInfinity)]
        [TestCase(double.NaN, 50.0)]
        public void RecordClose_NonFiniteNetOrPlannedRisk_CountedButNotInR(double net, double planned)
        {
            // A trade whose net or planned risk is not a number of money has no R: the day's R stays that of the
            // others (+1.50 from 75.00 on 50.00), never "Infinity" or 0 R for it.
            var tally = new DayTally();
            tally.Begin(DayStart, fromDayStart: true, refusedSoFar: 0);
            tally.RecordClose(75, 50, 0.01);
            tally.RecordClose(net, planned, 0.01);

            Assert.That(tally.Closed, Is.EqualTo(2));
            Assert.That(tally.WithR, Is.EqualTo(1));
            Assert.That(tally.SumR, Is.EqualTo(1.5).Within(1e-12));
            Assert.That(tally.WorstR, Is.EqualTo(1.5).Within(1e-12));
        }

        [Test]
        public void Start_SavedDayEarlierThanToday_NoDayEndedForTheDayMissed()
        {
            // The bot was stopped over the reset: the saved day ended while nobody watched, and its end numbers are unknown.
            var clock = new ManualClock(DayStart.AddDays(1).AddHours(8));
            var tracker = new DailyRiskTracker(new DailyLimitsOptions(), clock);
            var raised = 0;
            tracker.DayEnded += _ => raised++;
            var saved = DailyStateLoad.Restored(new DailyState
            {
                Day = new PerpGuard.Risk.Time.TradingDay(DateOnly.FromDateTime(DayStart)),
                Currency = "USD",
                StartBalance = 10_000,
                StartEquity = 10_000,
                TradesToday = 3,
            });

            tracker.Start(new Money(9_950, "USD"), new Money(9_950, "USD"), saved);
            clock.Advance(TimeSpan.FromHours(1));
            tracker.UpdateAmounts(9_950, 9_950);

            Assert.That(raised, Is.Zero);
            Assert.That(tracker.Status.TradesToday, Is.Zero);
        }
    }
}
