using System;
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
    /// A live scalper that has lost its lease must not enter. cTrader calls OnBar before OnTick on a bar's first quote,
    /// and the scalper enters only in OnBar: a lease taken by another instance (two started at once, or one started
    /// while this one's heartbeat looked stale after a quiet market) used to be seen only at the next renewal in OnTick,
    /// after this instance had entered on the same bar as the other — the doubled risk the lease exists to prevent.
    /// One day of the Nautilus BTC-perp minutes (real data, venue not stated), the stand-in in RealTime mode with a storage folder.
    /// </summary>
    public class ScalperLeaseLostTests : LiveStorageTests
    {
        private BacktestResult Run(string storage, params AlgoSpec[] algos)
        {
            var options = RobotRuns.Options(RobotRuns.NautilusDays(1), storage: storage);
            options.RunningMode = RunningMode.RealTime;
            var result = new BacktestEngine(options).Run(algos);
            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            return result;
        }

        [Test]
        public void LeaseTakenTheBarBeforeAnEntry_NoEntryAfterIt_StopsSayingWhy()
        {
            var parameters = RobotRuns.Params(("StorageKey", "k"), ("JournalEnabled", true));

            // The control: alone, the scalper enters at this bar's open (OnBar).
            var alone = Run(Storage + "-alone", AlgoSpec.Of<cAlgo.Robots.RiskManagedScalper>(parameters));
            Directory.Delete(Storage + "-alone", recursive: true);
            var entry = ((cAlgo.Robots.RiskManagedScalper)alone.Robots[0]).Journal.OfKind(PipelineEventKind.PositionOpened).First().Utc;

            // Another instance takes the lease during the bar before (the scalper runs first on every quote, so its own
            // renewal on that quote comes before the other's write).
            var takeAt = entry.AddMinutes(-1);
            var intruder = new System.Collections.Generic.Dictionary<string, string> { ["TakeAtUtc"] = RestartClock.Format(takeAt), ["StorageKey"] = "k" };
            var result = Run(Storage, AlgoSpec.Of<cAlgo.Robots.RiskManagedScalper>(parameters), AlgoSpec.Of<LeaseIntruder.RiskManagedScalper>(intruder));

            var bot = (cAlgo.Robots.RiskManagedScalper)result.Robots[0];
            var taken = ((LeaseIntruder.RiskManagedScalper)result.Robots[1]).TakenAtUtc;
            Assert.That(taken, Is.GreaterThanOrEqualTo(takeAt).And.LessThan(entry), "the other instance took the lease before the entry bar");
            Assert.That(bot.Journal.OfKind(PipelineEventKind.PositionOpened).Where(e => e.Utc >= taken), Is.Empty,
                "no entry once another instance holds the lease");
            Assert.That(result.Trades.Where(t => t.EntryTimeUtc >= taken), Is.Empty);
            Assert.That(result.Log.Count(l => l.Contains("Not trading: another instance (intruder)")), Is.EqualTo(1));
            Assert.That(DaySummaryLines.Of(result.Log).Where(l => l.Contains(" so far: ", StringComparison.Ordinal)), Is.Empty,
                "at its stop it prints no day line: the day is the holder's");
        }
    }

    namespace LeaseIntruder
    {
        /// <summary>
        /// Another instance of the scalper as far as LocalStorage goes: named like it, so the stand-in gives it the
        /// scalper's Type scope (one file per type name, as cTrader's is per cBot), it writes the book's lease once at
        /// <c>TakeAtUtc</c> as a newly started instance would. It trades nothing.
        /// </summary>
        [Robot(AccessRights = AccessRights.None, TimeZone = TimeZones.UTC)]
        public class RiskManagedScalper : Robot
        {
            [Parameter("Take at (UTC)", DefaultValue = "")]
            public string TakeAtUtc { get; set; } = string.Empty;

            [Parameter("Storage key", DefaultValue = "")]
            public string StorageKey { get; set; } = string.Empty;

            private DateTime _takenAtUtc = DateTime.MaxValue;

            public DateTime TakenAtUtc => _takenAtUtc;

            protected override void OnTick() => TestLeases.TakeOnce(this, TakeAtUtc, TestLeases.ScalperKey(Account.Number, SymbolName, StorageKey), ref _takenAtUtc);
        }
    }
}

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>A live scalper renews its lease once a minute of server time, or a second instance could take the book after 3 minutes.</summary>
    public class ScalperLeaseRenewalTests : LiveStorageTests
    {
        [Test]
        public void LiveDay_LeaseHeartbeatNeverOlderThanAMinute()
        {
            var result = new BacktestEngine(LiveDay()).Run(
                AlgoSpec.Of<cAlgo.Robots.RiskManagedScalper>(RobotRuns.Params(("StorageKey", "k"), ("JournalEnabled", false))),
                AlgoSpec.Of<LeaseProbe.RiskManagedScalper>(new System.Collections.Generic.Dictionary<string, string> { ["StorageKey"] = "k" }));
            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));

            var probe = (LeaseProbe.RiskManagedScalper)result.Robots[1];
            Assert.That(probe.Reads, Is.GreaterThan(1_000), "read on every quote of the day");
            Assert.That(probe.OldestHeartbeatAge, Is.LessThanOrEqualTo(TimeSpan.FromMinutes(1)).And.GreaterThan(TimeSpan.Zero));
            Assert.That(probe.Holders, Is.EquivalentTo(new[] { ((cAlgo.Robots.RiskManagedScalper)result.Robots[0]).InstanceId }));
        }
    }

    namespace LeaseProbe
    {
        /// <summary>Reads the book's lease on every quote (it shares the scalper's Type scope by its name) and keeps how old its heartbeat got.</summary>
        [Robot(AccessRights = AccessRights.None, TimeZone = TimeZones.UTC)]
        public class RiskManagedScalper : Robot
        {
            [Parameter("Storage key", DefaultValue = "")]
            public string StorageKey { get; set; } = string.Empty;

            public int Reads { get; private set; }

            public TimeSpan OldestHeartbeatAge { get; private set; }

            public System.Collections.Generic.HashSet<string> Holders { get; } = new System.Collections.Generic.HashSet<string>();

            protected override void OnTick()
            {
                LocalStorage.Reload(LocalStorageScope.Type);
                var text = LocalStorage.GetString(CTraderStorageKey.From(TestLeases.ScalperKey(Account.Number, SymbolName, StorageKey)), LocalStorageScope.Type);
                if (string.IsNullOrEmpty(text))
                {
                    return;
                }

                var json = Newtonsoft.Json.Linq.JObject.Parse(text);
                var beat = ((DateTime)json["heartbeatUtc"]!).ToUniversalTime(); // parsed as a date, UTC by its 'Z'
                Holders.Add((string)json["instanceId"]!);
                var age = Server.TimeInUtc - beat;
                OldestHeartbeatAge = age > OldestHeartbeatAge ? age : OldestHeartbeatAge;
                Reads++;
            }
        }
    }
}
