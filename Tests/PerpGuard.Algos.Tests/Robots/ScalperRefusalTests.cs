using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using cAlgo.API;
using cAlgo.API.Indicators;
using cAlgo.Robots;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.Runtime;
using PerpGuard.Headless.Simulation;
using PerpGuard.MarketData.Generation;
using PerpGuard.Risk.Persistence;
using PerpGuard.Risk.Pipeline;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>
    /// Refused signals: every refusal the plan makes is journaled; while the day does not accept entries the
    /// journal keeps the first refusal of each reason per day and state, and
    /// <see cref="RiskManagedScalper.RefusedByReason"/> counts all of them. And the
    /// daily state is saved on every change live, once on stop in a backtest (memory-only storage there).
    /// </summary>
    public class ScalperRefusalTests
    {
        private static BacktestOptions CliLikeMonth(RunningMode mode = RunningMode.SilentBacktesting, string? storage = null, int bars = 43_200)
        {
            var generated = SyntheticBarGenerator.Generate(new SyntheticBarOptions { Seed = 1, Bars = bars }).Bars;
            return new BacktestOptions
            {
                Bars = generated,
                Symbol = new SimSymbolSpec { Name = "BTCUSD" },
                Account = new SimAccountSettings { Balance = 10_000, Currency = "USD" },
                Spread = SimSpreadModel.Fixed(Math.Round(generated[0].Close * 0.0002, 8)),
                StorageDirectory = storage ?? Path.Combine(Path.GetTempPath(), "perpguard-h11-" + Guid.NewGuid().ToString("N")),
                Seed = 1,
                RunningMode = mode,
            };
        }

        [Test]
        public void RefusedByReason_GeneratedMonth_CountsEverySignalThatWasNotTaken()
        {
            // Independent count: the probe evaluates the same pullback signal on its own EMAs before the bot does;
            // every signal seen while flat is either planned (an EntryPlanned line) or refused (one count).
            var result = new BacktestEngine(CliLikeMonth()).Run(AlgoSpec.Of<SignalCountingScalper>(RobotRuns.Params(("JournalEnabled", false))));
            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            var bot = (SignalCountingScalper)result.Robots[0];

            var planned = bot.Journal.OfKind(PipelineEventKind.EntryPlanned).Count();
            Assert.That(bot.FlatSignals, Is.GreaterThan(1_000), "a month of signals");
            Assert.That(planned, Is.GreaterThan(0));
            Assert.That(bot.RefusedByReason.Values.Sum(), Is.EqualTo(bot.FlatSignals - planned));
            Assert.That(bot.RefusedByReason.Keys, Does.Contain("TradingReducing").Or.Contain("TradingHalted"), "days that stopped entries");

            // Day stopped: one line per reason and trading day (the state only moves forward within a day), the
            // repeats counted. Day active: every refusal the plan made is a line of its own.
            var lines = bot.Journal.OfKind(PipelineEventKind.EntryRefused).ToList();
            var stoppedReasons = new[] { "TradingReducing", "TradingHalted", "ManualHold" };
            var stoppedLines = lines.Where(e => stoppedReasons.Contains(e.Reason)).ToList();
            Assert.That(stoppedLines.GroupBy(e => (e.Utc.Date, e.Reason)).All(g => g.Count() == 1), Is.True);
            var stoppedCount = bot.RefusedByReason.Where(kv => stoppedReasons.Contains(kv.Key)).Sum(kv => kv.Value);
            Assert.That(stoppedLines.Count, Is.LessThan(stoppedCount / 10), "repeats while stopped counted, not journaled");
            foreach (var kv in bot.RefusedByReason.Where(kv => !stoppedReasons.Contains(kv.Key)))
            {
                Assert.That(lines.Count(e => e.Reason == kv.Key), Is.EqualTo(kv.Value), kv.Key + ": every planned refusal journaled");
            }

            Assert.That(lines.Select(e => e.Reason).Distinct(), Is.EquivalentTo(bot.RefusedByReason.Keys), "each counted reason journaled at least once");
            Assert.That(lines.All(e => e.Message.Length > 0 && !double.IsNaN(e.Price)), Is.True, "journaled refusals keep their explanation and price");
        }

        [Test]
        public void RefusedWhileHaltedOrReducing_NoEntryUntilTheReset()
        {
            var result = new BacktestEngine(CliLikeMonth()).Run(AlgoSpec.Of<SignalCountingScalper>(RobotRuns.Params(("JournalEnabled", false))));
            var bot = (SignalCountingScalper)result.Robots[0];

            Assert.That(bot.SignalsWhileStopped, Is.GreaterThan(0), "the month has stopped days with signals");
            Assert.That(bot.EntriesWhileStopped, Is.EqualTo(0));
            foreach (var planned in bot.Journal.OfKind(PipelineEventKind.EntryPlanned))
            {
                Assert.That(RobotRuns.StateBefore(bot.Journal, planned), Is.EqualTo("Active"), planned.Utc.ToString("O"));
            }

            var stopped = (bot.RefusedByReason.TryGetValue("TradingReducing", out var r) ? r : 0) + (bot.RefusedByReason.TryGetValue("TradingHalted", out var h) ? h : 0);
            Assert.That(stopped, Is.EqualTo(bot.SignalsWhileStopped));
        }

        [Test]
        public void DailyState_RealTime_SavedOnEveryChange()
        {
            var result = new BacktestEngine(CliLikeMonth(RunningMode.RealTime, bars: 4 * 1440)).Run(AlgoSpec.Of<StorageProbeScalper>(RobotRuns.Params(("JournalEnabled", false), ("StorageKey", "rt"))));
            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            var bot = (StorageProbeScalper)result.Robots[0];

            Assert.That(bot.Journal.OfKind(PipelineEventKind.PositionOpened).Count(), Is.GreaterThan(0));
            Assert.That(bot.Ticks, Is.GreaterThan(4 * 1440));
            Assert.That(bot.TicksMatching, Is.EqualTo(bot.Ticks), "after every tick the stored state is the live one");
        }

        [Test]
        public void DailyState_Backtest_SavedOnceOnStop()
        {
            var storage = Path.Combine(Path.GetTempPath(), "perpguard-h11-bt-" + Guid.NewGuid().ToString("N"));
            var result = new BacktestEngine(CliLikeMonth(RunningMode.SilentBacktesting, storage, 4 * 1440)).Run(AlgoSpec.Of<StorageProbeScalper>(RobotRuns.Params(("JournalEnabled", false), ("StorageKey", "bt"))));
            var bot = (StorageProbeScalper)result.Robots[0];

            Assert.That(bot.TicksWithState, Is.EqualTo(0), "nothing is written while the backtest runs");
            var text = new FileLocalStorage(storage, nameof(StorageProbeScalper), "reader").GetString(ScalperStateKeys.DailyState(1, "BTCUSD", "bt"), LocalStorageScope.Type);
            Assert.That(text, Is.Not.Null.And.Not.Empty, "saved on stop");
            var saved = DailyStateStore.Parse(text);
            Assert.That(saved.Status, Is.EqualTo(LoadStatus.Restored), saved.Problem);
            Assert.That(saved.State!.TradesToday, Is.EqualTo(bot.DailyStatus.TradesToday));
            Assert.That(saved.State.State, Is.EqualTo(bot.DailyStatus.State));
        }
    }

    /// <summary>The scalper, plus an independent count of the pullback signals it sees while flat.</summary>
    [Robot(AccessRights = AccessRights.None, TimeZone = TimeZones.UTC)]
    public class SignalCountingScalper : RiskManagedScalper
    {
        private ExponentialMovingAverage _fast = null!;
        private ExponentialMovingAverage _trend = null!;

        public int FlatSignals { get; private set; }

        public int SignalsWhileStopped { get; private set; }

        public int EntriesWhileStopped { get; private set; }

        protected override void OnStart()
        {
            base.OnStart();
            _fast = Indicators.ExponentialMovingAverage(Bars.ClosePrices, FastEmaPeriod);
            _trend = Indicators.ExponentialMovingAverage(Bars.ClosePrices, TrendEmaPeriod);
        }

        protected override void OnBar()
        {
            var signal = false;
            var stopped = !DailyStatus.AcceptsEntries;
            if (Bars.Count >= 3 && DailyStatus.IsStarted)
            {
                var c = Bars.Last(1);
                signal = PullbackSignal.Evaluate(new ClosedBar(c.Open, c.High, c.Low, c.Close, _fast.Result.Last(1), _trend.Result.Last(1), _trend.Result.Last(2))).HasValue
                    && !Positions.Any(p => p.Label == BotLabel);
            }

            var before = Journal.Count;
            base.OnBar();
            if (!signal)
            {
                return;
            }

            FlatSignals++;
            var entered = false;
            for (var i = before; i < Journal.Count; i++)
            {
                entered |= Journal[i].Kind == PipelineEventKind.EntryPlanned;
            }

            // "Stopped" only when the day was stopped before this bar and still is (the bar's own update may reset it).
            if (stopped && !DailyStatus.AcceptsEntries)
            {
                SignalsWhileStopped++;
                EntriesWhileStopped += entered ? 1 : 0;
            }
        }
    }

    /// <summary>The scalper, reading its stored daily state back after every tick.</summary>
    [Robot(AccessRights = AccessRights.None, TimeZone = TimeZones.UTC)]
    public class StorageProbeScalper : RiskManagedScalper
    {
        public int Ticks { get; private set; }

        public int TicksWithState { get; private set; }

        public int TicksMatching { get; private set; }

        protected override void OnTick()
        {
            base.OnTick();
            if (!DailyStatus.IsStarted)
            {
                return;
            }

            Ticks++;
            var text = LocalStorage.GetString(ScalperStateKeys.DailyState(Account.Number, SymbolName, StorageKey), LocalStorageScope.Type);
            if (string.IsNullOrEmpty(text))
            {
                return;
            }

            TicksWithState++;
            var load = DailyStateStore.Parse(text);
            var live = DailyStatus;
            if (load.State is { } s && s.TradesToday == live.TradesToday && s.State == live.State && s.LossStreak == live.LossStreak && s.Day == live.Day)
            {
                TicksMatching++;
            }
        }
    }
}
