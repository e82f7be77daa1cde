using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using cAlgo.API;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Risk.Persistence;
using PerpGuard.Risk.Pipeline;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>
    /// A live guardian whose lease another guardian took (two started at once) stops at its next renewal, at most a
    /// heartbeat (1 minute) later, and acts on nothing after: it would cut the same positions as the holder. A seeded
    /// manual trader on one day of the Nautilus BTC-perp minutes (real data, venue not stated), RealTime mode with a storage folder.
    /// </summary>
    public class GuardianLeaseLostTests : LiveStorageTests
    {
        [Test]
        public void LeaseTakenAtNoon_GuardianStopsWithinAMinute_NothingAfter()
        {
            var options = LiveDay();
            var takeAt = new DateTime(2022, 1, 1, 12, 0, 0, DateTimeKind.Utc);
            var driver = new Dictionary<string, string> { ["Seed"] = "7", ["OpenProbability"] = "0.04", ["MaxLeverage"] = "3", ["CloseProbability"] = "0.01" };

            var result = new BacktestEngine(options).Run(
                AlgoSpec.Of<PerpGuard.Headless.Drivers.ManualTraderDriver>(driver),
                AlgoSpec.Of<cAlgo.Robots.TradeGuardian>(RobotRuns.Params(("JournalEnabled", false))),
                AlgoSpec.Of<GuardianLeaseIntruder.TradeGuardian>(new Dictionary<string, string> { ["TakeAtUtc"] = RestartClock.Format(takeAt) }));

            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            var guardian = (cAlgo.Robots.TradeGuardian)result.Robots[1];
            var taken = ((GuardianLeaseIntruder.TradeGuardian)result.Robots[2]).TakenAtUtc;
            Assert.That(taken, Is.GreaterThanOrEqualTo(takeAt).And.LessThan(takeAt.AddMinutes(1)));
            Assert.That(guardian.Journal.OfKind(PipelineEventKind.StopAttached).Where(e => e.Utc < taken), Is.Not.Empty, "it guarded before");
            Assert.That(guardian.Journal.Where(e => e.Utc > taken.AddMinutes(1)).Select(e => e.Kind + " " + e.Utc.ToString("O")), Is.Empty, "it acted after losing the lease");
            Assert.That(result.Trades.Any(t => t.EntryTimeUtc > taken.AddMinutes(1)), Is.True, "the trader kept trading: there was something to guard");
            Assert.That(result.Log.Count(l => l.Contains("Not trading: another instance (intruder) of PerpGuard.TradeGuardian")), Is.EqualTo(1));
            Assert.That(DaySummaryLines.Of(result.Log).Where(l => l.Contains(" so far: ", StringComparison.Ordinal)), Is.Empty,
                "at its stop it prints no day line: the day is the holder's");
        }
    }

    namespace GuardianLeaseIntruder
    {
        /// <summary>
        /// Another guardian as far as LocalStorage goes (named like it: the stand-in gives it the guardian's Type scope):
        /// writes the account's lease once at <c>TakeAtUtc</c>, as a guardian started then would. It guards nothing.
        /// </summary>
        [Robot(AccessRights = AccessRights.None, TimeZone = TimeZones.UTC)]
        public class TradeGuardian : Robot
        {
            [Parameter("Take at (UTC)", DefaultValue = "")]
            public string TakeAtUtc { get; set; } = string.Empty;

            private DateTime _takenAtUtc = DateTime.MaxValue;

            public DateTime TakenAtUtc => _takenAtUtc;

            protected override void OnTick() => TestLeases.TakeOnce(this, TakeAtUtc, TestLeases.GuardianKey(Account.Number), ref _takenAtUtc);
        }
    }
}
