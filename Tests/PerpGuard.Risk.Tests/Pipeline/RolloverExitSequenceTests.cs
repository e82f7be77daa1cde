using System;
using PerpGuard.Risk.Pipeline;
using PerpGuard.Risk.Time;

namespace PerpGuard.Risk.Tests.Pipeline
{
    /// <summary>
    /// One RolloverExit asked tick after tick (as the scalper does), across the rollover: the cached day must end
    /// exactly at the rollover. 17:00 New York = 22:00 UTC on 15 January 2024 (EST, UTC−5; RolloverExitTests).
    /// </summary>
    public class RolloverExitSequenceTests
    {
        [Test]
        public void IsDue_TicksAcrossTheRollover_DueBeforeItNotAtItNorAfter()
        {
            var exit = new RolloverExit(TradingDaySchedule.Create("America/New_York", TimeSpan.FromHours(17)), TimeSpan.FromMinutes(5));
            var rollover = new DateTime(2024, 1, 15, 22, 0, 0, DateTimeKind.Utc);

            Assert.That(exit.IsDue(rollover.AddMinutes(-10)), Is.False, "21:50");
            Assert.That(exit.IsDue(rollover.AddSeconds(-1)), Is.True, "21:59:59");
            Assert.That(exit.IsDue(rollover), Is.False, "22:00:00: the next rollover is tomorrow's");
            Assert.That(exit.IsDue(rollover.AddMinutes(1)), Is.False, "22:01");
        }
    }
}
