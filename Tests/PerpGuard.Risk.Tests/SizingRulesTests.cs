using PerpGuard.Risk.Margin;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Sizing;

namespace PerpGuard.Risk.Tests
{
    /// <summary>Sizing limits, each straddled (worked by hand; base example: equity 10,000, long 60,000).</summary>
    public class SizingRulesTests
    {
        private static SizingRequest NoFee(double stop)
            => SizingWorkedExamplesTests.Btc(stop, symbol: TestSymbols.BtcUsd(feePercent: 0));

        // No fees, R = 100: stop 50,000 → c = 10,000 → 0.0100 (kept); 49,999 → c = 10,001 → 0.009999 (refused).
        [TestCase(50_000.0, false, 0.01)]
        [TestCase(49_999.0, true, 0.0)]
        public void Decide_RawAroundMinimum_RefusesInsteadOfRoundingUp(double stop, bool refused, double volume)
        {
            var d = PositionSizer.Decide(NoFee(stop));

            Assert.That(d.IsRefused, Is.EqualTo(refused));
            Assert.That(d.Volume.Units, Is.EqualTo(volume));
            Assert.That(d.ReasonCode, Is.EqualTo(refused ? "below-minimum-volume" : "none"));
        }

        [TestCase(2.0, false, SizingRefusal.None)]
        [TestCase(2.01, false, SizingRefusal.RiskAboveLimitWithoutOverride)]
        [TestCase(2.01, true, SizingRefusal.None)]
        public void Decide_RiskAroundTwoPercent_NeedsOverride(double riskPercent, bool overrideFlag, SizingRefusal expected)
        {
            var d = PositionSizer.Decide(SizingWorkedExamplesTests.Btc(59_700) with { RiskFraction = Fraction.FromPercent(riskPercent), AllowRiskAboveTwoPercent = overrideFlag });

            Assert.That(d.Refusal, Is.EqualTo(expected));
            Assert.That(d.Warnings.HasFlag(SizingWarnings.RiskAboveTwoPercent), Is.EqualTo(overrideFlag));
        }

        [TestCase(10.0, false, SizingRefusal.None)]
        [TestCase(10.01, false, SizingRefusal.LeverageAboveHardMax)]
        [TestCase(10.01, true, SizingRefusal.None)]
        public void Decide_LeverageCapAroundHardMax_NeedsOverride(double cap, bool overrideFlag, SizingRefusal expected)
        {
            var d = PositionSizer.Decide(SizingWorkedExamplesTests.Btc(59_700, maxLeverage: cap) with { AllowLeverageAboveHardMax = overrideFlag });

            Assert.That(d.Refusal, Is.EqualTo(expected));
            Assert.That(d.Warnings.HasFlag(SizingWarnings.LeverageAboveHardMax), Is.EqualTo(overrideFlag));
        }

        [Test]
        public void Decide_DailyAllowanceBelowRisk_UsesLambdaTimesAllowance()
        {
            // λ = 50 % of 80 remaining = 40 < 100; 40 / 359.85 = 0.1111 → 0.11.
            var d = PositionSizer.Decide(SizingWorkedExamplesTests.Btc(59_700) with { RemainingDailyAllowance = new Money(80, "USD"), DailyAllowanceShare = Fraction.FromPercent(50) });

            Assert.That(d.PlannedRisk.Amount, Is.EqualTo(40).Within(1e-9));
            Assert.That(d.Volume.Units, Is.EqualTo(0.11));
            Assert.That(d.BindingCaps, Is.EqualTo(SizingCaps.DailyAllowance));
        }

        [Test]
        public void Decide_NoAllowanceLeft_RefusedNoRiskBudget()
        {
            var d = PositionSizer.Decide(SizingWorkedExamplesTests.Btc(59_700) with { RemainingDailyAllowance = new Money(0, "USD") });

            Assert.That(d.Refusal, Is.EqualTo(SizingRefusal.NoRiskBudget));
        }

        [Test]
        public void Decide_VolumeMaxBelowRaw_CapsAtMax()
        {
            var d = PositionSizer.Decide(SizingWorkedExamplesTests.Btc(59_700, symbol: TestSymbols.BtcUsd(volumeMax: 0.2)));

            Assert.That(d.Volume.Units, Is.EqualTo(0.2));
            Assert.That(d.BindingCaps, Is.EqualTo(SizingCaps.VolumeMax));
        }

