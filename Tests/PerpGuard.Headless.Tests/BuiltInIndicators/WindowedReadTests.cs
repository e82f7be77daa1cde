using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using cAlgo.API;
using cAlgo.API.Indicators;
using FsCheck;
using FsCheck.Fluent;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.Runtime;
using PerpGuard.Tests.Common;

namespace PerpGuard.Headless.Tests.BuiltInIndicators
{
    /// <summary>
    /// The simple ATR is a window of true ranges, so a read of a closed bar calculates that bar alone, not the bars
    /// since the last read. These tests hold the shortcut to the full calculation: the same value at every closed
    /// bar whatever bars were read and in whatever order, and one Calculate for one read.
    /// </summary>
    public class WindowedReadTests
    {
        [Test]
        public void SparseReads_RandomBarsReadsAndOrders_EqualReadingEveryBarInOrder()
        {
            var cases =
                from seed in Gen.Choose(0, int.MaxValue - 1)
                from count in Gen.Choose(5, 150)
                from every in Gen.Choose(2, Math.Min(40, count - 1))
                from periods in Gen.Choose(1, 20)
                from exponential in Gen.Elements(false, true)
                select (seed, count, every, periods, exponential);

            Prop.ForAll(cases.ToArbitrary(), c =>
            {
                var sparse = Run(c.seed, c.count, c.every, c.periods, c.exponential, shuffleAtStop: true);
                var full = Run(c.seed, c.count, every: 1, c.periods, c.exponential, shuffleAtStop: false);
                return sparse.AtStop.SequenceEqual(full.AtStop, NanEqual.Instance)
                    && sparse.Seen.Count > 0
                    && sparse.Seen.All(s => NanEqual.Instance.Equals(s.Value, full.AtStop[s.Index]));
            }).Check(PropertyBudget.Config);
        }

        [Test]
        public void OneRead_FortyBarsReadOnlyAtTheLastClosedBar_OneCalculateOfTheSimpleAtr()
        {
            // Forty bars; the probe reads ATR(14).Last(1) only on the last bar's first quote: the window's 13 closed
            // true ranges are summed inside that one Calculate (before: one Calculate for each of the 39 closed bars).
            var result = new BacktestEngine(TestBars.Options(TestBars.RandomWalk(40, 7))).Run(AlgoSpec.Of<SparseAtrProbe>(TestBars.Params(
                ("Every", "39"), ("Periods", "14"), ("ReadAllAtStop", "false"))));
            var robot = (SparseAtrProbe)result.Robots[0];

            Assert.That(robot.Seen.Select(s => s.Index), Is.EqualTo(new[] { 38 }));
            Assert.That(robot.Runner.CalculateCalls, Is.EqualTo(1));
        }

        [Test]
        public void OneRead_SameBarReadAgainOnEveryQuote_CalculatedOnce()
        {
            // A bar read on all four quotes of the next bar is calculated once: a written value is final.
            var result = new BacktestEngine(TestBars.Options(TestBars.RandomWalk(40, 7))).Run(AlgoSpec.Of<SparseAtrProbe>(TestBars.Params(
                ("Every", "39"), ("Periods", "14"), ("ReadAllAtStop", "false"), ("EveryQuote", "true"))));
            var robot = (SparseAtrProbe)result.Robots[0];

            Assert.That(robot.Seen.Count, Is.EqualTo(4));
            Assert.That(robot.Runner.CalculateCalls, Is.EqualTo(1));
        }

