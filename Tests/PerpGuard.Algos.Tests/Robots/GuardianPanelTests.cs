using System;
using System.Collections.Generic;
using System.Linq;
using cAlgo.API;
using cAlgo.Robots;
using PerpGuard.Algos.Tests.Indicators;
using PerpGuard.Headless.Backtesting;
using PerpGuard.MarketData;
using PerpGuard.Risk.Pipeline;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>
    /// What TradeGuardian draws on the chart (read back from the recorded static text), every number worked
    /// by hand, with the day resetting at 17:00 New York (22:00 UTC in January, EST = UTC−5).
    /// </summary>
    public class GuardianPanelTests
    {
        private static readonly DateTime T0 = new DateTime(2022, 1, 3, 21, 50, 0, DateTimeKind.Utc);

        /// <summary>
        /// Flat BTC at bid 60,000 / ask 60,001, no commission, equity 10,000. A "manual" long of 0.4 BTC opens at
        /// 21:52 (ask 60,001) and is closed by hand at 21:54 (bid 60,000): −0.40. The panel is redrawn at each bar.
        /// </summary>
        private static string PanelAfter(int bars)
        {
            var data = Enumerable.Range(0, bars).Select(i => new MarketBar(T0.AddMinutes(i), 60_000, 60_000, 60_000, 60_000, 1)).ToArray();
            var options = RobotRuns.Options(data, spread: 1.0);
            options.WarmupBars = 0;
            options.Symbol.Commission = 0;
            var manual = new Dictionary<string, string> { ["OpenAtBar"] = "2", ["CloseAtBar"] = "4", ["Side"] = "Buy", ["Volume"] = "0.4" };
            var guardian = RobotRuns.Params(
                ("StopModeParameter", StopMode.Fixed), ("FixedStopPips", 1_000), ("DailyLossPercent", 2), ("DailyProfitPercent", 3),
                ("MaxTradesPerDay", 5), ("CooldownMinutes", 5), ("ResetTime", "17:00"), ("DayTimeZone", "America/New_York"));
            var result = new BacktestEngine(options).Run(AlgoSpec.Of<ScriptedPositionsRobot>(manual), AlgoSpec.Of<TradeGuardian>(guardian));
            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            var robot = (TradeGuardian)result.Robots[1];
            var drawn = robot.Chart.FindObject(TradeGuardian.PanelName) as ChartStaticText;
            Assert.That(drawn, Is.Not.Null, "the panel is a static text on the chart");
            Assert.That(drawn!.Text, Is.EqualTo(robot.PanelText));
            return drawn.Text;
        }

        [Test]
        public void Panel_AfterALosingManualTrade_PnLBudgetTradesCooldownAndNextResetWorkedByHand()
        {
            var text = PanelAfter(8); // last redraw at 21:57

            // Start-of-day equity 10,000: loss limit 2 % = 200.00, target 3 % = 300.00. Today: −0.40 (0.4 × −1),
            // remaining budget 200 − 0.40 = 199.60; one position opened (of 5 allowed); the loss at 21:54 starts a
            // 5-minute cool-down → 21:59 UTC; the next reset is 17:00 New York = 22:00 UTC the same day.
            Assert.That(text, Is.EqualTo(
                "PerpGuard TradeGuardian: Active\n" +
                "Today P&L: -0.40  (limit -200.00 / target +300.00)\n" +
                "Remaining budget: 199.60\n" +
                "Trades today: 1 / 5\n" +
                "Cool-down until: 21:59 UTC\n" +
                "Next reset: 2022-01-03 22:00 UTC"));
        }

        [Test]
        public void Panel_AfterTheNewYorkReset_NewDayFromTheEquityAt2200Utc()
        {
            var text = PanelAfter(16); // last redraw at 22:05, after the 17:00 New York reset (22:00 UTC)

            // The new day starts from equity 9,999.60: limit 2 % = 199.992 → 199.99, target 3 % = 299.988 → 299.99;
            // P&L 0, no trades yet, the cool-down ended at 21:59; next reset 17:00 New York on 4 January = 22:00 UTC.
            Assert.That(text, Is.EqualTo(
                "PerpGuard TradeGuardian: Active\n" +
                "Today P&L: 0.00  (limit -199.99 / target +299.99)\n" +
                "Remaining budget: 199.99\n" +
                "Trades today: 0 / 5\n" +
                "Cool-down until: -\n" +
                "Next reset: 2022-01-04 22:00 UTC"));
        }
    }
}
