using PerpGuard.Cli.Calculators;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Cli.Tests
{
    /// <summary>
    /// A liquidation / stop-out price is shown rounded toward the market (a long's up, a short's down), like a
    /// stop: a trader who places the stop at the shown price must be stopped before the broker liquidates.
    /// Rounding to the nearest cent showed a live long's 44,444.444… as 44,444.44, just past the stop-out.
    /// </summary>
    public class LiquidationRoundingTests
    {
        [Test]
        public void Liquidation_CTraderLiveLong_RoundedUpTo4444445()
        {
            // README example: balance 10,000, 0.5 BTC long @ 60,000, leverage 5, stop-out 50 %, margin at price:
            // 10,000 + 0.5 (P − 60,000) = 0.5 × 0.5 P / 5 → 0.45 P = 20,000 → P = 44,444.444… → up: 44,444.45.
            var json = ProgramRunner.Json("liquidation", "--model", "ctrader-live", "--side", "long", "--entry", "60000", "--quantity", "0.5", "--equity", "10000", "--price", "60000", "--stop-out-level", "50", "--leverage", "5");

            Assert.That((double)json["liquidationPrice"]!, Is.EqualTo(44_444.45).Within(1e-9));
        }

        [Test]
        public void Liquidation_BinanceIsolatedShort_RoundedDownTo280502()
        {
            // Binance USDⓈ-M formula, isolated (TMM = UPNL = 0), short (side −1), cum 0:
            // LP = (WB + qty × EP) / (qty × MMR + qty) = (333.33 + 0.7 × 2,345.67) / (0.7 × 0.006 + 0.7)
            //    = 1,975.299 / 0.7042 = 2,805.0256… → down (toward the market for a short): 2,805.02
            // (the nearest cent, 2,805.03, lies beyond the true liquidation price).
            var json = ProgramRunner.Json("liquidation", "--model", "binance-isolated", "--side", "short", "--entry", "2345.67", "--quantity", "0.7", "--wallet", "333.33", "--mmr", "0.006");

            Assert.That((double)json["liquidationPrice"]!, Is.EqualTo(2_805.02).Within(1e-9));
        }

        [Test]
        public void Liquidation_BinanceIsolatedShortBuffer_BufferedRoundedDown()
        {
            // Buffered = LP − 0.1 × (LP − EP) = 2,805.0256 − 0.1 × 459.3556 = 2,759.0900… → down: 2,759.09.
            var json = ProgramRunner.Json("liquidation", "--model", "binance-isolated", "--side", "short", "--entry", "2345.67", "--quantity", "0.7", "--wallet", "333.33", "--mmr", "0.006", "--buffer", "0.1");

            Assert.That((double)json["bufferedPrice"]!, Is.EqualTo(2_759.09).Within(1e-9));
        }

        [TestCase(46_000.000000000007, TradeSide.Long, 2, 46_000.00)]
        [TestCase(73_999.999999999993, TradeSide.Short, 2, 74_000.00)]
        [TestCase(0.95182915, TradeSide.Long, 5, 0.95183)]
        [TestCase(0.95182915, TradeSide.Short, 5, 0.95182)]
        public void RoundTowardMarket_FloatingNoiseAndDirection_ByHand(double price, TradeSide side, int decimals, double expected)
        {
            // Noise 1e-11 below or above a whole cent is not a cent; otherwise a long goes up, a short down.
            Assert.That(CliFormat.RoundTowardMarket(price, side, decimals), Is.EqualTo(expected).Within(1e-12));
        }
    }
}
