using System.Linq;
using cAlgo.Robots;
using PerpGuard.Risk.Pipeline;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>TradeGuardian's "Max trades per day": Reducing means no new exposure (issue 2: "Reducing (only orders that reduce exposure)").</summary>
    public class GuardianReducingTests
    {
        [Test]
        public void Guard_MaxTradesPerDayReached_LaterPositionsClosedAtOnceFirstOnesKept()
        {
            // Max trades per day 2, a seeded manual trader opening about one position every 25 minutes (two days).
            // Worked by hand from the rule: the day turns Reducing at its 2nd position; those two are kept (they
            // were open when the day turned), and every later position of that day is closed in the tick it
            // appeared, journaled NoNewExposureWhileReducing. So per UTC day at most 2 positions outlive their
            // opening tick, and the reset (00:00 UTC) allows 2 more.
            var (_, guardian) = RobotRuns.RunGuardianBesideTrader(2, ("MaxTradesPerDay", 2), ("DailyLossPercent", 50), ("DailyProfitPercent", 0));

            var cut = guardian.Journal.OfKind(PipelineEventKind.FlattenClose).Where(e => e.Reason == GuardianReasons.NoNewExposure).Select(e => e.PositionId).ToHashSet();
            Assert.That(cut, Is.Not.Empty);
            var closed = guardian.Journal.OfKind(PipelineEventKind.TradeClosed).ToList();
            Assert.That(closed.Where(e => cut.Contains(e.PositionId)).All(e => e.EntryUtc == e.Utc), Is.True, "closed in the tick it appeared");
            var keptPerDay = closed.Where(e => !cut.Contains(e.PositionId)).GroupBy(e => e.EntryUtc!.Value.Date).Select(g => g.Count()).ToList();
            Assert.That(keptPerDay, Is.Not.Empty);
            Assert.That(keptPerDay.All(n => n <= 2), Is.True, string.Join(", ", keptPerDay));
        }
    }
}
