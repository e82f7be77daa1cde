using System.Linq;
using cAlgo.Robots;
using PerpGuard.Headless.Backtesting;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>Invalid parameter combinations: one clear message, then the bot stops without trading.</summary>
    public class ParameterValidationTests
    {
        [Test]
        public void OnStart_ScalperInvalidCombination_OneMessageThenStops()
        {
            var parameters = RobotRuns.Params(("RiskPercent", 3), ("FastEmaPeriod", 60), ("TrendEmaPeriod", 50), ("DayTimeZone", "Nowhere/City"));

            var result = new BacktestEngine(RobotRuns.Options(RobotRuns.NautilusDays(1))).Run(AlgoSpec.Of<RiskManagedScalper>(parameters));

            var messages = result.Log.Where(l => l.Contains("Invalid parameters", System.StringComparison.Ordinal)).ToList();
            Assert.That(messages, Has.Count.EqualTo(1));
            Assert.That(messages[0], Does.Contain("above 2 needs"));
            Assert.That(messages[0], Does.Contain("Fast EMA period must be shorter"));
            Assert.That(messages[0], Does.Contain("Nowhere/City"));
            Assert.That(result.Trades, Is.Empty);
            Assert.That(((RiskManagedScalper)result.Robots[0]).Journal, Is.Empty);
        }

        [Test]
        public void OnStart_GuardianInvalidCombination_OneMessageThenStops()
        {
            var parameters = RobotRuns.Params(("BreakEvenAtR", 2.0), ("DayTimeZone", "Nowhere/City"), ("ResetTime", "7pm"));

            var result = new BacktestEngine(RobotRuns.Options(RobotRuns.NautilusDays(1))).Run(AlgoSpec.Of<TradeGuardian>(parameters));

            var messages = result.Log.Where(l => l.Contains("Invalid parameters", System.StringComparison.Ordinal)).ToList();
            Assert.That(messages, Has.Count.EqualTo(1));
            Assert.That(messages[0], Does.Contain("Break-even at (R) must not be later"));
            Assert.That(messages[0], Does.Contain("Nowhere/City"));
            Assert.That(messages[0], Does.Contain("'7pm'"));
            Assert.That(((TradeGuardian)result.Robots[0]).Journal, Is.Empty);
        }

        [TestCase(typeof(RiskManagedScalper))]
        [TestCase(typeof(TradeGuardian))]
        public void OnStart_ParameterTextWithBraces_MessagePrintedVerbatimThenStops(System.Type robot)
        {
            // A trader's text goes into the message as typed. Printed with Print(string message, params object[]) it
            // would be a composite format ("{0}"-style) in cTrader: "{x}" throws there instead of telling the trader.
            var parameters = RobotRuns.Params(("ResetTime", "{x}"));

            var result = new BacktestEngine(RobotRuns.Options(RobotRuns.NautilusDays(1))).Run(new AlgoSpec(robot, parameters));

            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            var messages = result.Log.Where(l => l.Contains("Invalid parameters", System.StringComparison.Ordinal)).ToList();
            Assert.That(messages, Has.Count.EqualTo(1));
            Assert.That(messages[0], Does.Contain("(is '{x}')"));
            Assert.That(result.Trades, Is.Empty);
        }

        [TestCase(71, false)]
        [TestCase(72, true)]
        public void OnStart_ScalperStorageKeyLength_RefusedWhenTheOrderLabelWouldPass100Characters(int keyLength, bool refused)
        {
            // The label is "PerpGuard.RiskManagedScalper." (29 characters) + the key, and cTrader takes at most 100
            // (Open API ProtoOANewOrderReq.label: "User-specified label. MaxLength = 100."): a cut or refused label would
            // leave the bot unable to recognise its own positions. 29 + 71 = 100 is the longest key.
            var parameters = RobotRuns.Params(("StorageKey", new string('k', keyLength)));

            var result = new BacktestEngine(RobotRuns.Options(RobotRuns.NautilusDays(1))).Run(AlgoSpec.Of<RiskManagedScalper>(parameters));

            var messages = result.Log.Where(l => l.Contains("Invalid parameters", System.StringComparison.Ordinal)).ToList();
            Assert.That(messages, Has.Count.EqualTo(refused ? 1 : 0));
            if (refused)
            {
                Assert.That(messages[0], Does.Contain("Storage key").And.Contain("71"));
            }
        }

        [Test]
        public void OnStart_GuardianWideStopFarTarget_StartsWithoutValidationMessage()
        {
            // Stop ATR multiple 10 (range 0.1–20) and Reward:risk 12 (range 1.5–20) are each valid. The
            // scalper-only check "Max target (ATR) > Stop ATR multiple × Reward:risk" (10 × 12 = 120 > the
            // guardian's fixed 100) is about refused entries; the guardian makes none and has no such
            // parameter, so it must start and protect: no "Invalid parameters" line, a Started journal event.
            var parameters = RobotRuns.Params(("StopAtrMultiple", 10), ("RewardRisk", 12));

            var result = new BacktestEngine(RobotRuns.Options(RobotRuns.NautilusDays(1))).Run(AlgoSpec.Of<TradeGuardian>(parameters));

            Assert.That(result.Log.Where(l => l.Contains("Invalid parameters", System.StringComparison.Ordinal)), Is.Empty);
            Assert.That(((TradeGuardian)result.Robots[0]).Journal.Any(e => e.Kind == PerpGuard.Risk.Pipeline.PipelineEventKind.Started), Is.True);
        }

        [Test]
        public void OnStart_ValidDefaults_NoValidationMessage()
        {
            var result = new BacktestEngine(RobotRuns.Options(RobotRuns.NautilusDays(1))).Run(AlgoSpec.Of<RiskManagedScalper>(RobotRuns.Params()));

            Assert.That(result.Log.Any(l => l.Contains("Invalid parameters", System.StringComparison.Ordinal)), Is.False);
            Assert.That(((RiskManagedScalper)result.Robots[0]).Journal, Is.Not.Empty);
        }
    }
}
