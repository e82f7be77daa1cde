using System.Collections.Generic;
using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Margin;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Sizing;

namespace PerpGuard.Risk.Tests
{
    /// <summary>
    /// Sizing where the older tests left the code free to be wrong (found by mutation testing): an account whose
    /// currency is not the quote currency, the margin cap across currencies, the combined mode with its ATR stop,
    /// a trade asked without a target, and inputs that must be refused rather than traded.
    /// </summary>
    public class SizingEdgeWorkedTests
    {
        // BTCUSD on a EUR account, 1 USD = 0.9 EUR (quote→account 0.9, quote→USD 1, USD→account 0.9), 0.05 % per side.
        private static SizingRequest EurAccount() => SizingWorkedExamplesTests.Btc(59_400) with
        {
            Equity = new Money(10_000, "EUR"),
            Rates = new ConversionRates(0.9, 1, 0.9),
        };

        [Test]
        public void Decide_EurAccountTradingBtcUsd_ConvertsTheMoveAndFeesToEur()
        {
            // R = 1 % of 10,000 EUR = 100 EUR. Per BTC: move 600 USD × 0.9 = 540 EUR; fees 0.05 % × 0.9 = 0.00045 EUR per USD
            // of price: 60,000 × 0.00045 = 27 and 59,400 × 0.00045 = 26.73 → c = 593.73 EUR (= 659.70 USD × 0.9).
            // 100 / 593.73 = 0.16843 → 0.16 BTC; notional 0.16 × 60,000 × 0.9 = 8,640 EUR → leverage 0.864; realised
            // 0.16 × 593.73 = 94.9968 EUR (95.00 shown). Target: (1.5 × 593.73 + 60,000 × 0.9 + 27) / (0.9 − 0.00045) = 54,917.595 / 0.89955
            // = 61,050.075… → 61,050.08 (the same as in USD: (1.5 × 659.7 + 60,030) / 0.9995).
            var d = PositionSizer.Decide(EurAccount());

            Assert.That(d.IsRefused, Is.False);
            Assert.That(d.PerUnitRisk, Is.EqualTo(593.73).Within(1e-9));
            Assert.That(d.Volume.Units, Is.EqualTo(0.16));
            Assert.That(d.Notional.Amount, Is.EqualTo(8_640).Within(1e-6));
            Assert.That(d.Leverage, Is.EqualTo(0.864).Within(1e-9));
            Assert.That(d.RealisedRisk.Amount, Is.EqualTo(94.9968).Within(1e-9));
            Assert.That(d.TakeProfit!.Value.Value, Is.EqualTo(61_050.08).Within(1e-9));
        }

        [Test]
        public void Decide_EurAccountWithTheCentReserve_ConvertsTheMoveOnTheReservePath()
        {
            // The bots' path: money booked in cents, so 3 × 0.01 = 0.03 EUR is reserved and the size is solved, not divided.
            // Budget 100 − 0.03 = 99.97; 99.97 / 593.73 = 0.16838 → 0.16 BTC. c at 0.16: 593.73 + 0.03 / 0.16 = 593.9175.
            // Target: (1.5 × 593.9175 + 54,000 + 27 + 0.1875) / 0.89955 = 54,918.06375 / 0.89955 = 61,050.596… → 61,050.60.
            var d = PositionSizer.Decide(EurAccount() with { MoneyStep = 0.01 });

            Assert.That(d.Volume.Units, Is.EqualTo(0.16));
            Assert.That(d.PerUnitRisk, Is.EqualTo(593.9175).Within(1e-9));
            Assert.That(d.TakeProfit!.Value.Value, Is.EqualTo(61_050.60).Within(1e-9));
        }

        [Test]
        public void Decide_MarginCapAcrossCurrencies_UsesBothRates()
        {
            // Made-up currencies chosen so the arithmetic is exact: 1 quote = 2 USD, 1 USD = 0.5 account units (so
            // quote→account = 1). 1:5 margin, no fee, equity 10,000, 50 % of it usable as margin.
            // Risk 100 / stop distance 1 = 100 units; the leverage cap 5 × 10,000 / 1,000 = 50 units cuts first, then the margin.
            // Margin: 5,000 account = 10,000 USD of margin → 50,000 USD notional at 1:5 → 50,000 / (1,000 × 2) = 25 units,
            // whose margin is 25 × 1,000 × 2 / 5 = 10,000 USD = 5,000 account.
            var symbol = new InstrumentSpec("XYZ", tickSize: 0.01, volumeMin: 0.01, volumeStep: 0.01, commission: CommissionModel.None, margin: MarginSchedule.Fixed(5));
            var d = PositionSizer.Decide(new SizingRequest
            {
                Symbol = symbol,
                Side = TradeSide.Long,
                Entry = new Price(1_000),
                Stop = new Price(999),
                Equity = new Money(10_000, "ACC"),
                RiskFraction = Fraction.FromPercent(1),
                MaxMarginUtilisation = Fraction.FromPercent(50),
                Rates = new ConversionRates(1, 2, 0.5),
            });

            Assert.That(d.Volume.Units, Is.EqualTo(25));
            Assert.That(d.BindingCaps, Is.EqualTo(SizingCaps.Leverage | SizingCaps.MarginUtilisation));
            Assert.That(d.Margin.Amount, Is.EqualTo(5_000).Within(1e-6));
        }

