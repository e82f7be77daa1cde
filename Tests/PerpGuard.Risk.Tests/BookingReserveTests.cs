using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Sizing;
using PerpGuard.Risk.Stops;

namespace PerpGuard.Risk.Tests
{
    /// <summary>
    /// The booking reserve: the broker books a trade's gross profit and each side's commission in whole money
    /// units (cents on a USD account; cTrader's deal amounts are integers of the deposit asset's digits), each up
    /// to one unit away from its exact value. Sizing keeps 3 units of the risk budget for that, so a trade
    /// stopped at its stop never books more than the risk; targets and break-even cover it as a cost.
    /// Values worked by hand below.
    /// </summary>
    public class BookingReserveTests
    {
        [Test]
        public void For_CentAccount_ReserveIsThreeCentsSpreadOverTheBoundVolume()
        {
            // 3 booked parts (gross, entry commission, exit commission) × 0.01 = 0.03; over 0.1 BTC: 0.30 per BTC.
            var fees = FeeCoefficients.For(TestSymbols.BtcUsd(feePercent: 0), ConversionRates.Identity, moneyStep: 0.01);
            var bound = fees.ForVolume(0.1);

            Assert.That(fees.BookingReserve, Is.EqualTo(0.03).Within(1e-12));
            Assert.That(fees.ReservePerUnit, Is.EqualTo(0), "unbound: no per-unit figure");
            Assert.That(bound.ReservePerUnit, Is.EqualTo(0.3).Within(1e-12));
            Assert.That(bound.RoundTrip(60_000, 59_900), Is.EqualTo(0.3).Within(1e-12), "no commission: the reserve alone");

            // 0.1 BTC losing 100 per BTC: 10.00, plus the 0.03 reserve.
            Assert.That(fees.LossAt(0.1, 100, 60_000, 59_900), Is.EqualTo(10.03).Within(1e-12));
            Assert.That(fees.IsVolumeDependent, Is.True);
            Assert.That(FeeCoefficients.For(TestSymbols.BtcUsd(feePercent: 0), ConversionRates.Identity).IsVolumeDependent, Is.False);
        }

        [Test]
        public void MaxUnitsWithin_CentAccount_ReserveComesOffTheBudget()
        {
            // Budget 100, 100 per BTC to the stop, no fees: (100 − 0.03) / 100 = 0.9997 BTC.
            var fees = FeeCoefficients.For(TestSymbols.BtcUsd(feePercent: 0), ConversionRates.Identity, moneyStep: 0.01);

            Assert.That(fees.MaxUnitsWithin(100, 100, 60_000, 59_900), Is.EqualTo(0.9997).Within(1e-12));
            Assert.That(fees.MaxUnitsWithin(0.03, 100, 60_000, 59_900), Is.EqualTo(0), "the reserve eats the whole budget");
        }

        [Test]
        public void Decide_CentAccountExactFit_SizeFlooredBelowTheReserve()
        {
            // Equity 10,000 × 1 % = 100; long 60,000, stop 59,900 (100 per BTC), no fees, step 0.01.
            // Exact money: 100 / 100 = 1.00 BTC, risk 100.00 — a cent of rounding would book 100.01, over the limit.
            // Cents: (100 − 0.03) / 100 = 0.9997 → 0.99 BTC; risk 0.99 × 100 + 0.03 = 99.03.
            var exact = PositionSizer.Decide(Request(moneyStep: 0));
            var cents = PositionSizer.Decide(Request(moneyStep: 0.01));

            Assert.That(exact.Volume.Units, Is.EqualTo(1.0).Within(1e-12));
            Assert.That(exact.RealisedRisk.Amount, Is.EqualTo(100.0).Within(1e-9));
            Assert.That(cents.Volume.Units, Is.EqualTo(0.99).Within(1e-12));
            Assert.That(cents.RealisedRisk.Amount, Is.EqualTo(99.03).Within(1e-9));
            Assert.That(cents.PerUnitRisk, Is.EqualTo(100 + 0.03 / 0.99).Within(1e-9));
        }

        [Test]
        public void Decide_CentAccount_TargetCoversTheReserve()
        {
            // At 0.99 BTC: c = 100 + 0.03 / 0.99 = 100.030303 per BTC. The long target nets 1.5 c after the reserve:
            // T = E + 1.5 c + 0.03 / 0.99 = 60,000 + 150.045455 + 0.030303 = 60,150.075758 → up to the tick: 60,150.08.
            // Check: 0.99 × 150.08 = 148.5792 − 0.03 = 148.5492 ≥ 1.5 × 99.03 = 148.545.
            var d = PositionSizer.Decide(Request(moneyStep: 0.01));

            Assert.That(d.TakeProfit!.Value.Value, Is.EqualTo(60_150.08).Within(1e-9));
        }

        [Test]
        public void Decide_RiskWithinTheReserve_RefusedFeesAboveRisk()
        {
            // A fixed risk of 0.03 is all reserve: nothing is left for the move to the stop.
            var request = Request(moneyStep: 0.01) with { Mode = SizingMode.FixedMoney, FixedRisk = new Money(0.03, "USD") };

            Assert.That(PositionSizer.Decide(request).Refusal, Is.EqualTo(SizingRefusal.FeesAboveRisk));
        }

        [Test]
        public void Decide_NegativeMoneyStep_InvalidInput()
        {
            Assert.That(PositionSizer.Decide(Request(moneyStep: -0.01)).Refusal, Is.EqualTo(SizingRefusal.InvalidInput));
        }

        [TestCase(TradeSide.Long, 59_900, 60_200, 60_000.30)]
        [TestCase(TradeSide.Short, 60_100, 59_800, 59_999.70)]
        public void BreakEvenApply_CentAccount_StopNetsTheReserve(TradeSide side, double initialStop, double price, double expected)
        {
            // 0.1 BTC, no commission: break-even must win back the 0.03 the rounding may take, 0.03 / 0.1 = 0.30 per BTC
            // beyond the entry. Booked at that stop the gross is 0.1 × 0.30 = 0.03, never a loss however it rounds.
            var fees = FeeCoefficients.For(TestSymbols.BtcUsd(feePercent: 0), ConversionRates.Identity, moneyStep: 0.01).ForVolume(0.1);

            Assert.That(new BreakEvenRule(1.0).Apply(side, 60_000, initialStop, initialStop, price, 0.01, fees), Is.EqualTo(expected).Within(1e-9));
            Assert.That(new BreakEvenRule(1.0).Apply(side, 60_000, initialStop, initialStop, price, 0.01, FeeCoefficients.Free.ForVolume(0.1)), Is.EqualTo(60_000), "exact money: the entry");
        }

        private static SizingRequest Request(double moneyStep) => new SizingRequest
        {
            Symbol = TestSymbols.BtcUsd(feePercent: 0),
            Side = TradeSide.Long,
            Entry = new Price(60_000),
            Stop = new Price(59_900),
            Equity = new Money(10_000, "USD"),
            RiskFraction = Fraction.FromPercent(1),

            // Leverage 10 allows 1.67 BTC, so the risk decides the size.
            MaxLeverage = 10,
            MoneyStep = moneyStep,
        };
    }
}
