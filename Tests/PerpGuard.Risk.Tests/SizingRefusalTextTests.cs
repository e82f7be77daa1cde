using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Sizing;

namespace PerpGuard.Risk.Tests
{
    /// <summary>
    /// Every sizing refusal is told with the numbers that decided it (issue 4: "every refusal the plan makes is journaled
    /// with its numbers"). Each number below is worked by hand from the issue-2 example (equity 10,000, 1 % → R = 100,
    /// long BTCUSD 60,000, stop 59,700, 0.05 %/side: c = 300 + 60,000 × 0.0005 + 59,700 × 0.0005 = 300 + 30 + 29.85
    /// = 359.85 per BTC), or from the source named in the test.
    /// </summary>
    public class SizingRefusalTextTests
    {
        private static SizingRequest Issue2(InstrumentSpec? symbol = null) => SizingWorkedExamplesTests.Btc(59_700, symbol: symbol);

        [Test]
        public void Decide_NoAllowanceLeft_TellsWhatTheDayLeavesAndWhatTheMinimumWouldRisk()
        {
            // Nothing left today; broker minimum 0.02 BTC would lose 0.02 × 359.85 = 7.197 → 7.20 at this stop.
            var d = PositionSizer.Decide(Issue2(TestSymbols.BtcUsd(volumeMin: 0.02)) with { RemainingDailyAllowance = new Money(0, "USD") });

            Assert.That(d.ReasonCode, Is.EqualTo("no-risk-budget"));
            Assert.That(d.DailyLossLeft, Is.EqualTo(0));
            Assert.That(d.MinimumVolume, Is.EqualTo(0.02));
            Assert.That(d.MinimumVolumeRisk, Is.EqualTo(7.197).Within(1e-9));
            Assert.That(d.Message, Is.EqualTo(
                "No risk money is left for a trade today: the daily loss limit leaves 0.00, less than the 7.20 the broker's minimum volume 0.02 "
                + "would risk at this stop (fees included); the trade is refused, not rounded up."));
        }

        [Test]
        public void Decide_NoShareOfTheAllowance_TellsBothTheDayAndTheTradesShare()
        {
            // 80 left today but a share λ = 0 of it per trade: R = 0 × 80 = 0. Minimum 0.02 BTC → 7.20 (as above).
            var d = PositionSizer.Decide(Issue2(TestSymbols.BtcUsd(volumeMin: 0.02)) with
            {
                RemainingDailyAllowance = new Money(80, "USD"),
                DailyAllowanceShare = Fraction.FromPercent(0),
            });

            Assert.That(d.ReasonCode, Is.EqualTo("no-risk-budget"));
            Assert.That(d.Message, Is.EqualTo(
                "No risk money is left for a trade today: the daily loss limit leaves 80.00, of which this trade may risk 0.00, less than the 7.20 "
                + "the broker's minimum volume 0.02 would risk at this stop (fees included); the trade is refused, not rounded up."));
        }

        [Test]
        public void Decide_NoAllowanceAndMinimumCommission_MinimumRiskCountsTheMinimumBothSides()
        {
            // Minimum commission 3 USD per side, money in cents (booking reserve 3 × 0.01 = 0.03). 0.02 BTC: rate fees
            // 0.02 × 30 = 0.60 and 0.02 × 29.85 = 0.597 are below 3, so each side costs 3:
            // 0.02 × 300 + 3 + 3 + 0.03 = 6 + 6.03 = 12.03.
            var symbol = new InstrumentSpec("BTCUSD", tickSize: 0.01, volumeMin: 0.02, volumeStep: 0.01, pipSize: 1, lotSize: 1,
                commission: CommissionModel.PercentOfVolume(Fraction.FromPercent(0.05)).WithMinimum(MinimumCommission.InUsd(3)),
                baseAsset: "BTC", quoteAsset: "USD");
            var d = PositionSizer.Decide(Issue2(symbol) with { RemainingDailyAllowance = new Money(0, "USD"), MoneyStep = 0.01 });

            Assert.That(d.MinimumVolumeRisk, Is.EqualTo(12.03).Within(1e-9));
            Assert.That(d.Message, Does.Contain("less than the 12.03 the broker's minimum volume 0.02 would risk"));
        }