        [Test]
        public void Decide_UnsetRates_MeanOneToOne()
        {
            // A request whose rates were never set sizes like the USD issue example (0.27), not with zero rates.
            var d = PositionSizer.Decide(SizingWorkedExamplesTests.Btc(59_700) with { Rates = default });

            Assert.That(d.Volume.Units, Is.EqualTo(0.27));
        }

        [Test]
        public void Decide_CombinedModeWithoutStop_UsesTheAtrStopAndNoScalingAtTheThreshold()
        {
            // Combined, no stop given: stop = 60,000 − 2 × ATR 150 = 59,700 (the issue example → 0.27). ATR / average =
            // 150 / 100 = 1.5, exactly the threshold: scale min(1, 1.5 / 1.5) = 1, so nothing is scaled or flagged.
            var d = PositionSizer.Decide(SizingWorkedExamplesTests.Btc(59_700) with { Mode = SizingMode.Combined, Stop = null, Atr = 150, AverageAtr = 100 });

            Assert.That(d.Stop.Value, Is.EqualTo(59_700));
            Assert.That(d.Volume.Units, Is.EqualTo(0.27));
            Assert.That(d.BindingCaps, Is.EqualTo(SizingCaps.None));
        }

        [Test]
        public void Decide_NoRewardRiskAsked_SetsNoTakeProfit()
        {
            var d = PositionSizer.Decide(SizingWorkedExamplesTests.Btc(59_700) with { RewardRisk = 0 });

            Assert.That(d.Volume.Units, Is.EqualTo(0.27));
            Assert.That(d.TakeProfit, Is.Null);
        }

        [TestCase(0.0, 100.0, 1.5)]
        [TestCase(150.0, 0.0, 1.5)]
        [TestCase(150.0, 100.0, 0.0)]
        public void Decide_CombinedModeWithoutItsVolatilityInputs_IsInvalidNotUnscaled(double atr, double averageAtr, double threshold)
        {
            // With a stop given, an unknown ATR would otherwise size at the full, unscaled risk.
            var d = PositionSizer.Decide(SizingWorkedExamplesTests.Btc(59_700) with
            {
                Mode = SizingMode.Combined,
                Atr = atr,
                AverageAtr = averageAtr,
                VolatilityThreshold = threshold,
            });

            Assert.That(d.Refusal, Is.EqualTo(SizingRefusal.InvalidInput));
        }

        private static IEnumerable<TestCaseData> InvalidRequests()
        {
            var issue = SizingWorkedExamplesTests.Btc(59_700);
            yield return new TestCaseData(issue with { Stop = null }, SizingRefusal.InvalidInput).SetName("Decide_PercentRiskWithoutStop_IsInvalid");
            yield return new TestCaseData(issue with { Mode = SizingMode.Volatility, Stop = null, Atr = 0 }, SizingRefusal.InvalidInput).SetName("Decide_AtrStopWithoutAtr_IsInvalid");
            yield return new TestCaseData(issue with { Mode = SizingMode.Volatility, Stop = null, Atr = 150, AtrStopMultiple = 0 }, SizingRefusal.InvalidInput).SetName("Decide_AtrStopWithZeroMultiple_IsInvalid");
            yield return new TestCaseData(issue with { Mode = SizingMode.FixedMoney, FixedRisk = new Money(0, "USD") }, SizingRefusal.InvalidInput).SetName("Decide_FixedRiskZero_IsInvalid");
            yield return new TestCaseData(issue with { MaxLeverage = 0 }, SizingRefusal.InvalidInput).SetName("Decide_ZeroLeverageCap_IsInvalid");
            yield return new TestCaseData(issue with { Base = RiskBase.Balance, Balance = new Money(0, "USD") }, SizingRefusal.InvalidInput).SetName("Decide_ZeroBalanceBase_IsInvalid");
            yield return new TestCaseData(issue with { MaxTargetAtrMultiple = 3, Atr = 0 }, SizingRefusal.InvalidInput).SetName("Decide_TargetCapInAtrsWithoutAtr_IsInvalid");
            yield return new TestCaseData(issue with { Guard = LiquidationGuard.BybitIsolated(10, Fraction.FromPercent(100), Fraction.FromPercent(10)) }, SizingRefusal.InvalidInput).SetName("Decide_BybitGuardWithFullMaintenanceRate_IsInvalid");
            yield return new TestCaseData(issue with { Stop = new Price(0) }, SizingRefusal.StopOnWrongSide).SetName("Decide_StopAtPriceZero_IsStopOnWrongSide");
        }

