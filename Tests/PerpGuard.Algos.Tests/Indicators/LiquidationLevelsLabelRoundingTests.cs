using System.Globalization;
using System.Linq;
using cAlgo.API;
using cAlgo.Indicators;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Risk.Primitives;
using static PerpGuard.Algos.Tests.Indicators.IndicatorHarness;

namespace PerpGuard.Algos.Tests.Indicators
{
    /// <summary>
    /// Every price in a label is rounded toward the market (a level below it up, above it down), as stops round
    /// and as `perpguard liquidation` shows them: a trader who places a stop at the shown price is never on the
    /// far side of the true level. Rounded to the nearest, a long's stop-out of 49,333.333 read 49,333.33 — a stop
    /// there fires after the stop-out. Each case below puts the exact level between two ticks, nearer the far
    /// one, so nearest rounding would show the wrong side. The lines stay at the exact prices.
    /// BTCUSD as in <see cref="IndicatorHarness"/>: digits 2, pip 1, balance 10,000, stop-out level 50 %, flat
    /// prices and no spread or commission, so equity stays 10,000 and the bid is the price.
    /// </summary>
    public class LiquidationLevelsLabelRoundingTests
    {
        private static BacktestResult RunPosition(string side, double volume, double hedgeVolume = 0)
        {
            var bars = Flat(0, 30, 60000).ToArray();
            var robot = new AlgoSpec(typeof(ScriptedPositionsRobot), Params(
                ("OpenAtBar", "2"), ("Side", side), ("Volume", volume.ToString(CultureInfo.InvariantCulture)), ("StopLossPips", "1000"),
                ("HedgeVolume", hedgeVolume.ToString(CultureInfo.InvariantCulture))));
            return Run(Options(bars, symbolLeverage: 5, accountLeverage: 10), typeof(LiquidationLevels), Params(), robot);
        }

        private static ChartText[] StopOutTexts(BacktestResult result) =>
            result.Chart.Objects.OfType<ChartText>().Where(o => o.Name.StartsWith(LiquidationLevels.PositionTextPrefix, System.StringComparison.Ordinal)).ToArray();

        private static double StopOutLineY(BacktestResult result) =>
            result.Chart.Objects.OfType<ChartHorizontalLine>().First(o => o.Name.StartsWith(LiquidationLevels.PositionLinePrefix, System.StringComparison.Ordinal)).Y;

        /// <summary>
        /// Long 0.6 BTC @ 60,000, symbol leverage 5, frozen margin: margin 0.6 × 60,000 / 5 = 7,200, stop-out at
        /// equity 0.5 × 7,200 = 3,600. 10,000 + 0.6·(X − 60,000) = 3,600 → X = 60,000 − 6,400 / 0.6 = 49,333.333…,
        /// between 49,333.33 and 49,333.34, nearer .33 (below, the far side): shown up, 49,333.34.
        /// </summary>
        [Test]
        public void StopOutText_LongBetweenTicksNearerTheFarOne_RoundsUpTowardTheMarket()
        {
            var result = RunPosition("Buy", 0.6);

            Assert.That(StopOutLineY(result), Is.EqualTo(60000 - 6400 / 0.6).Within(1e-6), "the line at the exact price");
            Assert.That(StopOutTexts(result).Single().Text, Does.Contain("stop-out 49,333.34 "));
        }

        /// <summary>
        /// Short 0.6 BTC @ 60,000, same margin 7,200: 10,000 − 0.6·(X − 60,000) = 3,600 → X = 60,000 + 6,400 / 0.6 =
        /// 70,666.666…, between 70,666.66 and 70,666.67, nearer .67 (above, the far side): shown down, 70,666.66.
        /// </summary>
        [Test]
        public void StopOutText_ShortBetweenTicksNearerTheFarOne_RoundsDownTowardTheMarket()
        {
            var result = RunPosition("Sell", 0.6);

            Assert.That(StopOutLineY(result), Is.EqualTo(60000 + 6400 / 0.6).Within(1e-6), "the line at the exact price");
            Assert.That(StopOutTexts(result).Single().Text, Does.Contain("stop-out 70,666.66 "));
        }

        /// <summary>
        /// The stop-out is account-wide: hedged long 0.5 and short 0.2 @ 60,000 (margins 6,000 and 2,400, cTrader's
        /// hedged margin takes the larger, 6,000), net 0.3 long: 10,000 + 0.3·(X − 60,000) = 3,000 →
        /// X = 60,000 − 7,000 / 0.3 = 36,666.666…, below the market for both positions: both labels round up,
        /// 36,666.67 — the short's too (by the short's own side it would read 36,666.66, beyond the level).
        /// </summary>
        [Test]
        public void StopOutText_HedgedShortInNetLongBook_RoundsByWhereTheLevelSits()
        {
            var result = RunPosition("Buy", 0.5, hedgeVolume: 0.2);

            var texts = StopOutTexts(result);
            Assert.That(texts, Has.Length.EqualTo(2));
            Assert.That(texts.Select(t => t.Text), Has.All.Contain("stop-out 36,666.67 "));
        }

        /// <summary>
        /// Daily floor 10,000 × (1 − 2 %) = 9,800, remaining 200. Long 0.3 BTC: 60,000 − 200 / 0.3 = 59,333.333…,
        /// nearer 59,333.33 (below, the far side): shown up, 59,333.34.
        /// </summary>
        [Test]
        public void DailyText_NetLongBetweenTicksNearerTheFarOne_RoundsUpTowardTheMarket()
        {
            var result = RunPosition("Buy", 0.3);

            Assert.That(Find<ChartHorizontalLine>(result, LiquidationLevels.DailyLineName)!.Y, Is.EqualTo(60000 - 200 / 0.3).Within(1e-6));
            Assert.That(Find<ChartText>(result, LiquidationLevels.DailyTextName)!.Text, Is.EqualTo("Daily loss limit 2 % hit at 59,333.34 (floor equity 9,800.00)"));
        }

