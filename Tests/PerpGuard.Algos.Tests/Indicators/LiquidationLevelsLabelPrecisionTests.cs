using System.Linq;
using cAlgo.API;
using cAlgo.Indicators;
using static PerpGuard.Algos.Tests.Indicators.IndicatorHarness;

namespace PerpGuard.Algos.Tests.Indicators
{
    /// <summary>
    /// The pre-trade label rounds levels to the pip so they do not flicker with every tick. A symbol whose pip
    /// is coarse against its price (a one-dollar coin with pip 0.01, as `perpguard backtest` gives coins under
    /// 100) then read "0.90" for 0.9036 — almost 0.4 % off. The label keeps at least five significant digits
    /// of the price.
    /// </summary>
    public class LiquidationLevelsLabelPrecisionTests
    {
        /// <summary>
        /// Binance USDⓈ-M isolated (help centre formula, cum 0): 10x, MMR 0.4 % at 1.0000 → long 0.9 / 0.996 =
        /// 0.903614, short 1.1 / 1.004 = 1.095618; five significant digits of 1.0000 are 4 decimals, rounded toward
        /// the market (a long's up, a short's down) → 0.9037 and 1.0956.
        /// </summary>
        [Test]
        public void PreTradeLabel_CoarsePipOnOneDollarCoin_ShowsFiveSignificantDigits()
        {
            var options = Options(Flat(0, 10, 1.0).ToArray());
            options.Symbol.Name = "XRPUSD";
            options.Symbol.Digits = 4;
            options.Symbol.TickSize = 0.0001;
            options.Symbol.PipSize = 0.01;
            options.Symbol.VolumeInUnitsMin = 1;
            options.Symbol.VolumeInUnitsStep = 1;
            options.Symbol.VolumeInUnitsMax = 10_000_000;

            var result = Run(options, typeof(LiquidationLevels), Params(
                ("PreTradeLeverage", "10"), ("Model", "ExchangeIsolated"), ("MaintenanceMarginPercent", "0.4")));

            var label = Find<ChartText>(result, LiquidationLevels.PreTextName)!.Text;
            Assert.That(label, Does.EndWith("long liq 0.9037 · short liq 1.0956"));
        }

        [TestCase(1.0, 60_000.0, 0)]
        [TestCase(0.0001, 1.1, 4)]
        [TestCase(0.01, 1.0, 4)]
        [TestCase(0.01, 150.0, 2)]
        public void LabelDecimals_PipAndPrice_AtLeastThePipAndFiveSignificantDigits(double pip, double price, int decimals)
        {
            Assert.That(LiquidationPanel.LabelDecimals(pip, price), Is.EqualTo(decimals));
        }
    }
}