        [Test]
        public void Decide_BelowMinimum_TellsWhatTheRiskBuysAndTheMinimumsRisk()
        {
            // R = 100 buys 100 / 359.85 = 0.277893566… → 0.27789357 BTC; broker minimum 1 BTC would risk 1 × 359.85.
            var d = PositionSizer.Decide(Issue2(TestSymbols.BtcUsd(volumeMin: 1)));

            Assert.That(d.ReasonCode, Is.EqualTo("below-minimum-volume"));
            Assert.That(d.Measured, Is.EqualTo(100 / 359.85).Within(1e-12));
            Assert.That(d.Limit, Is.EqualTo(1));
            Assert.That(d.MinimumVolumeRisk, Is.EqualTo(359.85).Within(1e-9));
            Assert.That(d.Message, Is.EqualTo(
                "The risk money 100.00 buys 0.27789357 units, below the broker's minimum volume 1 (which would risk 359.85 at this stop, "
                + "fees included); the trade is refused, not rounded up."));
        }

        /// <summary>
        /// A short with a slippage allowance: its exit fills above the stop, and the exit fee is charged there. Short at
        /// 60,000, stop 60,300, slippage 12, 0.05 %/side: per BTC 300 + 12 = 312 move, entry fee 60,000 × 0.0005 = 30,
        /// exit fee at 60,312 × 0.0005 = 30.156 → c = 372.156.
        /// </summary>
        private static SizingRequest ShortWithSlippage(double volumeMin) => Issue2(TestSymbols.BtcUsd(volumeMin: volumeMin)) with
        {
            Side = TradeSide.Short,
            Stop = new Price(60_300),
            SlippageAllowance = 12,
        };

        [Test]
        public void Decide_ShortWithSlippageNoAllowanceLeft_MinimumRiskCountsSlippageAndTheExitFeeAtTheSlippedFill()
        {
            // 0.02 BTC: 0.02 × 312 = 6.24 move, 0.02 × 30 = 0.60 entry fee, 0.02 × 30.156 = 0.60312 exit fee → 7.44312 → 7.44.
            var d = PositionSizer.Decide(ShortWithSlippage(0.02) with { RemainingDailyAllowance = new Money(0, "USD") });

            Assert.That(d.ReasonCode, Is.EqualTo("no-risk-budget"));
            Assert.That(d.MinimumVolumeRisk, Is.EqualTo(7.44312).Within(1e-9));
            Assert.That(d.Message, Does.Contain("leaves 0.00, less than the 7.44 the broker's minimum volume 0.02 would risk at this stop"));
        }

        [Test]
        public void Decide_ShortWithSlippageBelowMinimum_TellsWhatTheRiskBuysAtTheShortsCost()
        {
            // R = 100 buys 100 / 372.156 = 0.2687045218… → 0.26870452 BTC; the 1 BTC minimum would risk 372.156 → 372.16.
            var d = PositionSizer.Decide(ShortWithSlippage(1));

            Assert.That(d.ReasonCode, Is.EqualTo("below-minimum-volume"));
            Assert.That(d.RawUnits, Is.EqualTo(100 / 372.156).Within(1e-12));
            Assert.That(d.MinimumVolumeRisk, Is.EqualTo(372.156).Within(1e-9));
            Assert.That(d.Message, Is.EqualTo(
                "The risk money 100.00 buys 0.26870452 units, below the broker's minimum volume 1 (which would risk 372.16 at this stop, "
                + "fees included); the trade is refused, not rounded up."));
        }

        [Test]
        public void Decide_BelowMinimumAfterTheLeverageCap_NamesTheCapAndTheCutSize()
        {
            // Cap 1x: 1 × 10,000 / 60,000 = 0.1666… → 0.16666667 BTC, below the 0.2 minimum, which would risk
            // 0.2 × 359.85 = 71.97; the risk money alone buys 0.27789357 (as above).
            var d = PositionSizer.Decide(SizingWorkedExamplesTests.Btc(59_700, maxLeverage: 1, symbol: TestSymbols.BtcUsd(volumeMin: 0.2)));

            Assert.That(d.ReasonCode, Is.EqualTo("below-minimum-volume"));
            Assert.That(d.Message, Is.EqualTo(
                "The risk money 100.00 buys 0.27789357 units, cut to 0.16666667 by the leverage cap, below the broker's minimum volume 0.2 "
                + "(which would risk 71.97 at this stop, fees included); the trade is refused, not rounded up."));
        }

        [Test]
        public void Decide_BelowMinimumWithTheDayCapping_SaysTheRiskMoneyIsTheDays()
        {
            // 50 left today caps R at 50: 50 / 359.85 = 0.138946783… → 0.13894678 BTC, below a 1 BTC minimum (359.85).
            var d = PositionSizer.Decide(Issue2(TestSymbols.BtcUsd(volumeMin: 1)) with { RemainingDailyAllowance = new Money(50, "USD") });

            Assert.That(d.ReasonCode, Is.EqualTo("below-minimum-volume"));
            Assert.That(d.DailyLossLeft, Is.EqualTo(50));
            Assert.That(d.Message, Does.StartWith("The risk money 50.00 (capped by what the daily loss limit leaves) buys 0.13894678 units, below"));
        }

