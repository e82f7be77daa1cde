using System;
using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Risk.Tests
{
    public class InstrumentTests
    {
        // 0.83 / 0.01 is 82.99999999999999 in doubles: a naive floor would give 0.82.
        [TestCase(0.83, 0.01, 0.83)]
        [TestCase(0.27789, 0.01, 0.27)]
        [TestCase(0.0099999, 0.01, 0.0)]
        [TestCase(1.0, 0.1, 1.0)]
        [TestCase(0.3, 0.1, 0.3)]
        [TestCase(12_345.0, 1000, 12_000.0)]
        public void StepMathFloor_GridValues_FloorExactly(double value, double step, double expected)
        {
            Assert.That(StepMath.Floor(value, step), Is.EqualTo(expected));
        }

        [TestCase(0.01, 2)]
        [TestCase(0.5, 1)]
        [TestCase(0.00001, 5)]
        [TestCase(25.0, 0)]
        public void StepMathDecimalsOf_TickSizes_CountsDecimals(double step, int decimals)
        {
            Assert.That(StepMath.DecimalsOf(step), Is.EqualTo(decimals));
        }

        // Straddling the minimum 0.01 with step 0.01: 0.01 is kept, 0.0099 is refused (never rounded up).
        [TestCase(0.0100, true, 0.01)]
        [TestCase(0.0099, false, 0.0)]
        [TestCase(0.0199, true, 0.01)]
        public void TryNormalizeVolume_AroundMinimum_RefusesBelowNeverRoundsUp(double units, bool ok, double expected)
        {
            var spec = TestSymbols.BtcUsd();

            Assert.That(spec.TryNormalizeVolume(units, out var v), Is.EqualTo(ok));
            Assert.That(v.Units, Is.EqualTo(expected));
        }

        [Test]
        public void FloorVolume_AboveMaximum_CapsAtMaximum()
        {
            Assert.That(TestSymbols.BtcUsd(volumeMax: 5).FloorVolume(7.777).Units, Is.EqualTo(5));
        }

        // Rounding never adds risk: long stops and targets round up, short ones down (tick 0.01).
        [TestCase(TradeSide.Long, 59_700.004, 59_700.01)]
        [TestCase(TradeSide.Long, 59_700.0, 59_700.0)]
        [TestCase(TradeSide.Short, 60_300.006, 60_300.0)]
        [TestCase(TradeSide.Short, 60_300.0, 60_300.0)]
        public void RoundStop_OffTick_RoundsTowardMarket(TradeSide side, double stop, double expected)
        {
            Assert.That(TestSymbols.BtcUsd().RoundStop(side, stop).Value, Is.EqualTo(expected));
        }

        [TestCase(TradeSide.Long, 60_600.075, 60_600.08)]
        [TestCase(TradeSide.Short, 59_400.075, 59_400.07)]
        public void RoundTarget_OffTick_RoundsAwayFromMarket(TradeSide side, double target, double expected)
        {
            Assert.That(TestSymbols.BtcUsd().RoundTarget(side, target).Value, Is.EqualTo(expected));
        }

        [Test]
        public void Constructor_SeveralInvalidFields_ReportsAllInOneMessage()
        {
            var ex = Assert.Throws<ArgumentException>(() => new InstrumentSpec("X", tickSize: 0, volumeMin: -1, volumeStep: 0));

            Assert.That(ex!.Message, Does.Contain("tick size").And.Contain("volume step").And.Contain("volume minimum"));
        }

        // Commission per side, worked by hand:
        // 30 USD/million on 100,000 EURUSD at 1.10000 = 110,000 USD notional → 3.30 USD.
        // 7 USD/lot, lot 100,000 → 100,000 units = 7.00 USD.
        // 5 GBP (quote)/lot on EURGBP, GBP→USD account 1.25 → 6.25 USD.
        // 0.05 % of 1 BTC at 60,000 → 30.00.  Exchange taker 0.04 % / maker 0.02 % of 1 ETH at 3,000 → 1.20 / 0.60.
        [Test]
        public void CommissionForFill_CTradersFourKinds_MatchHandWorkedFees()
        {
            var id = ConversionRates.Identity;
            Assert.That(CommissionModel.UsdPerMillion(30).ForFill(new Volume(100_000), new Price(1.1), id, 100_000, "USD").Amount, Is.EqualTo(3.30).Within(1e-9));
            Assert.That(CommissionModel.UsdPerLot(7).ForFill(new Volume(100_000), new Price(1.1), id, 100_000, "USD").Amount, Is.EqualTo(7.00).Within(1e-9));
            var gbpQuote = new ConversionRates(quoteToAccount: 1.25, quoteToUsd: 1.25, usdToAccount: 1);
            Assert.That(CommissionModel.QuotePerLot(5).ForFill(new Volume(100_000), new Price(0.85), gbpQuote, 100_000, "USD").Amount, Is.EqualTo(6.25).Within(1e-9));
            Assert.That(CommissionModel.PercentOfVolume(Fraction.FromPercent(0.05)).ForFill(new Volume(1), new Price(60_000), id, 1, "USD").Amount, Is.EqualTo(30).Within(1e-9));
            var exchange = CommissionModel.Exchange(Fraction.FromPercent(0.02), Fraction.FromPercent(0.04));
            Assert.That(exchange.ForFill(new Volume(1), new Price(3_000), id, 1, "USD").Amount, Is.EqualTo(1.20).Within(1e-9));
            exchange.Coefficients(id, 1, true, out _, out var makerRate);
            Assert.That(makerRate * 3_000, Is.EqualTo(0.60).Within(1e-9));
        }

        [Test]
        public void CommissionUsdPerMillion_EuroAccount_ConvertsUsdFeeToEuro()
        {
            // EURUSD on a EUR account: 110,000 USD notional × 30 / 1e6 = 3.30 USD; 1 USD = 1/1.1 EUR → 3.00 EUR.
            var rates = new ConversionRates(quoteToAccount: 1 / 1.1, quoteToUsd: 1, usdToAccount: 1 / 1.1);
            var fee = CommissionModel.UsdPerMillion(30).ForFill(new Volume(100_000), new Price(1.1), rates, 100_000, "EUR");

            Assert.That(fee.Amount, Is.EqualTo(3.00).Within(1e-9));
        }

        // Swap per night, worked by hand:
        // pips: −0.5 pip × 0.0001 × 100,000 = −5.00; triple on Wednesday = −15.00.
        // percentage: −10 %/yr × 36,000 / 360 = −10.00 per night for 1 BTC short.
        // points: −20 points × 0.01 tick × 1 unit = −0.20.
        [TestCase(SwapKind.Pips, TradeSide.Long, DayOfWeek.Tuesday, -5.0)]
        [TestCase(SwapKind.Pips, TradeSide.Long, DayOfWeek.Wednesday, -15.0)]
        public void SwapForNight_Pips_MatchesHandWorked(SwapKind kind, TradeSide side, DayOfWeek day, double expected)
        {
            var swap = new SwapModel(kind, -0.5, 0.2, DayOfWeek.Wednesday);

            Assert.That(swap.ForNight(side, 100_000, 1.1, 0.0001, 0.00001, ConversionRates.Identity, day), Is.EqualTo(expected).Within(1e-9));
        }

        [Test]
        public void SwapForNight_PercentageAndPoints_MatchHandWorked()
        {
            var pct = new SwapModel(SwapKind.Percentage, -12, -10, null);
            var points = new SwapModel(SwapKind.Points, -20, -20, null);

            Assert.That(pct.ForNight(TradeSide.Short, 1, 36_000, 1, 0.01, ConversionRates.Identity, DayOfWeek.Monday), Is.EqualTo(-10).Within(1e-9));
            Assert.That(points.ForNight(TradeSide.Long, 1, 36_000, 1, 0.01, ConversionRates.Identity, DayOfWeek.Monday), Is.EqualTo(-0.2).Within(1e-9));
        }
    }
}
