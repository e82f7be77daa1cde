using System;
using System.IO;
using System.Linq;
using cAlgo.API;
using cAlgo.Robots;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.Drivers;
using PerpGuard.Headless.Runtime;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Journal;
using PerpGuard.Risk.Persistence;
using PerpGuard.Risk.Pipeline;
using PerpGuard.Risk.Rules;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>
    /// The robots persist their journal through the library's JournalStore (versioned JSON lines in
    /// LocalStorage) — read back here the way the review tools do, from the files a backtest left.
    /// </summary>
    public class RobotJournalStoreTests
    {
        /// <summary>The saved journal of a robot type, read from the headless LocalStorage files (as after a restart).</summary>
        private static JournalReadResult ReadBack(string storage, string robotType, string keyPrefix) =>
            new JournalStore(new SavedLocalStorage(storage, robotType, keyPrefix), "journal").ReadAll();

        private static PerpGuard.MarketData.MarketBar[] Window(DateTime fromUtc, DateTime toUtc) =>
            RobotRuns.Nautilus().Where(b => b.OpenTimeUtc >= fromUtc.AddMinutes(-120) && b.OpenTimeUtc < toUtc).ToArray();

        private static string TempStorage(string name) => Path.Combine(Path.GetTempPath(), "perpguard-h9-" + name + "-" + Guid.NewGuid().ToString("N"));

        [Test]
        public void ScalperJournal_RestartMidDay_BothRunsReadBackAsVersionedJson()
        {
            var storage = TempStorage("restart");
            var parameters = RobotRuns.Params(("MaxTradesPerDay", 1), ("StorageKey", "j"));
            var midDay = new DateTime(2022, 1, 5, 14, 0, 0, DateTimeKind.Utc);

            var (firstResult, first) = RobotRuns.RunScalper(RobotRuns.Options(Window(new DateTime(2022, 1, 5, 0, 0, 0, DateTimeKind.Utc), midDay), storage: storage), parameters);
            var afterFirst = ReadBack(storage, nameof(RiskManagedScalper), "PerpGuard.Scalper.j.");
            var (secondResult, second) = RobotRuns.RunScalper(RobotRuns.Options(Window(midDay, new DateTime(2022, 1, 6, 6, 0, 0, DateTimeKind.Utc)), storage: storage), parameters);
            var saved = ReadBack(storage, nameof(RiskManagedScalper), "PerpGuard.Scalper.j.");

            Assert.That(saved.Problems, Is.Empty);
            Assert.That(afterFirst.Events.Count, Is.EqualTo(first.Journal.Count), "one record per event of the first run");
            Assert.That(saved.Events.Count, Is.EqualTo(first.Journal.Count + second.Journal.Count), "the restart appended, it did not start over");
            Assert.That(saved.Events.All(e => e.Version == JournalEvent.CurrentVersion && e.Source == RiskManagedScalper.BotLabel && e.Symbol == "BTCUSD"), Is.True);
            Assert.That(saved.Events.Select(e => e.AtUtc), Is.Ordered, "append-only, in time order");
            Assert.That(saved.Events.Take(afterFirst.Events.Count).Select(JournalJson.Serialize),
                Is.EqualTo(afterFirst.Events.Select(JournalJson.Serialize)), "the first run's records survive the restart unchanged");

            // The restarted day is Reducing (one trade per day): its entries are refused with code 108.
            var refused = saved.Events.OfType<DecisionEvent>().Where(d => d.Verdict == Verdict.Deny && d.AtUtc >= midDay && d.AtUtc < new DateTime(2022, 1, 6, 0, 0, 0, DateTimeKind.Utc)).ToList();
            Assert.That(refused, Is.Not.Empty);
            Assert.That(refused.Select(d => d.ReasonNumber).Distinct(), Is.EqualTo(new[] { 108 }), "TradingReducing = 108 (docs/risk-daily.md)");
            Assert.That(refused.All(d => d.Rule == "TradingReducing" && d.Scale == 0), Is.True);

            // The day reset after the restart is a StateChanged record (Reducing -> Active at 00:00 UTC).
            var reset = saved.Events.OfType<StateChangedEvent>().Single(s => s.Reason == ReasonCode.DayReset);
            Assert.That((reset.AtUtc, reset.From, reset.To), Is.EqualTo((new DateTime(2022, 1, 6, 0, 0, 0, DateTimeKind.Utc), TradingState.Reducing, TradingState.Active)));

            // Every trade the robot saw close is saved with the net profit the platform reported for the
            // closed position, the broker's gross and exit price of the deal, and R = net / planned risk.
            var closed = saved.Events.OfType<TradeClosedEvent>().ToList();
            var seen = first.Journal.Concat(second.Journal).OfKind(PipelineEventKind.TradeClosed).ToList();
            var brokerTrades = firstResult.Trades.Concat(secondResult.Trades).Where(t => t.Label == RiskManagedScalper.BotLabel + ".j").ToList(); // the instance's label carries its storage key
            Assert.That(closed, Is.Not.Empty);
            Assert.That(closed.Count, Is.EqualTo(seen.Count));
            for (var i = 0; i < closed.Count; i++)
            {
                var c = closed[i];
                var deal = brokerTrades.Single(t => t.PositionId.ToString(System.Globalization.CultureInfo.InvariantCulture) == c.PositionId && t.ExitTimeUtc == c.ExitTimeUtc);
                Assert.That(c.NetProfit, Is.EqualTo(seen[i].Value).Within(1e-9), "net as the robot counted it for the day");
                Assert.That(c.GrossProfit, Is.EqualTo(deal.GrossProfit).Within(1e-9));
                Assert.That(c.ExitPrice, Is.EqualTo(deal.ExitPrice));
                Assert.That(c.PlannedRiskMoney, Is.EqualTo(seen[i].PlannedRisk).And.GreaterThan(0));
                Assert.That(c.RMultiple, Is.EqualTo(seen[i].Value / seen[i].PlannedRisk).Within(1e-9));
            }
        }

        [Test]
        public void ScalperJournal_TightSpreadLimit_RefusalSavedWithReasonCode200()
        {
            // A 1-USD spread against a 0.1 USD absolute limit (rollover blackout and flat-before-rollover off): every entry is refused as SpreadTooWide (code 200).
            var storage = TempStorage("spread");
            var parameters = RobotRuns.Params(("SpreadMeasureParameter", "Absolute"), ("MaxSpread", 0.1), ("RolloverBlackoutMinutes", 0), ("FlatBeforeRolloverMinutes", 0), ("StorageKey", "s"));

            var (_, bot) = RobotRuns.RunScalper(RobotRuns.Options(RobotRuns.NautilusDays(1), storage: storage), parameters);
            var saved = ReadBack(storage, nameof(RiskManagedScalper), "PerpGuard.Scalper.s.");

            var refusals = saved.Events.OfType<DecisionEvent>().ToList();
            Assert.That(refusals, Is.Not.Empty);
            Assert.That(refusals.All(d => d.Verdict == Verdict.Deny && d.Reason == ReasonCode.SpreadTooWide && d.ReasonNumber == 200), Is.True);
            Assert.That(refusals.Count, Is.EqualTo(bot.Journal.OfKind(PipelineEventKind.EntryRefused).Count()));
            Assert.That(saved.Events.OfType<TradeClosedEvent>(), Is.Empty);
        }

        [Test]
        public void ScalperJournal_Disabled_NothingSaved()
        {
            var storage = TempStorage("off");
            var parameters = RobotRuns.Params(("JournalEnabled", false), ("StorageKey", "off"));

            var (_, bot) = RobotRuns.RunScalper(RobotRuns.Options(RobotRuns.NautilusDays(1), storage: storage), parameters);

            Assert.That(bot.Journal, Is.Not.Empty, "the in-memory journal is kept");
            var store = new SavedLocalStorage(storage, nameof(RiskManagedScalper), "PerpGuard.Scalper.off.");
            Assert.That(store.Get("journal.index"), Is.Null);
            var shared = new FileLocalStorage(storage, nameof(RiskManagedScalper), "reader");
            Assert.That(shared.GetString(ScalperStateKeys.DailyState(1, "BTCUSD", "off"), LocalStorageScope.Type), Is.Not.Null, "the daily state is still saved (Type scope)");
        }

        [Test]
        public void GuardianJournal_ManualTrades_SavedWithNetProfitOfEachDeal()
        {
            var storage = TempStorage("guardian");
            var driver = new System.Collections.Generic.Dictionary<string, string> { ["Seed"] = "7", ["OpenProbability"] = "0.04", ["MaxLeverage"] = "3", ["CloseProbability"] = "0.01" };
            var result = new BacktestEngine(RobotRuns.Options(RobotRuns.NautilusDays(1), storage: storage))
                .Run(AlgoSpec.Of<ManualTraderDriver>(driver), AlgoSpec.Of<TradeGuardian>(RobotRuns.Params(("StorageKey", "g"), ("DailyLossPercent", 50), ("DailyProfitPercent", 0))));
            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            var guardian = (TradeGuardian)result.Robots[1];

            var saved = ReadBack(storage, nameof(TradeGuardian), "PerpGuard.Guardian.g.");

            Assert.That(saved.Problems, Is.Empty);
            Assert.That(saved.Events.Count, Is.EqualTo(guardian.Journal.Count));
            var closed = saved.Events.OfType<TradeClosedEvent>().ToList();
            var seen = guardian.Journal.OfKind(PipelineEventKind.TradeClosed).ToList();
            Assert.That(closed, Is.Not.Empty);
            Assert.That(closed.Count, Is.EqualTo(seen.Count));
            for (var i = 0; i < closed.Count; i++)
            {
                var c = closed[i];
                var deal = result.Trades.Single(t => t.PositionId.ToString(System.Globalization.CultureInfo.InvariantCulture) == c.PositionId && t.ExitTimeUtc == c.ExitTimeUtc);
                Assert.That(c.NetProfit, Is.EqualTo(seen[i].Value).Within(1e-9));
                Assert.That(c.GrossProfit, Is.EqualTo(deal.GrossProfit).Within(1e-9));
                Assert.That(c.EntryTimeUtc, Is.EqualTo(deal.EntryTimeUtc));
            }

            Assert.That(saved.Events.OfType<NoteEvent>().Count(n => n.Text.StartsWith("StopAttached", StringComparison.Ordinal)),
                Is.EqualTo(guardian.Journal.OfKind(PipelineEventKind.StopAttached).Count()));
        }

        /// <summary>The storage port over the LocalStorage files a headless run left behind (a fresh instance = a restart).</summary>
        private sealed class SavedLocalStorage : IKeyValueStore
        {
            private readonly FileLocalStorage _storage;
            private readonly string _prefix;

            public SavedLocalStorage(string directory, string robotType, string prefix)
            {
                _storage = new FileLocalStorage(directory, robotType, "reader");
                _prefix = prefix;
            }

            public string? Get(string key)
            {
                // The robots store each logical key in cTrader's key form (at most 50 letters and digits).
                var value = _storage.GetString(PerpGuard.Risk.Persistence.CTraderStorageKey.From(_prefix + key), LocalStorageScope.Instance);
                return string.IsNullOrEmpty(value) ? null : value;
            }

            public void Set(string key, string value) => throw new InvalidOperationException("read only");
        }
    }
}
