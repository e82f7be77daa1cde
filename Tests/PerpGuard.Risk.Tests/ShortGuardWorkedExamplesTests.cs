using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Margin;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Sizing;

namespace PerpGuard.Risk.Tests
{
    /// <summary>The liquidation guards on the short side, worked by hand (signs mirror the long examples).</summary>
    public class ShortGuardWorkedExamplesTests
    {
        private static SizingRequest Short(double stop, InstrumentSpec symbol) => new SizingRequest
        {
            Symbol = symbol,
            Side = TradeSide.Short,
            Entry = new Price(60_000),
            Stop = new Price(stop),
            Equity = new Money(10_000, "USD"),
            RiskFraction = Fraction.FromPercent(1),
        };

        // cTrader guard, short 60,000 stop 60,300: equity 10,000, other margin 18,000, stop-out 50 %, symbol 1:5,
        // 0.05 %/side. For Q BTC (margin frozen): 10,000 − 30Q − Q (X − 60,000) = 0.5 (18,000 + 12,000 Q)
        //   → X = 53,970 + 1,000 / Q. The stop inside (60,300 < X) needs Q < 1,000 / 6,330 = 0.15798 → 0.157.
        // Buffer 50 %: 0.5 X + 30,000 > 60,300 → X > 60,600 → Q < 1,000 / 6,630 = 0.15083 → 0.150.
        // (The risk alone allows 100 / (300 + 30 + 30.15) = 0.2777 BTC, so the guard binds.)
        [TestCase(0.0, 0.157)]
        [TestCase(50.0, 0.150)]
        public void Decide_ShortCTraderGuard_ShrinksUntilStopBelowStopOut(double bufferPercent, double expected)
        {
            var symbol = new InstrumentSpec("BTCUSD", tickSize: 0.01, volumeMin: 0.001, volumeStep: 0.001,
                commission: CommissionModel.PercentOfVolume(Fraction.FromPercent(0.05)), margin: MarginSchedule.Fixed(5));
            var d = PositionSizer.Decide(Short(60_300, symbol) with
            {
                UsedMargin = 18_000,
                MaxMarginUtilisation = Fraction.FromPercent(300),
                Guard = LiquidationGuard.CTrader(Fraction.FromPercent(50), Fraction.FromPercent(bufferPercent)),
            });

            Assert.That(d.Volume.Units, Is.EqualTo(expected));
            Assert.That(d.BindingCaps, Is.EqualTo(SizingCaps.Liquidation));
            Assert.That(d.LiquidationPrice!.Value.Value, Is.GreaterThan(60_300));
        }

        // Bybit help centre, isolated short: LP = entry × (1 + 1/L − MMR) = 60,000 × (1 + 0.02 − 0.005) = 60,900
        // at 50x, MMR 0.5 %. A stop at 61,000 lies beyond it; 60,800 is inside; with a 20 % buffer the
        // buffered price is 60,900 − 0.2 × 900 = 60,720, so 60,800 is then beyond.
        [TestCase(61_000.0, 0.0, SizingRefusal.StopBeyondLiquidation)]
        [TestCase(60_800.0, 0.0, SizingRefusal.None)]
        [TestCase(60_800.0, 20.0, SizingRefusal.StopBeyondLiquidation)]
        [TestCase(60_700.0, 20.0, SizingRefusal.None)]
        public void Decide_ShortBybitGuard_StopAgainstBufferedLiquidation(double stop, double bufferPercent, SizingRefusal expected)
        {
            var d = PositionSizer.Decide(Short(stop, TestSymbols.BtcUsd()) with
            {
                Guard = LiquidationGuard.BybitIsolated(50, Fraction.FromPercent(0.5), Fraction.FromPercent(bufferPercent)),
            });

            Assert.That(d.Refusal, Is.EqualTo(expected));
        }

        // Volatility mode, short: stop = 60,000 + 2 × ATR 150 = 60,300 (above the entry);
        // c = 300 + 0.0005 × 60,000 + 0.0005 × 60,300 = 360.15 → 100 / 360.15 = 0.27766 → 0.27 BTC;
        // net 1.5 R target: (60,000 − 30 − 540.225) / 1.0005 = 59,400.07… → rounded down to 59,400.07.
        [Test]
        public void Decide_ShortVolatilityMode_StopTwoAtrsAboveAndTargetBelow()
        {
            var d = PositionSizer.Decide(Short(0, TestSymbols.BtcUsd()) with { Stop = null, Mode = SizingMode.Volatility, Atr = 150 });

            Assert.That(d.Stop.Value, Is.EqualTo(60_300.0));
            Assert.That(d.PerUnitRisk, Is.EqualTo(360.15).Within(1e-9));
            Assert.That(d.Volume.Units, Is.EqualTo(0.27));
            Assert.That(d.TakeProfit!.Value.Value, Is.EqualTo(59_400.07));
        }
    }
}