        [TestCase(0.0, "6.00")]
        [TestCase(0.01, "6.03")]
        public void Decide_MinimumCommissionsAboveRisk_TellsTheFixedCostsAndTheRiskMoney(double moneyStep, string costs)
        {
            // Equity 1,000 × 0.5 % → R = 5. Minimum commission 3 USD per side: 2 × 3 = 6, plus on a cents account the
            // booking reserve of 3 booked parts × 0.01 = 0.03 → 6.03 (FeeCoefficients.BookedPartsPerRoundTrip).
            var symbol = new InstrumentSpec("BTCUSD", tickSize: 0.01, volumeMin: 0.0001, volumeStep: 0.0001, pipSize: 1, lotSize: 1,
                commission: CommissionModel.PercentOfVolume(Fraction.FromPercent(0.05)).WithMinimum(MinimumCommission.InUsd(3)),
                baseAsset: "BTC", quoteAsset: "USD");
            var d = PositionSizer.Decide(Issue2(symbol) with { Equity = new Money(1_000, "USD"), RiskFraction = Fraction.FromPercent(0.5), MoneyStep = moneyStep });

            Assert.That(d.ReasonCode, Is.EqualTo("fees-above-risk"));
            Assert.That(d.Measured, Is.EqualTo(double.Parse(costs, System.Globalization.CultureInfo.InvariantCulture)).Within(1e-9));
            Assert.That(d.Limit, Is.EqualTo(5).Within(1e-9));
            Assert.That(d.Message, Is.EqualTo(
                "The broker's minimum commission on entry and exit, plus any reserve for its rounding to cents, comes to " + costs
                + ": at least the risk money 5.00, so no size fits."));
        }

        [Test]
        public void Decide_MinimumCommissionsAboveTheDaysLeftover_SaysTheRiskMoneyIsTheDays()
        {
            // Equity 10,000 × 1 % → R = 100, but the day leaves 5: R = 5, below the 2 × 3 = 6 of minimum commissions.
            var symbol = new InstrumentSpec("BTCUSD", tickSize: 0.01, volumeMin: 0.0001, volumeStep: 0.0001, pipSize: 1, lotSize: 1,
                commission: CommissionModel.PercentOfVolume(Fraction.FromPercent(0.05)).WithMinimum(MinimumCommission.InUsd(3)),
                baseAsset: "BTC", quoteAsset: "USD");
            var d = PositionSizer.Decide(Issue2(symbol) with { RemainingDailyAllowance = new Money(5, "USD") });

            Assert.That(d.ReasonCode, Is.EqualTo("fees-above-risk"));
            Assert.That(d.Message, Is.EqualTo(
                "The broker's minimum commission on entry and exit, plus any reserve for its rounding to cents, comes to 6.00: "
                + "at least the risk money 5.00 (capped by what the daily loss limit leaves), so no size fits."));
        }

        [Test]
        public void Decide_TargetBeyondAtrLimit_TellsTheTargetsDistanceInAtr()
        {
            // Issue 2: the net-1.5R target is 60,600.08, 600.08 from the entry; ATR 200 → 600.08 / 200 = 3.0004 ATR, more
            // than the 2 ATR allowed.
            var d = PositionSizer.Decide(Issue2() with { Atr = 200, MaxTargetAtrMultiple = 2 });

            Assert.That(d.ReasonCode, Is.EqualTo("target-beyond-atr-limit"));
            Assert.That(d.Measured, Is.EqualTo(3.0004).Within(1e-9));
            Assert.That(d.Message, Is.EqualTo(
                "The take-profit needed for the minimum reward:risk after fees is 3.00 ATR from the entry, further than the allowed 2 ATR."));
        }

        [Test]
        public void Decide_StopBeyondBybitLiquidation_TellsTheStopAndTheBufferedPrice()
        {
            // Bybit help centre: long at 10,000, 50x, MMR 0.5 % liquidates at 9,850. A 5 % buffer moves it 5 % of the way
            // back to the entry: 9,850 + 150 × 0.05 = 9,857.5. A stop at 9,800 lies beyond it.
            var request = new SizingRequest
            {
                Symbol = TestSymbols.BtcUsd(),
                Side = TradeSide.Long,
                Entry = new Price(10_000),
                Stop = new Price(9_800),
                Equity = new Money(10_000, "USD"),
                RiskFraction = Fraction.FromPercent(1),
                Guard = LiquidationGuard.BybitIsolated(50, Fraction.FromPercent(0.5), Fraction.FromPercent(5)),
            };

            var d = PositionSizer.Decide(request);

            Assert.That(d.ReasonCode, Is.EqualTo("stop-beyond-liquidation"));
            Assert.That(d.Limit, Is.EqualTo(9_857.5).Within(1e-9));
            Assert.That(d.Message, Is.EqualTo(
                "The stop 9800 is beyond the liquidation price with its safety buffer, 9857.5; reduce leverage or tighten the stop."));
        }