        [Test]
        public void PassedOverBars_ReadLater_HaveTheHandWorkedAverages()
        {
            // TestBars.Six, ATR(3) Simple read only at bar 4 (on bar 5's first quote); bars 0..3 are passed over and
            // read at stop. True ranges by hand, TR[i] = max(H[i], C[i-1]) − min(L[i], C[i-1]):
            // TR1 = 108 − 101 = 7, TR2 = 107 − 100 = 7, TR3 = 104 − 99 = 5, TR4 = 110 − 102 = 8; TR0 has no previous
            // close (NaN), so ATR[0..2] are NaN, ATR[3] = (7 + 7 + 5) / 3 = 19/3 and ATR[4] = (7 + 5 + 8) / 3 = 20/3.
            var result = new BacktestEngine(TestBars.Options(TestBars.Six())).Run(AlgoSpec.Of<SparseAtrProbe>(TestBars.Params(
                ("Every", "5"), ("Periods", "3"), ("ReadAllAtStop", "true"), ("Shuffle", "false"))));
            var robot = (SparseAtrProbe)result.Robots[0];

            Assert.That(robot.Seen, Is.EqualTo(new[] { (4, 20.0 / 3) }));
            Assert.That(robot.AtStop.Take(3).All(double.IsNaN), Is.True);
            Assert.That(robot.AtStop[3], Is.EqualTo(19.0 / 3).Within(1e-12));
            Assert.That(robot.AtStop[4], Is.EqualTo(20.0 / 3).Within(1e-12));
        }

        private static SparseAtrProbe Run(int seed, int count, int every, int periods, bool exponential, bool shuffleAtStop)
        {
            var engine = new BacktestEngine(TestBars.Options(TestBars.RandomWalk(count, seed)));
            var spec = AlgoSpec.Of<SparseAtrProbe>(TestBars.Params(
                ("Every", every.ToString(CultureInfo.InvariantCulture)),
                ("Periods", periods.ToString(CultureInfo.InvariantCulture)),
                ("Exponential", exponential ? "true" : "false"),
                ("Shuffle", shuffleAtStop ? "true" : "false"),
                ("Seed", seed.ToString(CultureInfo.InvariantCulture))));
            return (SparseAtrProbe)engine.Run(spec).Robots[0];
        }

        /// <summary>
        /// Reads ATR.Last(1) on the first quote of every Every-th bar (on every quote of it with EveryQuote), then at
        /// stop reads every closed bar, in a seeded shuffled order with Shuffle, and records them by index.
        /// </summary>
        public sealed class SparseAtrProbe : Robot
        {
            private AverageTrueRange _atr = null!;
            private int _lastBar = -1;

            [Parameter(DefaultValue = 2)]
            public int Every { get; set; }

            [Parameter(DefaultValue = 14)]
            public int Periods { get; set; }

            [Parameter(DefaultValue = false)]
            public bool Exponential { get; set; }

            [Parameter(DefaultValue = true)]
            public bool ReadAllAtStop { get; set; }

            [Parameter(DefaultValue = false)]
            public bool Shuffle { get; set; }

            [Parameter(DefaultValue = false)]
            public bool EveryQuote { get; set; }

            [Parameter(DefaultValue = 1)]
            public int Seed { get; set; }

            public List<(int Index, double Value)> Seen { get; } = new List<(int Index, double Value)>();

            public double[] AtStop { get; private set; } = Array.Empty<double>();

            internal IndicatorRunner Runner => ((HeadlessIndicatorDataSeries)_atr.Result).Owner!;

            protected override void OnStart()
            {
                _atr = Indicators.AverageTrueRange(Periods, Exponential ? MovingAverageType.Exponential : MovingAverageType.Simple);
            }

            protected override void OnTick()
            {
                var forming = Bars.Count - 1;
                if (forming % Every != 0 || forming == 0 || (!EveryQuote && forming == _lastBar))
                {
                    return;
                }

                _lastBar = forming;
                Seen.Add((forming - 1, _atr.Result.Last(1)));
            }

            protected override void OnStop()
            {
                if (!ReadAllAtStop)
                {
                    return;
                }

                var closed = Bars.Count - 1;
                var order = Enumerable.Range(0, closed).ToArray();
                if (Shuffle)
                {
                    var random = new Random(Seed);
                    for (var i = order.Length - 1; i > 0; i--)
                    {
                        var j = random.Next(i + 1);
                        (order[i], order[j]) = (order[j], order[i]);
                    }
                }

                AtStop = new double[closed];
                foreach (var i in order)
                {
                    AtStop[i] = _atr.Result[i];
                }
            }
        }
    }
}
