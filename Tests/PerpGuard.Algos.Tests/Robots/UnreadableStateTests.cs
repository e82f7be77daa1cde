using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using cAlgo.API;
using PerpGuard.Algos.Tests.Indicators;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.Runtime;
using PerpGuard.MarketData;
using PerpGuard.Risk.Persistence;
using PerpGuard.Risk.Pipeline;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>
    /// The bots restarted on a saved state they cannot read (docs/persistence.md): they start (no exception), trade
    /// nothing new until the reset, keep and manage the positions they find, print one line saying what was unreadable
    /// and what they do, and keep the unreadable text aside.
    /// </summary>
    public class UnreadableStateTests
    {
        private const string Key = "unread";

        private static string Storage() => Path.Combine(Path.GetTempPath(), "perpguard-storefix-" + Guid.NewGuid().ToString("N"));

        private static Dictionary<string, string> ScalperParams(params (string Name, object Value)[] more) =>
            RobotRuns.Params(new[] { ("StorageKey", (object)Key) }.Concat(more).ToArray());

        [Test]
        public void ScalperRestart_DayRecordGarbled_HaltedPositionKeptAndManagedOneLinePrintedTextKept()
        {
            // ScalperAdoptionTests' restart: a reference run on 10 Nautilus days picks the first position whose stop moved
            // at least 3 minutes before it closed; the first instance stops a minute after the move, the second starts a
            // minute later and finds its day's record garbled. The scalper's default On halt is Flatten: a day halted as
            // unknown must still not close the position (it is no breach), only block entries.
            var bars = RobotRuns.NautilusDays(10);
            var (_, reference) = RobotRuns.RunScalper(RobotRuns.Options(bars), ScalperParams());
            var closes = reference.Journal.OfKind(PipelineEventKind.TradeClosed).ToDictionary(e => e.PositionId, e => e.Utc);
            var moved = reference.Journal.OfKind(PipelineEventKind.StopMoved).First(e => closes.TryGetValue(e.PositionId, out var at) && at >= e.Utc.AddMinutes(3));
            var restartAt = moved.Utc.AddMinutes(2);
            var storage = Storage();
            var dayKey = ScalperStateKeys.DailyState(1, "BTCUSD", Key);

            var result = new BacktestEngine(RobotRuns.Options(bars, storage: storage)).Run(
                AlgoSpec.Of<RestartedScalper>(ScalperParams(("StopAtUtc", RestartClock.Format(moved.Utc.AddMinutes(1))))),
                AlgoSpec.Of<RestartedScalper>(ScalperParams(("StartAtUtc", RestartClock.Format(restartAt)), ("GarbleTypeKey", dayKey))));
            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            var second = (RestartedScalper)result.Robots[1];

            Assert.That(second.Journal.OfKind(PipelineEventKind.StateChanged).First().Reason, Is.EqualTo("CorruptState"));
            var lines = result.Log.Where(l => l.Contains("RiskManagedScalper: ", StringComparison.Ordinal)).ToList();
            Assert.That(lines, Has.Count.EqualTo(1), string.Join("\n", result.Log));
            Assert.That(lines[0], Does.Contain("RiskManagedScalper: The saved daily state 'daily-state' is not valid JSON (")
                .And.Contain("Its text is kept under 'daily-state.unreadable'. Today's loss so far is unknown, so the day is Halted until the next reset at " +
                    restartAt.Date.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 00:00 UTC: no new entries; open positions keep their stops and are still managed (not closed for this)."));

            var adopted = second.Journal.OfKind(PipelineEventKind.StateRestored).Single(e => e.PositionId == moved.PositionId);
            Assert.That(adopted.Reason, Is.EqualTo("PositionPlanRestored"));
            var closed = second.Journal.OfKind(PipelineEventKind.TradeClosed).Single(e => e.PositionId == moved.PositionId);
            Assert.That(closed.Utc, Is.EqualTo(closes[moved.PositionId]), "closed where it closed without the restart, not flattened at it");
            var reset = restartAt.Date.AddDays(1);
            Assert.That(second.Journal.OfKind(PipelineEventKind.PositionOpened).Where(e => e.Utc < reset), Is.Empty, "never a silent fresh day");

            var reader = new FileLocalStorage(storage, nameof(RestartedScalper), "reader");
            Assert.That(reader.GetString(CTraderStorageKey.From(ScalperStateKeys.DailyStateLogical(1, "BTCUSD", Key) + ".unreadable"), LocalStorageScope.Type),
                Is.EqualTo(RestartedScalper.Garbled));
        }

        [Test]
        public void ScalperRestart_StorageFileCorrupted_StartsHaltedFileKeptAsideAndReported()
        {
            // Day 1 saves the day in the Type-scope file; the whole file is then corrupted outside cTrader. Day 2's start
            // must not die on it (before: a JsonException at start, nothing ran): the stand-in moves the file aside and
            // raises LocalStorageException at the first read, which makes the day unknown, so halted until the reset.
            var storage = Storage();
            var parameters = ScalperParams();
            RobotRuns.RunScalper(RobotRuns.Options(RobotRuns.NautilusDays(1), storage: storage), parameters);
            var file = Path.Combine(storage, "type", nameof(cAlgo.Robots.RiskManagedScalper) + ".json");
            Assert.That(File.Exists(file), Is.True);
            File.WriteAllText(file, "{\"PerpGuard");

            var (result, bot) = RobotRuns.RunScalper(RobotRuns.Options(RobotRuns.NautilusDays(1, firstDay: 2), storage: storage), parameters);

            Assert.That(result.Log.Count(l => l.Contains("] LocalStorage file 'type", StringComparison.Ordinal) && l.Contains("kept as", StringComparison.Ordinal)), Is.EqualTo(1),
                string.Join("\n", result.Log));
            Assert.That(result.Log.Single(l => l.Contains("RiskManagedScalper: ", StringComparison.Ordinal)),
                Does.Contain("RiskManagedScalper: The daily state 'daily-state' could not be read (LocalStorage file").And.Contain("so the day is Halted until the next reset"));
            Assert.That(bot.Journal.OfKind(PipelineEventKind.StateChanged).First().Reason, Is.EqualTo("CorruptState"));
            var reset = bot.Journal.OfKind(PipelineEventKind.StateChanged).FirstOrDefault(e => e.Reason == "DayReset")?.Utc ?? DateTime.MaxValue;
            Assert.That(bot.Journal.OfKind(PipelineEventKind.PositionOpened).Where(e => e.Utc < reset), Is.Empty);
            Assert.That(File.ReadAllText(Directory.GetFiles(Path.Combine(storage, "type"), "RiskManagedScalper.json.corrupt-*").Single()), Is.EqualTo("{\"PerpGuard"));
        }

        // TradeGuardian on GuardianRestartTests' scripted prices: BTC flat at bid 60,000 / ask 60,001 unless given, no
        // commission, equity 10,000, fixed 2,000-pip stops.
        private static readonly DateTime T0 = new DateTime(2022, 1, 3, 10, 0, 0, DateTimeKind.Utc);

        private static string At(int minute) => RestartClock.Format(T0.AddMinutes(minute));

        private static Dictionary<string, string> Manual(int openAt, double volume) => new Dictionary<string, string>
        {
            ["OpenAtBar"] = openAt.ToString(CultureInfo.InvariantCulture),
            ["Side"] = "Buy",
            ["Volume"] = volume.ToString(CultureInfo.InvariantCulture),
            ["StopLossPips"] = "0",
        };

        private static Dictionary<string, string> Guardian(string startAt, string stopAt, params (string Name, object Value)[] more) =>
            RobotRuns.Params(new[]
            {
                ("StopModeParameter", (object)StopMode.Fixed), ("FixedStopPips", 2_000), ("TrailingEnabled", false), ("BreakEvenEnabled", false),
                ("MaxRiskPercentPerPosition", 0), ("DailyProfitPercent", 0), ("StartAtUtc", startAt), ("StopAtUtc", stopAt), ("DailyLossPercent", 2),
            }.Concat(more).ToArray());

        private static BacktestResult RunGuardians(int bars, Func<int, double> price, Dictionary<string, string> first, Dictionary<string, string> second, params Dictionary<string, string>[] traders)
        {
            var options = RobotRuns.Options(Enumerable.Range(0, bars).Select(i => new MarketBar(T0.AddMinutes(i), price(i), price(i), price(i), price(i), 1)).ToArray(), null, Storage(), spread: 1.0);
            options.WarmupBars = 0;
            options.Symbol.Commission = 0;
            var specs = traders.Select(t => AlgoSpec.Of<ScriptedPositionsRobot>(t)).ToList();
            specs.Add(AlgoSpec.Of<RestartedGuardian>(first));
            specs.Add(AlgoSpec.Of<RestartedGuardian>(second));
            var result = new BacktestEngine(options).Run(specs.ToArray());
            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            return result;
        }

        [Test]
        public void GuardianRestart_OpenAtBreachRecordGarbled_PositionFromBeforeTheLastSaveKeptNewerOneClosed()
        {
            // GuardianRestartTests' halt without "Flatten on breach": A, 0.5 BTC at 60,001 (bar 2); bar 4 at 59,500 →
            // −250.50, beyond the 2 % limit → Halted at 10:04, A stays. Stopped (the day's last save) at 10:05; C buys
            // 0.1 BTC at bar 6; restarted at 10:07 with the open-at-breach record garbled. A opened before the day's last
            // save, so it was open at the breach under a running guardian: kept. C opened after it: closed as new.
            // (Without a record at all, a Halted day keeps nothing: A would be closed too.)
            var breachKey = CTraderStorageKey.From("PerpGuard.Guardian.1.open-at-breach");
            var result = RunGuardians(10, i => i < 4 ? 60_000 : 59_500,
                Guardian(string.Empty, At(5), ("FlattenOnBreach", false)),
                Guardian(At(7), string.Empty, ("FlattenOnBreach", false), ("GarbleTypeKey", breachKey)),
                Manual(2, 0.5), Manual(6, 0.1));
            var second = (RestartedGuardian)result.Robots[3];

            Assert.That(second.Journal.OfKind(PipelineEventKind.StateRestored).First().Message, Is.EqualTo("Halted"));
            Assert.That(result.Trades.Single().EntryTimeUtc, Is.EqualTo(T0.AddMinutes(6)), "only C was closed");
            Assert.That(result.OpenPositionsAtEnd, Is.EqualTo(1), "A, open at the breach, stays under its stop");
            var line = result.Log.Single(l => l.Contains("TradeGuardian: ", StringComparison.Ordinal));
            Assert.That(line, Does.Contain("TradeGuardian: The saved open-at-breach record is not valid JSON (")
                .And.EndWith("Its text is kept under 'open-at-breach.unreadable'. Positions that opened by the day's last save (2022-01-03 10:05:00 UTC) stay; any opened later counts as new and is closed."));
            Assert.That(second.Journal.OfKind(PipelineEventKind.StateRestored).Single(e => e.Reason == "OpenAtBreachUnreadable").Message, Is.EqualTo(line.Substring(line.IndexOf("TradeGuardian: ", StringComparison.Ordinal))));
        }

        [Test]
        public void GuardianRestart_DayRecordGarbledFlattenOnBreach_OpenPositionsKeptNewOneClosed()
        {
            // A (bar 2) and C (bar 6, while stopped) are open at the restart at 10:07 with the day's record garbled: the day
            // is unknown, so Halted until the reset, but with "Flatten on breach" on nothing is flattened for it — both keep
            // their stops. D, opened at bar 8 on the halted day, is closed at once (as on any halted day).
            var dayKey = CTraderStorageKey.From("PerpGuard.Guardian.1.daily-state");
            var result = RunGuardians(12, _ => 60_000,
                Guardian(string.Empty, At(5), ("FlattenOnBreach", true)),
                Guardian(At(7), string.Empty, ("FlattenOnBreach", true), ("GarbleTypeKey", dayKey)),
                Manual(2, 0.1), Manual(6, 0.1), Manual(8, 0.1));
            var second = (RestartedGuardian)result.Robots[4];

            Assert.That(second.Journal.OfKind(PipelineEventKind.StateChanged).First().Reason, Is.EqualTo("CorruptState"));
            Assert.That(result.Trades.Select(t => t.EntryTimeUtc), Is.EqualTo(new[] { T0.AddMinutes(8) }), "only D was closed");
            Assert.That(result.OpenPositionsAtEnd, Is.EqualTo(2));
            Assert.That(result.Log.Single(l => l.Contains("TradeGuardian: ", StringComparison.Ordinal)),
                Does.Contain("TradeGuardian: The saved daily state 'daily-state' is not valid JSON (").And.EndWith(
                    "Its text is kept under 'daily-state.unreadable'. Today's loss so far is unknown, so the day is Halted until the next reset at 2022-01-04 00:00 UTC: " +
                    "no new entries; positions open now stay under their stops and are still guarded (not closed for this); a position opened before the reset is closed."));
        }
    }
}
