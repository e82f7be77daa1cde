using PerpGuard.Risk.Margin;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Sizing;

namespace PerpGuard.Risk.Tests
{
    /// <summary>Inputs that would silently loosen a limit are refused as invalid, never sized.</summary>
    public class SizingInputValidationTests
    {
        // Remaining daily allowance 50 USD; a share of 150 % would let one trade risk
        // min(1 % × 10,000 = 100, 1.5 × 50 = 75) = 75 USD: 25 USD past what is left of the day's budget.
        [Test]
        public void Decide_DailyAllowanceShareAboveOne_RefusedInvalidInput()
        {
            var d = PositionSizer.Decide(SizingWorkedExamplesTests.Btc(59_700) with
            {
                RemainingDailyAllowance = new Money(50, "USD"),
                DailyAllowanceShare = Fraction.FromPercent(150),
            });

            Assert.That(d.Refusal, Is.EqualTo(SizingRefusal.InvalidInput));
        }

        // The full share (100 %) is the limit itself: risk = min(100, 50) = 50 → 50 / 359.85 = 0.1389 → 0.13 BTC.
        [Test]
        public void Decide_DailyAllowanceShareOfOne_UsesWholeAllowance()
        {
            var d = PositionSizer.Decide(SizingWorkedExamplesTests.Btc(59_700) with
            {
                RemainingDailyAllowance = new Money(50, "USD"),
                DailyAllowanceShare = Fraction.FromPercent(100),
            });

            Assert.That(d.PlannedRisk.Amount, Is.EqualTo(50.0));
            Assert.That(d.Volume.Units, Is.EqualTo(0.13));
        }

        // A negative margin in use would add headroom to the margin-utilisation cap and the stop-out guard.
        [TestCase(-1_000.0)]
        [TestCase(double.NaN)]
        public void Decide_UsedMarginNegativeOrNaN_RefusedInvalidInput(double usedMargin)
        {
            var d = PositionSizer.Decide(SizingWorkedExamplesTests.Btc(59_700, symbol: TestSymbols.BtcUsdLeverage5()) with { UsedMargin = usedMargin });

            Assert.That(d.Refusal, Is.EqualTo(SizingRefusal.InvalidInput));
        }

        // A buffer of 100 % puts the buffered stop-out price at the entry: no stop can be inside it. The
        // Bybit guard already refused that; the cTrader guard ignored the buffer (threshold = stop) and sized.
        [TestCase(100.0)]
        [TestCase(150.0)]
        [TestCase(-5.0)]
        public void Decide_CTraderGuardBufferOutsideZeroToOne_RefusedInvalidInput(double bufferPercent)
        {
            var d = PositionSizer.Decide(SizingWorkedExamplesTests.Btc(59_700, symbol: TestSymbols.BtcUsdLeverage5()) with
            {
                Guard = LiquidationGuard.CTrader(Fraction.FromPercent(50), Fraction.FromPercent(bufferPercent)),
            });

            Assert.That(d.Refusal, Is.EqualTo(SizingRefusal.InvalidInput));
        }

        // A Bybit guard without a usable leverage computed "never liquidated" and let any stop through.
        [TestCase(0.0)]
        [TestCase(double.NaN)]
        [TestCase(double.PositiveInfinity)]
        public void Decide_BybitGuardLeverageNotPositiveFinite_RefusedInvalidInput(double leverage)
        {
            var d = PositionSizer.Decide(SizingWorkedExamplesTests.Btc(59_700) with
            {
                Guard = LiquidationGuard.BybitIsolated(leverage, Fraction.FromPercent(0.5), Fraction.Zero),
            });

            Assert.That(d.Refusal, Is.EqualTo(SizingRefusal.InvalidInput));
        }
    }
}
