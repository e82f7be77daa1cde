using System;
using cAlgo.API;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.BuiltInIndicators;
using PerpGuard.MarketData;
using PerpGuard.Tests.Common;

namespace PerpGuard.Headless.Tests.BuiltInIndicators
{
    /// <summary>
    /// ATR(14) of the headless runtime on 45,031 real BTC-perp m1 bars (nautilus-btc-perp-1m) against
    /// values worked outside the runtime:
    /// (1) the first Simple value by hand from the CSV (below);
    /// (2) spot values at bars 1,000 / 20,000 / 45,030 computed by an independent Python script
    ///     straight from the CSV (TR with the previous close, mean of 14; Wilder recursion seeded
    ///     with TR[1]);
    /// (3) every bar against a differently built computation: Simple from prefix sums of TR,
    ///     Wilder from its closed form Σ (1/n)(1 − 1/n)^(i−k)·TR[k] + (1 − 1/n)^(i−1)·TR[1].
    ///
    /// Bars 0–14 (2021-12-31 23:01–23:15 UTC), H / L / C:
    ///  0 46385/46319/46377   1 46411/46377/46411   2 46425/46411/46425   3 46425/46420/46420
    ///  4 46437/46420/46427   5 46435/46424/46435   6 46435/46379/46420   7 46420/46405/46411
    ///  8 46429/46372/46415   9 46456/46415/46435  10 46448/46420/46448  11 46448/46396/46420
    /// 12 46438/46407/46435  13 46459/46435/46456  14 46475/46425/46431
    /// TR1 = 46411 − 46377 = 34; TR2 = 46425 − 46411 = 14; TR3 = 46425 − 46420 = 5; TR4 = 46437 − 46420 = 17;
    /// TR5 = 46435 − 46424 = 11; TR6 = 46435 − 46379 = 56; TR7 = 46420 − 46405 = 15; TR8 = 46429 − 46372 = 57;
    /// TR9 = 46456 − 46415 = 41; TR10 = 46448 − 46420 = 28; TR11 = 46448 − 46396 = 52; TR12 = 46438 − 46407 = 31;
    /// TR13 = 46459 − 46435 = 24; TR14 = 46475 − 46425 = 50 (bar 14's high and low both straddle C13 = 46456).
    /// Σ = 435, so ATR(14, Simple)[14] = 435 / 14 = 31.071428…; bars 0–13 are empty (TR0 has no previous close).
    /// </summary>
    public class AverageTrueRangeRealDataTests
    {
        private const string File = "nautilus-btc-perp-1m/btc-perp-20211231-20220201_1m.csv";

        private static readonly System.Collections.Generic.Dictionary<MovingAverageType, (MarketBar[], IndicatorDataSeries)> Runs =
            new System.Collections.Generic.Dictionary<MovingAverageType, (MarketBar[], IndicatorDataSeries)>();

        // One headless run per MA type for the whole fixture (45,031 bars each).
        private static (MarketBar[] Bars, IndicatorDataSeries Atr) Run(MovingAverageType type)
        {
            lock (Runs)
            {
                if (!Runs.TryGetValue(type, out var run))
                {
                    run = RunOnce(type);
                    Runs[type] = run;
                }

                return run;
            }
        }

        private static (MarketBar[] Bars, IndicatorDataSeries Atr) RunOnce(MovingAverageType type)
        {
            var bars = MarketDataReader.ReadBars(SharedData.RequireFile(File)).Bars;
            var engine = new BacktestEngine(TestBars.Options(bars));
            var spec = new AlgoSpec(typeof(AverageTrueRangeIndicator), TestBars.Params(("Periods", "14"), ("MAType", type.ToString())));
            var result = engine.Run(new AlgoSpec[0], new[] { spec });
            return (bars, result.Indicators[0].Outputs[0].Series);
        }

        private static double[] TrueRanges(MarketBar[] bars)
        {
            var tr = new double[bars.Length];
            tr[0] = double.NaN;
            for (var i = 1; i < bars.Length; i++)
            {
                var previousClose = bars[i - 1].Close;
                tr[i] = Math.Max(bars[i].High, previousClose) - Math.Min(bars[i].Low, previousClose);
            }

            return tr;
        }

        [Test]
        public void AverageTrueRange_SimpleOnRealBtc_FirstValueMatchesHandSum()
        {
            var (_, atr) = Run(MovingAverageType.Simple);

            Assert.That(atr[13], Is.NaN);
            Assert.That(atr[14], Is.EqualTo(435.0 / 14).Within(1e-9));
        }

        [TestCase(1000, 76.71428571428571)]
        [TestCase(20000, 28.285714285714285)]
        [TestCase(45030, 16.285714285714285)]
        public void AverageTrueRange_SimpleOnRealBtc_MatchesIndependentScript(int index, double expected)
        {
            var (_, atr) = Run(MovingAverageType.Simple);

            Assert.That(atr[index], Is.EqualTo(expected).Within(1e-9));
        }

        [TestCase(14, 33.53895752374327)]
        [TestCase(1000, 63.61654487721544)]
        [TestCase(20000, 30.428911626993955)]
        [TestCase(45030, 17.499892905175617)]
        public void AverageTrueRange_WilderOnRealBtc_MatchesIndependentScript(int index, double expected)
        {
            var (_, atr) = Run(MovingAverageType.WilderSmoothing);

            Assert.That(atr[index], Is.EqualTo(expected).Within(1e-8));
        }

        [Test]
        public void AverageTrueRange_SimpleOnRealBtc_EveryBarEqualsPrefixSumMean()
        {
            var (bars, atr) = Run(MovingAverageType.Simple);
            var tr = TrueRanges(bars);
            var prefix = new double[bars.Length + 1];
            for (var i = 1; i < bars.Length; i++)
            {
                prefix[i + 1] = prefix[i] + tr[i];
            }

            var worst = 0.0;
            for (var i = 14; i < bars.Length; i++)
            {
                var expected = (prefix[i + 1] - prefix[i - 13]) / 14;
                worst = Math.Max(worst, Math.Abs(atr[i] - expected));
            }

            Assert.That(worst, Is.LessThan(1e-6), "largest difference over all bars (prefix sums drift only by rounding)");
        }

        [TestCase(14)]
        [TestCase(500)]
        [TestCase(30000)]
        public void AverageTrueRange_WilderOnRealBtc_EqualsClosedFormWeightedSum(int index)
        {
            var (bars, atr) = Run(MovingAverageType.WilderSmoothing);
            var tr = TrueRanges(bars);
            const double n = 14;
            var keep = 1 - (1 / n);

            // W[i] = keep^(i−1)·TR[1] + Σ_{k=2..i} (1/n)·keep^(i−k)·TR[k], summed from the newest term back.
            var sum = 0.0;
            var weight = 1 / n;
            for (var k = index; k >= 2; k--)
            {
                sum += weight * tr[k];
                weight *= keep;
            }

            sum += Math.Pow(keep, index - 1) * tr[1];

            Assert.That(atr[index], Is.EqualTo(sum).Within(1e-8));
        }
    }
}
