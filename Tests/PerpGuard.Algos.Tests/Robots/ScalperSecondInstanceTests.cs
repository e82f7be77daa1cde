using System;
using System.IO;
using System.Linq;
using cAlgo.API;
using cAlgo.Robots;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Risk.Pipeline;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>
    /// A second live instance on the same book (account, symbol, storage key) refuses to trade: with the same label
    /// both would see "no position of mine" on the same bar and both enter, doubling the risk. One day of the Nautilus
    /// BTC-perp minutes (real data, venue not stated), the stand-in in RealTime mode so the lease is used as live, with its LocalStorage in a folder
    /// (Type scope shared by the instances, as on a cTrader device).
    /// </summary>
    public class ScalperSecondInstanceTests : LiveStorageTests
    {
        private BacktestResult Run(string keyA, string keyB)
        {
            var options = LiveDay();
            var a = RobotRuns.Params(("StorageKey", keyA), ("JournalEnabled", false));
            var b = RobotRuns.Params(("StorageKey", keyB), ("JournalEnabled", false));
            var result = new BacktestEngine(options).Run(AlgoSpec.Of<RiskManagedScalper>(a), AlgoSpec.Of<RiskManagedScalper>(b));
            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            return result;
        }

        [Test]
        public void SameStorageKey_SecondInstancePrintsWhyAndNeverTrades()
        {
            var result = Run("k", "k");

            var first = (RiskManagedScalper)result.Robots[0];
            var second = (RiskManagedScalper)result.Robots[1];
            Assert.That(first.Journal.OfKind(PipelineEventKind.PositionOpened), Is.Not.Empty);
            Assert.That(second.Journal, Is.Empty, "the second instance journals, plans and trades nothing");
            var refusal = result.Log.Where(l => l.Contains("Not trading: another instance")).ToList();
            Assert.That(refusal, Has.Count.EqualTo(1));
            Assert.That(refusal[0], Does.Contain("storage key 'k'").And.Contain("BTCUSD").And.Contain("another Storage key"));

            // Every position the run opened is the first instance's.
            Assert.That(result.Trades.Select(t => t.PositionId).Distinct().Count(), Is.EqualTo(first.Journal.OfKind(PipelineEventKind.PositionOpened).Count()));
        }

        [Test]
        public void DifferentStorageKeys_BothTrade()
        {
            var result = Run("a", "b");

            Assert.That(((RiskManagedScalper)result.Robots[0]).Journal.OfKind(PipelineEventKind.PositionOpened), Is.Not.Empty);
            Assert.That(((RiskManagedScalper)result.Robots[1]).Journal.OfKind(PipelineEventKind.PositionOpened), Is.Not.Empty);
            Assert.That(result.Log.Where(l => l.Contains("Not trading: another instance")), Is.Empty);
        }
    }
}
