using System.Linq;
using cAlgo.API;
using cAlgo.Indicators;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.Runtime;
using PerpGuard.MarketData;
using static PerpGuard.Algos.Tests.Indicators.IndicatorHarness;

namespace PerpGuard.Algos.Tests.Indicators
{
    /// <summary>
    /// LiquidationLevels run headless with a scripted cBot opening positions on the simulated account.
    /// Prices are flat at 60,000 so equity stays at the 10,000 balance and every level is worked by hand
    /// (the cTrader stop-out example): BTCUSD 0.5 @ 60,000, symbol leverage 5 → margin
    /// 0.5 × 60,000 / 5 = 6,000, stop-out level 50 %.
    /// Frozen margin, long: 10,000 + 0.5·(X − 60,000) = 0.5 × 6,000 → X = 46,000; short: X = 74,000.
    /// Margin at price, long: 10,000 + 0.5·(X − 60,000) = 0.5 × 0.5·X/5 → 0.45·X = 20,000 → X = 44,444.44.
    /// </summary>
    public class LiquidationLevelsTests
    {
        private const string StopOutPrefix = "PerpGuard.Liq.StopOut.";

        private static BacktestResult RunWith(string side, double stopLossPips, int closeAtBar = -1, params (string, string)[] parameters) =>
            RunScripted(("Side", side), ("StopLossPips", stopLossPips.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("CloseAtBar", closeAtBar.ToString(System.Globalization.CultureInfo.InvariantCulture)), parameters);

        private static BacktestResult RunScripted((string, string) side, (string, string) stop, (string, string) close, (string, string)[] parameters, params (string, string)[] extra)
        {
            var bars = Flat(0, 30, 60000).ToArray();
            var robot = new AlgoSpec(typeof(ScriptedPositionsRobot), Params(new[] { ("OpenAtBar", "2"), ("Volume", "0.5"), side, stop, close }.Concat(extra).ToArray()));
            return Run(Options(bars, symbolLeverage: 5, accountLeverage: 10), typeof(LiquidationLevels), Params(parameters), robot);
        }

        private static ChartHorizontalLine? StopOutLine(BacktestResult result) =>
            result.Chart.Objects.OfType<ChartHorizontalLine>().SingleOrDefault(o => o.Name.StartsWith(StopOutPrefix, System.StringComparison.Ordinal));

        private static bool SameColor(Color a, Color b) => a.A == b.A && a.R == b.R && a.G == b.G && a.B == b.B;

        [Test]
        public void StopOutLine_LongHalfBtcFrozenMargin_SitsAtHandWorked46000()
        {
            var result = RunWith("Buy", 1000);

            var line = StopOutLine(result);

            Assert.That(line, Is.Not.Null);
            Assert.That(line!.Y, Is.EqualTo(46000).Within(1e-4));
        }

        [Test]
        public void StopOutLine_ShortHalfBtcFrozenMargin_SitsAtHandWorked74000()
        {
            var result = RunWith("Sell", 1000);

            Assert.That(StopOutLine(result)!.Y, Is.EqualTo(74000).Within(1e-4));
        }

        [Test]
        public void StopOutLine_MarginFollowsPrice_SitsAtHandWorked44444()
        {
            var result = RunWith("Buy", 1000, -1, ("MarginFollowsPrice", "true"));

            Assert.That(StopOutLine(result)!.Y, Is.EqualTo(200000.0 / 4.5).Within(1e-4));
        }

        [Test]
        public void StopOutText_Long_ShowsDistanceInPercentFromPrice()
        {
            var result = RunWith("Buy", 1000);

            var text = result.Chart.Objects.OfType<ChartText>().Single(o => o.Name.StartsWith("PerpGuard.Liq.StopOutText.", System.StringComparison.Ordinal));

            // (60,000 − 46,000) / 60,000 = 23.33 %.
            Assert.That(text.Text, Does.Contain("stop-out 46,000.00").And.Contain("23.33 % away"));
        }

        [Test]
        public void StopOutLine_StopLossInsideStopOut_IsSafeColour()
        {
            var result = RunWith("Buy", 1000); // SL 59,000, far inside 46,000

            Assert.That(SameColor(StopOutLine(result)!.Color, LiquidationLevels.SafeColor), Is.True);
        }

        [Test]
        public void StopOutLine_StopLossBeyondStopOut_TurnsWarningColour()
        {
            var result = RunWith("Buy", 15000); // SL 45,000 < stop-out 46,000

            Assert.That(SameColor(StopOutLine(result)!.Color, LiquidationLevels.WarningColor), Is.True);
        }

        [Test]
        public void StopOutLine_StopLossWithinBuffer_TurnsWarningColour()
        {
            // SL 46,200 sits 200 above the stop-out; the 0.5 % buffer is 300 at 60,000.
            var result = RunWith("Buy", 13800);

            Assert.That(SameColor(StopOutLine(result)!.Color, LiquidationLevels.WarningColor), Is.True);
        }

        [Test]
        public void StopOutLine_NoStopLoss_TurnsWarningColourAndSaysSo()
        {
            var result = RunWith("Buy", 0);

            Assert.That(SameColor(StopOutLine(result)!.Color, LiquidationLevels.WarningColor), Is.True);
            var text = result.Chart.Objects.OfType<ChartText>().Single(o => o.Name.StartsWith("PerpGuard.Liq.StopOutText.", System.StringComparison.Ordinal));
            Assert.That(text.Text, Does.Contain("NO STOP LOSS"));
        }

        [Test]
        public void StopOutLine_StopMovedBeyondStopOut_TurnsWarning()
        {
            // Opened with SL 59,000 (safe); at bar 10 the stop is moved to 45,000, below the 46,000 stop-out.
            var result = RunScripted(("Side", "Buy"), ("StopLossPips", "1000"), ("CloseAtBar", "-1"), new (string, string)[0],
                ("ModifyAtBar", "10"), ("NewStopLoss", "45000"));

            Assert.That(SameColor(StopOutLine(result)!.Color, LiquidationLevels.WarningColor), Is.True);
        }

        /// <summary>
        /// Hedged account, long 0.5 and short 0.2 at 60,000: margins 6,000 and 2,400, cTrader hedged margin
        /// takes the larger side (6,000). Net 0.3 long: 10,000 + 0.3·(X − 60,000) = 0.5 × 6,000 →
        /// X = 60,000 − 7,000 / 0.3 = 36,666.67, one account-wide price drawn for each position.
        /// </summary>
        [Test]
        public void StopOutLines_HedgedLongAndShort_BothAtTheAccountWidePrice()
        {
            var result = RunScripted(("Side", "Buy"), ("StopLossPips", "1000"), ("CloseAtBar", "-1"), new (string, string)[0], ("HedgeVolume", "0.2"));

            var lines = result.Chart.Objects.OfType<ChartHorizontalLine>().Where(o => o.Name.StartsWith(StopOutPrefix, System.StringComparison.Ordinal)).ToArray();

            Assert.That(lines, Has.Length.EqualTo(2));
            Assert.That(lines.Select(l => l.Y), Is.All.EqualTo(60000 - (7000 / 0.3)).Within(1e-4));
        }

        [Test]
        public void StopOutLine_AfterThePositionCloses_IsRemoved()
        {
            var result = RunWith("Buy", 1000, closeAtBar: 10);

            Assert.That(StopOutLine(result), Is.Null);
            Assert.That(Find<ChartHorizontalLine>(result, LiquidationLevels.DailyLineName), Is.Null);
            Assert.That(result.Chart.DrawLog.Any(e => e.Contains(StopOutPrefix)), Is.True, "it was drawn while open");
        }

        /// <summary>
        /// Daily loss 2 % of the 10,000 start-of-day balance: floor 9,800, remaining 200; the long 0.5 BTC
        /// reaches it 200 / 0.5 = 400 below 60,000 → 59,600 (same as the risk core's worked example).
        /// </summary>
        [Test]
        public void DailyLine_LongHalfBtc_SitsWhereEquityHitsTheTwoPercentFloor()
        {
            var result = RunWith("Buy", 1000);

            Assert.That(Find<ChartHorizontalLine>(result, LiquidationLevels.DailyLineName)!.Y, Is.EqualTo(59600).Within(1e-6));
        }

        /// <summary>
        /// Pre-trade, cTrader model, 2x on equity 10,000 at 60,000: 1/3 BTC, margin (20,000 / 5) = 4,000;
        /// long: 10,000 + (X − 60,000)/3 = 0.5 × 4,000 → X = 36,000; short: 10,000 − (X − 60,000)/3 = 2,000 → 84,000.
        /// </summary>
        [Test]
        public void PreTradeOutputs_CTraderModelTwoX_MatchHandWorkedPrices()
        {
            var result = Run(Options(Flat(0, 10, 60000).ToArray(), symbolLeverage: 5, accountLeverage: 10), typeof(LiquidationLevels), Params(("PreTradeLeverage", "2")));

            Assert.That(Output(result, "Pre-trade Long Liquidation")[5], Is.EqualTo(36000).Within(1e-4));
            Assert.That(Output(result, "Pre-trade Short Liquidation")[5], Is.EqualTo(84000).Within(1e-4));
            Assert.That(Find<ChartHorizontalLine>(result, LiquidationLevels.PreLongLineName)!.Y, Is.EqualTo(36000).Within(1e-4));
        }

        /// <summary>
        /// Exchange isolated model, Binance's formula LP = (WB + cum − side·Q·EP) / (Q·MMR − side·Q) with the
        /// isolated margin WB = Q·EP/L: 10x, MMR 0.4 %, cum 0, Q = 1, EP = 60,000 →
        /// long (6,000 − 60,000) / (0.004 − 1) = 54,216.87; short (6,000 + 60,000) / (0.004 + 1) = 65,737.05.
        /// </summary>
        [Test]
        public void PreTradeOutputs_ExchangeIsolatedTenX_MatchBinanceFormula()
        {
            var result = Run(Options(Flat(0, 10, 60000).ToArray()), typeof(LiquidationLevels), Params(
                ("PreTradeLeverage", "10"), ("Model", "ExchangeIsolated"), ("MaintenanceMarginPercent", "0.4")));

            Assert.That(Output(result, "Pre-trade Long Liquidation")[5], Is.EqualTo(54000 / 0.996).Within(1e-6));
            Assert.That(Output(result, "Pre-trade Short Liquidation")[5], Is.EqualTo(66000 / 1.004).Within(1e-6));
        }

        /// <summary>The 2x example above, as the label reads: 36,000 and 84,000, BTCUSD's pip being 1.</summary>
        [Test]
        public void PreTradeLabel_CTraderModelTwoX_ShowsHandWorkedLevelsToThePip()
        {
            var result = Run(Options(Flat(0, 10, 60000).ToArray(), symbolLeverage: 5, accountLeverage: 10), typeof(LiquidationLevels), Params(("PreTradeLeverage", "2")));

            var label = Find<ChartText>(result, LiquidationLevels.PreTextName)!.Text;

            Assert.That(label, Is.EqualTo("New at 2x (cTrader stop-out 50 %): long liq 36,000 · short liq 84,000"));
        }

        /// <summary>
        /// The Binance example above (54,216.87 / 65,737.05) rounded to BTCUSD's 1-dollar pip in the label, toward
        /// the market (a long's up, a short's down): 54,217 and 65,737; the lines stay at the exact prices.
        /// </summary>
        [Test]
        public void PreTradeLabel_ExchangeIsolatedTenX_RoundsToThePip()
        {
            var result = Run(Options(Flat(0, 10, 60000).ToArray()), typeof(LiquidationLevels), Params(
                ("PreTradeLeverage", "10"), ("Model", "ExchangeIsolated"), ("MaintenanceMarginPercent", "0.4")));

            var label = Find<ChartText>(result, LiquidationLevels.PreTextName)!.Text;

            Assert.That(label, Does.EndWith("(isolated, MMR 0.4 %): long liq 54,217 · short liq 65,737"));
            Assert.That(Find<ChartHorizontalLine>(result, LiquidationLevels.PreLongLineName)!.Y, Is.EqualTo(54000 / 0.996).Within(1e-6));
        }

        /// <summary>
        /// The label is re-made when a bar opens, not on every tick: Binance-style isolated 10x, MMR 0.4 %, so the
        /// long level is price × 0.9 / 0.996. The last bar opens at 60,000 (label 54,217, as above) and ticks up
        /// to 60,050 (+0.08 %, under the 0.5 % re-draw threshold): the line follows to 60,050 × 0.9 / 0.996 =
        /// 54,262.05 while the label still reads 54,217.
        /// </summary>
        [Test]
        public void PreTradeLabel_SmallMoveInsideTheBar_LineFollowsLabelKeepsBarOpen()
        {
            var bars = Flat(0, 9, 60000).Append(Bar(9, 60000, 60060, 59990, 60050)).ToArray();

            var result = Run(Options(bars), typeof(LiquidationLevels), Params(
                ("PreTradeLeverage", "10"), ("Model", "ExchangeIsolated"), ("MaintenanceMarginPercent", "0.4")));

            Assert.That(Find<ChartHorizontalLine>(result, LiquidationLevels.PreLongLineName)!.Y, Is.EqualTo(60050 * 0.9 / 0.996).Within(1e-6));
            Assert.That(Find<ChartText>(result, LiquidationLevels.PreTextName)!.Text, Does.Contain("long liq 54,217 "));
        }

        /// <summary>
        /// Same, but the last bar runs to 60,600 (+1 %, past 0.5 %): the label is re-made inside the bar,
        /// 60,600 × 0.9 / 0.996 = 54,759.04 → up, toward the market: 54,760.
        /// </summary>
        [Test]
        public void PreTradeLabel_MoveAboveHalfPercentInsideTheBar_LabelRedrawn()
        {
            var bars = Flat(0, 9, 60000).Append(Bar(9, 60000, 60600, 59990, 60600)).ToArray();

            var result = Run(Options(bars), typeof(LiquidationLevels), Params(
                ("PreTradeLeverage", "10"), ("Model", "ExchangeIsolated"), ("MaintenanceMarginPercent", "0.4")));

            Assert.That(Find<ChartText>(result, LiquidationLevels.PreTextName)!.Text, Does.Contain("long liq 54,760 "));
        }

        [TestCase(1.0, 0)]
        [TestCase(0.01, 2)]
        [TestCase(0.0001, 4)]
        [TestCase(0.1, 1)]
        public void PipDecimals_CommonPipSizes_ShowOnePip(double pip, int decimals)
        {
            Assert.That(LiquidationPanel.PipDecimals(pip), Is.EqualTo(decimals));
        }

        [Test]
        public void Optimization_NothingDrawn_OutputsStillCalculated()
        {
            // No chart exists in an optimisation pass: the indicator keeps its outputs and draws nothing.
            var options = Options(Flat(0, 10, 60000).ToArray(), symbolLeverage: 5, accountLeverage: 10);
            options.RunningMode = RunningMode.Optimization;

            var result = Run(options, typeof(LiquidationLevels), Params(("PreTradeLeverage", "2")));

            Assert.That(result.Chart.Objects, Is.Empty);
            Assert.That(Output(result, "Pre-trade Long Liquidation")[5], Is.EqualTo(36000).Within(1e-4));
        }

        [Test]
        public void PreTradeOutputs_OneXLongIsolated_CannotBeLiquidated()
        {
            var result = Run(Options(Flat(0, 10, 60000).ToArray()), typeof(LiquidationLevels), Params(
                ("PreTradeLeverage", "1"), ("Model", "ExchangeIsolated"), ("MaintenanceMarginPercent", "0.4")));

            // (60,000 − 60,000) / (0.004 − 1) = 0: no positive price liquidates it — "none", not a price.
            Assert.That(Output(result, "Pre-trade Long Liquidation")[5], Is.NaN);
        }

        [Test]
        public void Parameters_Defaults_MatchTheDocs()
        {
            var parameters = ParameterBinder.Describe(typeof(LiquidationLevels)).ToDictionary(p => p.PropertyName, p => p.Attribute.DefaultValue);

            Assert.That(parameters["DailyLossPercent"], Is.EqualTo(2.0));
            Assert.That(parameters["PreTradeLeverage"], Is.EqualTo(10.0));
            Assert.That(parameters["Model"], Is.EqualTo(LiquidationModel.CTraderStopOut));
        }
    }
}
