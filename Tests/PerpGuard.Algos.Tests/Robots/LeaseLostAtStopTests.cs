using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using cAlgo.API;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.Runtime;
using PerpGuard.Risk.Persistence;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>
    /// A live bot stopped less than a heartbeat (1 minute) after another instance took its book: its last renewal saw
    /// the lease as its own, so it used to save its day at the stop over the new holder's. It reads the lease again at
    /// the stop now and saves nothing when it is lost, saying why once. One day of the Nautilus BTC-perp minutes (real data, venue not stated), RealTime
    /// mode with a storage folder; the other instance takes the lease at 12:00:15 (the bots renew on whole minutes, as
    /// they started on one: asserted by no lease loss being seen before the stop) and the bot stops at 12:00:45. Its day
    /// line "so far" is the holder's to print: the one that lost the book prints none.
    /// </summary>
    public class LeaseLostAtStopTests : LiveStorageTests
    {
        /// <summary>What the new holder saved as the book's day (any text: only whether it is still there matters).</summary>
        public const string HoldersDay = "the holder's day";

        private static readonly DateTime TakeAt = new DateTime(2022, 1, 1, 12, 0, 15, DateTimeKind.Utc);
        private static readonly DateTime StopAt = new DateTime(2022, 1, 1, 12, 0, 45, DateTimeKind.Utc);

        private BacktestResult Run(params AlgoSpec[] algos)
        {
            var result = new BacktestEngine(LiveDay()).Run(algos);
            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            return result;
        }

        private static Dictionary<string, string> IntruderParameters(DateTime takeAt) =>
            new Dictionary<string, string> { ["TakeAtUtc"] = RestartClock.Format(takeAt), ["StorageKey"] = "k" };

        private static bool IsDaySoFarLine(string line) => line.StartsWith("Day 2022-01-01 so far: ", StringComparison.Ordinal);

        private string? StoredDay(string typeName, string logicalKey) =>
            new FileLocalStorage(Storage, typeName, "reader").GetString(CTraderStorageKey.From(logicalKey), LocalStorageScope.Type);

        [Test]
        public void Scalper_LeaseTakenSinceItsLastRenewal_StopSavesNoDayAndSaysWhy()
        {
            var result = Run(
                AlgoSpec.Of<RestartedScalper>(RobotRuns.Params(("StorageKey", "k"), ("JournalEnabled", false), ("StopAtUtc", RestartClock.Format(StopAt)))),
                AlgoSpec.Of<StopIntruder.RestartedScalper>(IntruderParameters(TakeAt)));

            var taken = ((StopIntruder.RestartedScalper)result.Robots[1]).TakenAtUtc;
            Assert.That(taken, Is.EqualTo(TakeAt));
            Assert.That(result.Log.Any(l => l.Contains("Not trading: another instance")), Is.False, "no renewal between the take and the stop");
            Assert.That(StoredDay(nameof(RestartedScalper), ScalperStateKeys.DailyStateLogical(1, "BTCUSD", "k")), Is.EqualTo(HoldersDay), "the holder's day stands");
            Assert.That(result.Log.Count(l => l.Contains("PerpGuard.RiskManagedScalper stopped without saving its day: another instance (intruder) took the book")), Is.EqualTo(1));
            Assert.That(DaySummaryLines.Of(result.Log).Where(IsDaySoFarLine), Is.Empty, "no day line from an instance whose day is not the book's");
        }

        [Test]
        public void Scalper_LeaseStillItsOwnAtTheStop_DaySaved()
        {
            // The control: nobody took the book, so the day is saved at the stop.
            var result = Run(AlgoSpec.Of<RestartedScalper>(RobotRuns.Params(("StorageKey", "k"), ("JournalEnabled", false), ("StopAtUtc", RestartClock.Format(StopAt)))));

            Assert.That(StoredDay(nameof(RestartedScalper), ScalperStateKeys.DailyStateLogical(1, "BTCUSD", "k")), Does.StartWith("{\"schema\":\"perpguard.daily-state\""));
            Assert.That(result.Log.Any(l => l.Contains("stopped without saving")), Is.False);
            Assert.That(DaySummaryLines.Of(result.Log).Count(IsDaySoFarLine), Is.EqualTo(1), "the holder prints its day so far at the stop");
        }

        [Test]
        public void Guardian_LeaseTakenSinceItsLastRenewal_StopSavesNoDayAndSaysWhy()
        {
            var result = Run(
                AlgoSpec.Of<RestartedGuardian>(RobotRuns.Params(("JournalEnabled", false), ("StopAtUtc", RestartClock.Format(StopAt)))),
                AlgoSpec.Of<StopIntruder.RestartedGuardian>(new Dictionary<string, string> { ["TakeAtUtc"] = RestartClock.Format(TakeAt) }));

            Assert.That(((StopIntruder.RestartedGuardian)result.Robots[1]).TakenAtUtc, Is.EqualTo(TakeAt));
            Assert.That(result.Log.Any(l => l.Contains("Not trading: another instance")), Is.False, "no renewal between the take and the stop");
            Assert.That(StoredDay(nameof(RestartedGuardian), "PerpGuard.Guardian.1.daily-state"), Is.EqualTo(HoldersDay), "the holder's day stands");
            Assert.That(result.Log.Count(l => l.Contains("PerpGuard.TradeGuardian stopped without saving its day: another instance (intruder) took the book")), Is.EqualTo(1));
            Assert.That(DaySummaryLines.Of(result.Log).Where(IsDaySoFarLine), Is.Empty, "no day line from an instance whose day is not the book's");
        }

        [Test]
        public void Guardian_LeaseStillItsOwnAtTheStop_DaySaved()
        {
            var result = Run(AlgoSpec.Of<RestartedGuardian>(RobotRuns.Params(("JournalEnabled", false), ("StopAtUtc", RestartClock.Format(StopAt)))));

            Assert.That(StoredDay(nameof(RestartedGuardian), "PerpGuard.Guardian.1.daily-state"), Does.StartWith("{\"schema\":\"perpguard.daily-state\""));
            Assert.That(result.Log.Any(l => l.Contains("stopped without saving")), Is.False);
            Assert.That(DaySummaryLines.Of(result.Log).Count(IsDaySoFarLine), Is.EqualTo(1), "the holder prints its day so far at the stop");
        }
    }

    namespace StopIntruder
    {
        /// <summary>
        /// Another instance of the scalper (named like the test's scalper, so the stand-in gives it the same Type scope):
        /// at <c>TakeAtUtc</c> it takes the book's lease and saves its day, as a newly started instance would. It trades nothing.
        /// </summary>
        [Robot(AccessRights = AccessRights.None, TimeZone = TimeZones.UTC)]
        public class RestartedScalper : Robot
        {
            [Parameter("Take at (UTC)", DefaultValue = "")]
            public string TakeAtUtc { get; set; } = string.Empty;

            [Parameter("Storage key", DefaultValue = "")]
            public string StorageKey { get; set; } = string.Empty;

            private DateTime _takenAtUtc = DateTime.MaxValue;

            public DateTime TakenAtUtc => _takenAtUtc;

            protected override void OnTick()
            {
                var before = _takenAtUtc;
                TestLeases.TakeOnce(this, TakeAtUtc, TestLeases.ScalperKey(Account.Number, SymbolName, StorageKey), ref _takenAtUtc);
                if (before == DateTime.MaxValue && _takenAtUtc != DateTime.MaxValue)
                {
                    SaveDay(this, ScalperStateKeys.DailyStateLogical(Account.Number, SymbolName, StorageKey));
                }
            }

            internal static void SaveDay(Robot robot, string logicalKey)
            {
                robot.LocalStorage.SetString(CTraderStorageKey.From(logicalKey), LeaseLostAtStopTests.HoldersDay, LocalStorageScope.Type);
                robot.LocalStorage.Flush(LocalStorageScope.Type);
            }
        }

        /// <summary>Another guardian, as <see cref="RestartedScalper"/> is another scalper.</summary>
        [Robot(AccessRights = AccessRights.None, TimeZone = TimeZones.UTC)]
        public class RestartedGuardian : Robot
        {
            [Parameter("Take at (UTC)", DefaultValue = "")]
            public string TakeAtUtc { get; set; } = string.Empty;

            private DateTime _takenAtUtc = DateTime.MaxValue;

            public DateTime TakenAtUtc => _takenAtUtc;

            protected override void OnTick()
            {
                var before = _takenAtUtc;
                TestLeases.TakeOnce(this, TakeAtUtc, TestLeases.GuardianKey(Account.Number), ref _takenAtUtc);
                if (before == DateTime.MaxValue && _takenAtUtc != DateTime.MaxValue)
                {
                    RestartedScalper.SaveDay(this, "PerpGuard.Guardian." + Account.Number.ToString(CultureInfo.InvariantCulture) + ".daily-state");
                }
            }
        }
    }
}
