using System;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using cAlgo.API;
using cAlgo.API.Indicators;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Tests.Common;

namespace PerpGuard.Headless.Tests.BuiltInIndicators
{
    /// <summary>
    /// The SMA recalculates the forming bar from a cached sum of the closed part of its window. On random
    /// bars, read on every quote or only now and then (catch-up after unread bars), of the close or of the
    /// true range (NaN at index 0), every value must be exactly the windowed sum recomputed from the source.
    /// </summary>
    public class SimpleMovingAverageIncrementalTests
    {
        [Test]
        public void SimpleMovingAverage_RandomBarsAnyReadPattern_EqualsWindowedRecompute()
        {
            var cases =
                from periods in Gen.Choose(1, 20)
                from seed in Gen.Choose(0, int.MaxValue - 1)
                from count in Gen.Choose(5, 80)
                from readEvery in Gen.Choose(1, 9)
                from ofTrueRange in ArbMap.Default.GeneratorFor<bool>()
                select (periods, seed, count, readEvery, ofTrueRange);

            Prop.ForAll(cases.ToArbitrary(), c =>
            {
                var probe = Run(c.periods, c.seed, c.count, c.readEvery, c.ofTrueRange);
                return probe.Reads > 0 && probe.Mismatches == 0;
            }).Check(PropertyBudget.Config);
        }

        [Test]
        public void SimpleMovingAverage_ReadOnEveryQuote_EveryReadMatches()
        {
            // 50 bars × 4 quotes, SMA(14) of the true range read on each: the forming bar is recalculated each time.
            var probe = Run(14, 7, 50, 1, true);

            Assert.That(probe.Reads, Is.EqualTo(50 * 4));
            Assert.That(probe.Mismatches, Is.EqualTo(0), probe.FirstMismatch);
        }

        [Test]
        public void AverageTrueRangeSimple_RandomBarsAnyReadPattern_EqualsSimpleAverageOfTrueRange()
        {
            // The Simple ATR sums its true ranges itself (no nested indicators): it must give exactly
            // MovingAverage(TrueRange, n, Simple), bar by bar and quote by quote.
            var cases =
                from periods in Gen.Choose(1, 20)
                from seed in Gen.Choose(0, int.MaxValue - 1)
                from count in Gen.Choose(5, 80)
                from readEvery in Gen.Choose(1, 9)
                select (periods, seed, count, readEvery);

            Prop.ForAll(cases.ToArbitrary(), c =>
            {
                var engine = new BacktestEngine(TestBars.Options(TestBars.RandomWalk(c.count, c.seed)));
                var spec = new AlgoSpec(typeof(AtrProbeRobot), TestBars.Params(
                    ("Periods", c.periods.ToString(CultureInfo.InvariantCulture)),
                    ("ReadEvery", c.readEvery.ToString(CultureInfo.InvariantCulture))));
                var probe = (AtrProbeRobot)engine.Run(new[] { spec }).Robots[0];
                return probe.Reads > 0 && probe.Mismatches == 0 && (probe.Finite > 0 || c.count <= c.periods + 3);
            }).Check(PropertyBudget.Config);
        }

        private static SmaProbeRobot Run(int periods, int seed, int count, int readEvery, bool ofTrueRange)
        {
            var engine = new BacktestEngine(TestBars.Options(TestBars.RandomWalk(count, seed)));
            var spec = new AlgoSpec(typeof(SmaProbeRobot), TestBars.Params(
                ("Periods", periods.ToString(CultureInfo.InvariantCulture)),
                ("ReadEvery", readEvery.ToString(CultureInfo.InvariantCulture)),
                ("OfTrueRange", ofTrueRange ? "true" : "false")));
            var result = engine.Run(new[] { spec });
            return (SmaProbeRobot)result.Robots[0];
        }
    }

    /// <summary>Reads an SMA every ReadEvery-th quote and checks it against the sum of its window, in the same order.</summary>
    [Robot(AccessRights = AccessRights.None, TimeZone = TimeZones.UTC)]
    public class SmaProbeRobot : Robot
    {
        private MovingAverage _sma = null!;
        private DataSeries _source = null!;
        private int _quotes;

        [Parameter(DefaultValue = 3, MinValue = 1)]
        public int Periods { get; set; }

        [Parameter(DefaultValue = 1, MinValue = 1)]
        public int ReadEvery { get; set; }

        [Parameter(DefaultValue = false)]
        public bool OfTrueRange { get; set; }

        public int Reads { get; private set; }

        public int Mismatches { get; private set; }

        public string FirstMismatch { get; private set; } = string.Empty;

        protected override void OnStart()
        {
            _source = OfTrueRange ? Indicators.TrueRange(Bars).Result : Bars.ClosePrices;
            _sma = Indicators.MovingAverage(_source, Periods, MovingAverageType.Simple);
        }

        protected override void OnTick()
        {
            if (++_quotes % ReadEvery != 0)
            {
                return;
            }

            var index = Bars.Count - 1;
            var actual = _sma.Result[index];
            var sum = 0.0;
            for (var i = index - Periods + 1; i <= index; i++)
            {
                sum += _source[i];
            }

            var expected = sum / Periods;
            Reads++;
            if (!(actual.Equals(expected)))
            {
                if (Mismatches == 0)
                {
                    FirstMismatch = FormattableString.Invariant($"index {index}: {actual} != {expected}");
                }

                Mismatches++;
            }
        }
    }

    /// <summary>Reads ATR(n, Simple) and MovingAverage(TrueRange, n, Simple) every ReadEvery-th quote and compares them exactly.</summary>
    [Robot(AccessRights = AccessRights.None, TimeZone = TimeZones.UTC)]
    public class AtrProbeRobot : Robot
    {
        private AverageTrueRange _atr = null!;
        private MovingAverage _reference = null!;
        private int _quotes;

        [Parameter(DefaultValue = 3, MinValue = 1)]
        public int Periods { get; set; }

        [Parameter(DefaultValue = 1, MinValue = 1)]
        public int ReadEvery { get; set; }

        public int Reads { get; private set; }

        public int Finite { get; private set; }

        public int Mismatches { get; private set; }

        protected override void OnStart()
        {
            _atr = Indicators.AverageTrueRange(Periods, MovingAverageType.Simple);
            _reference = Indicators.MovingAverage(Indicators.TrueRange(Bars).Result, Periods, MovingAverageType.Simple);
        }

        protected override void OnTick()
        {
            if (++_quotes % ReadEvery != 0)
            {
                return;
            }

            var index = Bars.Count - 1;
            var actual = _atr.Result[index];
            Reads++;
            Finite += double.IsNaN(actual) ? 0 : 1;
            if (!actual.Equals(_reference.Result[index]) || !_atr.Result[index - 1].Equals(_reference.Result[index - 1]))
            {
                Mismatches++;
            }
        }
    }
}
