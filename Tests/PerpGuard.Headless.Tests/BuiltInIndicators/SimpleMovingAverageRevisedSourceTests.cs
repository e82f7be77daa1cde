using System;
using cAlgo.API;
using cAlgo.API.Indicators;
using PerpGuard.Headless.Backtesting;

namespace PerpGuard.Headless.Tests.BuiltInIndicators
{
    /// <summary>
    /// The SMA's cached closed-window sum is only valid over bar prices. Over a series the robot writes, an earlier
    /// value can be revised after the SMA was read; cTrader's SMA (and a windowed sum) then picks the new value up.
    /// (Found in review: with the cache applied to every source this run had 114 mismatches.)
    /// </summary>
    public class SimpleMovingAverageRevisedSourceTests
    {
        [Test]
        public void Sma_OverRobotSeriesWhosePreviousValueIsRevised_EqualsTheWindowSum()
        {
            var engine = new BacktestEngine(TestBars.Options(TestBars.RandomWalk(40, 3)));

            var robot = (RevisingSourceRobot)engine.Run(new[] { new AlgoSpec(typeof(RevisingSourceRobot), TestBars.Params()) }).Robots[0];

            Assert.That(robot.Reads, Is.GreaterThan(50));
            Assert.That(robot.Mismatches, Is.EqualTo(0), robot.First);
        }

        /// <summary>Writes the close into its own series, reads SMA(3) of it, and revises the closed bar's value at each new bar.</summary>
        [Robot(AccessRights = AccessRights.None, TimeZone = TimeZones.UTC)]
        public class RevisingSourceRobot : Robot
        {
            private IndicatorDataSeries _source = null!;
            private MovingAverage _sma = null!;

            public int Reads { get; private set; }

            public int Mismatches { get; private set; }

            public string First { get; private set; } = string.Empty;

            protected override void OnStart()
            {
                _source = CreateDataSeries();
                _sma = Indicators.MovingAverage(_source, 3, MovingAverageType.Simple);
            }

            protected override void OnBar()
            {
                var i = Bars.Count - 1;
                _ = _sma.Result[i];
                _source[i - 1] = Bars.ClosePrices[i - 1] * 2;
            }

            protected override void OnTick()
            {
                var i = Bars.Count - 1;
                _source[i] = Bars.ClosePrices[i];

                // On a bar's first quote the SMA was already calculated (in OnBar) for this version of the bar.
                if (Bars.TickVolumes[i] < 2)
                {
                    return;
                }

                var actual = _sma.Result[i];
                var expected = (_source[i - 2] + _source[i - 1] + _source[i]) / 3;
                if (double.IsNaN(expected))
                {
                    return;
                }

                Reads++;
                if (!actual.Equals(expected))
                {
                    if (Mismatches == 0)
                    {
                        First = FormattableString.Invariant($"index {i}: sma {actual} != window {expected}");
                    }

                    Mismatches++;
                }
            }
        }
    }
}
