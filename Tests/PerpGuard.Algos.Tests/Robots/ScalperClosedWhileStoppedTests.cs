using System;
using System.Linq;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Risk.Pipeline;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>
    /// The scalper stopped with a position open whose stop is then hit: at the restart that loss counts as if the bot
    /// had seen it — its cool-down (15 min after a loss by default) runs from the close — so restarting is no way
    /// around the cool-down after a loss or the losses-in-a-row limit.
    /// </summary>
    public class ScalperClosedWhileStoppedTests
    {
        private const string Key = "stopped";

        [Test]
        public void Restart_StopHitWhileStopped_LossCountedCooldownFromTheClose()
        {
            var bars = RobotRuns.NautilusDays(10);
            var parameters = RobotRuns.Params(("StorageKey", Key));

            // A reference run picks the first losing stop-out at least 3 minutes after its entry.
            var (_, reference) = RobotRuns.RunScalper(RobotRuns.Options(bars), parameters);
            var opens = reference.Journal.OfKind(PipelineEventKind.PositionOpened).ToDictionary(e => e.PositionId, e => e.Utc);
            var loss = reference.Journal.OfKind(PipelineEventKind.TradeClosed)
                .First(e => e.Reason == "StopLoss" && e.Value < 0 && e.Utc >= opens[e.PositionId].AddMinutes(3));
            var stopAt = opens[loss.PositionId].AddMinutes(1);
            var startAt = loss.Utc.AddMinutes(1);

            var storage = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "perpguard-stopped-" + Guid.NewGuid().ToString("N"));
            var first = RobotRuns.Params(("StorageKey", Key), ("StopAtUtc", RestartClock.Format(stopAt)));
            var second = RobotRuns.Params(("StorageKey", Key), ("StartAtUtc", RestartClock.Format(startAt)));
            var result = new BacktestEngine(RobotRuns.Options(bars, storage: storage)).Run(AlgoSpec.Of<RestartedScalper>(first), AlgoSpec.Of<RestartedScalper>(second));
            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            var restarted = (RestartedScalper)result.Robots[1];

            // The position closed at its stop while no instance ran, at the reference run's time.
            var trade = result.Trades.Single(t => t.PositionId == loss.PositionId);
            Assert.That(trade.ExitTimeUtc, Is.EqualTo(loss.Utc));

            var counted = restarted.Journal.OfKind(PipelineEventKind.StateRestored).Single(e => e.Reason == "TradesClosedWhileStopped");
            Assert.That(counted.Value, Is.EqualTo(1));

            // Cool-down from the close: at least the 15-minute base (longer if it was not the day's first loss).
            var cooldownFloor = loss.Utc.AddMinutes(15);
            Assert.That(counted.Message, Does.Contain("cool-down until"));
            var firstEntry = restarted.Journal.OfKind(PipelineEventKind.PositionOpened).Select(e => e.Utc).DefaultIfEmpty(DateTime.MaxValue).First();
            Assert.That(firstEntry, Is.GreaterThanOrEqualTo(cooldownFloor), "no entry inside the cool-down the stopped-out loss started");
            var until = DateTime.ParseExact(counted.Message.Substring(counted.Message.IndexOf("cool-down until ", StringComparison.Ordinal) + 16, 19), "yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
            Assert.That(until, Is.GreaterThanOrEqualTo(cooldownFloor));
        }
    }
}
