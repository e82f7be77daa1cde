using System;
using System.Collections.Generic;
using System.Linq;
using cAlgo.Robots;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.Drivers;
using PerpGuard.Risk.Pipeline;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>TradeGuardian protecting a stream of seeded "manual" positions on real data.</summary>
    public class GuardianBacktestTests
    {
        private static (BacktestResult Result, ManualTraderDriver Driver, TradeGuardian Guardian, StopProbe Probe) Run(int days, params (string, object)[] guardianParameters)
        {
            var driver = new Dictionary<string, string> { ["Seed"] = "7", ["OpenProbability"] = "0.04", ["MaxLeverage"] = "8", ["CloseProbability"] = "0.01" };
            var result = new BacktestEngine(RobotRuns.Options(RobotRuns.NautilusDays(days)))
                .Run(AlgoSpec.Of<ManualTraderDriver>(driver), AlgoSpec.Of<TradeGuardian>(RobotRuns.Params(guardianParameters)), AlgoSpec.Of<StopProbe>());
            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            return (result, (ManualTraderDriver)result.Robots[0], (TradeGuardian)result.Robots[1], (StopProbe)result.Robots[2]);
        }

        private static (BacktestResult Result, ManualTraderDriver Driver, TradeGuardian Guardian, StopProbe Probe) _default;

        private static (BacktestResult Result, ManualTraderDriver Driver, TradeGuardian Guardian, StopProbe Probe) Default() =>
            _default.Result is null ? (_default = Run(4, ("DailyLossPercent", 50), ("DailyProfitPercent", 0))) : _default;

        [Test]
        public void Guardian_ManualPositions_EachProtectedWithinOneTick()
        {
            var (_, driver, guardian, probe) = Default();

            Assert.That(driver.OpenedPositionIds.Count, Is.GreaterThan(5));
            Assert.That(probe.Naked, Is.Empty, "the probe runs after the guardian in every tick");
            Assert.That(guardian.Journal.OfKind(PipelineEventKind.StopAttached).Count(), Is.GreaterThan(0));
            Assert.That(guardian.Journal.OfKind(PipelineEventKind.TargetAttached).Count(), Is.GreaterThan(0));
        }

        [Test]
        public void Guardian_ClosedManualPositions_CarryThePlannedRiskOfTheirFirstStop()
        {
            var (_, _, guardian, _) = Default();
            var closed = guardian.Journal.OfKind(PipelineEventKind.TradeClosed).ToList();

            Assert.That(closed, Is.Not.Empty);
            Assert.That(closed.Count(e => !double.IsNaN(e.PlannedRisk) && e.PlannedRisk > 0), Is.GreaterThan(closed.Count / 2));
        }

        [Test]
        public void Guardian_OversizeManualPositions_CutToTheLeverageCap()
        {
            var (_, _, guardian, probe) = Default();

            var cuts = guardian.Journal.Where(e => e.Kind == PipelineEventKind.OversizeReduced || e.Kind == PipelineEventKind.OversizeClosed).ToList();
            Assert.That(cuts, Is.Not.Empty, "the driver opens up to 8x against a 5x cap");
            Assert.That(probe.MaxLeverage, Is.LessThanOrEqualTo(5.0 * 1.002), "no position is seen above the cap after the guardian's tick");
            Assert.That(probe.MaxAccountLeverage, Is.LessThanOrEqualTo(5.0 * 1.002), "nor the account as a whole (up to three positions of up to 8x each)");
            Assert.That(guardian.Journal.Any(e => e.Reason == GuardianReasons.AccountLeverageAboveCap), Is.True, "some cuts were account-wide");
        }

        [Test]
        public void Guardian_DailyLossBreach_FlattensAndKeepsTheAccountFlat()
        {
            var (result, driver, guardian, _) = Run(4, ("DailyLossPercent", 0.5), ("DailyProfitPercent", 0));
            var journal = guardian.Journal;

            var halts = journal.OfKind(PipelineEventKind.StateChanged).Where(e => e.Message.EndsWith("Halted", StringComparison.Ordinal)).ToList();
            Assert.That(halts, Is.Not.Empty, "a 0.5 % limit is breached by 8x manual positions");
            var halt = halts[0];
            var reset = journal.OfKind(PipelineEventKind.StateChanged).FirstOrDefault(e => e.Reason == "DayReset" && e.Utc > halt.Utc)?.Utc ?? DateTime.MaxValue;

            // Nothing stays open from the halt to the reset: positions open at the halt are closed then,
            // positions opened while halted are closed within the same minute.
            foreach (var trade in result.Trades.Where(t => t.ExitTimeUtc >= halt.Utc && t.EntryTimeUtc < reset))
            {
                var closedBy = trade.EntryTimeUtc < halt.Utc ? halt.Utc : trade.EntryTimeUtc;
                Assert.That(trade.ExitTimeUtc - closedBy, Is.LessThan(TimeSpan.FromMinutes(1)), $"position {trade.PositionId}");
            }

            var keptFlat = journal.OfKind(PipelineEventKind.FlattenClose).Count(e => e.Reason == GuardianReasons.KeepFlat && e.Utc > halt.Utc && e.Utc < reset);
            var openedWhileHalted = result.Trades.Count(t => t.EntryTimeUtc > halt.Utc && t.EntryTimeUtc < reset);
            Assert.That(keptFlat, Is.EqualTo(openedWhileHalted));
            Assert.That(driver.OpenedPositionIds.Count, Is.GreaterThan(0));

            // The seeded "trader" whose position is closed at once waits 60 bars before the next one.
            var keptFlatTimes = journal.OfKind(PipelineEventKind.FlattenClose).Where(e => e.Reason == GuardianReasons.KeepFlat).Select(e => e.Utc).ToList();
            Assert.That(driver.Pauses, Is.GreaterThanOrEqualTo(keptFlatTimes.Count).And.GreaterThan(0), "also after other at-once closes (a position cut whole for its size)");
            Assert.That(keptFlatTimes.Zip(keptFlatTimes.Skip(1), (a, b) => b - a).All(gap => gap > TimeSpan.FromMinutes(60)), Is.True);
        }

        [Test]
        public void Guardian_Panel_ShowsStateAndLimits()
        {
            var (_, _, guardian, _) = Default();

            Assert.That(guardian.PanelText, Does.StartWith("PerpGuard TradeGuardian: "));
            Assert.That(guardian.PanelText, Does.Contain("Today P&L: "));
            Assert.That(guardian.PanelText, Does.Contain("Remaining budget: "));
            Assert.That(guardian.PanelText, Does.Contain("Trades today: "));
            Assert.That(guardian.PanelText, Does.Contain("Cool-down until: "));
        }
    }
}
