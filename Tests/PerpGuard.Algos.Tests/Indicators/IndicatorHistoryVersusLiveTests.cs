using System.Linq;
using cAlgo.Indicators;
using PerpGuard.MarketData;
using PerpGuard.Tests.Common;
using static PerpGuard.Algos.Tests.Indicators.IndicatorHarness;

namespace PerpGuard.Algos.Tests.Indicators
{
    /// <summary>
    /// A value must not depend on whether its bar was calculated once as history (the first Calculate pass,
    /// here the engine's warm-up bars) or built tick by tick while IsLastBar (the live bars, four quotes each):
    /// the chart a trader opens mid-session and the chart left running must agree. Real BTC-perp m1 bars,
    /// the first 600 of nautilus-btc-perp-1m, 300 as history then 300 live, against the same 600 all live.
    /// </summary>
    public class IndicatorHistoryVersusLiveTests
    {
        private static MarketBar[] Bars() =>
            MarketDataReader.ReadBars(SharedData.RequireFile("nautilus-btc-perp-1m/btc-perp-20211231-20220201_1m.csv")).Bars.Take(600).ToArray();

        private static double[] Series(System.Type indicator, int warmup, string output, params (string, string)[] parameters)
        {
            var options = Options(Bars());
            options.WarmupBars = warmup;
            var result = Run(options, indicator, Params(parameters));
            var series = Output(result, output);
            return Enumerable.Range(0, 600).Select(i => series[i]).ToArray();
        }

        [TestCase("ATR")]
        [TestCase("Long Stop")]
        [TestCase("Short Stop")]
        public void AtrStopDistance_HistoryThenLive_SameValuesAsAllLive(string output)
        {
            var mixed = Series(typeof(AtrStopDistance), 300, output);
            var live = Series(typeof(AtrStopDistance), 0, output);

            Assert.That(mixed.Skip(1), Is.EqualTo(live.Skip(1)).Within(1e-9));
        }

        [Test]
        public void AtrStopDistanceHigherTimeframe_HistoryThenLive_SameValuesAsAllLive()
        {
            var p = new[] { ("UseHigherTimeframe", "true"), ("AtrTimeFrame", "Minute15"), ("Period", "5") };
            var mixed = Series(typeof(AtrStopDistance), 300, "ATR", p);
            var live = Series(typeof(AtrStopDistance), 0, "ATR", p);

            Assert.That(mixed.Count(v => !double.IsNaN(v)), Is.GreaterThan(500), "the mapped ATR has values");
            Assert.That(mixed, Is.EqualTo(live).Within(1e-9));
        }

        [TestCase("Pre-trade Long Liquidation")]
        [TestCase("Pre-trade Short Liquidation")]
        public void LiquidationLevels_HistoryThenLive_SameValuesAsAllLive(string output)
        {
            var mixed = Series(typeof(LiquidationLevels), 300, output);
            var live = Series(typeof(LiquidationLevels), 0, output);

            Assert.That(mixed, Is.EqualTo(live).Within(1e-6));
        }
    }
}
