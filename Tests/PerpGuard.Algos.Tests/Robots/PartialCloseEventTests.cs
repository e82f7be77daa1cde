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
    /// <summary>
    /// cTrader does not document whether a partial close raises Positions.Closed or Positions.Modified
    /// (REFERENCE.md §8; the official "Partial Close" sample's Closed handler checks whether the position still
    /// exists). Both robots must behave the same either way: a partial close is not a closed trade.
    /// Script: BTC flat at bid 60,000 / ask 60,001, no commission; 0.1 BTC bought at bar 2 (60,001, 100-pip stop
    /// at 59,901); 0.04 closed at bar 4 and the remaining 0.06 at bar 7, both at the 60,000 bid.
    /// </summary>
    public class PartialCloseEventTests
    {
        private static readonly DateTime T0 = new DateTime(2022, 1, 3, 10, 0, 0, DateTimeKind.Utc);

        private static BacktestOptions Options(bool partialCloseRaisesClosed)
        {
            var bars = Enumerable.Range(0, 10).Select(i => new MarketBar(T0.AddMinutes(i), 60_000, 60_000, 60_000, 60_000, 1)).ToArray();
            var options = RobotRuns.Options(bars, spread: 1.0);
            options.WarmupBars = 0;
            options.Symbol.Commission = 0;
            options.PartialCloseRaisesClosed = partialCloseRaisesClosed;
            return options;
        }

        private static Dictionary<string, string> Script(string label) => new Dictionary<string, string>
        {
            ["Label"] = label,
            ["OpenAtBar"] = "2",
            ["Side"] = "Buy",
            ["Volume"] = "0.1",
            ["StopLossPips"] = "100",
            ["PartialCloseAtBar"] = "4",
            ["PartialCloseVolume"] = "0.04",
            ["CloseAtBar"] = "7",
        };

        [TestCase(false)]
        [TestCase(true)]
        public void TradeGuardian_PartialCloseEitherEvent_OneTradeClosedAtTheFinalClose(bool partialCloseRaisesClosed)
        {
            // One loss in a row halts the day (and flattens): had the 0.04 partial (−0.04 USD) been taken for a closed
            // trade, the guardian would have closed the other 0.06 at bar 4 instead of the script at bar 7.
            var guardianParams = RobotRuns.Params(("StopModeParameter", StopMode.Fixed), ("FixedStopPips", 100), ("TrailingEnabled", false),
                ("BreakEvenEnabled", false), ("DailyLossPercent", 50), ("DailyProfitPercent", 0), ("MaxConsecutiveLosses", 1));

            var result = new BacktestEngine(Options(partialCloseRaisesClosed)).Run(
                AlgoSpec.Of<ScriptedPositionsRobot>(Script("Manual")), AlgoSpec.Of<TradeGuardian>(guardianParams));
            var guardian = (TradeGuardian)result.Robots[1];

            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            Assert.That(result.Trades.Select(t => (t.VolumeInUnits, t.ExitTimeUtc)), Is.EqualTo(new[] { (0.04, T0.AddMinutes(4)), (0.06, T0.AddMinutes(7)) }));
            var trades = guardian.Journal.OfKind(PipelineEventKind.TradeClosed).ToList();
            Assert.That(trades, Has.Count.EqualTo(1));
            var closed = trades[0];
            Assert.That(closed.Volume, Is.EqualTo(0.06).Within(1e-12));
            Assert.That(closed.Utc, Is.EqualTo(T0.AddMinutes(7)));
            Assert.That(guardian.Journal.OfKind(PipelineEventKind.FlattenClose), Is.Empty);
            Assert.That(guardian.DailyStatus.LossStreak, Is.EqualTo(1), "the final close only");
        }

        [TestCase(false)]
        [TestCase(true)]
        public void RiskManagedScalper_OwnPositionPartlyClosedEitherEvent_StaysTrackedUntilTheFinalClose(bool partialCloseRaisesClosed)
        {
            // A position with the scalper's label is the scalper's: it adopts it on the next tick. Had the partial been
            // taken for a close, the journal would hold two TradeClosed events and the loss streak would be 2.
            var scalperParams = RobotRuns.Params(("StopModeParameter", StopMode.Fixed), ("FixedStopPips", 100), ("TrailingEnabled", false),
                ("BreakEvenEnabled", false), ("DailyLossPercent", 50), ("DailyProfitPercent", 0));

            var result = new BacktestEngine(Options(partialCloseRaisesClosed)).Run(
                AlgoSpec.Of<ScriptedPositionsRobot>(Script(RiskManagedScalper.BotLabel)), AlgoSpec.Of<RiskManagedScalper>(scalperParams));
            var scalper = (RiskManagedScalper)result.Robots[1];

            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            var trades = scalper.Journal.OfKind(PipelineEventKind.TradeClosed).ToList();
            Assert.That(trades, Has.Count.EqualTo(1));
            var closed = trades[0];
            Assert.That(closed.Volume, Is.EqualTo(0.06).Within(1e-12));
            Assert.That(closed.Utc, Is.EqualTo(T0.AddMinutes(7)));
            Assert.That(scalper.DailyStatus.LossStreak, Is.EqualTo(1), "the final close only");
        }
    }
}
