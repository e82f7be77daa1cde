using System;
using System.Linq;
using cAlgo.Robots;
using PerpGuard.Algos.Tests.Indicators;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Risk.Pipeline;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>
    /// Pips vs price (REFERENCE.md §18.3): entry stops/targets go to cTrader as distances in pips, modifications as
    /// prices; price distance = pips × PipSize, and PipSize is the broker's (BTCUSD is listed with 1 or 0.01).
    /// The other robot tests use a 1-USD pip, where pips and price coincide and a mix-up cannot show; these run
    /// the same symbol with a 0.01-USD pip.
    /// </summary>
    public class PipSizeTests
    {
        private static BacktestOptions CentPipOptions(int days)
        {
            var options = RobotRuns.Options(RobotRuns.NautilusDays(days));
            options.Symbol.PipSize = 0.01;
            return options;
        }

        [Test]
        public void Scalper_FixedStop30000PipsOnACentPip_StopsPlaced300UsdFromTheFill()
        {
            // 30,000 pips × 0.01 USD = 300.00 USD from the fill.
            var (_, bot) = RobotRuns.RunScalper(CentPipOptions(3), RobotRuns.Params(("StopModeParameter", StopMode.Fixed), ("FixedStopPips", 30000),
                ("TrailingEnabled", false), ("BreakEvenEnabled", false), ("MaxAtrPercent", 0)));

            var opened = bot.Journal.OfKind(PipelineEventKind.PositionOpened).ToList();
            Assert.That(opened, Is.Not.Empty);
            Assert.That(opened.Select(e => Math.Round(Math.Abs(e.FillPrice - e.StopLoss), 2)).Distinct(), Is.EqualTo(new[] { 300.0 }));
        }

        [Test]
        public void Scalper_AtrStopOnACentPip_PlacedStopAndTargetKeepThePlannedPriceDistances()
        {
            var (_, bot) = RobotRuns.RunScalper(CentPipOptions(3));

            var planned = bot.Journal.OfKind(PipelineEventKind.EntryPlanned).ToList();
            var opened = bot.Journal.OfKind(PipelineEventKind.PositionOpened).ToList();
            Assert.That(opened, Is.Not.Empty);
            foreach (var o in opened)
            {
                var p = planned.Last(e => e.Utc <= o.Utc);
                Assert.That(Math.Abs(o.FillPrice - o.StopLoss), Is.EqualTo(Math.Abs(p.Price - p.StopLoss)).Within(0.011), o.Utc.ToString("O"));
                Assert.That(Math.Abs(o.TakeProfit - o.FillPrice), Is.EqualTo(Math.Abs(p.TakeProfit - p.Price)).Within(0.011), o.Utc.ToString("O"));
            }
        }

        [Test]
        public void Guardian_FixedStop10000PipsOnACentPip_AttachesTheStop100UsdFromTheEntry()
        {
            // A manual 0.1 BTC long; the guardian's 10,000-pip stop is 10,000 × 0.01 = 100.00 USD below the entry.
            var options = CentPipOptions(1);
            var manual = new System.Collections.Generic.Dictionary<string, string> { ["OpenAtBar"] = "125", ["Volume"] = "0.1", ["CloseAtBar"] = "200" };
            var guardianParams = RobotRuns.Params(("StopModeParameter", StopMode.Fixed), ("FixedStopPips", 10000), ("TrailingEnabled", false),
                ("BreakEvenEnabled", false), ("DailyLossPercent", 50), ("DailyProfitPercent", 0));

            var result = new BacktestEngine(options).Run(AlgoSpec.Of<ScriptedPositionsRobot>(manual), AlgoSpec.Of<TradeGuardian>(guardianParams));
            var guardian = (TradeGuardian)result.Robots[1];

            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            var attached = guardian.Journal.OfKind(PipelineEventKind.StopAttached).Single();
            var trade = result.Trades.Single();
            Assert.That(trade.EntryPrice - attached.StopLoss, Is.EqualTo(100.0).Within(1e-6));
        }
    }
}
