using System;
using System.Collections.Generic;
using System.Linq;
using cAlgo.Robots;
using PerpGuard.Algos.Tests.Indicators;
using PerpGuard.Headless.Backtesting;
using PerpGuard.MarketData;
using PerpGuard.Risk.Pipeline;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>TradeGuardian's account-wide leverage cap in a headless backtest: two positions each under the cap, together over it.</summary>
    public class GuardianAccountLeverageTests
    {
        private static readonly DateTime T0 = new DateTime(2022, 1, 3, 10, 0, 0, DateTimeKind.Utc);

        private static (BacktestResult Result, TradeGuardian Guardian, StopProbe Probe) Run(OversizeAction action)
        {
            // Flat BTC at bid 60,000 / ask 60,001, no commission, equity 10,000.
            var bars = Enumerable.Range(0, 8).Select(i => new MarketBar(T0.AddMinutes(i), 60_000, 60_000, 60_000, 60_000, 1)).ToArray();
            var options = RobotRuns.Options(bars, spread: 1.0);
            options.WarmupBars = 0;
            options.Symbol.Commission = 0;
            var first = new Dictionary<string, string> { ["OpenAtBar"] = "2", ["Side"] = "Buy", ["Volume"] = "0.4" };
            var second = new Dictionary<string, string> { ["OpenAtBar"] = "3", ["Side"] = "Buy", ["Volume"] = "0.4" };
            var guardian = RobotRuns.Params(
                ("MaxLeverage", 3), ("MaxRiskPercentPerPosition", 0), ("Oversize", action),
                ("StopModeParameter", StopMode.Fixed), ("FixedStopPips", 1_000), ("TrailingEnabled", false), ("BreakEvenEnabled", false),
                ("DailyLossPercent", 50), ("DailyProfitPercent", 0));
            var result = new BacktestEngine(options).Run(
                AlgoSpec.Of<ScriptedPositionsRobot>(first), AlgoSpec.Of<ScriptedPositionsRobot>(second), AlgoSpec.Of<TradeGuardian>(guardian), AlgoSpec.Of<StopProbe>());
            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            return (result, (TradeGuardian)result.Robots[2], (StopProbe)result.Robots[3]);
        }

        [Test]
        public void Guardian_TwoLongsTogetherAbove3x_NewestReducedBy0Point31ToBringTheAccountUnderTheCap()
        {
            var (_, guardian, probe) = Run(OversizeAction.Reduce);

            // Two longs of 0.4 BTC bought at the ask 60,001: equity = 10,000 − 0.8 × 1 = 9,999.2; notional at the
            // bid 0.8 × 60,000 = 48,000 → 4.8004x (each alone 2.4x, under the 3x cap). Allowed 3 × 9,999.2 =
            // 29,997.6 → excess 18,002.4 = 0.30004 BTC → 0.31 (rounded up to the 0.01 step, so the account ends
            // under the cap). The newer position is cut 0.4 → 0.09; after: 0.49 × 60,000 / 9,999.2 = 2.94x.
            var cut = guardian.Journal.OfKind(PipelineEventKind.OversizeReduced).Single();
            Assert.That(cut.Reason, Is.EqualTo(GuardianReasons.AccountLeverageAboveCap));
            Assert.That(cut.Volume, Is.EqualTo(0.31).Within(1e-9));
            Assert.That(cut.Leverage, Is.EqualTo(48_000 / 9_999.2).Within(1e-9));
            Assert.That(cut.Utc, Is.EqualTo(T0.AddMinutes(3)), "in the tick the second position opened");
            var opened = guardian.Journal.OfKind(PipelineEventKind.StopAttached).Select(e => e.PositionId).Distinct().ToList();
            Assert.That(cut.PositionId, Is.EqualTo(opened[1]), "the newer position");
            // The probe runs after the guardian in every tick: it never sees 4.8x, only 2.4x then 2.94x.
            Assert.That(probe.MaxAccountLeverage, Is.EqualTo(0.49 * 60_000 / 9_999.2).Within(1e-9));
        }

        [Test]
        public void Guardian_AccountAboveCapWarnOnly_OneWarningNothingCut()
        {
            var (result, guardian, probe) = Run(OversizeAction.WarnOnly);

            var warnings = guardian.Journal.OfKind(PipelineEventKind.OversizeWarning).Where(e => e.Reason == GuardianReasons.AccountLeverageAboveCap).ToList();
            Assert.That(warnings, Has.Count.EqualTo(1), "warned once while the breach lasts");
            Assert.That(warnings[0].Leverage, Is.EqualTo(48_000 / 9_999.2).Within(1e-9));
            Assert.That(guardian.Journal.OfKind(PipelineEventKind.OversizeReduced), Is.Empty);
            Assert.That(guardian.Journal.OfKind(PipelineEventKind.OversizeClosed), Is.Empty);
            Assert.That(result.Trades, Is.Empty, "nothing closed");
            Assert.That(probe.MaxAccountLeverage, Is.EqualTo(48_000 / 9_999.2).Within(1e-9), "left above the cap");
        }
    }
}
