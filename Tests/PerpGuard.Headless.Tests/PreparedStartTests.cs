using System;
using System.IO;
using System.Linq;
using cAlgo.API;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.Tests.Samples;

namespace PerpGuard.Headless.Tests
{
    /// <summary>
    /// PreparedBacktest.Start runs the bars up to the robots' start so benchmarks can measure the loop alone; the run
    /// it leaves must finish exactly like one that never called it.
    /// </summary>
    public class PreparedStartTests
    {
        [TestCase(0)]
        [TestCase(25)]
        public void StartThenExecute_SmaCrossRandomWalk_SameTradesCurvesAndLogAsExecuteAlone(int warmupBars)
        {
            var plain = Run(warmupBars, start: false);
            var started = Run(warmupBars, start: true);

            Assert.That(plain.Trades.Count, Is.GreaterThan(5), "the scenario trades");
            Assert.That(started.BarsSimulated, Is.EqualTo(plain.BarsSimulated));
            Assert.That(started.QuotesSimulated, Is.EqualTo(plain.QuotesSimulated));
            Assert.That(started.BarTimesUtc, Is.EqualTo(plain.BarTimesUtc));
            Assert.That(started.BalanceCurve, Is.EqualTo(plain.BalanceCurve));
            Assert.That(started.EquityCurve, Is.EqualTo(plain.EquityCurve));
            Assert.That(started.Trades.Select(Describe), Is.EqualTo(plain.Trades.Select(Describe)));
            Assert.That(started.Log, Is.EqualTo(plain.Log));
            Assert.That(started.FinalBalance, Is.EqualTo(plain.FinalBalance));
        }

        [Test]
        public void Start_RobotStartsAtTheFirstQuote_OnStartHasRunAndOnlyTheFirstBarIsSimulated()
        {
            var options = TestBars.Options(TestBars.Six());
            var prepared = new BacktestEngine(options).Prepare(new[] { AlgoSpec.Of<StartProbeRobot>() }, Array.Empty<AlgoSpec>());

            prepared.Start();
            var result = prepared.Execute();
            var robot = (StartProbeRobot)result.Robots[0];

            // OnStart saw the first bar's open quote, as it does without Start (see RobotRunTests).
            Assert.That(robot.StartBid, Is.EqualTo(TestBars.Six()[0].Open));
            Assert.That(robot.StartBars, Is.EqualTo(1));
            Assert.That(robot.Ticks, Is.EqualTo(6 * 4), "every quote of the six bars reached OnTick once");
        }

        [Test]
        public void Start_AfterExecute_Throws()
        {
            var prepared = new BacktestEngine(TestBars.Options(TestBars.Six())).Prepare(new[] { AlgoSpec.Of<StartProbeRobot>() }, Array.Empty<AlgoSpec>());
            prepared.Execute();

            Assert.That(() => prepared.Start(), Throws.InvalidOperationException);
        }

        private static BacktestResult Run(int warmupBars, bool start)
        {
            var storage = Path.Combine(Path.GetTempPath(), "perpguard-start-tests-" + Guid.NewGuid().ToString("N"));
            try
            {
                var options = TestBars.Options(TestBars.RandomWalk(3000, 7), storage: storage);
                options.WarmupBars = warmupBars;
                var prepared = new BacktestEngine(options).Prepare(new[] { AlgoSpec.Of<SampleSmaCrossRobot>() }, Array.Empty<AlgoSpec>());
                if (start)
                {
                    prepared.Start();
                }

                return prepared.Execute();
            }
            finally
            {
                if (Directory.Exists(storage))
                {
                    Directory.Delete(storage, true);
                }
            }
        }

        private static string Describe(ClosedTradeRecord t) => FormattableString.Invariant(
            $"{t.PositionId} {t.Side} {t.EntryTimeUtc:O} {t.EntryPrice} {t.ExitTimeUtc:O} {t.ExitPrice} {t.VolumeInUnits} {t.NetProfit} {t.CloseReason}");

        /// <summary>Records what OnStart saw and counts ticks.</summary>
        public sealed class StartProbeRobot : Robot
        {
            public double StartBid { get; private set; }

            public int StartBars { get; private set; }

            public int Ticks { get; private set; }

            protected override void OnStart()
            {
                StartBid = Symbol.Bid;
                StartBars = Bars.Count;
            }

            protected override void OnTick() => Ticks++;
        }
    }
}
