using System;
using PerpGuard.Risk.Time;

namespace PerpGuard.Risk.Tests.Time
{
    /// <summary>
    /// Reset instants on New York's spring-forward day, 2026-03-08 (02:00 EST → 03:00 EDT; EST = UTC−5, EDT = UTC−4).
    /// A reset just after the jump is in EDT; one inside the skipped hour moves forward by the gap (NodaTime's lenient rule).
    /// </summary>
    public class ResetAroundDstTests
    {
        [TestCase("03:00", "2026-03-08T07:00:00Z")] // 03:00 EDT = 07:00 UTC, not 08:00 (03:00 at EST's −5, the offset until the jump)
        [TestCase("04:30", "2026-03-08T08:30:00Z")] // 04:30 EDT = 08:30 UTC
        [TestCase("02:30", "2026-03-08T07:30:00Z")] // skipped: 02:30 EST = 07:30 UTC = 03:30 EDT
        [TestCase("01:30", "2026-03-08T06:30:00Z")] // before the jump, EST
        public void StartUtc_NewYorkSpringForwardDay_IsWorkedInstant(string resetLocal, string expectedUtc)
        {
            var schedule = TradingDaySchedule.Create("America/New_York", TimeSpan.Parse(resetLocal, System.Globalization.CultureInfo.InvariantCulture));

            Assert.That(schedule.StartUtc(TradingDay.Parse("2026-03-08")), Is.EqualTo(FakeClock.Utc(expectedUtc)));
        }
    }
}
