using System;
using System.Collections.Generic;
using System.Linq;
using cAlgo.API;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.Runtime;
using PerpGuard.Risk.Persistence;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>
    /// A live scalper whose day changes less than a heartbeat (1 minute) after another instance took its book: its last
    /// renewal saw the lease as its own, so it used to save that change over the new holder's day and go on until its
    /// next renewal. It reads the lease again before every save now, saves nothing once it is lost, and stops saying
    /// why. One Binance BTCUSDT day (real data), RealTime mode with a storage folder; the other instance takes the lease
    /// at 12:00:15 and the day resets at 12:01 (a change to save, on the tick before the 12:01 renewal runs). TradeGuardian
    /// renews a due lease before it acts on a tick, so its day reset meets the renewal first; a change between its
    /// renewals (a position closing) is still saved once (README, Known limits).
    /// </summary>
    public class LeaseLostBeforeSaveTests : LiveStorageTests
    {
        private static readonly DateTime TakeAt = new DateTime(2022, 1, 1, 12, 0, 15, DateTimeKind.Utc);

        private BacktestResult Run(params AlgoSpec[] algos)
        {
            var result = new BacktestEngine(LiveDay()).Run(algos);
            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            return result;
        }

        private string? StoredDay(string typeName, string logicalKey) =>
            new FileLocalStorage(Storage, typeName, "reader").GetString(CTraderStorageKey.From(logicalKey), LocalStorageScope.Type);

        [Test]
        public void Scalper_DayChangesAfterAnotherInstanceTookTheBook_SavesNothingAndStops()
        {
            var result = Run(
                AlgoSpec.Of<RestartedScalper>(RobotRuns.Params(("StorageKey", "k"), ("JournalEnabled", false), ("ResetTime", "12:01"))),
                AlgoSpec.Of<StopIntruder.RestartedScalper>(new Dictionary<string, string> { ["TakeAtUtc"] = RestartClock.Format(TakeAt), ["StorageKey"] = "k" }));

            Assert.That(((StopIntruder.RestartedScalper)result.Robots[1]).TakenAtUtc, Is.EqualTo(TakeAt));
            Assert.That(StoredDay(nameof(RestartedScalper), ScalperStateKeys.DailyStateLogical(1, "BTCUSD", "k")), Is.EqualTo(LeaseLostAtStopTests.HoldersDay), "the holder's day stands");
            Assert.That(result.Log.Count(l => l.Contains("Not trading: another instance (intruder)")), Is.EqualTo(1));
        }
    }
}
