using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Sizing;
using PerpGuard.Risk.Stops;

namespace PerpGuard.Risk.Tests
{
    /// <summary>
    /// The worked examples of issue 2, worked by hand:
    /// equity 10,000, risk 1 % → R = 100. Long 60,000, stop 59,700, 0.05 %/side:
    /// c = 300 + 60,000×0.0005 + 59,700×0.0005 = 300 + 30 + 29.85 = 359.85; 100 / 359.85 = 0.27789 → 0.27;
    /// realised 0.27 × 359.85 = 97.16; leverage 0.27 × 60,000 / 10,000 = 1.62;
    /// target (1.5 × 359.85 + 60,000 × 1.0005) / 0.9995 = 60,600.075… → 60,600.08 (rounded away).
    /// </summary>
    public class SizingWorkedExamplesTests
    {
        internal static SizingRequest Btc(double stop, double maxLeverage = 5, InstrumentSpec? symbol = null)
            => new SizingRequest
            {
                Symbol = symbol ?? TestSymbols.BtcUsd(),
                Side = TradeSide.Long,
                Entry = new Price(60_000),
                Stop = new Price(stop),
                Equity = new Money(10_000, "USD"),
                RiskFraction = Fraction.FromPercent(1),
                MaxLeverage = maxLeverage,
            };

        [Test]
        public void Decide_IssueExampleStop59700_Sizes027WithFeesInRisk()
        {
            var d = PositionSizer.Decide(Btc(59_700));

            Assert.That(d.IsRefused, Is.False);
            Assert.That(d.PerUnitRisk, Is.EqualTo(359.85).Within(1e-9));
            Assert.That(d.RawUnits, Is.EqualTo(0.27789).Within(0.000005));
            Assert.That(d.Volume.Units, Is.EqualTo(0.27));
            Assert.That(d.RealisedRisk.Amount, Is.EqualTo(97.16).Within(0.005));
            Assert.That(d.PlannedRisk.Amount, Is.EqualTo(100).Within(1e-9));
            Assert.That(d.Leverage, Is.EqualTo(1.62).Within(1e-9));
            Assert.That(d.TakeProfit!.Value.Value, Is.EqualTo(60_600.08).Within(1e-9));
            Assert.That(d.BindingCaps, Is.EqualTo(SizingCaps.None));
        }

        [Test]
        public void Decide_IssueExampleIgnoringFees_Gives033WhoseTrueRiskIs11875()
        {
            // The bug PerpGuard exists to prevent: 100 / 300 = 0.333 → 0.33, but the fees still apply.
            var noFees = PositionSizer.Decide(Btc(59_700, symbol: TestSymbols.BtcUsd(feePercent: 0)));
            var realFees = FeeCoefficients.For(TestSymbols.BtcUsd(), ConversionRates.Identity);
            var trueRisk = noFees.Volume.Units * (300 + realFees.RoundTrip(60_000, 59_700));

            Assert.That(noFees.Volume.Units, Is.EqualTo(0.33));
            Assert.That(trueRisk, Is.EqualTo(118.75).Within(0.005));
            Assert.That(trueRisk, Is.GreaterThan(100));
        }

        [Test]
        public void Decide_IssueExampleStop59940_Sizes083At498x()
        {
            // c = 60 + 30 + 29.97 = 119.97; 100 / 119.97 = 0.83354; the 5x default cap allows
            // 5 × 10,000 / 60,000 = 0.83333 (it binds, barely); both floor to 0.83 → 0.83 × 60,000 / 10,000 = 4.98.
            var d = PositionSizer.Decide(Btc(59_940));

            Assert.That(d.RawUnits, Is.EqualTo(0.83354).Within(0.000005));
            Assert.That(d.Volume.Units, Is.EqualTo(0.83));
            Assert.That(d.Leverage, Is.EqualTo(4.98).Within(1e-9));
            Assert.That(d.BindingCaps, Is.EqualTo(SizingCaps.Leverage));
        }

        [Test]
        public void Decide_IssueExampleStop59940With3xCap_Sizes050RealisedRisk5999()
        {
            // 3 × 10,000 / 60,000 = 0.50 BTC; 0.50 × 119.97 = 59.985 → 59.99.
            var d = PositionSizer.Decide(Btc(59_940, maxLeverage: 3));

            Assert.That(d.Volume.Units, Is.EqualTo(0.50));
            Assert.That(d.RealisedRisk.Amount, Is.EqualTo(59.985).Within(1e-6));
            Assert.That(d.Leverage, Is.EqualTo(3.0).Within(1e-9));
            Assert.That(d.BindingCaps, Is.EqualTo(SizingCaps.Leverage));
        }

        [Test]
        public void Decide_ShortMirrorOfExample_SizesFromTheSameCost()
        {
            // Short 60,000, stop 60,300: c = 300 + 30 + 30.15 = 360.15; 100 / 360.15 = 0.27766 → 0.27.
            // Target: (60,000 × 0.9995 − 1.5 × 360.15) / 1.0005 = 59,429.775 / 1.0005 = 59,400.0749… → 59,400.07 (rounded down, away).
            var d = PositionSizer.Decide(new SizingRequest
            {
                Symbol = TestSymbols.BtcUsd(),
                Side = TradeSide.Short,
                Entry = new Price(60_000),
                Stop = new Price(60_300),
                Equity = new Money(10_000, "USD"),
            });

            Assert.That(d.PerUnitRisk, Is.EqualTo(360.15).Within(1e-9));
            Assert.That(d.Volume.Units, Is.EqualTo(0.27));
            Assert.That(d.RealisedRisk.Amount, Is.EqualTo(97.2405).Within(1e-6));
            Assert.That(d.TakeProfit!.Value.Value, Is.EqualTo(59_400.07).Within(1e-9));
        }
    }
}