        /// <summary>Short 0.3 BTC: 60,000 + 200 / 0.3 = 60,666.666…, nearer 60,666.67 (above, the far side): shown down, 60,666.66.</summary>
        [Test]
        public void DailyText_NetShortBetweenTicksNearerTheFarOne_RoundsDownTowardTheMarket()
        {
            var result = RunPosition("Sell", 0.3);

            Assert.That(Find<ChartHorizontalLine>(result, LiquidationLevels.DailyLineName)!.Y, Is.EqualTo(60000 + 200 / 0.3).Within(1e-6));
            Assert.That(Find<ChartText>(result, LiquidationLevels.DailyTextName)!.Text, Is.EqualTo("Daily loss limit 2 % hit at 60,666.66 (floor equity 9,800.00)"));
        }

        /// <summary>
        /// Pre-trade, to BTCUSD's 1-dollar pip. Binance isolated (help centre formula, cum 0), 10x, MMR 0.4 % at
        /// 60,006: long 60,006 × 0.9 / 0.996 = 54,005.4 / 0.996 = 54,222.289…, nearer 54,222 (below, far): shown up,
        /// 54,223; short 60,006 × 1.1 / 1.004 = 66,006.6 / 1.004 = 65,743.625…, nearer 65,744 (above, far): shown
        /// down, 65,743.
        /// </summary>
        [Test]
        public void PreTradeLabel_ToThePip_BothLevelsRoundTowardTheMarket()
        {
            var result = Run(Options(Flat(0, 10, 60006).ToArray()), typeof(LiquidationLevels), Params(
                ("PreTradeLeverage", "10"), ("Model", "ExchangeIsolated"), ("MaintenanceMarginPercent", "0.4")));

            Assert.That(Find<ChartText>(result, LiquidationLevels.PreTextName)!.Text, Does.EndWith("long liq 54,223 · short liq 65,743"));
            Assert.That(Find<ChartHorizontalLine>(result, LiquidationLevels.PreLongLineName)!.Y, Is.EqualTo(60006 * 0.9 / 0.996).Within(1e-6));
            Assert.That(Find<ChartHorizontalLine>(result, LiquidationLevels.PreShortLineName)!.Y, Is.EqualTo(60006 * 1.1 / 1.004).Within(1e-6));
        }

        /// <summary>
        /// Pre-trade with more decimals than the pip (five significant digits: a coin at 1.0008 with pip 0.01 shows
        /// 4 decimals). Same model: long 1.0008 × 0.9 / 0.996 = 0.90072 / 0.996 = 0.904337…, nearer 0.9043 (far):
        /// shown up, 0.9044; short 1.0008 × 1.1 / 1.004 = 1.10088 / 1.004 = 1.096494…, nearer 1.0965 (far): shown
        /// down, 1.0964.
        /// </summary>
        [Test]
        public void PreTradeLabel_FiveSignificantDigits_BothLevelsRoundTowardTheMarket()
        {
            var options = Options(Flat(0, 10, 1.0008).ToArray());
            options.Symbol.Name = "XRPUSD";
            options.Symbol.Digits = 4;
            options.Symbol.TickSize = 0.0001;
            options.Symbol.PipSize = 0.01;
            options.Symbol.VolumeInUnitsMin = 1;
            options.Symbol.VolumeInUnitsStep = 1;
            options.Symbol.VolumeInUnitsMax = 10_000_000;

            var result = Run(options, typeof(LiquidationLevels), Params(
                ("PreTradeLeverage", "10"), ("Model", "ExchangeIsolated"), ("MaintenanceMarginPercent", "0.4")));

            Assert.That(Find<ChartText>(result, LiquidationLevels.PreTextName)!.Text, Does.EndWith("long liq 0.9044 · short liq 1.0964"));
        }

        /// <summary>
        /// A pip that is not a power of ten (0.5, shown with no decimals): 54,222.289 goes onto the pip up to
        /// 54,222.5, then onto the shown whole number up to 54,223 (formatting 54,222.5 as N0 would round to
        /// the nearest); a short's 65,743.625 goes down to 65,743.5, then 65,743. A level on the tick stays there,
        /// also with a unit of floating-point noise (StepMath's tolerance, 1e-9 of a step).
        /// </summary>
        [TestCase(TradeSide.Long, 54222.289, 0.5, 0, 54223.0)]
        [TestCase(TradeSide.Short, 65743.625, 0.5, 0, 65743.0)]
        [TestCase(TradeSide.Long, 49333.3333333, 0.01, 2, 49333.34)]
        [TestCase(TradeSide.Short, 70666.6666667, 0.01, 2, 70666.66)]
        [TestCase(TradeSide.Long, 46000.0, 0.01, 2, 46000.0)]
        [TestCase(TradeSide.Long, 46000.000000000007, 0.01, 2, 46000.0)] // one ulp of noise above the tick stays on it
        [TestCase(TradeSide.Short, 45999.999999999993, 0.01, 2, 46000.0)] // one ulp below
        public void TowardMarket_StepAndShownDecimals_ByHand(TradeSide side, double price, double step, int decimals, double expected)
        {
            Assert.That(LiquidationPanel.TowardMarket(side, price, step, decimals), Is.EqualTo(expected).Within(1e-9));
        }
    }
}
