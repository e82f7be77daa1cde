using System;
using System.Linq;
using System.Threading;
using cAlgo.API;
using PerpGuard.Headless.Backtesting;
using PerpGuard.MarketData;

namespace PerpGuard.Headless.Tests
{
    /// <summary>
    /// A bar run's <see cref="BacktestResult.BarTimesUtc"/>: one time per simulated bar (its open), beside the balance
    /// and equity points taken at its close. The loop does not store them; they come from the chart's bar buffer.
    /// </summary>
    public class BarTimeCurveTests
    {
        [Test]
        public void BarTimes_WithWarmUpBars_AreTheSimulatedBarsOpenTimesInUtc()
        {
            // 50 bars, the first 20 history: 30 points, the first at bar 20's open (2024-01-01 00:20).
            var bars = TestBars.RandomWalk(50, 3);
            var options = TestBars.Options(bars);
            options.WarmupBars = 20;
            var result = new BacktestEngine(options).Run(AlgoSpec.Of<IdleRobot>());

            Assert.That(result.BarTimesUtc, Is.EqualTo(bars.Skip(20).Select(b => b.OpenTimeUtc).ToArray()));
            Assert.That(result.BarTimesUtc[0], Is.EqualTo(new DateTime(2024, 1, 1, 0, 20, 0)));
            Assert.That(result.BarTimesUtc.All(t => t.Kind == DateTimeKind.Utc), Is.True);
            Assert.That(result.BalanceCurve, Has.Length.EqualTo(30));
        }

        [Test]
        public void BarTimes_RobotStopsEarly_OnePerSimulatedBar()
        {
            // The robot stops at the fourth bar's open (Bars.Count == 4 in OnBar): four bars simulated, four points.
            var bars = TestBars.Six();
            var result = new BacktestEngine(TestBars.Options(bars)).Run(AlgoSpec.Of<StopAtFourthBarRobot>());

            Assert.That(result.BarsSimulated, Is.EqualTo(4));
            Assert.That(result.BarTimesUtc, Is.EqualTo(bars.Take(4).Select(b => b.OpenTimeUtc).ToArray()));
            Assert.That(result.EquityCurve, Has.Length.EqualTo(4));
        }

        [Test]
        public void BarTimes_WarmUpOptionChangedAfterStart_StillTheSimulatedBarsTimes()
        {
            // Start loads the 20 warm-up bars and simulates bar 20; the option read again at the end of the run must
            // not move the times: 30 points, the first at bar 20's open (2024-01-01 00:20), as the curves.
            var result = RunWithWarmUpChangedToZero(out var bars, startBeforeTheChange: true);

            Assert.That(result.BalanceCurve, Has.Length.EqualTo(30));
            Assert.That(result.BarTimesUtc, Is.EqualTo(bars.Skip(20).Select(b => b.OpenTimeUtc).ToArray()));
        }

        [Test]
        public void WarmUpOptionChangedBetweenPrepareAndExecute_RunsAsPrepared()
        {
            // Prepare sizes the curves for 50 − 20 = 30 bars; a warm-up changed before Execute (without Start) must not
            // run 50 bars into them: the run is the prepared one, 30 points from bar 20.
            var result = RunWithWarmUpChangedToZero(out var bars, startBeforeTheChange: false);

            Assert.That(result.BarsSimulated, Is.EqualTo(30));
            Assert.That(result.BarTimesUtc, Is.EqualTo(bars.Skip(20).Select(b => b.OpenTimeUtc).ToArray()));
        }

        [Test]
        public void BarTimes_ReadTwice_SameArray()
        {
            // Made once, when first read.
            var result = new BacktestEngine(TestBars.Options(TestBars.Six())).Run(AlgoSpec.Of<IdleRobot>());
            var first = result.BarTimesUtc;
            Assert.That(result.BarTimesUtc, Is.SameAs(first));
        }

        [Test]
        public void BarTimes_FirstReadOnSeveralThreadsAtOnce_AllGetTheSameArray()
        {
            // Made on first read: readers racing for it must all see one array (an optimisation host may report results
            // in parallel). 200,000 bars make each build long enough for the readers to overlap (without the publish-once
            // step this test failed in two of three runs).
            var result = new BacktestEngine(TestBars.Options(TestBars.RandomWalk(200_000, 9))).Run(AlgoSpec.Of<IdleRobot>());
            const int Readers = 4;
            var seen = new DateTime[Readers][];
            using (var start = new Barrier(Readers))
            {
                var threads = Enumerable.Range(0, Readers).Select(r => new Thread(() =>
                {
                    start.SignalAndWait();
                    seen[r] = result.BarTimesUtc;
                })).ToArray();
                foreach (var t in threads)
                {
                    t.Start();
                }

                foreach (var t in threads)
                {
                    t.Join();
                }
            }

            Assert.That(seen.All(s => ReferenceEquals(s, result.BarTimesUtc)), Is.True);
            Assert.That(result.BarTimesUtc, Has.Length.EqualTo(200_000));
        }

        /// <summary>50 bars prepared with 20 warm-up bars, the option then set to 0 before the run is executed.</summary>
        private static BacktestResult RunWithWarmUpChangedToZero(out MarketBar[] bars, bool startBeforeTheChange)
        {
            bars = TestBars.RandomWalk(50, 3);
            var options = TestBars.Options(bars);
            options.WarmupBars = 20;
            var prepared = new BacktestEngine(options).Prepare(new[] { AlgoSpec.Of<IdleRobot>() }, Array.Empty<AlgoSpec>());
            if (startBeforeTheChange)
            {
                prepared.Start();
            }

            options.WarmupBars = 0;
            return prepared.Execute();
        }

        public class IdleRobot : Robot
        {
        }

        public class StopAtFourthBarRobot : Robot
        {
            protected override void OnBar()
            {
                if (Bars.Count == 4)
                {
                    Stop();
                }
            }
        }
    }
}