        [Test]
        public void Decide_StopAboveALongsEntry_TellsTheStopAndTheEntry()
        {
            var d = PositionSizer.Decide(SizingWorkedExamplesTests.Btc(60_100));

            Assert.That(d.ReasonCode, Is.EqualTo("stop-on-wrong-side"));
            Assert.That(d.Message, Is.EqualTo("The stop 60100 is not on the losing side of the entry 60000 (after rounding to the tick)."));
        }

        [Test]
        public void Decide_AtrStopBelowZero_SaysTheStopIsNoPriceNotTheWrongSide()
        {
            // Long at 60,000 with a 2 × 40,000 ATR stop: 60,000 − 80,000 = −20,000, on the losing side but no price.
            var d = PositionSizer.Decide(Issue2() with { Mode = SizingMode.Volatility, Stop = null, Atr = 40_000, AtrStopMultiple = 2 });

            Assert.That(d.ReasonCode, Is.EqualTo("stop-on-wrong-side"));
            Assert.That(d.Measured, Is.EqualTo(-20_000));
            Assert.That(d.Message, Is.EqualTo("The stop -20000 is no price (at or below zero): the stop distance 80000 is at least the entry 60000."));
        }

        [Test]
        public void Decide_ThreePercentRiskWithoutOverride_TellsTheRiskAndTwoPercentOfTheBase()
        {
            // 3 % of 10,000 = 300 against 2 % of 10,000 = 200.
            var d = PositionSizer.Decide(Issue2() with { RiskFraction = Fraction.FromPercent(3) });

            Assert.That(d.ReasonCode, Is.EqualTo("risk-above-limit"));
            Assert.That(d.Message, Is.EqualTo("Risk per trade 300.00 is above 2 % of the base (200.00); an explicit override is required."));
        }

        [Test]
        public void Decide_LeverageCap12WithoutOverride_TellsTheCapAndTheHardMaximum()
        {
            var d = PositionSizer.Decide(SizingWorkedExamplesTests.Btc(59_700, maxLeverage: 12));

            Assert.That(d.ReasonCode, Is.EqualTo("leverage-above-hard-max"));
            Assert.That(d.Message, Is.EqualTo("The leverage cap 12x is above the 10x hard maximum; an explicit override is required."));
        }

        [Test]
        public void Decide_InvalidInput_KeepsTheFixedSentence()
        {
            var d = PositionSizer.Decide(Issue2() with { Entry = new Price(0) });

            Assert.That(d.ReasonCode, Is.EqualTo("invalid-input"));
            Assert.That(d.Message, Is.EqualTo(ReasonCodes.Describe(SizingRefusal.InvalidInput)));
        }

        [Test]
        public void Decide_Accepted_NoMessage()
        {
            Assert.That(PositionSizer.Decide(Issue2()).Message, Is.Empty);
        }

        [Test]
        public void Of_RefusalWithoutNumbers_FixedSentenceOfItsReason()
        {
            foreach (SizingRefusal refusal in System.Enum.GetValues(typeof(SizingRefusal)))
            {
                Assert.That(SizingRefusalFacts.Of(refusal).Message, Is.EqualTo(ReasonCodes.Describe(refusal)), refusal.ToString());
            }
        }

        [Test]
        public void Message_CommaDecimalCulture_StillInvariant()
        {
            var previous = System.Globalization.CultureInfo.CurrentCulture;
            try
            {
                // A comma-decimal culture that exists even with invariant globalization (as CultureTests).
                var comma = (System.Globalization.CultureInfo)System.Globalization.CultureInfo.InvariantCulture.Clone();
                comma.NumberFormat.NumberDecimalSeparator = ",";
                comma.NumberFormat.NumberGroupSeparator = ".";
                System.Globalization.CultureInfo.CurrentCulture = comma;
                var d = PositionSizer.Decide(Issue2(TestSymbols.BtcUsd(volumeMin: 1)));

                Assert.That(d.Message, Does.Contain("buys 0.27789357 units").And.Contain("risk 359.85 at"));
            }
            finally
            {
                System.Globalization.CultureInfo.CurrentCulture = previous;
            }
        }
    }
}
