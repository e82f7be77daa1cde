using System;
using System.Linq;
using cAlgo.API;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.BuiltInIndicators;
using PerpGuard.MarketData;

namespace PerpGuard.Headless.Tests.BuiltInIndicators
{
    /// <summary>
    /// Every cTrader MovingAverageType, through Indicators.AverageTrueRange(3, type), against values
    /// worked by hand (spreadsheet-style, below) on eight bars with one gap up (bar 4) and one gap
    /// down (bar 6), so the previous close matters. Formulas: cTrader's open-sourced built-ins
    /// (spotware/ctrader-algo-samples); Hull is the textbook definition (cTrader publishes no source).
    ///
    ///  i   O    H    L    C    TR = max(H, C[i−1]) − min(L, C[i−1])
    ///  0  100  102   99  101   NaN (no previous close)
    ///  1  101  104  100  103   max(104,101) − min(100,101) = 4
    ///  2  103  103   98   99   103 − 98 = 5
    ///  3   99  101   97  100   101 − 97 = 4
    ///  4  103  106  102  105   max(106,100) − min(102,100) = 6   (gap up: H − L would be 4)
    ///  5  105  107  103  104   107 − 103 = 4
    ///  6  101  102   99  100   max(102,104) − min(99,104) = 5    (gap down: H − L would be 3)
    ///  7  100  103   99  102   103 − 99 = 4
    ///
    /// n = 3 throughout. TR = [NaN, 4, 5, 4, 6, 4, 5, 4].
    /// Simple: i3 (4+5+4)/3 = 13/3; i4 (5+4+6)/3 = 5; i5 (4+6+4)/3 = 14/3; i6 (6+4+5)/3 = 5; i7 13/3.
    /// Wilder (prev + (TR − prev)/3, seeded with TR1): 4; 4+1/3 = 13/3; 13/3 − 1/9 = 38/9;
    ///   38/9 + 16/27 = 130/27; 130/27 − 22/81 = 368/81; 368/81 + 37/243 = 1141/243; 1141/243 − 169/729 = 3254/729.
    /// Exponential (α = 0.5, seeded with TR1): 4; 4.5; 4.25; 5.125; 4.5625; 4.78125; 4.390625.
    /// Weighted (weights 1,2,3, newest 3, ÷6): i3 (4+10+12)/6 = 26/6; i4 (5+8+18)/6 = 31/6;
    ///   i5 (4+12+12)/6 = 28/6; i6 (6+8+15)/6 = 29/6; i7 (4+10+12)/6 = 26/6.
    /// Triangular = SMA3 of SMA3 [13/3, 5, 14/3, 5, 13/3]: i5 (13/3+5+14/3)/3 = 42/9; i6 (5+14/3+5)/3 = 44/9;
    ///   i7 (14/3+5+13/3)/3 = 42/9.
    /// DoubleExponential: EMA2 = EMA(EMA1): 4; 4.25; 4.25; 4.6875; 4.625; 4.703125; 4.546875;
    ///   2·EMA1 − EMA2: 4; 4.75; 4.25; 5.5625; 4.5; 4.859375; 4.234375.
    /// TripleExponential: EMA3 = EMA(EMA2): 4; 4.125; 4.1875; 4.4375; 4.53125; 4.6171875; 4.58203125;
    ///   3·EMA1 − 3·EMA2 + EMA3: 4; 4.875; 4.1875; 5.75; 4.34375; 4.8515625; 4.11328125.
    /// TimeSeries (forecast = SMA + slope·(n − ⌊n/2⌋) = SMA + 2·slope; slope over x = 1,2,3:
    ///   (3·Σxy − 6·Σy)/(3·14 − 36), only for i &gt; n): i4 y = 5,4,6: Σxy = 31, slope = (93 − 90)/6 = 0.5 → 5 + 1 = 6;
    ///   i5 y = 4,6,4: Σxy = 28, slope 0 → 14/3; i6 y = 6,4,5: Σxy = 29, slope = (87 − 90)/6 = −0.5 → 5 − 1 = 4;
    ///   i7 y = 4,5,4: slope 0 → 13/3.
    /// Hull(3): ⌊3/2⌋ = 1, ⌊√3⌋ = 1, so HMA = 2·WMA1 − WMA3 = 2·TR − Weighted: i3 8 − 26/6 = 11/3; i4 12 − 31/6 = 41/6;
    ///   i5 8 − 28/6 = 10/3; i6 10 − 29/6 = 31/6; i7 8 − 26/6 = 11/3.
    /// VIDYA (σ = 0.65, k = σ·|CMO| over the last 3 TR differences, prev = TR[i−1] while NaN):
    ///   i4 diffs +2, −1, +1 → |(3−1)/4| = 0.5, k = 0.325, prev = TR3 = 4: 0.675·4 + 0.325·6 = 4.65;
    ///   i5 diffs −2, +2, −1 → |(2−3)/5| = 0.2, k = 0.13: 0.87·4.65 + 0.13·4 = 4.5655;
    ///   i6 diffs +1, −2, +2 → 0.2: 0.87·4.5655 + 0.13·5 = 4.621985;
    ///   i7 diffs −1, +1, −2 → |(1−3)/4| = 0.5: 0.675·4.621985 + 0.325·4 = 4.419839875. i3 needs TR0 → NaN.
    /// KaufmanAdaptive (fast 2 → 2/3, slow 30 → 2/31; ER noise window k = i−3..i−1 as cTrader's):
    ///   i3 seeded = TR3 = 4; i4 noise includes |TR1 − TR0| = NaN → NaN; i5 re-seeded = TR5 = 4;
    ///   i6 ER = |5 − 4| / (1 + 2 + 2) = 0.2, sc = (0.2·56/93 + 6/93)² = (17.2/93)², out = 4 + sc·(5 − 4);
    ///   i7 ER = |4 − 6| / (2 + 2 + 1) = 0.4, sc = (28.4/93)², out = prev + sc·(4 − prev).
    /// </summary>
    public class MovingAverageTypeTests
    {
        private const double Tol = 1e-9;
        private static readonly double NaN = double.NaN;