        [Test]
        public void Decide_MarginNearlyUsed_CapsBySymbolMargin()
        {
            // 1:5 symbol, 9,000 margin used of 10,000 → 1,000 left → 5,000 notional → 0.0833 → 0.08.
            var d = PositionSizer.Decide(SizingWorkedExamplesTests.Btc(59_700, symbol: TestSymbols.BtcUsdLeverage5()) with { UsedMargin = 9_000 });

            Assert.That(d.Volume.Units, Is.EqualTo(0.08));
            Assert.That(d.Margin.Amount, Is.EqualTo(960).Within(1e-9));
            Assert.That(d.BindingCaps, Is.EqualTo(SizingCaps.MarginUtilisation));
        }

        // Tick 0.01: a long stop of 59,999.99 keeps one tick of distance; 59,999.999 rounds toward the market to 60,000 → refused.
        [TestCase(59_999.99, SizingRefusal.None)]
        [TestCase(59_999.999, SizingRefusal.StopOnWrongSide)]
        [TestCase(60_000.0, SizingRefusal.StopOnWrongSide)]
        [TestCase(60_100.0, SizingRefusal.StopOnWrongSide)]
        public void Decide_StopAtOrAboveEntryForLong_Refused(double stop, SizingRefusal expected)
        {
            // A one-tick stop still costs c = 0.01 + 60 of fees per BTC; the 5x cap then binds (0.83).
            var d = PositionSizer.Decide(SizingWorkedExamplesTests.Btc(stop));

            Assert.That(d.Refusal, Is.EqualTo(expected));
        }

        [Test]
        public void Decide_VolatilityMode_StopIsTwoAtrs()
        {
            // ATR 150 × 2 = 300 → stop 59,700: the issue example again → 0.27.
            var d = PositionSizer.Decide(SizingWorkedExamplesTests.Btc(1) with { Mode = SizingMode.Volatility, Stop = null, Atr = 150 });

            Assert.That(d.Stop.Value, Is.EqualTo(59_700));
            Assert.That(d.Volume.Units, Is.EqualTo(0.27));
        }

        [Test]
        public void Decide_CombinedModeHighVolatility_ScalesRiskDown()
        {
            // ATR 300 vs usual 100: ratio 3 > 1.5 → scale 1.5/3 = 0.5 → R = 50; 50 / 359.85 = 0.139 → 0.13.
            var d = PositionSizer.Decide(SizingWorkedExamplesTests.Btc(59_700) with { Mode = SizingMode.Combined, Atr = 300, AverageAtr = 100 });

            Assert.That(d.PlannedRisk.Amount, Is.EqualTo(50).Within(1e-9));
            Assert.That(d.Volume.Units, Is.EqualTo(0.13));
            Assert.That(d.BindingCaps, Is.EqualTo(SizingCaps.VolatilityScaling));
        }

        [Test]
        public void Decide_CombinedModeUsualVolatility_KeepsBaseline()
        {
            var d = PositionSizer.Decide(SizingWorkedExamplesTests.Btc(59_700) with { Mode = SizingMode.Combined, Atr = 150, AverageAtr = 100 });

            Assert.That(d.Volume.Units, Is.EqualTo(0.27));
        }

        [Test]
        public void Decide_FixedMoney_SizesFromAmount()
        {
            // 50 / 359.85 = 0.1389 → 0.13.
            var d = PositionSizer.Decide(SizingWorkedExamplesTests.Btc(59_700) with { Mode = SizingMode.FixedMoney, FixedRisk = new Money(50, "USD") });

            Assert.That(d.Volume.Units, Is.EqualTo(0.13));
        }

        [Test]
        public void Decide_StartOfDayBalanceBase_UsesThatBase()
        {
            // 1 % of 8,000 = 80; 80 / 359.85 = 0.2223 → 0.22.
            var d = PositionSizer.Decide(SizingWorkedExamplesTests.Btc(59_700) with { Base = RiskBase.StartOfDayBalance, StartOfDayBalance = new Money(8_000, "USD") });

            Assert.That(d.PlannedRisk.Amount, Is.EqualTo(80).Within(1e-9));
            Assert.That(d.Volume.Units, Is.EqualTo(0.22));
        }

        [Test]
        public void Decide_BalanceBaseMissing_RefusedInvalidInput()
        {
            Assert.That(PositionSizer.Decide(SizingWorkedExamplesTests.Btc(59_700) with { Base = RiskBase.Balance }).Refusal, Is.EqualTo(SizingRefusal.InvalidInput));
        }

