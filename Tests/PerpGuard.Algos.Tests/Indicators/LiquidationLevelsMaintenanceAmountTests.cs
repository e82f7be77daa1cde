using System.Linq;
using cAlgo.Indicators;
using static PerpGuard.Algos.Tests.Indicators.IndicatorHarness;

namespace PerpGuard.Algos.Tests.Indicators
{
    /// <summary>
    /// The exchange-isolated pre-trade levels with a maintenance amount (Binance's cum). Binance USDⓈ-M
    /// (help centre, "How to Calculate Liquidation Price of USDⓈ-M Futures Contracts"), one-way isolated:
    /// LP = (WB + cum − side·Q·EP) / (Q·MMR − side·Q). cum is money for the whole position, so the price
    /// depends on the size Q; the indicator sizes the position it describes like its cTrader model does:
    /// worth Leverage × equity, Q = L·equity / EP, WB = Q·EP / L = equity (10,000 on the harness account).
    /// </summary>
    public class LiquidationLevelsMaintenanceAmountTests
    {
        private static (double Long, double Short) PreTrade(double price)
        {
            var result = Run(Options(Flat(0, 10, price).ToArray()), typeof(LiquidationLevels), Params(
                ("PreTradeLeverage", "10"), ("Model", "ExchangeIsolated"), ("MaintenanceMarginPercent", "0.5"), ("MaintenanceAmount", "50")));
            return (Output(result, "Pre-trade Long Liquidation")[5], Output(result, "Pre-trade Short Liquidation")[5]);
        }

        /// <summary>
        /// BTC at 60,000, 10x, MMR 0.5 %, cum 50: Q = 10 × 10,000 / 60,000 = 5/3 BTC, WB = 10,000.
        /// Long (10,000 + 50 − 100,000) / (5/3 × (0.005 − 1)) = 89,950 / 1.658333 = 54,241.206;
        /// short (10,000 + 50 + 100,000) / (5/3 × 1.005) = 110,050 / 1.675 = 65,701.493.
        /// (Treating cum as owed by a 1-BTC position gave 54,221.11 / 65,721.39.)
        /// </summary>
        [Test]
        public void PreTradeOutputs_BinanceCumFifty_SizedAtLeverageTimesEquity()
        {
            var (longLevel, shortLevel) = PreTrade(60_000);

            Assert.That(longLevel, Is.EqualTo(89_950 / (5.0 / 3.0 * 0.995)).Within(1e-6));
            Assert.That(shortLevel, Is.EqualTo(110_050 / (5.0 / 3.0 * 1.005)).Within(1e-6));
        }

        /// <summary>
        /// A 1-dollar coin, same settings: Q = 100,000 units, WB = 10,000: long (10,000 + 50 − 100,000) /
        /// (100,000 × −0.995) = 0.904020. With cum charged to a single unit the formula went negative
        /// ((0.1 + 50 − 1) / (0.005 − 1) = −49.3) and the chart said "no liquidation".
        /// </summary>
        [Test]
        public void PreTradeOutputs_BinanceCumFiftyOnOneDollarCoin_IsAPriceNotNone()
        {
            var (longLevel, _) = PreTrade(1.0);

            Assert.That(longLevel, Is.EqualTo(89_950 / 99_500.0).Within(1e-9));
        }
    }
}
