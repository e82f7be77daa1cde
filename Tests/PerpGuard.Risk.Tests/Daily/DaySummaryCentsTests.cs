using System;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Rules;
using PerpGuard.Risk.Time;

namespace PerpGuard.Risk.Tests.Daily
{
    /// <summary>
    /// The day line adds up to the cent: its change is the printed end equity minus the printed start equity. Found on
    /// the freqtrade XRP 8h mark file (TradeGuardian, 2021-11-27): "equity 10000.00 -> 9961.11 USD (-38.90, …)".
    /// </summary>
    public class DaySummaryCentsTests
    {
        private static DailyStatus Day(double startEquity, double equity) => new DailyStatus(
            isStarted: true, day: new TradingDay(new DateOnly(2021, 11, 27)), state: TradingState.Active, stateReason: ReasonCode.None,
            onHold: false, startBalance: startEquity, startEquity: startEquity, balance: startEquity, equity: equity,
            baseAmount: startEquity, lossLimitMoney: 200, profitTargetMoney: 300, tradesToday: 1, lossStreak: 0,
            cooldownUntilUtc: DateTime.MinValue, nextResetUtc: new DateTime(2021, 11, 28, 0, 0, 0, DateTimeKind.Utc));

        [Test]
        public void Describe_UnroundedEquities_ChangeIsTheDifferenceOfThePrintedOnes()
        {
            // Unrounded: 10,000.004 -> 9,961.106 (an open position's floating P&L), change -38.898.
            // Printed: 10000.00 and 9961.11, so the change must read 9961.11 - 10000.00 = -38.89 (before: -38.90).
            // % = -38.89 / 10,000 = -0.3889 % -> -0.39 %.
            var tally = new DayTally();
            tally.Begin(new DateTime(2021, 11, 27, 0, 0, 0, DateTimeKind.Utc), fromDayStart: true, refusedSoFar: 0);

            var line = tally.Describe(Day(10_000.004, 9_961.106), "USD", ended: true);

            Assert.That(line, Is.EqualTo("Day 2021-11-27 ended Active: equity 10000.00 -> 9961.11 USD (-38.89, -0.39 %; loss limit 200.00), 1 entry; 0 closed."));
        }

        [Test]
        public void Describe_GainThatRoundsUpAtTheEndOnly_ChangeFollowsThePrintedEquities()
        {
            // 9,988.994 -> 10,016.886: printed 9988.99 -> 10016.89, change 27.90 (unrounded 27.892 would read +27.89).
            // % = 27.90 / 9,988.99 = 0.27931 % -> +0.28 %.
            var tally = new DayTally();
            tally.Begin(new DateTime(2021, 11, 27, 0, 0, 0, DateTimeKind.Utc), fromDayStart: true, refusedSoFar: 0);

            var line = tally.Describe(Day(9_988.994, 10_016.886), "USD", ended: true);

            Assert.That(line, Does.Contain("equity 9988.99 -> 10016.89 USD (+27.90, +0.28 %;"));
        }
    }
}
