using System;
using System.Linq;
using cAlgo.API;
using cAlgo.API.Indicators;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.Tests.Samples;
using PerpGuard.MarketData;

namespace PerpGuard.Headless.Tests
{
    public class IndicatorAccessTests
    {
        [Test]
        public void GetIndicator_CustomIndicatorFromRobot_ParametersInDeclarationOrderAndLazyValues()
        {
            var result = new BacktestEngine(TestBars.Options(TestBars.Six())).Run(AlgoSpec.Of<CustomIndicatorReader>());
            var robot = (CustomIndicatorReader)result.Robots[0];

            // Period 3, Simple, multiplier 1: ATR(3, Simple) at bar 4 = 20/3 (hand-worked in BuiltInIndicatorTests); close 109.
            Assert.That(robot.UpperAtBar4, Is.EqualTo(109 + (20.0 / 3)).Within(1e-9));
        }

        [Test]
        public void GetBars_HourFromMinuteData_AggregatesOhlcOfTheHour()
        {
            // 130 m1 bars: hour 00 = bars 0..59, hour 01 = bars 60..119, hour 02 = 120..129 (forming).
            var bars = Enumerable.Range(0, 130)
                .Select(i => new MarketBar(TestBars.Start.AddMinutes(i), 100 + i, 100.5 + i, 99.5 + i, 100.25 + i, 1))
                .ToArray();
            var result = new BacktestEngine(TestBars.Options(bars)).Run(AlgoSpec.Of<HourBarsReader>());
            var hourly = ((HourBarsReader)result.Robots[0]).Hourly!;

            Assert.That(hourly.Count, Is.EqualTo(3));
            Assert.That(hourly.TimeFrame, Is.EqualTo(TimeFrame.Hour));
            var h1 = hourly[1];
            Assert.That(h1.OpenTime, Is.EqualTo(TestBars.Start.AddHours(1)));
            Assert.That(h1.Open, Is.EqualTo(160.0), "open of bar 60");
            Assert.That(h1.High, Is.EqualTo(219.5), "high of bar 119 = 100.5 + 119");
            Assert.That(h1.Low, Is.EqualTo(159.5), "low of bar 60 = 99.5 + 60");
            Assert.That(h1.Close, Is.EqualTo(219.25), "close of bar 119");
            Assert.That(hourly[2].Close, Is.EqualTo(229.25), "forming hour tracks the last close (bar 129)");
        }

        [Test]
        public void AverageTrueRange_OnHourBarsFromRobot_CalculatesOverThoseBars()
        {
            var bars = Enumerable.Range(0, 240)
                .Select(i => new MarketBar(TestBars.Start.AddMinutes(i), 100, 101 + (i / 60), 99, 100, 1))
                .ToArray();
            var result = new BacktestEngine(TestBars.Options(bars)).Run(AlgoSpec.Of<HourAtrReader>());
            var robot = (HourAtrReader)result.Robots[0];

            // Hourly bars: H = 101,102,103,104 (max of the hour), L = 99, C = 100. TR1..3 = H − 99 = 3,4,5;
            // ATR(2, Simple) at hour 3 = (4 + 5)/2 = 4.5.
            Assert.That(robot.LastAtr, Is.EqualTo(4.5).Within(1e-9));
        }

        public class CustomIndicatorReader : Robot
        {
            private SampleAtrBandIndicator _band = null!;

            public double UpperAtBar4 { get; private set; }

            protected override void OnStart()
            {
                _band = Indicators.GetIndicator<SampleAtrBandIndicator>(3, MovingAverageType.Simple, 1.0);
            }

            protected override void OnBar()
            {
                if (Bars.Count == 6)
                {
                    UpperAtBar4 = _band.Upper[4];
                }
            }
        }

        public class HourBarsReader : Robot
        {
            public Bars? Hourly { get; private set; }

            protected override void OnStart() => Hourly = MarketData.GetBars(TimeFrame.Hour);
        }

        public class HourAtrReader : Robot
        {
            private AverageTrueRange _atr = null!;

            public double LastAtr { get; private set; }

            protected override void OnStart()
            {
                _atr = Indicators.AverageTrueRange(MarketData.GetBars(TimeFrame.Hour), 2, MovingAverageType.Simple);
            }

            protected override void OnTick() => LastAtr = _atr.Result.LastValue;
        }
    }
}