        [TestCaseSource(nameof(InvalidRequests))]
        public void Decide_BadRequest_IsRefusedForThatReason(SizingRequest request, SizingRefusal expected)
        {
            // The reason matters: it is what the trader reads ("invalid input", "stop on the wrong side"), not a later symptom.
            Assert.That(PositionSizer.Decide(request).Refusal, Is.EqualTo(expected));
        }

        [Test]
        public void Decide_BybitGuardWithZeroMaintenanceRate_IsAccepted()
        {
            // MMR 0 is a valid rate: LP = 60,000 × (1 − 1/10 + 0) = 54,000; with a 10 % buffer 54,600, below the 59,700 stop.
            var d = PositionSizer.Decide(SizingWorkedExamplesTests.Btc(59_700) with
            {
                Guard = LiquidationGuard.BybitIsolated(10, Fraction.Zero, Fraction.FromPercent(10)),
            });

            Assert.That(d.Volume.Units, Is.EqualTo(0.27));
            Assert.That(d.LiquidationPrice!.Value.Value, Is.EqualTo(54_000).Within(1e-6));
        }

        [Test]
        public void Decide_FixedRiskInAnotherCurrency_IsInvalid()
        {
            var d = PositionSizer.Decide(SizingWorkedExamplesTests.Btc(59_700) with { Mode = SizingMode.FixedMoney, FixedRisk = new Money(50, "EUR") });

            Assert.That(d.Refusal, Is.EqualTo(SizingRefusal.InvalidInput));
        }

        [Test]
        public void Decide_DailyAllowanceInAnotherCurrency_IsInvalid()
        {
            var d = PositionSizer.Decide(SizingWorkedExamplesTests.Btc(59_700) with { RemainingDailyAllowance = new Money(500, "EUR") });

            Assert.That(d.Refusal, Is.EqualTo(SizingRefusal.InvalidInput));
        }

        [Test]
        public void Decide_BalanceBaseInAnotherCurrency_IsInvalid()
        {
            var d = PositionSizer.Decide(SizingWorkedExamplesTests.Btc(59_700) with { Base = RiskBase.Balance, Balance = new Money(10_000, "EUR") });

            Assert.That(d.Refusal, Is.EqualTo(SizingRefusal.InvalidInput));
        }

        [Test]
        public void Decide_ZeroRiskFraction_IsInvalid()
        {
            var d = PositionSizer.Decide(SizingWorkedExamplesTests.Btc(59_700) with { RiskFraction = Fraction.Zero });

            Assert.That(d.Refusal, Is.EqualTo(SizingRefusal.InvalidInput));
        }

        [Test]
        public void Decide_BybitGuardWithNegativeMaintenanceRate_IsInvalid()
        {
            // A negative MMR would put the liquidation price further away than Bybit's and loosen the guard.
            var d = PositionSizer.Decide(SizingWorkedExamplesTests.Btc(59_700) with
            {
                Guard = LiquidationGuard.BybitIsolated(10, Fraction.FromPercent(-0.5), Fraction.FromPercent(10)),
            });

            Assert.That(d.Refusal, Is.EqualTo(SizingRefusal.InvalidInput));
        }

        [Test]
        public void Decide_NoSymbol_IsInvalid()
        {
            var d = PositionSizer.Decide(SizingWorkedExamplesTests.Btc(59_700) with { Symbol = null! });

            Assert.That(d.Refusal, Is.EqualTo(SizingRefusal.InvalidInput));
        }

        [Test]
        public void Decide_CTraderGuardOnASymbolWithoutMargin_SizesWithoutAGuardPrice()
        {
            // No margin schedule → no stop-out to compute: the risk size stands (0.27) and no liquidation price is shown.
            var d = PositionSizer.Decide(SizingWorkedExamplesTests.Btc(59_700) with { Guard = LiquidationGuard.CTrader(Fraction.FromPercent(50), Fraction.Zero) });

            Assert.That(d.Volume.Units, Is.EqualTo(0.27));
            Assert.That(d.LiquidationPrice, Is.Null);
        }
    }
}
