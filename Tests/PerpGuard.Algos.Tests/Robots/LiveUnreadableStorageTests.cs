using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using cAlgo.API;
using cAlgo.Robots;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Risk.Pipeline;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>
    /// UnreadableStateTests' corrupted storage file, live. A live bot (scalper or guardian) reads its lease (Type scope) before its day
    /// (Type scope too): the storage's failure at that first read must still make the day unknown (Halted until the
    /// reset), not leave the day's read to find an empty scope it takes for a first start — which let a live bot whose
    /// halted day could not be read trade a fresh day.
    /// </summary>
    public class LiveUnreadableStorageTests : LiveStorageTests
    {
        [Test]
        public void ScalperLiveRestart_StorageFileCorrupted_StartsHaltedAsUnknownDayNoEntryBeforeTheReset()
        {
            var parameters = RobotRuns.Params(("StorageKey", "live"));
            RobotRuns.RunScalper(RobotRuns.Options(RobotRuns.NautilusDays(1), storage: Storage), parameters);
            var file = Path.Combine(Storage, "type", nameof(cAlgo.Robots.RiskManagedScalper) + ".json");
            Assert.That(File.Exists(file), Is.True);
            File.WriteAllText(file, "{\"PerpGuard");

            var options = RobotRuns.Options(RobotRuns.NautilusDays(1, firstDay: 2), storage: Storage);
            options.RunningMode = RunningMode.RealTime;
            var (result, bot) = RobotRuns.RunScalper(options, parameters);

            Assert.That(bot.Journal.OfKind(PipelineEventKind.StateChanged).First().Reason, Is.EqualTo("CorruptState"), string.Join("\n", result.Log));
            Assert.That(result.Log.Count(l => l.Contains("RiskManagedScalper: ", StringComparison.Ordinal) && l.Contains("so the day is Halted until the next reset", StringComparison.Ordinal)),
                Is.EqualTo(1));
            var reset = bot.Journal.OfKind(PipelineEventKind.StateChanged).FirstOrDefault(e => e.Reason == "DayReset")?.Utc ?? DateTime.MaxValue;
            Assert.That(bot.Journal.OfKind(PipelineEventKind.PositionOpened).Where(e => e.Utc < reset), Is.Empty);
        }

        [Test]
        public void GuardianLiveRestart_StorageFileCorrupted_StartsHaltedAsUnknownDay()
        {
            var driver = new Dictionary<string, string> { ["Seed"] = "7", ["OpenProbability"] = "0.04", ["MaxLeverage"] = "3", ["CloseProbability"] = "0.01" };
            BacktestResult Day(int day, RunningMode mode)
            {
                var options = RobotRuns.Options(RobotRuns.NautilusDays(1, firstDay: day), storage: Storage);
                options.RunningMode = mode;
                var run = new BacktestEngine(options).Run(AlgoSpec.Of<PerpGuard.Headless.Drivers.ManualTraderDriver>(driver), AlgoSpec.Of<TradeGuardian>(RobotRuns.Params()));
                Assert.That(run.Errors, Is.Empty, string.Join("\n", run.Errors));
                return run;
            }

            Day(1, RunningMode.SilentBacktesting);
            var file = Path.Combine(Storage, "type", nameof(TradeGuardian) + ".json");
            Assert.That(File.Exists(file), Is.True);
            File.WriteAllText(file, "{\"PerpGuard");

            var result = Day(2, RunningMode.RealTime);
            var guardian = (TradeGuardian)result.Robots[1];

            Assert.That(guardian.Journal.OfKind(PipelineEventKind.StateChanged).First().Reason, Is.EqualTo("CorruptState"), string.Join("\n", result.Log));
            Assert.That(result.Log.Count(l => l.Contains("TradeGuardian: ", StringComparison.Ordinal) && l.Contains("so the day is Halted until the next reset", StringComparison.Ordinal)),
                Is.EqualTo(1));
        }
    }
}
