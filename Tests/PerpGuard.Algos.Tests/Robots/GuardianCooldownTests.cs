using System;
using System.Linq;
using cAlgo.Robots;
using PerpGuard.Risk.Pipeline;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>TradeGuardian's "Cool-down after a loss": no new exposure until it has passed, as the scalper refuses entries.</summary>
    public class GuardianCooldownTests
    {
        private static readonly TimeSpan Cooldown = TimeSpan.FromMinutes(60);

        [Test]
        public void Guard_PositionOpenedDuringCooldown_ClosedAtOnceOthersKept()
        {
            // Cool-down 60 min (the guardian's growth is 1, so every losing close starts exactly 60 min), a seeded
            // manual trader opening about one position every 25 minutes over two days, no other daily limit in
            // reach. Worked from the rule: a position that appears within 60 min after a losing close (any position,
            // including one the guardian cut, whose spread and fees make it a loss) is closed in the tick it
            // appeared, journaled NoNewExposureDuringCooldown; one that appears later is kept and protected.
            var (_, guardian) = RobotRuns.RunGuardianBesideTrader(2, ("CooldownMinutes", 60), ("DailyLossPercent", 50), ("DailyProfitPercent", 0));

            var cut = guardian.Journal.OfKind(PipelineEventKind.FlattenClose)
                .Where(e => e.Reason == GuardianReasons.NoNewExposureDuringCooldown).Select(e => e.PositionId).ToHashSet();
            var closed = guardian.Journal.OfKind(PipelineEventKind.TradeClosed).ToList();
            var losses = closed.Where(e => e.Value < 0).Select(e => e.Utc).ToList();
            Assert.That(cut, Is.Not.Empty);
            Assert.That(closed.Where(e => cut.Contains(e.PositionId)).All(e => e.EntryUtc == e.Utc), Is.True, "closed in the tick it appeared");

            bool InCooldown(DateTime entry) => losses.Any(t => entry >= t && entry < t + Cooldown);

            // Every cut position appeared inside a cool-down; every kept one appeared outside all of them (one minute
            // of slack at each window edge, where a close and an open can share a quote).
            foreach (var e in closed.Where(e => cut.Contains(e.PositionId)))
            {
                Assert.That(InCooldown(e.EntryUtc!.Value), Is.True, $"position {e.PositionId} cut at {e.EntryUtc:O} without a loss in the 60 min before");
            }

            var kept = closed.Where(e => !cut.Contains(e.PositionId)).ToList();
            Assert.That(kept, Is.Not.Empty);
            foreach (var e in kept)
            {
                var entry = e.EntryUtc!.Value;
                var inside = losses.Any(t => entry > t + TimeSpan.FromMinutes(1) && entry < t + Cooldown - TimeSpan.FromMinutes(1));
                Assert.That(inside, Is.False, $"position {e.PositionId} opened at {entry:O}, inside a cool-down, was kept");
            }
        }

        [Test]
        public void Guard_CooldownOff_NoPositionClosedForIt()
        {
            // The same trader and seed with the cool-down at 0 (the guardian's default): nothing is cut for it.
            var (_, guardian) = RobotRuns.RunGuardianBesideTrader(2, ("DailyLossPercent", 50), ("DailyProfitPercent", 0));

            Assert.That(guardian.Journal.OfKind(PipelineEventKind.FlattenClose).Count(e => e.Reason == GuardianReasons.NoNewExposureDuringCooldown), Is.EqualTo(0));
            Assert.That(guardian.Journal.OfKind(PipelineEventKind.TradeClosed).Count(), Is.GreaterThan(10), "the trader trades");
        }
    }
}
