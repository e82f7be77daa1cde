using System;
using System.IO;
using System.Linq;
using Newtonsoft.Json.Linq;
using PerpGuard.Headless.Backtesting;
using PerpGuard.MarketData;
using PerpGuard.MarketData.Generation;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Pipeline;
using PerpGuard.Tests.Common;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>The scalper's invariants on other data: LEAN bid/ask minute quotes and the seeded generator's default.</summary>
    public class ScalperOtherDataTests
    {
        [Test]
        public void Backtest_LeanBinanceQuoteMinutes_InvariantsHold()
        {
            var bars = MarketDataReader.ReadBars(SharedData.RequireFile(RobotRuns.LeanBinanceQuotes)).Bars;
            Assert.That(bars[0].HasAsk, Is.True, "quote file: bars carry real bid and ask");

            var (result, bot) = RobotRuns.RunScalper(RobotRuns.Options(bars));

            AssertInvariants(result, bot);
            Assert.That(bot.Journal.Count(e => e.Kind == PipelineEventKind.EntryRefused || e.Kind == PipelineEventKind.PositionOpened), Is.GreaterThan(0));
        }

        [Test]
        public void Backtest_GeneratedDefaultTenDays_InvariantsHold()
        {
            var bars = SyntheticBarGenerator.Generate(seed: 1, bars: 10 * 1440).Bars;

            var (result, bot) = RobotRuns.RunScalper(RobotRuns.Options(bars));

            AssertInvariants(result, bot);
            Assert.That(bot.Journal.OfKind(PipelineEventKind.PositionOpened), Is.Not.Empty);
        }

        [Test]
        public void Restart_CorruptStoredState_HaltedUntilTheReset()
        {
            var storage = Path.Combine(Path.GetTempPath(), "perpguard-h6-corrupt-" + Guid.NewGuid().ToString("N"));
            var parameters = RobotRuns.Params(("StorageKey", "corrupt"));
            RobotRuns.RunScalper(RobotRuns.Options(RobotRuns.NautilusDays(1), storage: storage), parameters);
            var file = Directory.GetFiles(Path.Combine(storage, "type"), "*.json").Single(f => f.Contains("RiskManagedScalper", StringComparison.Ordinal));
            var json = JObject.Parse(File.ReadAllText(file));
            var key = ScalperStateKeys.DailyState(1, "BTCUSD", "corrupt");
            Assert.That(json.ContainsKey(key), Is.True, "the day is saved under its documented key");
            json[key] = "{ this is not a daily state";
            File.WriteAllText(file, json.ToString());

            var (_, bot) = RobotRuns.RunScalper(RobotRuns.Options(RobotRuns.NautilusDays(1, firstDay: 2), storage: storage), parameters);

            Assert.That(bot.Journal.OfKind(PipelineEventKind.StateRestored).Single().Reason, Is.EqualTo("Corrupt"));
            var reset = bot.Journal.OfKind(PipelineEventKind.StateChanged).FirstOrDefault(e => e.Reason == "DayReset");
            var until = reset?.Utc ?? DateTime.MaxValue;
            Assert.That(bot.Journal.OfKind(PipelineEventKind.PositionOpened).Where(e => e.Utc < until), Is.Empty, "never a silent fresh day");
            Assert.That(bot.Journal.OfKind(PipelineEventKind.StateChanged).First().Reason, Is.EqualTo("CorruptState"));
        }

        private static void AssertInvariants(BacktestResult result, cAlgo.Robots.RiskManagedScalper bot)
        {
            Assert.That(((StopProbe)result.Robots[1]).Naked, Is.Empty, "no position without a stop past its first tick");
            var planned = bot.Journal.OfKind(PipelineEventKind.PositionOpened).ToDictionary(e => e.PositionId, e => e);
            foreach (var e in planned.Values)
            {
                Assert.That(e.Leverage, Is.LessThanOrEqualTo(5.0 + 1e-9));
                Assert.That(e.PlannedRisk, Is.GreaterThan(0));
            }

            foreach (var trade in result.Trades.Where(t => planned.ContainsKey(t.PositionId)))
            {
                var risk = planned[trade.PositionId].PlannedRisk;
                // The broker books the gross and each commission side in cents (as cTrader does); the plan keeps a
                // reserve of a cent per part for that, so without a gap the booked loss is within the planned risk.
                if (-trade.NetProfit > risk + 1e-9)
                {
                    var stop = trade.StopLoss!.Value;
                    var gapped = trade.Side == cAlgo.API.TradeType.Buy ? trade.ExitPrice < stop : trade.ExitPrice > stop;
                    Assert.That(gapped, Is.True, $"position {trade.PositionId} lost more than planned without a gap");
                    Assert.That(bot.Journal.OfKind(PipelineEventKind.LossBeyondPlan).Any(g => g.PositionId == trade.PositionId), Is.True);
                }
            }

            // A stop last moved to break-even and filled there (no gap) books no loss: it covers both fees and the
            // broker's rounding to cents.
            var lastMove = bot.Journal.OfKind(PipelineEventKind.StopMoved).GroupBy(e => e.PositionId).ToDictionary(g => g.Key, g => g.Last());
            var breakEvens = 0;
            foreach (var trade in result.Trades.Where(t => lastMove.TryGetValue(t.PositionId, out var m) && m.Reason == "BreakEven" && t.ExitPrice == t.StopLoss))
            {
                breakEvens++;
                Assert.That(trade.NetProfit, Is.GreaterThanOrEqualTo(0), $"position {trade.PositionId} lost money at its break-even stop");
            }

            Assert.That(breakEvens, Is.GreaterThan(0), "the data has break-even exits to check");

            foreach (var e in planned.Values)
            {
                Assert.That(RobotRuns.StateBefore(bot.Journal, e), Is.EqualTo(nameof(TradingState.Active)));
            }
        }
    }
}
