using System;
using System.Linq;
using PerpGuard.Risk.Pipeline;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>What a halt does to an open position: flatten (default) or only block new entries.</summary>
    public class ScalperHaltTests
    {
        // A 0.005 % profit target (0.50 USD) is reached on floating profit while the first position is open.
        private static readonly (string, object) TinyTarget = ("DailyProfitPercent", 0.005);

        [Test]
        public void Halt_Flatten_ClosesTheOpenPositionAtTheHalt()
        {
            var (result, bot) = RobotRuns.RunScalper(RobotRuns.Options(RobotRuns.NautilusDays(1, firstDay: 3)), RobotRuns.Params(TinyTarget));

            var halt = bot.Journal.OfKind(PipelineEventKind.StateChanged).First(e => e.Message.EndsWith("Halted", StringComparison.Ordinal));
            var flatten = bot.Journal.OfKind(PipelineEventKind.FlattenClose).ToList();
            Assert.That(flatten, Is.Not.Empty);
            Assert.That(flatten[0].Utc, Is.EqualTo(halt.Utc));
            Assert.That(flatten[0].Reason, Is.EqualTo("DailyProfitTarget"));
            var trade = result.Trades.Single(t => t.PositionId == flatten[0].PositionId);
            Assert.That(trade.CloseReason, Is.EqualTo(cAlgo.API.PositionCloseReason.Closed));
            Assert.That(bot.Journal.OfKind(PipelineEventKind.PositionOpened).Where(e => e.Utc > halt.Utc && e.Utc.Date == halt.Utc.Date), Is.Empty);
        }

        [Test]
        public void Halt_BlockEntriesOnly_LeavesTheOpenPositionToItsStopOrTarget()
        {
            var (result, bot) = RobotRuns.RunScalper(RobotRuns.Options(RobotRuns.NautilusDays(1, firstDay: 3)), RobotRuns.Params(TinyTarget, ("OnHalt", "BlockEntriesOnly")));

            var halt = bot.Journal.OfKind(PipelineEventKind.StateChanged).First(e => e.Message.EndsWith("Halted", StringComparison.Ordinal));
            Assert.That(bot.Journal.OfKind(PipelineEventKind.FlattenClose), Is.Empty);
            var open = bot.Journal.OfKind(PipelineEventKind.PositionOpened).Last(e => e.Utc <= halt.Utc);
            var trade = result.Trades.Single(t => t.PositionId == open.PositionId);
            Assert.That(trade.ExitTimeUtc, Is.GreaterThan(halt.Utc));
            Assert.That(trade.CloseReason, Is.AnyOf(cAlgo.API.PositionCloseReason.StopLoss, cAlgo.API.PositionCloseReason.TakeProfit));
            Assert.That(bot.Journal.OfKind(PipelineEventKind.PositionOpened).Where(e => e.Utc > halt.Utc && e.Utc.Date == halt.Utc.Date), Is.Empty);
        }
    }
}
