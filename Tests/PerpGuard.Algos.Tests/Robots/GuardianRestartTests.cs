using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using cAlgo.API;
using PerpGuard.Algos.Tests.Indicators;
using PerpGuard.Headless.Backtesting;
using PerpGuard.MarketData;
using PerpGuard.Risk.Pipeline;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>
    /// TradeGuardian stopped and restarted (state from LocalStorage) while positions are open: a restart must not
    /// let a position opened during a cool-down, or after the day turned Reducing or Halted, stay — nor close one the
    /// rules let stay. BTC flat at bid 60,000 / ask 60,001 unless a bar says otherwise, no commission, equity 10,000.
    /// </summary>
    public class GuardianRestartTests
    {
        private static readonly DateTime T0 = new DateTime(2022, 1, 3, 10, 0, 0, DateTimeKind.Utc);

        private static MarketBar Flat(int i, double price = 60_000) => new MarketBar(T0.AddMinutes(i), price, price, price, price, 1);

        private static string Storage() => System.IO.Path.Combine(System.IO.Path.GetTempPath(), "perpguard-botfix-guardian-" + Guid.NewGuid().ToString("N"));

        private static Dictionary<string, string> Manual(int openAt, double volume, double stopPips = 0) => new Dictionary<string, string>
        {
            ["OpenAtBar"] = openAt.ToString(CultureInfo.InvariantCulture),
            ["Side"] = "Buy",
            ["Volume"] = volume.ToString(CultureInfo.InvariantCulture),
            ["StopLossPips"] = stopPips.ToString(CultureInfo.InvariantCulture),
        };

        // 60,000 until bar 4, then 59,900: B's 10-pip stop is hit at bar 4's open, A's 2,000-pip one is far away.
        private static double DropAtBar4(int i) => i < 4 ? 60_000 : 59_900;

        private static Dictionary<string, string> Guardian(string startAt, string stopAt, params (string Name, object Value)[] limits) =>
            RobotRuns.Params(new[]
            {
                ("StopModeParameter", (object)StopMode.Fixed), ("FixedStopPips", 2_000), ("TrailingEnabled", false), ("BreakEvenEnabled", false),
                ("MaxRiskPercentPerPosition", 0), ("DailyProfitPercent", 0), ("StartAtUtc", startAt), ("StopAtUtc", stopAt),
            }.Concat(limits).ToArray());

        private static BacktestResult Run(int bars, Func<int, double> price, Dictionary<string, string> first, Dictionary<string, string> second, params Dictionary<string, string>[] traders) =>
            RunIn(Storage(), bars, price, first, second, traders);

        private static BacktestResult RunIn(string storage, int bars, Func<int, double> price, Dictionary<string, string> first, Dictionary<string, string> second, params Dictionary<string, string>[] traders)
            => RunIn(storage, true, bars, price, first, second, traders);

        /// <param name="strictKeys">False: a platform that took LocalStorage keys outside cTrader's documented form (older versions' keys).</param>
        private static BacktestResult RunIn(string storage, bool strictKeys, int bars, Func<int, double> price, Dictionary<string, string> first, Dictionary<string, string> second, params Dictionary<string, string>[] traders)
        {
            var options = RobotRuns.Options(Enumerable.Range(0, bars).Select(i => Flat(i, price(i))).ToArray(), null, storage, spread: 1.0);
            options.StrictLocalStorageKeys = strictKeys;
            options.WarmupBars = 0;
            options.Symbol.Commission = 0;
            var specs = traders.Select(t => AlgoSpec.Of<ScriptedPositionsRobot>(t)).ToList();
            specs.Add(AlgoSpec.Of<RestartedGuardian>(first));
            specs.Add(AlgoSpec.Of<RestartedGuardian>(second));
            var result = new BacktestEngine(options).Run(specs.ToArray());
            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            return result;
        }

        private static string At(int minute) => RestartClock.Format(T0.AddMinutes(minute));

        [Test]
        public void Restart_PositionOpenedDuringCooldownWhileStopped_ClosedAtTheRestartOlderOneKept()
        {
            // Cool-down 60 min. Trader A: 0.1 BTC long from bar 1 (kept throughout). Trader B: 0.1 BTC long bought at
            // 60,001 at bar 2 with a 10-pip stop (59,991), stopped out when bar 4 opens at 59,900: a loss → cooling down
            // until 11:04. The guardian stops at
            // 10:05; trader C buys 0.1 BTC at bar 6 (10:06), inside the cool-down, while it is stopped; the guardian
            // restarts at 10:08 and must close C at once (NoNewExposureDuringCooldown): C's entry time lies in the
            // restored cool-down [11:04 − 60 min, 11:04). A opened before the loss and stays.
            var result = Run(12, DropAtBar4,
                Guardian(string.Empty, At(5), ("CooldownMinutes", 60), ("DailyLossPercent", 50)),
                Guardian(At(8), string.Empty, ("CooldownMinutes", 60), ("DailyLossPercent", 50)),
                Manual(1, 0.1), Manual(2, 0.1, stopPips: 10), Manual(6, 0.1));
            var second = (RestartedGuardian)result.Robots[4];

            var cut = second.Journal.OfKind(PipelineEventKind.FlattenClose).ToList();
            Assert.That(cut.Select(e => (e.Reason, e.Utc)), Is.EqualTo(new[] { (GuardianReasons.NoNewExposureDuringCooldown, T0.AddMinutes(8)) }),
                string.Join("\n", second.Journal.Select(PipelineEventText.Format)));
            var b = result.Trades.Single(t => t.EntryTimeUtc == T0.AddMinutes(2));
            Assert.That((b.ExitTimeUtc, b.NetProfit < 0), Is.EqualTo((T0.AddMinutes(4), true)), "B's loss started the cool-down");
            var c = result.Trades.Single(t => t.EntryTimeUtc == T0.AddMinutes(6));
            Assert.That((c.PositionId, c.ExitTimeUtc), Is.EqualTo((cut[0].PositionId, T0.AddMinutes(8))));
            Assert.That(result.OpenPositionsAtEnd, Is.EqualTo(1), "A, opened before the loss, stays");
        }

        [Test]
        public void Restart_LossClosedWhileStopped_CooldownFromTheCloseNewerPositionClosed()
        {
            // As above, but the guardian stops at 10:03, before B's stop is hit at 10:04: it never saw the loss. At the
            // restart (10:08) the history shows it: counted at 10:04, cool-down 60 min → until 11:04, so C (bought at
            // 10:06, inside it) is closed at once; A, opened before the loss, stays.
            var result = Run(12, DropAtBar4,
                Guardian(string.Empty, At(3), ("CooldownMinutes", 60), ("DailyLossPercent", 50)),
                Guardian(At(8), string.Empty, ("CooldownMinutes", 60), ("DailyLossPercent", 50)),
                Manual(1, 0.1), Manual(2, 0.1, stopPips: 10), Manual(6, 0.1));
            var second = (RestartedGuardian)result.Robots[4];

            var counted = second.Journal.OfKind(PipelineEventKind.StateRestored).Single(e => e.Reason == "TradesClosedWhileStopped");
            Assert.That((counted.Value, counted.Message), Is.EqualTo((1.0, "1 trade(s) closed while stopped counted: loss streak 1, cool-down until 2022-01-03 11:04:00 UTC, Active")));
            var cut = second.Journal.OfKind(PipelineEventKind.FlattenClose).ToList();
            Assert.That(cut.Select(e => (e.Reason, e.Utc)), Is.EqualTo(new[] { (GuardianReasons.NoNewExposureDuringCooldown, T0.AddMinutes(8)) }),
                string.Join("\n", second.Journal.Select(PipelineEventText.Format)));
            var c = result.Trades.Single(t => t.EntryTimeUtc == T0.AddMinutes(6));
            Assert.That(c.ExitTimeUtc, Is.EqualTo(T0.AddMinutes(8)));
            Assert.That(result.OpenPositionsAtEnd, Is.EqualTo(1), "A, opened before the loss, stays");
        }

        // 60,000 until bar 4, 59,900 until bar 30, then 59,800: B1 (bought bar 2, 10-pip stop 59,991) is stopped out at
        // 10:04, B2 (bought bar 20 at 59,901, 10-pip stop 59,891) at 10:30. Two losses, two cool-downs.
        private static double TwoDrops(int i) => i < 4 ? 60_000 : i < 30 ? 59_900 : 59_800;

        [TestCase(5, TestName = "Restart_LossSeenLiveThenAnotherWhileStopped_PositionInTheEarlierCooldownClosedOneBetweenKept")]
        [TestCase(3, TestName = "Restart_TwoLossesWhileStopped_PositionInTheEarlierCooldownClosedOneBetweenKept")]
        public void Restart_TwoCooldowns_PositionInTheEarlierOneClosed(int stopAt)
        {
            // Cool-down 20 min. A: 0.1 BTC from bar 1 (before any loss, kept). B1's loss at 10:04 → cool-down
            // [10:04, 10:24); B2's at 10:30 → [10:30, 10:50). The guardian stops at 10:05 (it saw B1's loss) or at 10:03
            // (it saw neither); while it is stopped C buys at 10:06 (inside the first cool-down) and D at 10:26 (between
            // the two). Restarted at 10:35 it must close C, as it would have at 10:06, and keep D, which no cool-down
            // forbade. (Before: only the latest cool-down, [10:50 − 20 min, 10:50), was known, and C was kept.)
            var result = Run(40, TwoDrops,
                Guardian(string.Empty, At(stopAt), ("CooldownMinutes", 20), ("DailyLossPercent", 50)),
                Guardian(At(35), string.Empty, ("CooldownMinutes", 20), ("DailyLossPercent", 50)),
                Manual(1, 0.1), Manual(2, 0.1, stopPips: 10), Manual(20, 0.1, stopPips: 10), Manual(6, 0.1), Manual(26, 0.1));
            var second = (RestartedGuardian)result.Robots[6];

            var b1 = result.Trades.Single(t => t.EntryTimeUtc == T0.AddMinutes(2));
            var b2 = result.Trades.Single(t => t.EntryTimeUtc == T0.AddMinutes(20));
            Assert.That((b1.ExitTimeUtc, b1.NetProfit < 0, b2.ExitTimeUtc, b2.NetProfit < 0), Is.EqualTo((T0.AddMinutes(4), true, T0.AddMinutes(30), true)), "the two losses");
            var cut = second.Journal.OfKind(PipelineEventKind.FlattenClose).ToList();
            Assert.That(cut.Select(e => (e.Reason, e.Utc)), Is.EqualTo(new[] { (GuardianReasons.NoNewExposureDuringCooldown, T0.AddMinutes(35)) }),
                string.Join("\n", second.Journal.Select(PipelineEventText.Format)));
            var c = result.Trades.Single(t => t.EntryTimeUtc == T0.AddMinutes(6));
            Assert.That((c.PositionId, c.ExitTimeUtc), Is.EqualTo((cut[0].PositionId, T0.AddMinutes(35))));
            Assert.That(result.Trades.Any(t => t.EntryTimeUtc == T0.AddMinutes(26)), Is.False, "D, opened between the cool-downs, stays");
            Assert.That(result.OpenPositionsAtEnd, Is.EqualTo(2), "A and D");
        }

        [Test]
        public void Restart_CooldownLengthChanged_RunningCooldownKeepsItsStart()
        {
            // B's loss at 10:04 starts a 60-min cool-down [10:04, 11:04) seen live; the guardian stops at 10:05, C buys at
            // 10:06, and the guardian is restarted at 10:08 with a 30-min cool-down. The cool-down that was running keeps
            // its start (saved), so C is closed; reckoned back from its end by the new length ([10:34, 11:04)) C was kept.
            var result = Run(12, DropAtBar4,
                Guardian(string.Empty, At(5), ("CooldownMinutes", 60), ("DailyLossPercent", 50)),
                Guardian(At(8), string.Empty, ("CooldownMinutes", 30), ("DailyLossPercent", 50)),
                Manual(1, 0.1), Manual(2, 0.1, stopPips: 10), Manual(6, 0.1));
            var second = (RestartedGuardian)result.Robots[4];

            Assert.That(second.Journal.OfKind(PipelineEventKind.FlattenClose).Select(e => (e.Reason, e.Utc)),
                Is.EqualTo(new[] { (GuardianReasons.NoNewExposureDuringCooldown, T0.AddMinutes(8)) }), string.Join("\n", second.Journal.Select(PipelineEventText.Format)));
            Assert.That(result.OpenPositionsAtEnd, Is.EqualTo(1), "A, opened before the loss, stays");
        }

        [Test]
        public void Restart_CooldownRecordGarbled_SavedDaysLatestCooldownStandsInAndSaysSo()
        {
            // As the first test (B's loss at 10:04 seen live, 60-min cool-down, stopped at 10:05, C bought at 10:06), but the
            // cool-down record is garbled before the 10:08 restart: the guardian starts, prints and journals the problem
            // (the text kept aside), and the saved day's cool-down [11:04 − 60 min, 11:04) stands in — C is still closed.
            var key = PerpGuard.Risk.Persistence.CTraderStorageKey.From("PerpGuard.Guardian.1.cooldown-windows");
            var result = Run(12, DropAtBar4,
                Guardian(string.Empty, At(5), ("CooldownMinutes", 60), ("DailyLossPercent", 50)),
                Guardian(At(8), string.Empty, ("CooldownMinutes", 60), ("DailyLossPercent", 50), ("GarbleTypeKey", key)),
                Manual(1, 0.1), Manual(2, 0.1, stopPips: 10), Manual(6, 0.1));
            var second = (RestartedGuardian)result.Robots[4];

            var said = second.Journal.OfKind(PipelineEventKind.StateRestored).Single(e => e.Reason == "CooldownWindowsUnreadable").Message;
            Assert.That(said, Does.StartWith("TradeGuardian: The saved cool-down record is not valid JSON (")
                .And.EndWith("Its text is kept under 'cooldown-windows.unreadable'. The saved day's latest cool-down stands in."));
            Assert.That(result.Log.Any(l => l.EndsWith(said, StringComparison.Ordinal)), Is.True, "printed too");
            Assert.That(second.Journal.OfKind(PipelineEventKind.FlattenClose).Select(e => (e.Reason, e.Utc)),
                Is.EqualTo(new[] { (GuardianReasons.NoNewExposureDuringCooldown, T0.AddMinutes(8)) }), string.Join("\n", second.Journal.Select(PipelineEventText.Format)));
            Assert.That(result.OpenPositionsAtEnd, Is.EqualTo(1), "A, opened before the loss, stays");
        }

        [Test]
        public void Stop_CooldownRunning_SavedUnderTheDocumentedKeyInTypeScope()
        {
            // The record a restart reads: Type scope, logical key PerpGuard.Guardian.<account>.cooldown-windows in cTrader's
            // key form. B's loss at 10:04 with a 60-min cool-down: one window [10:04, 11:04), saved when the loss closed.
            var storage = Storage();
            var result = RunIn(storage, 12, DropAtBar4,
                Guardian(string.Empty, At(5), ("CooldownMinutes", 60), ("DailyLossPercent", 50)),
                Guardian(At(100), string.Empty),
                Manual(2, 0.1, stopPips: 10));
            var first = (RestartedGuardian)result.Robots[1];

            var key = PerpGuard.Risk.Persistence.CTraderStorageKey.From("PerpGuard.Guardian." + first.Account.Number.ToString(CultureInfo.InvariantCulture) + ".cooldown-windows");
            var text = new PerpGuard.Headless.Runtime.FileLocalStorage(storage, nameof(RestartedGuardian), "reader").GetString(key, LocalStorageScope.Type);
            Assert.That(text, Is.EqualTo("{\"schema\":\"perpguard.cooldown-windows\",\"version\":1,\"windows\":[{\"fromUtc\":\"2022-01-03T10:04:00.0000000Z\",\"untilUtc\":\"2022-01-03T11:04:00.0000000Z\"}]}"));
        }

        [Test]
        public void Restart_MaxLossesReachedWhileStopped_PositionOpenedAfterTheLossClosed()
        {
            // Max losses in a row 1, no cool-down. B's stop is hit at 10:04 while the guardian is stopped (since 10:03):
            // running, it would have turned the day Reducing at 10:04 and closed C (bought 10:06). At the 10:08 restart
            // the day turns Reducing at 10:04, the loss's time, so C — opened after it — is closed; A stays.
            // (Found in review: the turn was dated at the restart, which kept C.)
            var result = Run(12, DropAtBar4,
                Guardian(string.Empty, At(3), ("MaxConsecutiveLosses", 1), ("DailyLossPercent", 50)),
                Guardian(At(8), string.Empty, ("MaxConsecutiveLosses", 1), ("DailyLossPercent", 50)),
                Manual(1, 0.1), Manual(2, 0.1, stopPips: 10), Manual(6, 0.1));
            var second = (RestartedGuardian)result.Robots[4];

            var turn = second.Journal.OfKind(PipelineEventKind.StateChanged).Single(e => e.Reason == "MaxConsecutiveLosses");
            Assert.That(turn.Utc, Is.EqualTo(T0.AddMinutes(4)));
            var cut = second.Journal.OfKind(PipelineEventKind.FlattenClose).ToList();
            Assert.That(cut.Select(e => (e.Reason, e.Utc)), Is.EqualTo(new[] { (GuardianReasons.NoNewExposure, T0.AddMinutes(8)) }),
                string.Join("\n", second.Journal.Select(PipelineEventText.Format)));
            var c = result.Trades.Single(t => t.EntryTimeUtc == T0.AddMinutes(6));
            Assert.That((c.PositionId, c.ExitTimeUtc), Is.EqualTo((cut[0].PositionId, T0.AddMinutes(8))));
            Assert.That(result.OpenPositionsAtEnd, Is.EqualTo(1), "A, opened before the loss, stays");
        }

        [Test]
        public void Restart_CooldownOff_PositionOpenedAfterALossWhileStoppedKept()
        {
            // The same run without a cool-down: nothing is closed for it after the restart.
            var result = Run(12, DropAtBar4,
                Guardian(string.Empty, At(5), ("DailyLossPercent", 50)),
                Guardian(At(8), string.Empty, ("DailyLossPercent", 50)),
                Manual(1, 0.1), Manual(2, 0.1, stopPips: 10), Manual(6, 0.1));
            var second = (RestartedGuardian)result.Robots[4];

            Assert.That(second.Journal.OfKind(PipelineEventKind.FlattenClose), Is.Empty);
            Assert.That(result.Trades.Single().EntryTimeUtc, Is.EqualTo(T0.AddMinutes(2)), "only B, by its stop");
            Assert.That(result.OpenPositionsAtEnd, Is.EqualTo(2));
        }

        [Test]
        public void Restart_ReducingDayPositionOpenedWhileStopped_ClosedAtTheRestartOlderOneKept()
        {
            // Max trades per day 1: A's entry at bar 2 turns the day Reducing (A stays). The guardian stops at 10:04;
            // C buys 0.1 BTC at bar 5 while it is stopped; restarted at 10:07 on the Reducing day, it closes C at once
            // (NoNewExposureWhileReducing): C was not open when the day turned Reducing. A stays.
            var result = Run(10, _ => 60_000,
                Guardian(string.Empty, At(4), ("MaxTradesPerDay", 1), ("DailyLossPercent", 50)),
                Guardian(At(7), string.Empty, ("MaxTradesPerDay", 1), ("DailyLossPercent", 50)),
                Manual(2, 0.1), Manual(5, 0.1));
            var second = (RestartedGuardian)result.Robots[3];

            var cut = second.Journal.OfKind(PipelineEventKind.FlattenClose).ToList();
            Assert.That(cut.Select(e => (e.Reason, e.Utc)), Is.EqualTo(new[] { (GuardianReasons.NoNewExposure, T0.AddMinutes(7)) }),
                string.Join("\n", second.Journal.Select(PipelineEventText.Format)));
            Assert.That(result.Trades.Single().EntryTimeUtc, Is.EqualTo(T0.AddMinutes(5)));
            Assert.That(result.OpenPositionsAtEnd, Is.EqualTo(1));
        }

        [Test]
        public void Restart_StopMovedToBreakEvenBeforeTheRestart_TradeKeepsItsPlannedRisk()
        {
            // A: 0.1 BTC bought at 60,001 (bar 1) without a stop; the guardian attaches the fixed 2,000-pip stop 58,001:
            // 1R = 0.1 × 2,000 = 200.00 (no commission) + 0.03 kept for the rounding to cents (3 booked parts × 0.01). Bars 3–7 at 61,800 (+0.9R ≥ the 0.8R trigger): the stop moves
            // to break-even. The guardian stops at 10:05 and restarts at 10:06; bar 8 gaps to 59,000, the break-even
            // stop fills there. The trade's planned risk is still 200.03 — not the ≈ 0 a break-even stop would give.
            var breakEven = new (string, object)[] { ("BreakEvenEnabled", true), ("DailyLossPercent", 50) };
            var result = Run(10, i => i < 3 ? 60_000 : i < 8 ? 61_800 : 59_000,
                Guardian(string.Empty, At(5), breakEven),
                Guardian(At(6), string.Empty, breakEven),
                Manual(1, 0.1));
            var first = (RestartedGuardian)result.Robots[1];
            var second = (RestartedGuardian)result.Robots[2];

            Assert.That(first.Journal.OfKind(PipelineEventKind.StopAttached).Single().StopLoss, Is.EqualTo(58_001));
            Assert.That(first.Journal.OfKind(PipelineEventKind.StopMoved).Single().Reason, Is.EqualTo("BreakEven"));
            var restored = second.Journal.OfKind(PipelineEventKind.StateRestored).Single(e => e.PositionId != 0);
            Assert.That((restored.Reason, restored.StopLoss, restored.PlannedRisk), Is.EqualTo(("PositionPlanRestored", 58_001.0, 200.03)));
            var closed = second.Journal.OfKind(PipelineEventKind.TradeClosed).Single();
            Assert.That(closed.PlannedRisk, Is.EqualTo(200.03).Within(1e-9));
        }

        [Test]
        public void Restart_PositionsOpenedWhileStopped_CountedAsTradesTodayThoseBeyondTheMaxClosed()
        {
            // Max trades per day 2. A opens at bar 1 while the guardian runs (1 trade). The guardian stops at 10:02;
            // B (bar 3) and C (bar 4) open while it is stopped. Restarted at 10:06 it counts them in entry order, as
            // it would have live: B is the 2nd trade (the day turns Reducing, B may stay), C the 3rd, opened after the
            // day turned Reducing: closed at once (NoNewExposureWhileReducing). A and B stay; trades today = 3.
            var result = Run(10, _ => 60_000,
                Guardian(string.Empty, At(2), ("MaxTradesPerDay", 2), ("DailyLossPercent", 50)),
                Guardian(At(6), string.Empty, ("MaxTradesPerDay", 2), ("DailyLossPercent", 50)),
                Manual(1, 0.1), Manual(3, 0.1), Manual(4, 0.1));
            var second = (RestartedGuardian)result.Robots[4];

            var cut = second.Journal.OfKind(PipelineEventKind.FlattenClose).ToList();
            Assert.That(cut.Select(e => (e.Reason, e.Utc)), Is.EqualTo(new[] { (GuardianReasons.NoNewExposure, T0.AddMinutes(6)) }),
                string.Join("\n", second.Journal.Select(PipelineEventText.Format)));
            Assert.That(result.Trades.Single().EntryTimeUtc, Is.EqualTo(T0.AddMinutes(4)), "only C was closed");
            Assert.That(second.DailyStatus.TradesToday, Is.EqualTo(3));
            Assert.That(result.OpenPositionsAtEnd, Is.EqualTo(2));
        }

        [Test]
        public void Restart_PositionOpenedAndClosedWhileStopped_CountedAsATradeBeforeTheOnesStillOpen()
        {
            // Max trades per day 2. A opens at bar 1 while the guardian runs (1 trade). The guardian stops at 10:02; B opens
            // at bar 3 and is closed by hand at bar 4 (60,100: a win, so no loss rule is involved), C opens at bar 5, all
            // while it is stopped. Restarted at 10:06 it counts B from the history and C, in entry order: B is the 2nd
            // trade (the day turns Reducing at 10:03), C the 3rd, opened after that: closed at once. Before, B was not
            // seen: C was the 2nd trade and stayed.
            var result = Run(10, i => i < 4 ? 60_000 : 60_100,
                Guardian(string.Empty, At(2), ("MaxTradesPerDay", 2), ("DailyLossPercent", 50)),
                Guardian(At(6), string.Empty, ("MaxTradesPerDay", 2), ("DailyLossPercent", 50)),
                Manual(1, 0.1), CloseAt(Manual(3, 0.1), 4), Manual(5, 0.1));
            var second = (RestartedGuardian)result.Robots[4];

            var cut = second.Journal.OfKind(PipelineEventKind.FlattenClose).ToList();
            Assert.That(cut.Select(e => (e.Reason, e.Utc)), Is.EqualTo(new[] { (GuardianReasons.NoNewExposure, T0.AddMinutes(6)) }),
                string.Join("\n", second.Journal.Select(PipelineEventText.Format)));
            Assert.That(result.Trades.Select(t => t.EntryTimeUtc), Is.EquivalentTo(new[] { T0.AddMinutes(3), T0.AddMinutes(5) }), "B closed by hand, C by the guardian");
            Assert.That(second.DailyStatus.TradesToday, Is.EqualTo(3));
            Assert.That(result.OpenPositionsAtEnd, Is.EqualTo(1), "A");
        }

        // A trader of its own (the scripted robot closes every position of its label) who closes by hand at the bar.
        private static Dictionary<string, string> CloseAt(Dictionary<string, string> manual, int bar)
        {
            manual["CloseAtBar"] = bar.ToString(CultureInfo.InvariantCulture);
            manual["Label"] = "ClosedByHand";
            return manual;
        }

        [Test]
        public void Restart_AfterTheResetPositionsOpenedWhileStopped_CountedForTheNewDay()
        {
            // Max trades per day 1; bars from 23:50 on 3 January. A opens at 23:51 (the day's trade: Reducing). The
            // guardian stops at 23:55; the day resets at 00:00; B opens at 00:02 and C at 00:03 while it is stopped.
            // Restarted at 00:06 it starts the new day Active, counts B (the new day's trade: Reducing, B stays) and
            // C (opened after that: closed at once). A stays.
            var start = new DateTime(2022, 1, 3, 23, 50, 0, DateTimeKind.Utc);
            var options = RobotRuns.Options(Enumerable.Range(0, 20).Select(i => new MarketBar(start.AddMinutes(i), 60_000, 60_000, 60_000, 60_000, 1)).ToArray(), null, Storage(), spread: 1.0);
            options.WarmupBars = 0;
            options.Symbol.Commission = 0;
            var limits = new (string, object)[] { ("MaxTradesPerDay", 1), ("DailyLossPercent", 50) };
            var result = new BacktestEngine(options).Run(
                AlgoSpec.Of<ScriptedPositionsRobot>(Manual(1, 0.1)), AlgoSpec.Of<ScriptedPositionsRobot>(Manual(12, 0.1)), AlgoSpec.Of<ScriptedPositionsRobot>(Manual(13, 0.1)),
                AlgoSpec.Of<RestartedGuardian>(Guardian(string.Empty, RestartClock.Format(start.AddMinutes(5)), limits)),
                AlgoSpec.Of<RestartedGuardian>(Guardian(RestartClock.Format(start.AddMinutes(16)), string.Empty, limits)));
            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            var second = (RestartedGuardian)result.Robots[4];

            var cut = second.Journal.OfKind(PipelineEventKind.FlattenClose).ToList();
            Assert.That(cut.Select(e => (e.Reason, e.Utc)), Is.EqualTo(new[] { (GuardianReasons.NoNewExposure, start.AddMinutes(16)) }),
                string.Join("\n", second.Journal.Select(PipelineEventText.Format)));
            Assert.That(result.Trades.Single().EntryTimeUtc, Is.EqualTo(start.AddMinutes(13)), "only C was closed");
            Assert.That((second.DailyStatus.Day.ToString(), second.DailyStatus.TradesToday), Is.EqualTo(("2022-01-04", 2)));
        }

        [Test]
        public void Restart_HaltedWithoutFlatten_PositionOpenAtTheBreachKeptNewerOneClosed()
        {
            // GuardianFaultTests' breach without "Flatten on breach": A, 0.5 BTC at 60,001 (bar 2); bar 4 at 59,500 →
            // −250.50, beyond the 2 % limit → Halted, A stays. The guardian stops at 10:05; C buys 0.1 BTC at bar 6 while
            // it is stopped; restarted at 10:07 it closes C (KeepFlatWhileHalted) and keeps A, as it did before the restart.
            var result = Run(10, i => i < 4 ? 60_000 : 59_500,
                Guardian(string.Empty, At(5), ("DailyLossPercent", 2), ("FlattenOnBreach", false)),
                Guardian(At(7), string.Empty, ("DailyLossPercent", 2), ("FlattenOnBreach", false)),
                Manual(2, 0.5), Manual(6, 0.1));
            var second = (RestartedGuardian)result.Robots[3];

            Assert.That(second.Journal.OfKind(PipelineEventKind.StateRestored).First().Message, Is.EqualTo("Halted"));
            var cut = second.Journal.OfKind(PipelineEventKind.FlattenClose).ToList();
            Assert.That(cut.Select(e => (e.Reason, e.Utc)), Is.EqualTo(new[] { (GuardianReasons.KeepFlat, T0.AddMinutes(7)) }),
                string.Join("\n", second.Journal.Select(PipelineEventText.Format)));
            Assert.That(result.Trades.Single().EntryTimeUtc, Is.EqualTo(T0.AddMinutes(6)), "only C was closed");
            Assert.That(result.OpenPositionsAtEnd, Is.EqualTo(1), "A, open at the breach, stays under its stop");
        }

        [Test]
        public void Start_NewInstanceOnAHaltedAccount_KeepsTheAccountFlat()
        {
            // A, 0.5 BTC at 60,001 (bar 2); bar 4 at 59,500 → −250.50, beyond the 2 % limit (200 of 10,000) → Halted and
            // A flattened. The guardian is stopped at 10:05 and removed; C buys 0.1 BTC at bar 6; a new instance (own,
            // empty Instance storage, same account) added at 10:07 finds the account's halt in Type scope and closes C.
            var result = Run(10, i => i < 4 ? 60_000 : 59_500,
                Guardian(string.Empty, At(5), ("DailyLossPercent", 2), ("FlattenOnBreach", true)),
                Guardian(At(7), string.Empty, ("DailyLossPercent", 2), ("FlattenOnBreach", true), ("NewInstance", true)),
                Manual(2, 0.5), Manual(6, 0.1));
            var second = (RestartedGuardian)result.Robots[3];

            Assert.That(second.Journal.OfKind(PipelineEventKind.StateRestored).First().Message, Is.EqualTo("Halted"),
                string.Join("\n", second.Journal.Select(PipelineEventText.Format)));
            var cut = second.Journal.OfKind(PipelineEventKind.FlattenClose).ToList();
            Assert.That(cut.Select(e => (e.Reason, e.Utc)), Is.EqualTo(new[] { (GuardianReasons.KeepFlat, T0.AddMinutes(7)) }));
            Assert.That(result.Trades.Select(t => t.EntryTimeUtc), Is.EquivalentTo(new[] { T0.AddMinutes(2), T0.AddMinutes(6) }), "A at the breach, C at the restart");
            Assert.That(result.OpenPositionsAtEnd, Is.EqualTo(0));
        }

        [Test]
        public void Start_HaltedStateOnlyInInstanceScope_MigratedSoANewInstanceKeepsTheAccountFlat()
        {
            // An instance upgraded from a version that kept the day in Instance scope (PerpGuard.Guardian.<key>.daily-state,
            // a key outside cTrader's documented form: modelled on a platform that took it, StrictKeys off):
            // Halted by the daily loss limit on 3 Jan 2022, no open-at-breach record. It restarts at 10:00 (finds the halt
            // there) and stops at 10:03; B buys 0.1 BTC at bar 4; a new instance added at 10:05 must find the halt in Type
            // scope (moved there by the first save) and close B.
            var storage = Storage();
            var legacy = new PerpGuard.Headless.Runtime.FileLocalStorage(storage, nameof(RestartedGuardian), "old") { StrictKeys = false };
            legacy.SetString("PerpGuard.Guardian..daily-state", PerpGuard.Risk.Persistence.DailyStateStore.Serialize(new PerpGuard.Risk.Daily.DailyState
            {
                Day = PerpGuard.Risk.Time.TradingDay.Parse("2022-01-03"),
                Currency = "USD",
                StartBalance = 10_000,
                StartEquity = 10_000,
                InitialBalance = 10_000,
                CooldownUntilUtc = DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc),
                State = PerpGuard.Risk.Daily.TradingState.Halted,
                StateReason = PerpGuard.Risk.Rules.ReasonCode.DailyLossLimit,
                SavedAtUtc = T0.AddMinutes(-30),
            }), LocalStorageScope.Instance);
            legacy.Flush(LocalStorageScope.Instance);

            var result = RunIn(storage, false, 8, _ => 60_000,
                Guardian(string.Empty, At(3), ("DailyLossPercent", 2)),
                Guardian(At(5), string.Empty, ("DailyLossPercent", 2), ("NewInstance", true)),
                Manual(4, 0.1));
            var first = (RestartedGuardian)result.Robots[1];
            var second = (RestartedGuardian)result.Robots[2];

            Assert.That(first.Journal.OfKind(PipelineEventKind.StateRestored).First().Message, Is.EqualTo("Halted"));
            Assert.That(second.Journal.OfKind(PipelineEventKind.StateRestored).First().Message, Is.EqualTo("Halted"),
                string.Join("\n", second.Journal.Select(PipelineEventText.Format)));
            Assert.That(second.Journal.OfKind(PipelineEventKind.FlattenClose).Select(e => e.Utc), Is.EqualTo(new[] { T0.AddMinutes(5) }));
            Assert.That((result.Trades.Count, result.OpenPositionsAtEnd), Is.EqualTo((1, 0)), "B closed at the new instance's start");
        }
    }
}
