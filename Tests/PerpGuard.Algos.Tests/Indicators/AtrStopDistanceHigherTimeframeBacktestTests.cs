using System.Collections.Generic;
using System.Linq;
using cAlgo.Indicators;
using PerpGuard.MarketData;
using static PerpGuard.Algos.Tests.Indicators.IndicatorHarness;

namespace PerpGuard.Algos.Tests.Indicators
{
    /// <summary>
    /// The higher-timeframe ATR in a full headless backtest: the engine builds the m5 bars from the m1 run as
    /// they form (MarketData.GetBars), quote by quote, so the test also proves no look-ahead in a live run.
    /// m1 bars are built so that the m5 bars are those of AtrStopDistanceHigherTimeframeTests: in each m5 group g
    /// every minute has O = H = L = C = C_g except minute 5g+1 (high H_g) and minute 5g+2 (low L_g).
    ///  m5 H/L/C: 110/100/105, 112/104/110, 115/108/109, 111/100/101, 105/99/104
    ///  TR: NaN, 8, 7, 11, 6 → ATR(2, Simple): NaN, NaN, 7.5, 9, 8.5.
    /// m1 minute t takes the ATR of the last closed m5 bar ⌊t/5⌋ − 1: 0–14 NaN, 15–19 7.5, 20–24 9.
    /// Long Stop = m1 close − 1.5 × ATR: minute 15 → 101 − 11.25 = 89.75; minute 24 → 104 − 13.5 = 90.5;
    /// Short Stop at minute 17 → 101 + 11.25 = 112.25.
    /// </summary>
    public class AtrStopDistanceHigherTimeframeBacktestTests
    {
        private static readonly (double High, double Low, double Close)[] M5 =
        {
            (110, 100, 105), (112, 104, 110), (115, 108, 109), (111, 100, 101), (105, 99, 104),
        };

        private static MarketBar[] MinuteBars()
        {
            var bars = new List<MarketBar>();
            for (var g = 0; g < M5.Length; g++)
            {
                var (high, low, close) = M5[g];
                for (var k = 0; k < 5; k++)
                {
                    var t = (5 * g) + k;
                    bars.Add(Bar(t, close, k == 1 ? high : close, k == 2 ? low : close, close));
                }
            }

            return bars.ToArray();
        }

        [Test]
        public void Backtest_AtrFromM5_UsesLastClosedM5BarAsItForms()
        {
            var result = Run(Options(MinuteBars()), typeof(AtrStopDistance), Params(
                ("Period", "2"), ("MaType", "Simple"), ("Multiplier", "1.5"), ("UseHigherTimeframe", "true"), ("AtrTimeFrame", "Minute5")));

            var atr = Output(result, "ATR");
            Assert.That(Enumerable.Range(0, 15).Select(t => atr[t]), Is.All.NaN);
            Assert.That(Enumerable.Range(15, 5).Select(t => atr[t]), Is.All.EqualTo(7.5).Within(1e-9));
            Assert.That(Enumerable.Range(20, 5).Select(t => atr[t]), Is.All.EqualTo(9.0).Within(1e-9), "the forming m5 bar's 8.5 is never used");
            Assert.That(Output(result, "Long Stop")[15], Is.EqualTo(89.75).Within(1e-9));
            Assert.That(Output(result, "Long Stop")[24], Is.EqualTo(90.5).Within(1e-9));
            Assert.That(Output(result, "Short Stop")[17], Is.EqualTo(112.25).Within(1e-9));
        }
    }
}
