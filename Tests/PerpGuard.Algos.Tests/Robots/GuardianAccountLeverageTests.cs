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

        // These runs were worked for a cut to the cap itself (Cut to (% of cap) = 100); GuardianCutHysteresisTests cover the band.
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
                ("MaxLeverage", 3), ("MaxRiskPercentPerPosition", 0), ("Oversize", action), ("CutToPercentOfCap", 100),
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

        /// <summary>
        /// Review finding: the guardian read the quote→account rate once. A 0.4 BTC long on a EUR account (2.4x at
        /// 1 EUR per USD) whose currency then weakens to 1.5 EUR per USD is 0.4 × 60,000 × 1.5 = 36,000 of notional on
        /// ≈ 9,999.4 equity = 3.6x, over the 3x cap. Allowed 3 × 9,999.4 = 29,998.2 → 0.4 − 29,998.2 / 90,000 =
        /// 0.0667 over → 0.07 cut (0.33 kept, on the 0.01 step). With the rate frozen at 1 it saw 2.4x and did nothing.
        /// </summary>
        [Test]
        public void Guardian_AccountCurrencyRateMoves_LeverageMeasuredAtTheNewRate()
        {
            var bars = Enumerable.Range(0, 10).Select(i => new MarketBar(T0.AddMinutes(i), 60_000, 60_000, 60_000, 60_000, 1)).ToArray();
            var options = RobotRuns.Options(bars, spread: 1.0);
            options.WarmupBars = 0;
            options.Symbol.Commission = 0;
            options.Account.Currency = "EUR"; // BTCUSD on a EUR account: quote → account through the tick value
            RateShifter.Spec = options.Symbol;
            var opener = new Dictionary<string, string> { ["OpenAtBar"] = "2", ["Side"] = "Buy", ["Volume"] = "0.4" };
            var guardian = RobotRuns.Params(
                ("MaxLeverage", 3), ("MaxRiskPercentPerPosition", 0), ("Oversize", OversizeAction.Reduce), ("CutToPercentOfCap", 100),
                ("StopModeParameter", StopMode.Fixed), ("FixedStopPips", 1_000), ("TrailingEnabled", false), ("BreakEvenEnabled", false),
                ("DailyLossPercent", 50), ("DailyProfitPercent", 0));

            var result = new BacktestEngine(options).Run(
                AlgoSpec.Of<RateShifter>(), AlgoSpec.Of<ScriptedPositionsRobot>(opener), AlgoSpec.Of<TradeGuardian>(guardian));

            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            var cut = ((TradeGuardian)result.Robots[2]).Journal.OfKind(PipelineEventKind.OversizeReduced).Single();
            Assert.That(cut.Volume, Is.EqualTo(0.07).Within(1e-9));
            Assert.That(cut.Utc, Is.GreaterThanOrEqualTo(T0.AddMinutes(5)), "only once the rate moved");
        }

        /// <summary>Moves the symbol's quote→account rate from 1 to 1.5 when bar 5 opens (the account currency weakens).</summary>
        [cAlgo.API.Robot(AccessRights = cAlgo.API.AccessRights.None, TimeZone = cAlgo.API.TimeZones.UTC)]
        public class RateShifter : cAlgo.API.Robot
        {
            public static PerpGuard.Headless.Simulation.SimSymbolSpec? Spec { get; set; }

            protected override void OnBar()
            {
                if (Bars.Count - 1 == 5 && Spec != null)
                {
                    Spec.QuoteToAccountRate = 1.5;
                }
            }
        }
    }
}
