using System;
using System.Linq;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Risk.Pipeline;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>
    /// The scalper restarted while its position is open with a stop it has already moved (break-even or trailing):
    /// the adopted position keeps the 1R it was opened with, from the saved plan; without a plan, the current stop
    /// is used and the journal says so.
    /// </summary>
    public class ScalperAdoptionTests
    {
        private const string Key = "adopt";

        // Under the test run's temp folder (deleted after the run).
        private static string Storage() => System.IO.Path.Combine(System.IO.Path.GetTempPath(), "perpguard-botfix-adopt-" + Guid.NewGuid().ToString("N"));

        [Test]
        public void Restart_PositionWithMovedStop_AdoptedWithThePlannedStopAndRisk()
        {
            var (_, second, opened, moved) = RunWithRestart(Storage(), forgetPlans: false);

            var restored = second.Journal.OfKind(PipelineEventKind.StateRestored).Single(e => e.PositionId == opened.PositionId);
            Assert.That(restored.Reason, Is.EqualTo("PositionPlanRestored"));
            Assert.That(restored.StopLoss, Is.EqualTo(opened.StopLoss), "1R is measured from the stop the position opened with");
            Assert.That(restored.PlannedRisk, Is.EqualTo(opened.PlannedRisk));
            Assert.That(moved.StopLoss, Is.Not.EqualTo(opened.StopLoss).Within(0.5), "the stop had moved before the restart");

            // The trade's R multiple after the restart is measured against the money it planned to risk.
            var closed = second.Journal.OfKind(PipelineEventKind.TradeClosed).Single(e => e.PositionId == opened.PositionId);
            Assert.That(closed.PlannedRisk, Is.EqualTo(opened.PlannedRisk));
            Assert.That(closed.Utc, Is.GreaterThan(moved.Utc.AddMinutes(1)), "it closed after the restart");
        }

        [Test]
        public void Restart_NoSavedPlan_CurrentStopUsedAndJournaledAsSuch()
        {
            var (_, second, opened, moved) = RunWithRestart(Storage(), forgetPlans: true);

            var restored = second.Journal.OfKind(PipelineEventKind.StateRestored).Single(e => e.PositionId == opened.PositionId);
            Assert.That(restored.Reason, Is.EqualTo("PositionPlanMissing"));
            Assert.That(restored.StopLoss, Is.EqualTo(moved.StopLoss), "the current stop (the moved one) is all there is");
            Assert.That(restored.Message, Does.Contain("current stop"));
        }

        /// <summary>
        /// A reference run of the plain scalper on 10 Nautilus days picks the first position whose stop moved at least
        /// 3 minutes before it closed; the first instance stops a minute after the move, the second starts a minute later.
        /// </summary>
        private static System.Collections.Generic.Dictionary<string, string> Parameters(params (string Name, object Value)[] more) =>
            RobotRuns.Params(new[] { ("StorageKey", (object)Key) }.Concat(more).ToArray());

        private static (RestartedScalper First, RestartedScalper Second, PipelineEvent Opened, PipelineEvent Moved) RunWithRestart(string storage, bool forgetPlans)
        {
            var bars = RobotRuns.NautilusDays(10);
            var (_, reference) = RobotRuns.RunScalper(RobotRuns.Options(bars), Parameters());
            var closes = reference.Journal.OfKind(PipelineEventKind.TradeClosed).ToDictionary(e => e.PositionId, e => e.Utc);
            var moved = reference.Journal.OfKind(PipelineEventKind.StopMoved).First(e => closes.TryGetValue(e.PositionId, out var at) && at >= e.Utc.AddMinutes(3));
            var stopAt = moved.Utc.AddMinutes(1);

            var firstParams = Parameters(("StopAtUtc", RestartClock.Format(stopAt)));
            var secondParams = Parameters(("StartAtUtc", RestartClock.Format(stopAt.AddMinutes(1))),
                ("ForgetKey", forgetPlans ? PerpGuard.Risk.Persistence.CTraderStorageKey.From("PerpGuard.Scalper." + Key + ".position-plans") : string.Empty));
            var result = new BacktestEngine(RobotRuns.Options(bars, storage: storage)).Run(AlgoSpec.Of<RestartedScalper>(firstParams), AlgoSpec.Of<RestartedScalper>(secondParams));
            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            var first = (RestartedScalper)result.Robots[0];
            var second = (RestartedScalper)result.Robots[1];

            var opened = first.Journal.OfKind(PipelineEventKind.PositionOpened).Single(e => e.PositionId == moved.PositionId);
            var movedInFirst = first.Journal.OfKind(PipelineEventKind.StopMoved).Last(e => e.PositionId == moved.PositionId);
            return (first, second, opened, movedInFirst);
        }
    }
}