        internal static MarketBar[] EightBars()
        {
            double[,] ohlc =
            {
                { 100, 102, 99, 101 },
                { 101, 104, 100, 103 },
                { 103, 103, 98, 99 },
                { 99, 101, 97, 100 },
                { 103, 106, 102, 105 },
                { 105, 107, 103, 104 },
                { 101, 102, 99, 100 },
                { 100, 103, 99, 102 },
            };
            var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            var bars = new MarketBar[8];
            for (var i = 0; i < bars.Length; i++)
            {
                bars[i] = new MarketBar(start.AddMinutes(i), ohlc[i, 0], ohlc[i, 1], ohlc[i, 2], ohlc[i, 3], 10);
            }

            return bars;
        }

        private static double[] Atr(MovingAverageType type, int periods = 3)
        {
            var bars = EightBars();
            var engine = new BacktestEngine(TestBars.Options(bars));
            var spec = new AlgoSpec(typeof(AverageTrueRangeIndicator), TestBars.Params(("Periods", periods.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("MAType", type.ToString())));
            var result = engine.Run(new AlgoSpec[0], new[] { spec });
            var series = result.Indicators[0].Outputs[0].Series;
            return Enumerable.Range(0, bars.Length).Select(i => series[i]).ToArray();
        }

        private static void AssertSeries(double[] actual, double[] expected)
        {
            Assert.That(actual.Length, Is.EqualTo(expected.Length));
            for (var i = 0; i < expected.Length; i++)
            {
                if (double.IsNaN(expected[i]))
                {
                    Assert.That(actual[i], Is.NaN, "bar " + i + " should be empty");
                }
                else
                {
                    Assert.That(actual[i], Is.EqualTo(expected[i]).Within(Tol), "bar " + i);
                }
            }
        }

        [Test]
        public void AverageTrueRange_SimpleOnGappedBars_UsesPreviousCloseAndMatchesHandValues()
        {
            AssertSeries(Atr(MovingAverageType.Simple), new[] { NaN, NaN, NaN, 13.0 / 3, 5, 14.0 / 3, 5, 13.0 / 3 });
        }

        [Test]
        public void AverageTrueRange_WilderSmoothingOnGappedBars_MatchesHandFractions()
        {
            AssertSeries(Atr(MovingAverageType.WilderSmoothing), new[] { NaN, 4, 13.0 / 3, 38.0 / 9, 130.0 / 27, 368.0 / 81, 1141.0 / 243, 3254.0 / 729 });
        }

        [Test]
        public void AverageTrueRange_Exponential_MatchesHandValues()
        {
            AssertSeries(Atr(MovingAverageType.Exponential), new[] { NaN, 4, 4.5, 4.25, 5.125, 4.5625, 4.78125, 4.390625 });
        }

        [Test]
        public void AverageTrueRange_Weighted_MatchesHandValues()
        {
            AssertSeries(Atr(MovingAverageType.Weighted), new[] { NaN, NaN, NaN, 26.0 / 6, 31.0 / 6, 28.0 / 6, 29.0 / 6, 26.0 / 6 });
        }

        [Test]
        public void AverageTrueRange_Triangular_IsSmaOfSmaFromBarFive()
        {
            AssertSeries(Atr(MovingAverageType.Triangular), new[] { NaN, NaN, NaN, NaN, NaN, 42.0 / 9, 44.0 / 9, 42.0 / 9 });
        }

        [Test]
        public void AverageTrueRange_DoubleExponential_MatchesHandValues()
        {
            AssertSeries(Atr(MovingAverageType.DoubleExponential), new[] { NaN, 4, 4.75, 4.25, 5.5625, 4.5, 4.859375, 4.234375 });
        }

        [Test]
        public void AverageTrueRange_TripleExponential_MatchesHandValues()
        {
            AssertSeries(Atr(MovingAverageType.TripleExponential), new[] { NaN, 4, 4.875, 4.1875, 5.75, 4.34375, 4.8515625, 4.11328125 });
        }

        [Test]
        public void AverageTrueRange_TimeSeries_IsOneBarLinearForecastAfterBarN()
        {
            AssertSeries(Atr(MovingAverageType.TimeSeries), new[] { NaN, NaN, NaN, NaN, 6, 14.0 / 3, 4, 13.0 / 3 });
        }

        [Test]
        public void AverageTrueRange_HullThree_IsTwiceTrMinusWeighted()
        {
            AssertSeries(Atr(MovingAverageType.Hull), new[] { NaN, NaN, NaN, 11.0 / 3, 41.0 / 6, 10.0 / 3, 31.0 / 6, 11.0 / 3 });
        }

        /// <summary>
        /// Hull(4): half = 2, smoothing ⌊√4⌋ = 2. WMA2 (weights 1,2 ÷3): i4 (4 + 2·6)/3 = 16/3, i5 (6 + 8)/3 = 14/3,
        /// i6 (4 + 10)/3 = 14/3, i7 (5 + 8)/3 = 13/3. WMA4 (weights 1..4 ÷10): i4 (4 + 10 + 12 + 24)/10 = 5,
        /// i5 (5 + 8 + 18 + 16)/10 = 4.7, i6 (4 + 12 + 12 + 20)/10 = 4.8, i7 (6 + 8 + 15 + 16)/10 = 4.5.
        /// diff = 2·WMA2 − WMA4: i4 17/3, i5 139/30, i6 68/15, i7 25/6. HMA = WMA2(diff):
        /// i5 (17/3 + 2·139/30)/3 = 224/45; i6 (139/30 + 2·68/15)/3 = 137/30; i7 (68/15 + 2·25/6)/3 = 193/45.
        /// </summary>
        [Test]
        public void AverageTrueRange_HullFour_SmoothsTheDifferenceOverTwoBars()
        {
            AssertSeries(Atr(MovingAverageType.Hull, 4), new[] { NaN, NaN, NaN, NaN, NaN, 224.0 / 45, 137.0 / 30, 193.0 / 45 });
        }

        [Test]
        public void AverageTrueRange_Vidya_MatchesHandValues()
        {
            AssertSeries(Atr(MovingAverageType.VIDYA), new[] { NaN, NaN, NaN, NaN, 4.65, 4.5655, 4.621985, 4.419839875 });
        }

        [Test]
        public void AverageTrueRange_KaufmanAdaptive_SeedsAndReseedsLikeCTrader()
        {
            var sc6 = Math.Pow(17.2 / 93, 2);
            var v6 = 4 + (sc6 * (5 - 4));
            var sc7 = Math.Pow(28.4 / 93, 2);
            var v7 = v6 + (sc7 * (4 - v6));

            AssertSeries(Atr(MovingAverageType.KaufmanAdaptive), new[] { NaN, NaN, NaN, 4, NaN, 4, v6, v7 });
        }

        [Test]
        public void MovingAverages_EveryType_IsImplemented()
        {
            foreach (MovingAverageType type in Enum.GetValues(typeof(MovingAverageType)))
            {
                var values = Atr(type);

                Assert.That(double.IsNaN(values[7]), Is.False, type + " has a value on the last bar");
            }
        }
    }
}
