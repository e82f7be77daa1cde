using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using cAlgo.API;
using PerpGuard.Algos.Tests.Indicators;
using PerpGuard.Headless.Backtesting;
using PerpGuard.MarketData;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Persistence;
using PerpGuard.Risk.Pipeline;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>
    /// Edits the saved day before its restart as if the platform's closing time of a loss counted live were later than the
    /// bot's save stamp: the record's <c>savedAtUtc</c> is set back to <c>SavedAtUtc</c>; with <c>OlderRecord</c> the
    /// counted and entered position ids are removed too (a record saved by a build before them).
    /// </summary>
    internal static class SavedDayEdit
    {
        public static void Apply(LocalStorage storage, string key, string savedAtUtc, bool olderRecord)
        {
            var state = DailyStateStore.Parse(storage.GetString(key, LocalStorageScope.Type)).State!;
            state.SavedAtUtc = DateTime.ParseExact(savedAtUtc, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            if (olderRecord)
            {
                state.CountedPositionIds = null;
                state.CountedThroughUtc = null;
                state.EnteredPositionIds = null;
                state.EnteredThroughUtc = null;
            }

            storage.SetString(key, DailyStateStore.Serialize(state), LocalStorageScope.Type);
        }

        public static bool Due(string startAtUtc, DateTime now) =>
            startAtUtc.Length > 0 && now >= DateTime.ParseExact(startAtUtc, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
    }

    /// <summary>
    /// A <see cref="RestartedGuardian"/> whose saved day is edited (<see cref="SavedDayEdit"/>) just before it starts late
    /// (<c>StartAtUtc</c>); run both instances as this type (LocalStorage's Type scope is per robot type).
    /// </summary>
    [Robot(AccessRights = AccessRights.None, TimeZone = TimeZones.UTC)]
    public class SkewedSaveGuardian : RestartedGuardian
    {
        private bool _edited;

        [Parameter("Saved at (UTC)", DefaultValue = "")]
        public string SavedAtUtc { get; set; } = string.Empty;

        [Parameter("Older record", DefaultValue = false)]
        public bool OlderRecord { get; set; }

        protected override void OnTick()
        {
            if (!_edited && SavedDayEdit.Due(StartAtUtc, Time))
            {
                _edited = true;
                SavedDayEdit.Apply(LocalStorage, CTraderStorageKey.From("PerpGuard.Guardian." + Account.Number.ToString(CultureInfo.InvariantCulture) + ".daily-state"), SavedAtUtc, OlderRecord);
            }

            base.OnTick();
        }
    }

    /// <summary>A <see cref="RestartedScalper"/> whose saved day is edited just before it starts late (as <see cref="SkewedSaveGuardian"/>).</summary>
    [Robot(AccessRights = AccessRights.None, TimeZone = TimeZones.UTC)]
    public class SkewedSaveScalper : RestartedScalper
    {
        private bool _edited;

        [Parameter("Saved at (UTC)", DefaultValue = "")]
        public string SavedAtUtc { get; set; } = string.Empty;

        [Parameter("Older record", DefaultValue = false)]
        public bool OlderRecord { get; set; }

        protected override void OnTick()
        {
            if (!_edited && SavedDayEdit.Due(StartAtUtc, Time))
            {
                _edited = true;
                SavedDayEdit.Apply(LocalStorage, ScalperStateKeys.DailyState(Account.Number, SymbolName, StorageKey), SavedAtUtc, OlderRecord);
            }

            base.OnTick();
        }
    }

    /// <summary>
    /// A loss (or a guardian's entry) counted live is never counted again at a restart, whatever time the platform stamps
    /// on it (README "Known limits", fixed): the day saves the positions it counted and a restart replays only the others. BTC flat at
    /// bid 60,000 / ask 60,001 unless a bar says otherwise, no commission, equity 10,000 (as GuardianRestartTests).
    /// </summary>
    public class CountedClosesRestartTests
    {
        private static readonly DateTime T0 = new DateTime(2022, 1, 3, 10, 0, 0, DateTimeKind.Utc);

        private static string At(int minute) => RestartClock.Format(T0.AddMinutes(minute));

        // 60,000 until bar 4, then 59,900: B's 10-pip stop (59,991) is hit at bar 4's open, 10:04.
        private static double DropAtBar4(int i) => i < 4 ? 60_000 : 59_900;

        private static Dictionary<string, string> Manual(int openAt, double volume, double stopPips = 0) => new Dictionary<string, string>
        {
            ["OpenAtBar"] = openAt.ToString(CultureInfo.InvariantCulture),
            ["Side"] = "Buy",
            ["Volume"] = volume.ToString(CultureInfo.InvariantCulture),
            ["StopLossPips"] = stopPips.ToString(CultureInfo.InvariantCulture),
        };

        private static Dictionary<string, string> Guardian(string startAt, string stopAt, params (string Name, object Value)[] more) =>
            RobotRuns.Params(new[]
            {
                ("StopModeParameter", (object)StopMode.Fixed), ("FixedStopPips", 2_000), ("TrailingEnabled", false), ("BreakEvenEnabled", false),
                ("MaxRiskPercentPerPosition", 0), ("DailyProfitPercent", 0), ("DailyLossPercent", 50), ("StartAtUtc", startAt), ("StopAtUtc", stopAt),
            }.Concat(more).ToArray());

        private static (BacktestResult Result, SkewedSaveGuardian Second) RunGuardian(int bars, Dictionary<string, string> first, Dictionary<string, string> second, params Dictionary<string, string>[] traders)
        {
            var storage = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "perpguard-counted-" + Guid.NewGuid().ToString("N"));
            var options = RobotRuns.Options(Enumerable.Range(0, bars).Select(i => new MarketBar(T0.AddMinutes(i), DropAtBar4(i), DropAtBar4(i), DropAtBar4(i), DropAtBar4(i), 1)).ToArray(), null, storage, spread: 1.0);
            options.WarmupBars = 0;
            options.Symbol.Commission = 0;
            var specs = traders.Select(t => AlgoSpec.Of<ScriptedPositionsRobot>(t)).ToList();
            // Both of one type: LocalStorage's Type scope is per robot type.
            specs.Add(AlgoSpec.Of<SkewedSaveGuardian>(first));
            specs.Add(AlgoSpec.Of<SkewedSaveGuardian>(second));
            var result = new BacktestEngine(options).Run(specs.ToArray());
            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            return (result, (SkewedSaveGuardian)result.Robots[specs.Count - 1]);
        }

        [TestCase(false, 1, 1, TestName = "Restart_GuardianLossCountedLiveCloseStampedAfterTheSave_NotCountedTwice")]
        [TestCase(true, 3, 0, TestName = "Restart_GuardianOlderRecordWithoutIds_RestoresAndCountsClosesAfterItsSaveByTime")]
        public void Restart_GuardianLossCountedLive(bool olderRecord, int streak, int openAtEnd)
        {
            // Max losses in a row 2. A: 0.1 BTC from bar 1 (kept). B: 0.1 BTC bought at 60,001 at bar 2 with a 10-pip stop,
            // stopped out at 10:04 for 0.1 × (59,900 − 60,001) = −10.10 while the guardian runs: counted live, streak 1. The
            // guardian stops at 10:05; its saved day is set back to 10:03:30, before B's closing time (the platform's stamp
            // later than the bot's save); C buys 0.1 BTC at 10:06 while it is stopped. Restart at 10:08.
            // By id (the record lists B): nothing is replayed, streak 1, the day stays Active and C stays (A and C open).
            // An older record (no ids) falls back to the former time rule: B's close is after the save, so it is counted
            // again — streak 2 = the limit, the day turns Reducing at 10:04 and C, opened after, is closed at 59,900 (bid):
            // 0.1 × (59,900 − 60,001) = −10.10, a third loss in a row (A stays).
            var (result, second) = RunGuardian(12,
                Guardian(string.Empty, At(5), ("MaxConsecutiveLosses", 2)),
                Guardian(At(8), string.Empty, ("MaxConsecutiveLosses", 2), ("SavedAtUtc", "2022-01-03T10:03:30Z"), ("OlderRecord", olderRecord)),
                Manual(1, 0.1), Manual(2, 0.1, stopPips: 10), Manual(6, 0.1));

            var b = result.Trades.Single(t => t.EntryTimeUtc == T0.AddMinutes(2));
            Assert.That((b.ExitTimeUtc, b.NetProfit), Is.EqualTo((T0.AddMinutes(4), -10.10)));
            var journal = string.Join("\n", second.Journal.Select(PipelineEventText.Format));
            Assert.That(second.Journal.OfKind(PipelineEventKind.StateRestored).First().Reason, Is.EqualTo("Restored"), journal);
            Assert.That(second.Journal.OfKind(PipelineEventKind.StateRestored).Count(e => e.Reason == "TradesClosedWhileStopped"), Is.EqualTo(olderRecord ? 1 : 0), journal);
            Assert.That(second.DailyStatus.LossStreak, Is.EqualTo(streak));
            Assert.That(result.OpenPositionsAtEnd, Is.EqualTo(1 + openAtEnd), "A, and C unless the day turned Reducing");
        }

        [Test]
        public void Restart_GuardianLossCountedLiveCloseStampedAfterTheSave_NoSecondCooldownWindow()
        {
            // Cool-down 60 min: B's loss at 10:04 (live) starts [10:04, 11:04), saved. The guardian stops at 10:05, its saved
            // day set back to 10:03:30; D buys 0.1 BTC at 11:10, after that cool-down, while it is stopped. Restarted at 11:12
            // with a 90-min cool-down: replaying B would add [10:04, 11:34) and close D; B was counted, so D stays (A and D open).
            var (result, second) = RunGuardian(75,
                Guardian(string.Empty, At(5), ("CooldownMinutes", 60)),
                Guardian(At(72), string.Empty, ("CooldownMinutes", 90), ("SavedAtUtc", "2022-01-03T10:03:30Z")),
                Manual(1, 0.1), Manual(2, 0.1, stopPips: 10), Manual(70, 0.1));

            var journal = string.Join("\n", second.Journal.Select(PipelineEventText.Format));
            Assert.That(second.Journal.OfKind(PipelineEventKind.FlattenClose), Is.Empty, journal);
            Assert.That(second.DailyStatus.LossStreak, Is.EqualTo(1));
            Assert.That(second.DailyStatus.CooldownUntilUtc, Is.EqualTo(T0.AddMinutes(64)));
            Assert.That(result.OpenPositionsAtEnd, Is.EqualTo(2), "A and D");
        }

        [TestCase(false, 2, 0, TestName = "Restart_GuardianEntryCountedLiveStampedAfterTheSave_NotCountedTwice")]
        [TestCase(true, 3, 1, TestName = "Restart_GuardianOlderRecordWithoutEntryIds_CountsEntriesAfterItsSaveByTime")]
        public void Restart_GuardianEntryCountedLive(bool olderRecord, int tradesToday, int closed)
        {
            // Max trades per day 2, the price flat. A opens at 10:01 while the guardian runs: counted live (1 trade). The
            // guardian stops at 10:02; its saved day is set back to 10:00:30, before A's entry time; C opens at 10:04 while it
            // is stopped. Restart at 10:06. By id (the record lists A): only C is new — the 2nd trade, the day turns Reducing
            // at C's entry and C may stay (A and C open). An older record (no ids) counts A again by time: A is the 2nd trade
            // (Reducing at 10:01) and C the 3rd, opened after the turn: closed at once (A stays).
            var (result, second) = RunGuardian(10,
                Guardian(string.Empty, At(2), ("MaxTradesPerDay", 2)),
                Guardian(At(6), string.Empty, ("MaxTradesPerDay", 2), ("SavedAtUtc", "2022-01-03T10:00:30Z"), ("OlderRecord", olderRecord)),
                Manual(1, 0.1), Manual(4, 0.1));

            var journal = string.Join("\n", second.Journal.Select(PipelineEventText.Format));
            Assert.That(second.Journal.OfKind(PipelineEventKind.StateRestored).Single(e => e.Reason == "EntriesWhileStopped").Value, Is.EqualTo(olderRecord ? 2 : 1), journal);
            Assert.That(second.DailyStatus.TradesToday, Is.EqualTo(tradesToday));
            Assert.That(second.Journal.OfKind(PipelineEventKind.FlattenClose).Count(), Is.EqualTo(closed), journal);
            Assert.That(result.OpenPositionsAtEnd, Is.EqualTo(2 - closed));
        }

        [TestCase(false, 0, TestName = "Restart_ScalperLossCountedLiveCloseStampedAfterTheSave_NotCountedTwice")]
        [TestCase(true, 1, TestName = "Restart_ScalperOlderRecordWithoutIds_CountsTheLossAgainByTime")]
        public void Restart_ScalperLossCountedLive(bool olderRecord, int replayed)
        {
            // A reference run picks the scalper's first losing trade, closed at L. The scalper stops a minute after it (it
            // counted the loss live: in its cool-down, 15 min, it opens nothing more), its saved day is set back to a second
            // before L, and it restarts a minute later. By id the loss is not counted again; an older record (no ids)
            // counts it again by the former time rule.
            const string key = "skewed";
            var bars = RobotRuns.NautilusDays(10);
            var (_, reference) = RobotRuns.RunScalper(RobotRuns.Options(bars), RobotRuns.Params(("StorageKey", key)));
            var loss = reference.Journal.OfKind(PipelineEventKind.TradeClosed).First(e => e.Value < 0);

            var storage = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "perpguard-counted-scalper-" + Guid.NewGuid().ToString("N"));
            var first = RobotRuns.Params(("StorageKey", key), ("StopAtUtc", RestartClock.Format(loss.Utc.AddMinutes(1))));
            var second = RobotRuns.Params(("StorageKey", key), ("StartAtUtc", RestartClock.Format(loss.Utc.AddMinutes(2))),
                ("SavedAtUtc", RestartClock.Format(loss.Utc.AddSeconds(-1))), ("OlderRecord", olderRecord));
            var result = new BacktestEngine(RobotRuns.Options(bars, storage: storage)).Run(AlgoSpec.Of<SkewedSaveScalper>(first), AlgoSpec.Of<SkewedSaveScalper>(second));
            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            var firstBot = (RestartedScalper)result.Robots[0];
            var restarted = (SkewedSaveScalper)result.Robots[1];

            Assert.That(firstBot.Journal.OfKind(PipelineEventKind.TradeClosed).Last().Utc, Is.EqualTo(loss.Utc), "the loss was the first instance's last close, seen live");
            var journal = string.Join("\n", restarted.Journal.Select(PipelineEventText.Format));
            Assert.That(restarted.Journal.OfKind(PipelineEventKind.StateRestored).First().Reason, Is.EqualTo("Restored"), journal);
            var counted = restarted.Journal.OfKind(PipelineEventKind.StateRestored).Where(e => e.Reason == "TradesClosedWhileStopped").Sum(e => e.Value);
            Assert.That(counted, Is.EqualTo(replayed), journal);
        }
    }
}
