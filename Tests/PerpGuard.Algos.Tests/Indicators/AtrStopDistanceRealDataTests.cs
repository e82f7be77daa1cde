using cAlgo.Indicators;
using PerpGuard.MarketData;
using PerpGuard.Tests.Common;
using static PerpGuard.Algos.Tests.Indicators.IndicatorHarness;

namespace PerpGuard.Algos.Tests.Indicators
{
    /// <summary>
    /// AtrStopDistance with its defaults (ATR 14, WilderSmoothing, × 1.5) over the 45,031 real BTC-perp
    /// m1 bars of nautilus-btc-perp-1m. Expected ATRs come from an independent Python script run
    /// straight on the CSV (TR = max(H, C[i−1]) − min(L, C[i−1]); Wilder W = W + (TR − W)/14 seeded
    /// with TR[1] = 34); closes are the CSV's: bar 14 (2021-12-31 23:15) C = 46,431, ATR 33.53895752374327;
    /// bar 10,000 (2022-01-07 21:41) C = 41,951, ATR 33.776495251568655;
    /// bar 45,030 (2022-02-01 05:31) C = 38,544, ATR 17.499892905175617.
    /// </summary>
    public class AtrStopDistanceRealDataTests
    {
        private static PerpGuard.Headless.Backtesting.BacktestResult? _run;

        // One headless run over the file for all cases.
        private static PerpGuard.Headless.Backtesting.BacktestResult RealRun()
        {
            if (_run == null)
            {
                var bars = MarketDataReader.ReadBars(SharedData.RequireFile("nautilus-btc-perp-1m/btc-perp-20211231-20220201_1m.csv")).Bars;
                _run = Run(Options(bars), typeof(AtrStopDistance), Params());
            }

            return _run;
        }

        [TestCase(14, 46431.0, 33.53895752374327)]
        [TestCase(10000, 41951.0, 33.776495251568655)]
        [TestCase(45030, 38544.0, 17.499892905175617)]
        public void Calculate_DefaultsOnRealBtc_MatchIndependentScript(int index, double close, double atr)
        {
            var result = RealRun();

            Assert.That(Output(result, "ATR")[index], Is.EqualTo(atr).Within(1e-8));
            Assert.That(Output(result, "Long Stop")[index], Is.EqualTo(close - (1.5 * atr)).Within(1e-7));
            Assert.That(Output(result, "Short Stop")[index], Is.EqualTo(close + (1.5 * atr)).Within(1e-7));
        }
    }
}
