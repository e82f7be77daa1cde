using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using cAlgo.API;
using PerpGuard.Algos.Tests.Indicators;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.Runtime;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Persistence;
using PerpGuard.Risk.Pipeline;
using PerpGuard.Risk.Rules;
using PerpGuard.Risk.Time;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>
    /// The day's state is shared by every instance of the scalper on the device (LocalStorageScope.Type) per account,
    /// symbol and storage key: removing a halted instance and adding a new one must not start a fresh day.
    /// The bars and the halt are ScalperDailyLossTests': a second robot's 0.2 BTC bought at 61,221 floats −264.20 at the
    /// 59,900 gap of 10:11 UTC on 3 Jan 2022, beyond the 2 % limit (200 of 10,000) → Halted; without that robot the
    /// signal of bar 130 is a long entry at the gap's ask, 59,901. The day resets at 00:00 UTC.
    /// </summary>
    public class ScalperSharedDayTests
    {
        private const string Key = "k";
        private static readonly DateTime Reset = new DateTime(2022, 1, 4, 0, 0, 0, DateTimeKind.Utc);

        private static string Storage() => Path.Combine(Path.GetTempPath(), "perpguard-scope-scalper-" + Guid.NewGuid().ToString("N"));

        private static BacktestOptions Options(string storage, int barsAfterGap = 5, string symbol = "BTCUSD")
        {
            var options = RobotRuns.Options(ScalperDailyLossTests.Bars(barsAfterGap), null, storage, spread: 1.0);
            options.Symbol.Commission = 0;
            options.Symbol.Name = symbol;
            return options;
        }

        private static Dictionary<string, string> Scalper(string key, string startAt = "", string stopAt = "", bool newInstance = false) =>
            RobotRuns.Params(("DailyLossPercent", 2), ("DailyProfitPercent", 0), ("StorageKey", key), ("StartAtUtc", startAt), ("StopAtUtc", stopAt), ("NewInstance", newInstance));

        private static Dictionary<string, string> ManualBuyAtBar122() =>
            new Dictionary<string, string> { ["OpenAtBar"] = "122", ["Side"] = "Buy", ["Volume"] = "0.2" };

        private static BacktestResult Run(BacktestOptions options, params AlgoSpec[] specs)
        {
            var result = new BacktestEngine(options).Run(specs);
            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            return result;
        }

        private static string Text(RestartedScalper bot) => string.Join("\n", bot.Journal.Select(PipelineEventText.Format));

        /// <summary>Run A: the manual 0.2 BTC and the scalper (key k) on BTCUSD, halted at the gap; its state saved on stop.</summary>
        private static void HaltTheDay(string storage)
        {
            var result = Run(Options(storage), AlgoSpec.Of<ScriptedPositionsRobot>(ManualBuyAtBar122()), AlgoSpec.Of<RestartedScalper>(Scalper(Key)));
            var halt = ((RestartedScalper)result.Robots[1]).Journal.OfKind(PipelineEventKind.StateChanged).Single();
            Assert.That((halt.Reason, halt.Message, halt.Utc), Is.EqualTo(("DailyLossLimit", "Active -> Halted", ScalperDailyLossTests.GapOpen)));
        }

        [Test]
        public void Start_NewInstanceAfterDailyLossHalt_StaysHaltedUntilTheReset()
        {
            // The halted instance is stopped at 10:13 and removed; a new one (own, empty Instance storage; same account,
            // symbol and storage key) is added at 10:20 and runs past midnight.
            var storage = Storage();
            var gap = ScalperDailyLossTests.GapOpen;
            var result = Run(
                Options(storage, barsAfterGap: 840),
                AlgoSpec.Of<ScriptedPositionsRobot>(ManualBuyAtBar122()),
                AlgoSpec.Of<RestartedScalper>(Scalper(Key, stopAt: RestartClock.Format(gap.AddMinutes(2)))),
                AlgoSpec.Of<RestartedScalper>(Scalper(Key, startAt: RestartClock.Format(gap.AddMinutes(9)), newInstance: true)));
            var first = (RestartedScalper)result.Robots[1];
            var second = (RestartedScalper)result.Robots[2];

            Assert.That(first.Journal.OfKind(PipelineEventKind.StateChanged).Single().Message, Is.EqualTo("Active -> Halted"));
            var restored = second.Journal.OfKind(PipelineEventKind.StateRestored).Single();
            Assert.That((restored.Reason, restored.Message), Is.EqualTo(("Restored", "Halted")), Text(second));
            var reset = second.Journal.OfKind(PipelineEventKind.StateChanged).Single();
            Assert.That((reset.Reason, reset.Message, reset.Utc), Is.EqualTo(("DayReset", "Halted -> Active", Reset)));
            Assert.That(second.Journal.OfKind(PipelineEventKind.PositionOpened).Where(e => e.Utc < Reset), Is.Empty);
        }

        [Test]
        public void Start_OtherSymbolOrOtherStorageKey_OwnFreshDay()
        {
            // After run A halted BTCUSD/k: the same instance moved to ETHUSD, and a new instance on BTCUSD with key
            // "other", each start their own day and take the signal at the gap; a new instance on BTCUSD/k (the
            // control) finds the halt and refuses it.
            var storage = Storage();
            HaltTheDay(storage);

            var otherSymbol = (RestartedScalper)Run(Options(storage, symbol: "ETHUSD"), AlgoSpec.Of<RestartedScalper>(Scalper(Key))).Robots[0];
            var otherKey = (RestartedScalper)Run(Options(storage), AlgoSpec.Of<RestartedScalper>(Scalper("other", newInstance: true))).Robots[0];
            var sameKey = (RestartedScalper)Run(Options(storage), AlgoSpec.Of<RestartedScalper>(Scalper(Key, newInstance: true))).Robots[0];

            foreach (var own in new[] { otherSymbol, otherKey })
            {
                Assert.That(own.Journal.OfKind(PipelineEventKind.StateRestored), Is.Empty, Text(own));
                var opened = own.Journal.OfKind(PipelineEventKind.PositionOpened).Single();
                Assert.That((opened.Utc, opened.FillPrice), Is.EqualTo((ScalperDailyLossTests.GapOpen, 59_901.0)));
            }

            Assert.That(sameKey.Journal.OfKind(PipelineEventKind.StateRestored).Single().Message, Is.EqualTo("Halted"));
            Assert.That(sameKey.Journal.OfKind(PipelineEventKind.PositionOpened), Is.Empty);
            Assert.That(sameKey.Journal.OfKind(PipelineEventKind.EntryRefused).Single().Reason, Is.EqualTo("TradingHalted"));
        }

        [Test]
        public void Start_HaltedStateOnlyInInstanceScope_MigratedSoANewInstanceStaysHalted()
        {
            // An instance upgraded from a version that kept the day in Instance scope (PerpGuard.Scalper.<key>.daily-state,
            // a key outside cTrader's documented form: modelled on a platform that took it, StrictKeys off):
            // Halted by the daily loss limit on 3 Jan 2022. It restarts (finds the halt there), stops at 10:05; a new
            // instance added at 10:08 must find the halt too, and refuse the 10:11 signal.
            var storage = Storage();
            var legacy = new FileLocalStorage(storage, nameof(RestartedScalper), "old") { StrictKeys = false };
            legacy.SetString("PerpGuard.Scalper." + Key + ".daily-state", DailyStateStore.Serialize(new DailyState
            {
                Day = TradingDay.Parse("2022-01-03"),
                Currency = "USD",
                StartBalance = 10_000,
                StartEquity = 10_000,
                InitialBalance = 10_000,
                CooldownUntilUtc = DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc),
                State = TradingState.Halted,
                StateReason = ReasonCode.DailyLossLimit,
                SavedAtUtc = ScalperDailyLossTests.T0.AddMinutes(90),
            }), LocalStorageScope.Instance);
            legacy.Flush(LocalStorageScope.Instance);

            var t0 = ScalperDailyLossTests.T0;
            var options = Options(storage);
            options.StrictLocalStorageKeys = false;
            var result = Run(
                options,
                AlgoSpec.Of<RestartedScalper>(Scalper(Key, stopAt: RestartClock.Format(t0.AddMinutes(125)))),
                AlgoSpec.Of<RestartedScalper>(Scalper(Key, startAt: RestartClock.Format(t0.AddMinutes(128)), newInstance: true)));
            var first = (RestartedScalper)result.Robots[0];
            var second = (RestartedScalper)result.Robots[1];

            Assert.That(first.Journal.OfKind(PipelineEventKind.StateRestored).Single().Message, Is.EqualTo("Halted"), Text(first));
            Assert.That(second.Journal.OfKind(PipelineEventKind.StateRestored).Single().Message, Is.EqualTo("Halted"), Text(second));
            Assert.That(second.Journal.OfKind(PipelineEventKind.PositionOpened), Is.Empty);
            var refused = second.Journal.OfKind(PipelineEventKind.EntryRefused).Single();
            Assert.That((refused.Reason, refused.Utc), Is.EqualTo(("TradingHalted", ScalperDailyLossTests.GapOpen)));

            var after = new FileLocalStorage(storage, nameof(RestartedScalper), "reader") { StrictKeys = false };
            Assert.That(after.GetString("PerpGuard.Scalper." + Key + ".daily-state", LocalStorageScope.Instance), Is.Null, "moved, not copied");
            Assert.That(DailyStateStore.Parse(after.GetString(ScalperStateKeys.DailyState(1, "BTCUSD", Key), LocalStorageScope.Type)).State!.State, Is.EqualTo(TradingState.Halted));
        }
    }
}