        // Net target of the example is 600.08 from entry: 6 ATR of 100 is too short, 6.01 ATR is enough.
        [TestCase(6.0, SizingRefusal.TargetBeyondAtrLimit)]
        [TestCase(6.01, SizingRefusal.None)]
        public void Decide_TargetAroundAtrLimit_RefusedBeyond(double multiple, SizingRefusal expected)
        {
            var d = PositionSizer.Decide(SizingWorkedExamplesTests.Btc(59_700) with { Atr = 100, MaxTargetAtrMultiple = multiple });

            Assert.That(d.Refusal, Is.EqualTo(expected));
        }

        // The limit is inclusive: a target exactly 4 ATR of 150.02 away (4 × 150.02 = 600.08, the example's net target)
        // is allowed. In binary 60,600.08 − 60,000 comes out ≈ 1.7e-12 above 4 × 150.02, which refused it before;
        // one cent beyond (4 × 150.0175 = 600.07) is still refused.
        [TestCase(150.02, SizingRefusal.None)]
        [TestCase(150.0175, SizingRefusal.TargetBeyondAtrLimit)]
        public void Decide_TargetExactlyAtAtrLimit_AllowedDespiteBinaryRounding(double atr, SizingRefusal expected)
        {
            var d = PositionSizer.Decide(SizingWorkedExamplesTests.Btc(59_700) with { Atr = atr, MaxTargetAtrMultiple = 4 });

            Assert.That(d.Refusal, Is.EqualTo(expected));
            if (expected == SizingRefusal.None)
            {
                Assert.That(d.TakeProfit!.Value.Value, Is.EqualTo(60_600.08).Within(1e-9));
            }
        }

        [Test]
        public void Decide_SlippageAllowance_AddsToPerUnitRisk()
        {
            // c = 300 + 10 + 59.85 = 369.85; 100 / 369.85 = 0.2704 → 0.27; realised 99.86.
            var d = PositionSizer.Decide(SizingWorkedExamplesTests.Btc(59_700) with { SlippageAllowance = 10 });

            Assert.That(d.PerUnitRisk, Is.EqualTo(369.85).Within(1e-9));
            Assert.That(d.RealisedRisk.Amount, Is.EqualTo(99.8595).Within(1e-6));
        }

        // cTrader guard: equity 10,000, other margin 18,000, stop-out 50 %, symbol 1:5, utilisation up to 300 %.
        // Stop-out price for Q BTC (frozen): 10,000 − 30Q + Q (X − 60,000) = 0.5 (18,000 + 12,000 Q)
        //   → X = 66,030 − 1,000 / Q. Stop 59,700 inside needs Q < 1,000 / 6,330 = 0.15798 → 0.157 (step 0.001).
        // Buffer 50 %: 0.5 X + 30,000 < 59,700 → X < 59,400 → Q < 1,000 / 6,630 = 0.15083 → 0.150.
        [TestCase(0.0, 0.157)]
        [TestCase(50.0, 0.150)]
        public void Decide_CTraderGuard_ShrinksUntilStopInsideStopOut(double bufferPercent, double expected)
        {
            var symbol = new PerpGuard.Risk.Instruments.InstrumentSpec("BTCUSD", tickSize: 0.01, volumeMin: 0.001, volumeStep: 0.001,
                commission: PerpGuard.Risk.Instruments.CommissionModel.PercentOfVolume(Fraction.FromPercent(0.05)), margin: MarginSchedule.Fixed(5));
            var d = PositionSizer.Decide(SizingWorkedExamplesTests.Btc(59_700, symbol: symbol) with
            {
                UsedMargin = 18_000,
                MaxMarginUtilisation = Fraction.FromPercent(300),
                Guard = LiquidationGuard.CTrader(Fraction.FromPercent(50), Fraction.FromPercent(bufferPercent)),
            });

            Assert.That(d.Volume.Units, Is.EqualTo(expected));
            Assert.That(d.BindingCaps, Is.EqualTo(SizingCaps.Liquidation));
            Assert.That(d.LiquidationPrice!.Value.Value, Is.LessThan(59_700));
        }

        [Test]
        public void Decide_BybitGuardStopBeyondLiquidation_Refused()
        {
            // 50x, MMR 0.5 %: liquidation 59,100 from 60,000; a 1,000 stop (59,000) lies beyond it.
            var d = PositionSizer.Decide(SizingWorkedExamplesTests.Btc(59_000) with { Guard = LiquidationGuard.BybitIsolated(50, Fraction.FromPercent(0.5), Fraction.Zero) });

            Assert.That(d.Refusal, Is.EqualTo(SizingRefusal.StopBeyondLiquidation));
        }
    }
}
