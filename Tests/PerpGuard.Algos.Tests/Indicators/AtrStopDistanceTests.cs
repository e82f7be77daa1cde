using System.Linq;
using cAlgo.API;
using cAlgo.Indicators;
using PerpGuard.Headless.Runtime;
using PerpGuard.MarketData;
using static PerpGuard.Algos.Tests.Indicators.IndicatorHarness;

namespace PerpGuard.Algos.Tests.Indicators
{
    /// <summary>
    /// AtrStopDistance run headless. Series against hand-worked values on eight bars with a gap up
    /// (bar 4) and a gap down (bar 6):
    ///  i   H    L    C    TR
    ///  0  102   99  101   NaN
    ///  1  104  100  103   4
    ///  2  103   98   99   5
    ///  3  101   97  100   4
    ///  4  106  102  105   6  (max(106, 100) − min(102, 100))
    ///  5  107  103  104   4
    ///  6  102   99  100   5  (max(102, 104) − min(99, 104))
    ///  7  103   99  102   4
    /// ATR(3, WilderSmoothing): 4, 13/3, 38/9, 130/27, 368/81, 1141/243, 3254/729 (prev + (TR − prev)/3 from TR1);
    /// ATR(3, Simple): bars 3..7 = 13/3, 5, 14/3, 5, 13/3.
    /// Long Stop = C − 1.5·ATR, Short Stop = C + 1.5·ATR; e.g. bar 7 Wilder: 102 ∓ 1.5·3254/729 = 95.30453 / 108.69547.
    /// </summary>
    public class AtrStopDistanceTests
    {
        private const double Tol = 1e-9;
        private static readonly double[] Close = { 101, 103, 99, 100, 105, 104, 100, 102 };

        private static MarketBar[] EightBars() => new[]
        {
            Bar(0, 100, 102, 99, 101), Bar(1, 101, 104, 100, 103), Bar(2, 103, 103, 98, 99), Bar(3, 99, 101, 97, 100),
            Bar(4, 103, 106, 102, 105), Bar(5, 105, 107, 103, 104), Bar(6, 101, 102, 99, 100), Bar(7, 100, 103, 99, 102),
        };

        [Test]
        public void Calculate_DefaultWilderPeriodThree_SeriesMatchHandValues()
        {
            var result = Run(Options(EightBars()), typeof(AtrStopDistance), Params(("Period", "3")));
            var atr = Output(result, "ATR");
            var longStop = Output(result, "Long Stop");
            var shortStop = Output(result, "Short Stop");
            var expected = new[] { double.NaN, 4, 13.0 / 3, 38.0 / 9, 130.0 / 27, 368.0 / 81, 1141.0 / 243, 3254.0 / 729 };

            Assert.That(atr[0], Is.NaN);
            Assert.That(longStop[0], Is.NaN);
            for (var i = 1; i < 8; i++)
            {
                Assert.That(atr[i], Is.EqualTo(expected[i]).Within(Tol), "ATR bar " + i);
                Assert.That(longStop[i], Is.EqualTo(Close[i] - (1.5 * expected[i])).Within(Tol), "Long Stop bar " + i);
                Assert.That(shortStop[i], Is.EqualTo(Close[i] + (1.5 * expected[i])).Within(Tol), "Short Stop bar " + i);
            }

            Assert.That(longStop[7], Is.EqualTo(95.30453).Within(1e-5));
            Assert.That(shortStop[7], Is.EqualTo(108.69547).Within(1e-5));
        }

        [Test]
        public void Calculate_SimpleMultiplierTwo_SeriesMatchHandValues()
        {
            var result = Run(Options(EightBars()), typeof(AtrStopDistance), Params(("Period", "3"), ("MaType", "Simple"), ("Multiplier", "2")));
            var atr = Output(result, "ATR");
            var longStop = Output(result, "Long Stop");
            var expected = new[] { 13.0 / 3, 5, 14.0 / 3, 5, 13.0 / 3 };

            Assert.That(atr[2], Is.NaN, "TR0 is still in the window");
            for (var k = 0; k < expected.Length; k++)
            {
                Assert.That(atr[k + 3], Is.EqualTo(expected[k]).Within(Tol));
                Assert.That(longStop[k + 3], Is.EqualTo(Close[k + 3] - (2 * expected[k])).Within(Tol));
            }
        }

        [Test]
        public void Parameters_Defaults_AreFourteenWilderOnePointFive()
        {
            var parameters = ParameterBinder.Describe(typeof(AtrStopDistance)).ToDictionary(p => p.PropertyName, p => p.Attribute.DefaultValue);

            Assert.That(parameters["Period"], Is.EqualTo(14));
            Assert.That(parameters["MaType"], Is.EqualTo(MovingAverageType.WilderSmoothing));
            Assert.That(parameters["Multiplier"], Is.EqualTo(1.5));
        }

