using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Margin;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Risk.Tests
{
    public class LiquidationWorkedExamplesTests
    {
        private static StopOutAccount Account(MarginPricing pricing, double equity = 10_000, double level = 50)
            => new StopOutAccount(equity, 60_000, Fraction.FromPercent(level), 0, MarginSchedule.Fixed(5), MarginAggregation.Max, pricing, ConversionRates.Identity);

        // Issue 2, worked by hand: 0.5 BTC @ 60,000, 1:5 → margin 6,000; stop-out 50 % → equity 3,000.
        // Frozen long: 10,000 + 0.5 (X − 60,000) = 3,000 → X = 46,000. Short: X = 74,000.
        // Live long: 10,000 + 0.5 (X − 60,000) = 0.5 × 0.1 X → 0.45 X = 20,000 → 44,444.44.
        // Live short: 10,000 − 0.5 (X − 60,000) = 0.05 X → 0.55 X = 40,000 → 72,727.27.
        [TestCase(TradeSide.Long, MarginPricing.FrozenAtOpen, 46_000.0)]
        [TestCase(TradeSide.Short, MarginPricing.FrozenAtOpen, 74_000.0)]
        [TestCase(TradeSide.Long, MarginPricing.RecalculatedAtPrice, 44_444.444444)]
        [TestCase(TradeSide.Short, MarginPricing.RecalculatedAtPrice, 72_727.272727)]
        public void CTraderStopOut_IssueExample_MatchesHandWorkedPrice(TradeSide side, MarginPricing pricing, double expected)
        {
            var result = CTraderStopOut.Solve(Account(pricing), new PositionExposure(side, 0.5, 60_000));

            Assert.That(result.Outcome, Is.EqualTo(LiquidationOutcome.AtPrice));
            Assert.That(result.Price!.Value.Value, Is.EqualTo(expected).Within(0.001));
        }

        [Test]
        public void BybitIsolated_HelpCentreExample_Is9850()
        {
            // Bybit help centre "Liquidation Price (USDT Contract)": long 1 BTC @ 10,000, 50x, MMR 0.5 %
            // → 10,000 × (1 − 0.02 + 0.005) = 9,850.
            var result = BybitLiquidation.Isolated(TradeSide.Long, 10_000, 50, 0.005);

            Assert.That(result.Price!.Value.Value, Is.EqualTo(9_850).Within(1e-9));
        }

        [Test]
        public void BinanceMaintenanceAmount_IssueExample_Is1300()
        {
            // Binance: cum = previous cum + floor × (mmr − previous mmr) = 50 + 250,000 × (1 % − 0.5 %) = 1,300.
            Assert.That(MaintenanceBrackets.MaintenanceAmount(250_000, 0.01, 0.005, 50), Is.EqualTo(1_300).Within(1e-9));
        }
    }
}
