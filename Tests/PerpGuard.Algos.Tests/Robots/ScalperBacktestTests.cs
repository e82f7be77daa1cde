using System;
using System.Collections.Generic;
using System.Linq;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Risk.Pipeline;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>RiskManagedScalper on real BTC perpetual minutes (Nautilus sample, January 2022; venue not stated).</summary>
    public class ScalperBacktestTests
    {
        private static (BacktestResult Result, cAlgo.Robots.RiskManagedScalper Bot, StopProbe Probe) _run;

        private static (BacktestResult Result, cAlgo.Robots.RiskManagedScalper Bot, StopProbe Probe) Run()
        {
            if (_run.Result is null)
            {
                var (result, bot) = RobotRuns.RunScalper(RobotRuns.Options(RobotRuns.NautilusDays(10)));
                _run = (result, bot, (StopProbe)result.Robots[1]);
            }

            return _run;
        }

        [Test]
        public void Backtest_NautilusTenDays_TradesAndJournalsEveryDecision()
        {
            var (result, bot, _) = Run();
            var opened = bot.Journal.OfKind(PipelineEventKind.PositionOpened).ToList();

            TestContext.Out.WriteLine($"trades {result.Trades.Count}, opened {opened.Count}, refused {bot.Journal.OfKind(PipelineEventKind.EntryRefused).Count()}, final {result.FinalBalance:0.00}");
            Assert.That(opened, Is.Not.Empty, "the entry rule fires on ten days of real data");
            Assert.That(opened.All(e => e.PositionId != 0 && e.PlannedRisk > 0), Is.True, "each opened position carries its id and planned risk");
            Assert.That(result.Trades.Where(t => t.Label == cAlgo.Robots.RiskManagedScalper.BotLabel).Select(t => t.PositionId).Distinct().Count(),
                Is.EqualTo(opened.Count - result.OpenPositionsAtEnd).Or.EqualTo(opened.Count));
        }

        [Test]
        public void Backtest_NautilusTenDays_NoPositionEverWithoutStop()
        {
            var (result, _, probe) = Run();

            Assert.That(probe.TicksObserved, Is.GreaterThan(10_000));
            Assert.That(probe.Naked, Is.Empty);
            Assert.That(result.Trades.All(t => t.StopLoss.HasValue), Is.True);
        }

        [Test]
        public void Backtest_NautilusTenDays_LossBeyondPlannedRiskOnlyThroughGaps()
        {
            var (result, bot, _) = Run();
            var planned = bot.Journal.OfKind(PipelineEventKind.PositionOpened).ToDictionary(e => e.PositionId, e => e.PlannedRisk);

            foreach (var trade in result.Trades.Where(t => planned.ContainsKey(t.PositionId)))
            {
                var loss = -trade.NetProfit;
                if (loss <= planned[trade.PositionId] + 0.01)
                {
                    continue;
                }

                // A bigger loss is allowed only when the exit was worse than the stop (gap/slippage) and journaled.
                var stop = trade.StopLoss!.Value;
                var worse = trade.Side == cAlgo.API.TradeType.Buy ? trade.ExitPrice < stop : trade.ExitPrice > stop;
                Assert.That(worse, Is.True, $"position {trade.PositionId} lost {loss:0.00} > planned {planned[trade.PositionId]:0.00} without a gap");
                Assert.That(bot.Journal.OfKind(PipelineEventKind.LossBeyondPlan).Any(e => e.PositionId == trade.PositionId), Is.True);
            }
        }

        [Test]
        public void Backtest_NautilusTenDays_LeverageAtEntryWithinCap()
        {
            var (result, bot, _) = Run();

            foreach (var e in bot.Journal.OfKind(PipelineEventKind.PositionOpened))
            {
                // Recomputed independently: notional at the fill ÷ equity at the bar of entry.
                var i = Array.FindLastIndex(result.BarTimesUtc, t => t <= e.Utc);
                var equity = i > 0 ? result.EquityCurve[i - 1] : result.InitialBalance;
                Assert.That(e.Volume * e.FillPrice / equity, Is.LessThanOrEqualTo(5.0 * 1.01), $"position {e.PositionId}");
                Assert.That(e.Leverage, Is.LessThanOrEqualTo(5.0 + 1e-9));
            }
        }

        [Test]
        public void Backtest_NautilusTenDays_NoEntryWhileHaltedOrCoolingDown()
        {
            var (_, bot, _) = Run();
            var journal = bot.Journal;
            var cooldown = TimeSpan.FromMinutes(bot.Options.Daily.CooldownMinutes);

            foreach (var e in journal.OfKind(PipelineEventKind.PositionOpened))
            {
                Assert.That(RobotRuns.StateBefore(journal, e), Is.EqualTo("Active"), $"entry {e.PositionId} at {e.Utc:O}");
                var lastLoss = journal.OfKind(PipelineEventKind.TradeClosed).Where(c => c.Utc < e.Utc && c.Value < 0).Select(c => (DateTime?)c.Utc).LastOrDefault();
                if (lastLoss.HasValue)
                {
                    Assert.That(e.Utc - lastLoss.Value, Is.GreaterThanOrEqualTo(cooldown), $"entry {e.PositionId} during the cool-down");
                }
            }
        }

        [Test]
        public void Backtest_NautilusTenDays_DayLossNeverBeyondLimitPlusOneTradesRisk()
        {
            var (result, bot, _) = Run();
            var maxPlanned = bot.Journal.OfKind(PipelineEventKind.PositionOpened).Select(e => e.PlannedRisk).DefaultIfEmpty(0).Max();
            var byDay = result.BarTimesUtc.Select((t, i) => (Day: t.Date, Equity: result.EquityCurve[i])).GroupBy(x => x.Day);
            double previousClose = result.InitialBalance;
            foreach (var day in byDay)
            {
                var start = previousClose;
                var limit = 0.02 * start;
                var worst = day.Min(x => x.Equity) - start;
                Assert.That(-worst, Is.LessThanOrEqualTo(limit + maxPlanned + 1.0), $"day {day.Key:yyyy-MM-dd}");
                previousClose = day.Last().Equity;
            }
        }
    }
}