        /// <summary>
        /// The issue's worked example (USD account, equity 10,000, risk 1 %, BTCUSD long at 60,000, stop 59,700,
        /// fee 0.05 %/side, step 0.01): c = 300 + 30 + 29.85 = 359.85 per BTC; the account books cents, so 3 × 0.01
        /// is kept for rounding (gross and both commissions): (100 − 0.03) / 359.85 = 0.27781 → 0.27 BTC,
        /// risk 0.27 × 359.85 + 0.03 = 97.19, leverage 0.27 × 60,000 / 10,000 = 1.62x.
        /// Short at 60,000, stop 60,300: c = 300 + 30 + 30.15 = 360.15 → 0.27 BTC, risk 97.24 + 0.03 = 97.27.
        /// The stop distance 300 is 1.5 × ATR(2, Simple) = 1.5 × (400 + 0)/2: bar 5 ranges 59,800–60,200 around a
        /// 60,000 close (TR 400), bar 6 is flat at 60,000 (TR 0); no spread, so bid = ask = 60,000.
        /// </summary>
        [Test]
        public void Label_IssueWorkedExample_ShowsSizeRiskAndLeverageOfTheSharedSizer()
        {
            var bars = Flat(0, 5, 60000).Concat(new[] { Bar(5, 60000, 60200, 59800, 60000) }).Concat(Flat(6, 1, 60000)).ToArray();
            var result = Run(Options(bars), typeof(AtrStopDistance), Params(
                ("Period", "2"), ("MaType", "Simple"), ("Multiplier", "1.5"), ("FeePercentPerSide", "0.05"), ("RiskPercent", "1")));

            var label = Find<ChartText>(result, "PerpGuard.AtrStopDistance.Label");

            Assert.That(label, Is.Not.Null);
            var lines = label!.Text.Split('\n');
            Assert.That(lines[0], Does.Contain("stop 1.5×ATR = 300.00 (300.0 pips, 0.50 %)"));
            Assert.That(lines[2], Does.Contain("0.27 BTC (0.27 lots)").And.Contain("1.62x").And.Contain("risk 97.19 USD").And.Contain("SL 59,700.00"));
            Assert.That(lines[3], Does.Contain("0.27 BTC").And.Contain("risk 97.27 USD").And.Contain("SL 60,300.00"));
            Assert.That(label.Y, Is.EqualTo(60300).Within(1e-9), "drawn at the short stop of the last bar");
        }

        [Test]
        public void Label_RiskAboveTwoPercentWithoutOverride_IsRefusedNotSized()
        {
            var bars = Flat(0, 5, 60000).Concat(new[] { Bar(5, 60000, 60200, 59800, 60000) }).Concat(Flat(6, 1, 60000)).ToArray();
            var result = Run(Options(bars), typeof(AtrStopDistance), Params(("Period", "2"), ("MaType", "Simple"), ("RiskPercent", "3")));

            var label = Find<ChartText>(result, "PerpGuard.AtrStopDistance.Label");

            Assert.That(label!.Text, Does.Contain("Long  refused: risk-above-limit"));
        }

        /// <summary>
        /// Equity 10,000 at 1 %: 100 of risk; stop 300 + fees 59.85 → 0.27 BTC. With a 0.5 BTC minimum that is a
        /// refusal with its reason — never rounded up to the minimum.
        /// </summary>
        [Test]
        public void Label_SizeBelowBrokerMinimum_IsRefusedWithReason()
        {
            var bars = Flat(0, 5, 60000).Concat(new[] { Bar(5, 60000, 60200, 59800, 60000) }).Concat(Flat(6, 1, 60000)).ToArray();
            var options = Options(bars);
            options.Symbol.VolumeInUnitsMin = 0.5;
            var result = Run(options, typeof(AtrStopDistance), Params(("Period", "2"), ("MaType", "Simple"), ("FeePercentPerSide", "0.05")));

            var label = Find<ChartText>(result, "PerpGuard.AtrStopDistance.Label");

            Assert.That(label!.Text, Does.Contain("refused: below-minimum-volume"));
        }

        [Test]
        public void Label_QuotesWithinABarThatChangeNothing_DoNotReRender()
        {
            // 40 flat bars after a volatile one: every quote inside a flat bar is the same price, so the
            // label re-renders at most once per new bar although Calculate runs on each of the 4 quotes.
            var bars = new[] { Bar(0, 60000, 60000, 60000, 60000), Bar(1, 60000, 60400, 59600, 60000) }.Concat(Flat(2, 40, 60000)).ToArray();
            var result = Run(Options(bars), typeof(AtrStopDistance), Params(("Period", "3")));
            var indicator = (AtrStopDistance)result.Indicators[0].Indicator;

            Assert.That(result.Indicators[0].Runner.CalculateCalls, Is.GreaterThan(3 * bars.Length), "last bar recalculated per quote");
            Assert.That(indicator.LabelRenders, Is.LessThanOrEqualTo(bars.Length));
            Assert.That(indicator.LabelRenders, Is.GreaterThan(0));
        }
    }
}
