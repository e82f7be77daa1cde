using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using cAlgo.API;
using cAlgo.API.Indicators;
using FsCheck;
using FsCheck.Fluent;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Tests.Common;

namespace PerpGuard.Headless.Tests.BuiltInIndicators
{
    /// <summary>
    /// Built-ins are pure, so reading a closed bar of one calculates the closed bars up to it and not the forming
    /// bar. These tests hold that shortcut to the full calculation: same values at every closed bar, whatever the
    /// read pattern, and the forming bar calculated only when it is read.
    /// </summary>
    public class ClosedBarReadTests
    {
        [Test]
        public void ClosedReads_RandomBarsAndReadPatterns_EqualTheFullCalculationAtEveryClosedBar()
        {
            var cases =
                from seed in Gen.Choose(0, int.MaxValue - 1)
                from count in Gen.Choose(5, 120)
                from formingEvery in Gen.Choose(0, 7)
                from lag in Gen.Choose(1, 4)
                select (seed, count, formingEvery, lag);

            Prop.ForAll(cases.ToArbitrary(), c =>
            {
                var closed = Run(c.seed, c.count, c.formingEvery, c.lag);
                var full = Run(c.seed, c.count, formingEvery: 1, c.lag);
                return closed.Reads > 0 && closed.Values.SequenceEqual(full.Values, NanEqual.Instance);
            }).Check(PropertyBudget.Config);
        }

        [Test]
        public void ClosedReadsOnly_SixBars_EachClosedBarOnceFormingBarOnlyWhenRead()
        {
            var result = new BacktestEngine(TestBars.Options(TestBars.Six())).Run(AlgoSpec.Of<ClosedReadProbe>(TestBars.Params(
                ("FormingEvery", "0"), ("Lag", "1"))));
            var robot = (ClosedReadProbe)result.Robots[0];
            var emaRunner = robot.EmaRunner;

            // Six bars, every quote reads Last(1): bars 0..4 are calculated once each when they close; the forming
            // bar only once, when OnStop reads LastValue (a user indicator would be recalculated on each of the 24
            // quotes: 5 closed + 24).
            Assert.That(emaRunner.CalculateCalls, Is.EqualTo(5 + 1));
        }

        [Test]
        public void FormingRead_AfterClosedReads_CalculatesTheFormingBarFromTheClosedOnes()
        {
            // EMA(2) of closes 102, 104, 103, …: α = 2/3; EMA0 = 102, EMA1 = 102 + (104 − 102)·2/3 = 103.333…
            var result = new BacktestEngine(TestBars.Options(TestBars.Six())).Run(AlgoSpec.Of<ClosedReadProbe>(TestBars.Params(
                ("FormingEvery", "0"), ("Lag", "1"), ("Periods", "2"))));
            var robot = (ClosedReadProbe)result.Robots[0];
            var bars = TestBars.Six();

            var expected = bars[0].Close;
            for (var i = 1; i < bars.Length; i++)
            {
                expected += (bars[i].Close - expected) * 2 / 3;
            }

            Assert.That(robot.FormingAtStop, Is.EqualTo(expected).Within(1e-9));
        }

        private static ClosedReadProbe Run(int seed, int count, int formingEvery, int lag)
        {
            var engine = new BacktestEngine(TestBars.Options(TestBars.RandomWalk(count, seed)));
            var spec = AlgoSpec.Of<ClosedReadProbe>(TestBars.Params(
                ("FormingEvery", formingEvery.ToString(CultureInfo.InvariantCulture)),
                ("Lag", lag.ToString(CultureInfo.InvariantCulture))));
            return (ClosedReadProbe)engine.Run(spec).Robots[0];
        }

        /// <summary>
        /// Reads Last(Lag) of several built-ins on every quote, and the forming bar every FormingEvery-th quote
        /// (0: never, 1: every quote, i.e. the full calculation); at each bar records the closed values.
        /// </summary>
        public sealed class ClosedReadProbe : Robot
        {
            private readonly List<double> _values = new List<double>();
            private ExponentialMovingAverage _ema = null!;
            private AverageTrueRange _atr = null!;
            private AverageTrueRange _atrExponential = null!;
            private SimpleMovingAverage _sma = null!;
            private MovingAverage _wma = null!;
            private int _quotes;

            [Parameter(DefaultValue = 0)]
            public int FormingEvery { get; set; }

            [Parameter(DefaultValue = 1)]
            public int Lag { get; set; }

            [Parameter(DefaultValue = 5)]
            public int Periods { get; set; }

            public IReadOnlyList<double> Values => _values;

            public int Reads { get; private set; }

            public double FormingAtStop { get; private set; }

            internal PerpGuard.Headless.Runtime.IndicatorRunner EmaRunner =>
                ((PerpGuard.Headless.Runtime.HeadlessIndicatorDataSeries)_ema.Result).Owner!;

            protected override void OnStart()
            {
                _ema = Indicators.ExponentialMovingAverage(Bars.ClosePrices, Periods);
                _atr = Indicators.AverageTrueRange(3, MovingAverageType.Simple);
                _atrExponential = Indicators.AverageTrueRange(3, MovingAverageType.Exponential);
                _sma = Indicators.SimpleMovingAverage(Bars.ClosePrices, 4);
                _wma = Indicators.MovingAverage(Bars.ClosePrices, 4, MovingAverageType.Weighted);
            }

            protected override void OnTick()
            {
                _quotes++;
                if (FormingEvery > 0 && _quotes % FormingEvery == 0)
                {
                    _ = _ema.Result.LastValue + _atr.Result.LastValue + _atrExponential.Result.LastValue + _sma.Result.LastValue + _wma.Result.LastValue;
                }

                _values.Add(_ema.Result.Last(Lag));
                _values.Add(_atr.Result.Last(Lag));
                _values.Add(_atrExponential.Result.Last(Lag));
                _values.Add(_sma.Result.Last(Lag));
                _values.Add(_wma.Result.Last(Lag));
                Reads++;
            }

            protected override void OnStop() => FormingAtStop = _ema.Result.LastValue;
        }
    }
}
