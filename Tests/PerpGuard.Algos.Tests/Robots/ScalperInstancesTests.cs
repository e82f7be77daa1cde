using System.Linq;
using cAlgo.Robots;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Risk.Pipeline;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>Two scalper instances on one symbol ("give two instances different keys", docs/robots.md).</summary>
    public class ScalperInstancesTests
    {
        [Test]
        public void TwoInstancesSameSymbol_OneHaltsWithFlatten_NeitherTouchesTheOthersPositions()
        {
            // Instance A (key "a", 0.005 % profit target = 0.50 USD) halts at its first winning trade and
            // flattens; instance B (key "b", defaults) keeps trading. "The bot only manages its own positions":
            // by hand, A's flatten closes only A's positions and B's closed trades are B's alone, so no journal
            // event of either instance may name a position the other one opened.
            var a = RobotRuns.Params(("DailyProfitPercent", 0.005), ("StorageKey", "a"), ("FastEmaPeriod", 5), ("TrendEmaPeriod", 20));
            var b = RobotRuns.Params(("StorageKey", "b"));

            var result = new BacktestEngine(RobotRuns.Options(RobotRuns.NautilusDays(3))).Run(AlgoSpec.Of<RiskManagedScalper>(a), AlgoSpec.Of<RiskManagedScalper>(b));

            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            var botA = (RiskManagedScalper)result.Robots[0];
            var botB = (RiskManagedScalper)result.Robots[1];
            var openedByA = botA.Journal.OfKind(PipelineEventKind.PositionOpened).Select(e => e.PositionId).ToHashSet();
            var openedByB = botB.Journal.OfKind(PipelineEventKind.PositionOpened).Select(e => e.PositionId).ToHashSet();
            Assert.That(openedByA, Is.Not.Empty);
            Assert.That(openedByB, Is.Not.Empty);
            Assert.That(botA.Journal.Any(e => e.Kind == PipelineEventKind.StateChanged && e.Reason == "DailyProfitTarget"), Is.True, "A halted");
            Assert.That(botA.Journal.Where(e => e.Kind != PipelineEventKind.PositionOpened && openedByB.Contains(e.PositionId)).Select(e => e.Kind + " " + e.Reason), Is.Empty, "A acted on B's positions");
            Assert.That(botB.Journal.Where(e => e.Kind != PipelineEventKind.PositionOpened && openedByA.Contains(e.PositionId)).Select(e => e.Kind + " " + e.Reason), Is.Empty, "B acted on A's positions");
        }
    }
}
