using System.Linq;
using cAlgo.API;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.BuiltInIndicators;

namespace PerpGuard.Headless.Tests
{
    /// <summary>
    /// Built-in TR/ATR/SMA/EMA/Wilder against values worked by hand on <see cref="TestBars.Six"/>.
    /// True range TR[i] = max(H[i], C[i-1]) − min(L[i], C[i-1]):
    ///   TR0 = NaN (no previous close); TR1 = 108−101 = 7; TR2 = 107−100 = 7; TR3 = 104−99 = 5;
    ///   TR4 = 110−102 = 8; TR5 = 111−104 = 7.
    /// ATR(3, Simple): i3 = (7+7+5)/3 = 19/3; i4 = (7+5+8)/3 = 20/3; i5 = (5+8+7)/3 = 20/3; i ≤ 2 NaN.
    /// ATR(3, Exponential), α = 2/(3+1) = 0.5, seeded at the first finite TR: i1 = 7; i2 = 7; i3 = 0.5·5+0.5·7 = 6;
    ///   i4 = 0.5·8+0.5·6 = 7; i5 = 0.5·7+0.5·7 = 7.
    /// ATR(3, Wilder), out = prev + (TR − prev)/3: i1 = 7; i2 = 7; i3 = 7 − 2/3 = 19/3; i4 = 19/3 + (8 − 19/3)/3 = 62/9;
    ///   i5 = 62/9 + (7 − 62/9)/3 = 187/27.
    /// SMA(3) of close (102,107,101,103,109,105): i2 = 310/3; i3 = 311/3; i4 = 313/3; i5 = 317/3.
    /// EMA(3) of close: 102; 104.5; 102.75; 102.875; 105.9375; 105.46875.
    /// </summary>
    public class BuiltInIndicatorTests
    {
        private const double Tol = 1e-9;

        private static double[] Run<T>(params (string, string)[] parameters)
        {
            var engine = new BacktestEngine(TestBars.Options(TestBars.Six()));
            var result = engine.Run(new AlgoSpec[0], new[] { new AlgoSpec(typeof(T), TestBars.Params(parameters)) });
            var series = result.Indicators[0].Outputs[0].Series;
            return Enumerable.Range(0, 6).Select(i => series[i]).ToArray();
        }

        [Test]
        public void TrueRange_SixBars_MatchesHandWorkedValues()
        {
            var tr = Run<TrueRangeIndicator>();

            Assert.That(double.IsNaN(tr[0]), Is.True, "no previous close at index 0");
            Assert.That(tr.Skip(1), Is.EqualTo(new[] { 7.0, 7, 5, 8, 7 }).Within(Tol));
        }

        [Test]
        public void AverageTrueRange_SimpleThree_MatchesHandWorkedValues()
        {
            var atr = Run<AverageTrueRangeIndicator>(("Periods", "3"), ("MAType", "Simple"));

            Assert.That(atr.Take(3).All(double.IsNaN), Is.True, "the window still holds TR0 = NaN");
            Assert.That(atr.Skip(3), Is.EqualTo(new[] { 19.0 / 3, 20.0 / 3, 20.0 / 3 }).Within(Tol));
        }

        [Test]
        public void AverageTrueRange_ExponentialThree_MatchesHandWorkedValues()
        {
            var atr = Run<AverageTrueRangeIndicator>(("Periods", "3"), ("MAType", "Exponential"));

            Assert.That(double.IsNaN(atr[0]), Is.True);
            Assert.That(atr.Skip(1), Is.EqualTo(new[] { 7.0, 7, 6, 7, 7 }).Within(Tol));
        }

        [Test]
        public void AverageTrueRange_WilderThree_MatchesHandWorkedValues()
        {
            var atr = Run<AverageTrueRangeIndicator>(("Periods", "3"), ("MAType", "WilderSmoothing"));

            Assert.That(double.IsNaN(atr[0]), Is.True);
            Assert.That(atr.Skip(1), Is.EqualTo(new[] { 7.0, 7, 19.0 / 3, 62.0 / 9, 187.0 / 27 }).Within(Tol));
        }

        [Test]
        public void AverageTrueRange_Defaults_AreFourteenSimpleLikeCTrader()
        {
            var atr = new AverageTrueRangeIndicator();
            var parameters = PerpGuard.Headless.Runtime.ParameterBinder.Describe(typeof(AverageTrueRangeIndicator));

            Assert.That(parameters.Select(p => p.Attribute.DefaultValue), Is.EqualTo(new object[] { 14, MovingAverageType.Simple }));
            Assert.That(atr, Is.InstanceOf<cAlgo.API.Indicators.AverageTrueRange>());
        }

        [Test]
        public void SimpleMovingAverage_CloseThree_MatchesHandWorkedValues()
        {
            var sma = Run<SimpleMovingAverageIndicator>(("Periods", "3"));

            Assert.That(sma.Take(2).All(double.IsNaN), Is.True);
            Assert.That(sma.Skip(2), Is.EqualTo(new[] { 310.0 / 3, 311.0 / 3, 313.0 / 3, 317.0 / 3 }).Within(Tol));
        }

        [Test]
        public void ExponentialMovingAverage_CloseThree_MatchesHandWorkedValues()
        {
            var ema = Run<ExponentialMovingAverageIndicator>(("Periods", "3"));

            Assert.That(ema, Is.EqualTo(new[] { 102, 104.5, 102.75, 102.875, 105.9375, 105.46875 }).Within(Tol));
        }
    }
}
