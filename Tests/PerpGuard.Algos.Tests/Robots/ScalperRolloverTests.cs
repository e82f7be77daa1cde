using System;
using System.Linq;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.Simulation;
using PerpGuard.Risk.Pipeline;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>
    /// Flat before the swap rollover: the plan counts no swap, so no position of the scalper may be open at a rollover.
    /// Four days of the Nautilus BTC-perp 1-minute bars (January 2022, real data, venue not stated) with a broker that charges a swap of
    /// −30 pips (USD) per BTC at 22:00 UTC, triple on Wednesdays, and the bot told its rollover is 22:00 UTC.
    /// </summary>
    public class ScalperRolloverTests
    {
        private static readonly TimeSpan Rollover = TimeSpan.FromHours(22);

        private static (BacktestResult Result, cAlgo.Robots.RiskManagedScalper Bot) Run(int flatBeforeMinutes)
        {
            var options = RobotRuns.Options(RobotRuns.NautilusDays(4));
            options.Symbol.SwapType = SimSwapType.Pips;
            options.Symbol.SwapLong = -30;
            options.Symbol.SwapShort = -30;
            options.Symbol.RolloverTimeUtc = Rollover;

            // No cool-down and no daily limits, so the bot trades all day, often enough to be caught holding at 21:55–22:00.
            return RobotRuns.RunScalper(options, RobotRuns.Params(
                ("RolloverTime", "22:00"), ("RolloverTimeZone", "UTC"), ("FlatBeforeRolloverMinutes", flatBeforeMinutes),
                ("CooldownMinutes", 0), ("DailyProfitPercent", 0), ("MaxConsecutiveLosses", 0), ("DailyLossPercent", 50), ("MaxTradesPerDay", 0)));
        }

        private static bool OpenAtARollover(ClosedTradeRecord t)
        {
            var rollover = t.EntryTimeUtc.Date + Rollover;
            if (rollover <= t.EntryTimeUtc)
            {
                rollover = rollover.AddDays(1);
            }

            return t.ExitTimeUtc >= rollover;
        }

        [Test]
        public void FlatBeforeRolloverOff_SomePositionPaysTheSwap()
        {
            // The control: without the exit this data does catch the bot holding over a rollover, so the test below can fail.
            var (result, _) = Run(0);

            var held = result.Trades.Where(OpenAtARollover).ToList();
            Assert.That(held, Is.Not.Empty);
            Assert.That(held.All(t => t.Swap < 0), Is.True, "every position held over 22:00 pays the −30 pip swap");
        }

        [Test]
        public void FlatBeforeRollover5_NoPositionOpenAtARollover_NoSwapPaid()
        {
            var (result, bot) = Run(5);

            Assert.That(result.Trades.Where(OpenAtARollover), Is.Empty);
            Assert.That(result.Trades.Sum(t => t.Swap), Is.EqualTo(0));

            var closes = bot.Journal.OfKind(PipelineEventKind.FlattenClose).ToList();
            Assert.That(closes, Is.Not.Empty);
            foreach (var close in closes)
            {
                Assert.That(close.Reason, Is.EqualTo("FlatBeforeRollover"));
                var untilRollover = close.Utc.Date + Rollover - close.Utc;
                Assert.That(untilRollover, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromMinutes(5)), close.Utc.ToString("O"));
                var trade = result.Trades.Single(t => t.PositionId == close.PositionId);
                Assert.That(trade.ExitTimeUtc, Is.EqualTo(close.Utc));
            }
        }

        [Test]
        public void FlatBeforeRollover10_NoEntryInTheTenMinutesBefore()
        {
            var (result, bot) = Run(10);

            var opened = bot.Journal.OfKind(PipelineEventKind.PositionOpened).Select(e => e.Utc).ToList();
            Assert.That(opened, Is.Not.Empty);
            Assert.That(opened.Where(at => at.TimeOfDay >= Rollover - TimeSpan.FromMinutes(10) && at.TimeOfDay < Rollover), Is.Empty);
            Assert.That(result.Trades.Where(OpenAtARollover), Is.Empty);
        }
    }
}
