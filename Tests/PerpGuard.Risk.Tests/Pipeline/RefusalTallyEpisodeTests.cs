using System;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Pipeline;
using PerpGuard.Risk.Rules;
using PerpGuard.Risk.Time;

namespace PerpGuard.Risk.Tests.Pipeline
{
    /// <summary>
    /// An episode (one trading day in one state, hold included) ends when any one of the three changes: the first
    /// refusal of a reason after that is journaled again. Each change is tried alone (the older test changed more than
    /// one at once, so dropping a condition went unnoticed).
    /// </summary>
    public class RefusalTallyEpisodeTests
    {
        private const string Spread = "SpreadTooWide";
        private static readonly TradingDay Monday = new TradingDay(new DateOnly(2026, 11, 23));

        private static DailyStatus Status(TradingDay day, TradingState state = TradingState.Active, bool onHold = false) =>
            new DailyStatus(true, day, state, ReasonCode.None, onHold, 10_000, 10_000, 10_000, 10_000, 10_000, 200, 300, 0, 0,
                DateTime.MinValue, day.Date.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));

        [Test]
        public void Count_NextDaySameState_JournaledAgain()
        {
            var tally = new RefusalTally();

            Assert.That(tally.Count(Spread, Status(Monday)), Is.True);
            Assert.That(tally.Count(Spread, Status(Monday)), Is.False);
            Assert.That(tally.Count(Spread, Status(Monday.Next)), Is.True);
            Assert.That(tally.CountOf(Spread), Is.EqualTo(3));
        }

        [Test]
        public void Count_SameDayStateChanged_JournaledAgain()
        {
            var tally = new RefusalTally();

            tally.Count(Spread, Status(Monday));

            Assert.That(tally.Count(Spread, Status(Monday, TradingState.Reducing)), Is.True);
        }

        [Test]
        public void Count_SameDaySameStatePutOnHold_JournaledAgain()
        {
            var tally = new RefusalTally();

            tally.Count(Spread, Status(Monday));

            Assert.That(tally.Count(Spread, Status(Monday, onHold: true)), Is.True);
        }

        [Test]
        public void Count_NullReason_Throws()
        {
            Assert.That(() => new RefusalTally().Count(null!, Status(Monday)), Throws.ArgumentNullException);
        }
    }
}
