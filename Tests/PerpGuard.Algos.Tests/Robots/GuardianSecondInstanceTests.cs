using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using cAlgo.API;
using cAlgo.Robots;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Risk.Pipeline;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>
    /// One live guardian per account: two would both cut the same position at the leverage cap and each count the
    /// other's trades. A seeded manual trader on one day of the Nautilus BTC-perp minutes (real data, venue not stated), the stand-in in RealTime mode
    /// with its LocalStorage in a folder (Type scope shared by the instances, as on a cTrader device).
    /// </summary>
    public class GuardianSecondInstanceTests : LiveStorageTests
    {
        [TestCase("a", "a")]
        [TestCase("a", "b")] // the storage key does not make a second book: the guardian guards the whole account
        public void SecondGuardianOnTheAccount_PrintsWhyAndGuardsNothing(string keyA, string keyB)
        {
            var options = LiveDay();
            var driver = new Dictionary<string, string> { ["Seed"] = "7", ["OpenProbability"] = "0.04", ["MaxLeverage"] = "3", ["CloseProbability"] = "0.01" };

            var result = new BacktestEngine(options).Run(
                AlgoSpec.Of<PerpGuard.Headless.Drivers.ManualTraderDriver>(driver),
                AlgoSpec.Of<TradeGuardian>(RobotRuns.Params(("StorageKey", keyA), ("JournalEnabled", false))),
                AlgoSpec.Of<TradeGuardian>(RobotRuns.Params(("StorageKey", keyB), ("JournalEnabled", false))));

            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            var first = (TradeGuardian)result.Robots[1];
            var second = (TradeGuardian)result.Robots[2];
            Assert.That(first.Journal.OfKind(PipelineEventKind.StopAttached), Is.Not.Empty, "the first guardian protects the trader's positions");
            Assert.That(second.Journal, Is.Empty, "the second guardian journals and does nothing");
            var refusal = result.Log.Where(l => l.Contains("Not trading: another instance")).ToList();
            Assert.That(refusal, Has.Count.EqualTo(1));
            Assert.That(refusal[0], Does.Contain("PerpGuard.TradeGuardian").And.Contain("one guardian guards the whole account"));
        }
    }
}
