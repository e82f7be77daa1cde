using System;
using System.Linq;
using cAlgo.API;
using cAlgo.Robots;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.Simulation;
using PerpGuard.MarketData.Generation;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>
    /// A live robot runs for months: it keeps only its newest journal events in memory (at least 4,096; the durable
    /// journal is LocalStorage), while a backtest keeps every one for the host's report. Two generated months give
    /// the scalper about 6,600 events, past the live bound.
    /// </summary>
    public class ScalperLiveJournalTests
    {
        private static RiskManagedScalper Run(RunningMode mode)
        {
            var bars = SyntheticBarGenerator.Generate(new SyntheticBarOptions { Seed = 1, Bars = 86_400 }).Bars;
            var options = new BacktestOptions
            {
                Bars = bars,
                Symbol = new SimSymbolSpec { Name = "BTCUSD" },
                Account = new SimAccountSettings { Balance = 10_000, Currency = "USD" },
                Spread = SimSpreadModel.Fixed(Math.Round(bars[0].Close * 0.0002, 8)),
                RunningMode = mode,
            };
            return RobotRuns.RunScalper(options, RobotRuns.Params(("JournalEnabled", false))).Bot;
        }

        [Test]
        public void Journal_LiveRunPastTheBound_KeepsTheNewestEventsOfTheFullJournal()
        {
            var all = Run(RunningMode.SilentBacktesting).Journal;
            var live = Run(RunningMode.RealTime).Journal;

            // The bound bites only if the run journals more than it keeps (4,096 + one chunk of 512).
            Assert.That(all.Count, Is.GreaterThan(4_608));
            Assert.That(live.Count, Is.InRange(4_096, 4_608));

            // Forgotten a chunk of 512 at a time: what is kept is exactly the full journal's tail.
            Assert.That((all.Count - live.Count) % 512, Is.EqualTo(0));
            var tail = all.Skip(all.Count - live.Count).Select(e => (e.Utc, e.Kind, e.Reason, e.PositionId)).ToList();
            Assert.That(live.Select(e => (e.Utc, e.Kind, e.Reason, e.PositionId)), Is.EqualTo(tail));
        }
    }
}
