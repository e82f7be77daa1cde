using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Pipeline;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Stops;

namespace PerpGuard.Risk.Tests.Pipeline
{
    /// <summary>
    /// TradeGuardian's policy on the cases the older tests left open (each written for a mutant that survived them):
    /// the Reducing day, the halt's reasons, a short measured at the ask, an account in another currency, caps met
    /// exactly, a missing quote, unvalidated options and a negative equity. BTCUSD: tick 0.01, step and minimum
    /// 0.01 BTC, 0.05 % per side; cap 5x; every number worked by hand beside it.
    /// </summary>
    public class GuardianPolicyEdgeWorkedTests
    {
        private static readonly FeeCoefficients Fees = FeeCoefficients.For(PipelineFixtures.BtcUsd(), ConversionRates.Identity);

        private static GuardianPolicy Policy(OversizeAction action = OversizeAction.Reduce, double maxRiskPercent = 0, double cutToPercent = 100, InstrumentSpec? spec = null)
        {
            var o = new GuardianOptions { OversizeAction = action, MaxRiskPercentPerPosition = maxRiskPercent, CutToPercentOfCap = cutToPercent };
            return new GuardianPolicy(o, new PositionProtector(o.Stops, spec ?? PipelineFixtures.BtcUsd()));
        }

        private static PositionView Long(double volume, double? stop = 59_700, double? target = 60_600.08) =>
            new PositionView(3, "BTCUSD", "manual", TradeSide.Long, volume, 60_000, stop, target, 0);

        private static PositionView Short(double volume, double? stop = 60_300) =>
            new PositionView(4, "BTCUSD", "manual", TradeSide.Short, volume, 60_000, stop, 59_000, 0);

        private static TrackedPosition Track(PositionView p) =>
            new TrackedPosition(p.Id, p.Side, p.EntryPrice, p.StopLoss ?? double.NaN, double.NaN, PipelineFixtures.Noon);

        private static GuardianMarket Market(double bid = 60_000, double ask = 60_001, double equity = 10_000, FeeCoefficients? fees = null, bool halted = false, bool flattenAll = true) =>
            new GuardianMarket(bid, ask, 200, equity, fees ?? Fees, halted, flattenAll);

        [Test]
        public void Evaluate_ReducingDay_APositionOpenedSinceIsClosedOneFromBeforeIsKept()
        {
            // 0.27 BTC (1.6x, stop set): within every cap, so only the Reducing state decides.
            var p = Long(0.27);
            var reducing = Market() with { Reducing = true };

            var opened = Policy().Evaluate(p, Track(p), reducing, openedAfterHalt: true);
            var older = Policy().Evaluate(p, Track(p), reducing, openedAfterHalt: false);

            Assert.That((opened.Kind, opened.Volume, opened.Reason), Is.EqualTo((GuardianActionKind.Close, 0.27, GuardianReasons.NoNewExposure)));
            Assert.That(older.Kind, Is.EqualTo(GuardianActionKind.None));
        }

        [Test]
        public void Evaluate_NormalDayPositionMarkedNew_NotClosed()
        {
            // Neither halted nor Reducing (the constructor leaves Reducing off): being new closes nothing.
            var p = Long(0.27);

            Assert.That(Market().Reducing, Is.False);
            Assert.That(Policy().Evaluate(p, Track(p), Market(), openedAfterHalt: true).Kind, Is.EqualTo(GuardianActionKind.None));
        }

        [Test]
        public void Evaluate_HaltedFlattenAllOlderPosition_ClosedAsAFlattenNotAsKeepFlat()
        {
            var p = Long(0.27);

            var a = Policy().Evaluate(p, Track(p), Market(halted: true, flattenAll: true), openedAfterHalt: false);

            Assert.That((a.Kind, a.Volume, a.Reason), Is.EqualTo((GuardianActionKind.Close, 0.27, GuardianReasons.Flatten)));
        }

        [Test]
        public void Evaluate_NoStopAndItsStopAlreadyBehindTheBid_WholePositionClosed()
        {
            // The 59,700 stop it would get lies above the 59,650 bid: the position cannot be protected, all 0.27 closes.
            var p = Long(0.27, stop: null, target: null);

            var a = Policy().Evaluate(p, Track(p), Market(bid: 59_650, ask: 59_651), false);

            Assert.That((a.Kind, a.Volume, a.Reason), Is.EqualTo((GuardianActionKind.Close, 0.27, ProtectionReasons.StopAlreadyBreached)));
        }

        [Test]
        public void Evaluate_WithinCapsFarInProfit_ProtectWithTheTrailingMove()
        {
            // 0.27 BTC at bid 60,600 (1.64x): trail 60,600 − 300 = 60,300; a protection, nothing to close.
            var p = Long(0.27, target: 61_000);

            var a = Policy().Evaluate(p, Track(p), Market(bid: 60_600, ask: 60_601), false);

            Assert.That((a.Kind, a.Volume), Is.EqualTo((GuardianActionKind.Protect, 0.0)));
            Assert.That((a.Protection.Kind, a.Protection.Stop), Is.EqualTo((ProtectionKind.MoveStop, 60_300.0)));
        }

        [Test]
        public void CheckSize_LongExactlyAtTheCapWithTheDefaultBand_NothingCut()
        {
            // 1 BTC × 60,000 (bid) / 12,000 = 5.0x: at the cap, not above it — so no cut to 90 % of it (4.5x) either.
            var p = Long(1.0);

            Assert.That(Policy(cutToPercent: 90).Evaluate(p, Track(p), Market(equity: 12_000), false).Kind, Is.EqualTo(GuardianActionKind.None));
        }

        [Test]
        public void CheckSize_BreakEvenStop_StillLosesTheFeesAndIsCutToTheRiskCap()
        {
            // Stop at the 60,000 entry: filled there it loses the two fees, 0.05 % × 60,000 = 30 per side per BTC:
            // 0.8 × 60 = 48 > 0.25 % × 10,000 = 25. Kept: 25 / 60 = 0.4167 → 0.41; closed 0.39.
            // (Leverage 0.8 × 60,100 / 10,000 = 4.81x: within the cap, so the risk cap is the one that binds.)
            var p = Long(0.8, stop: 60_000);

            var a = Policy(maxRiskPercent: 0.25).Evaluate(p, Track(p), Market(bid: 60_100, ask: 60_101), false);

            Assert.That((a.Kind, a.Reason), Is.EqualTo((GuardianActionKind.Reduce, GuardianReasons.RiskAboveCap)));
            Assert.That(a.Volume, Is.EqualTo(0.39).Within(1e-9));
            Assert.That(a.Measured, Is.EqualTo(48).Within(1e-9));
            Assert.That(a.Limit, Is.EqualTo(25).Within(1e-9));
        }

        [Test]
        public void CheckSize_StopOneTickPastTheEntry_StillLosesTheFeesAndIsCutToTheRiskCap()
        {
            // One tick past the 60,000 entry the price gain, 0.01 per BTC, pays almost none of the fees: per BTC
            // −0.01 + 30 + 0.05 % × 60,000.01 = 30.000005 → 59.990005; risk 0.8 × 59.990005 = 47.992004 > 25 (as at the
            // entry). Kept: 25 / 59.990005 = 0.41674 → 0.41; closed 0.39. (Before: not measured at all, so no cut.)
            var p = Long(0.8, stop: 60_000.01);

            var a = Policy(maxRiskPercent: 0.25).CheckSize(p, Market(bid: 60_100, ask: 60_101));

            Assert.That((a.Kind, a.Reason), Is.EqualTo((GuardianActionKind.Reduce, GuardianReasons.RiskAboveCap)));
            Assert.That(a.Volume, Is.EqualTo(0.39).Within(1e-9));
            Assert.That(a.Measured, Is.EqualTo(47.992004).Within(1e-9));
        }

        [Test]
        public void CheckSize_StopPastTheEntryByMoreThanTheFees_LocksANetGainAndIsNotMeasured()
        {
            // 70 past the entry: per BTC −70 + 30 + 0.05 % × 60,070 = 30.035 → −9.965, a net gain at the stop: nothing at risk.
            var p = Long(0.8, stop: 60_070);

            Assert.That(Policy(maxRiskPercent: 0.25).CheckSize(p, Market(bid: 60_100, ask: 60_101)).Kind, Is.EqualTo(GuardianActionKind.None));
        }

        [Test]
        public void CheckSize_StopPastTheEntryWithAMinimumCommission_KeepsWhatFitsNotNothing()
        {
            // 0.05 %/side with a 3 USD minimum per side, step 0.0001; long 0.8 at 60,000, stop 60,050 (50 past the entry).
            // Per BTC −50 + 30 + 30.025 = 10.025 (both rate fees, 24 and 24.02, above the minimum); risk 0.8 × 10.025 =
            // 8.02 > 0.05 % of 10,000 = 5. The four lines: 10.025 u ≤ 5 → u ≤ 0.49875; −19.975 u + 3 ≤ 5, −20 u + 3 ≤ 5
            // (any u); −50 u + 6 ≤ 5 → u ≥ 0.02. Kept 0.4987 (0.4987 × 10.025 = 4.9994 ≤ 5), closed 0.3013.
            var a = CheckLongWithMinimumCommission(0.8, stop: 60_050);

            Assert.That((a.Kind, a.Reason), Is.EqualTo((GuardianActionKind.Reduce, GuardianReasons.RiskAboveCap)));
            Assert.That(a.Measured, Is.EqualTo(8.02).Within(1e-9));
            Assert.That(a.Volume, Is.EqualTo(0.3013).Within(1e-9));
        }

        [Test]
        public void CheckSize_StopPastTheEntryOnAVolumeTooSmallForItsMinimums_ClosesIt()
        {
            // The same fees and stop on 0.01 BTC: −0.5 + 3 + 3 (rate fees 0.30 below the minimum) = 5.5 > 5. Only a volume of
            // at least 0.02 pays the minimums from its gain (−50 u + 6 ≤ 5); a smaller one loses more, so it closes whole.
            var a = CheckLongWithMinimumCommission(0.01, stop: 60_050);

            Assert.That((a.Kind, a.Reason), Is.EqualTo((GuardianActionKind.Close, GuardianReasons.RiskAboveCap)));
            Assert.That(a.Measured, Is.EqualTo(5.5).Within(1e-9));
            Assert.That(a.Volume, Is.EqualTo(0.01).Within(1e-9));
        }

        [Test]
        public void CheckSize_StopJustPastTheEntryWhereNoVolumeFitsTheCap_ClosesIt()
        {
            // The same fees, stop 60,005 (5 past the entry), 0.5 BTC: −2.5 + 15 + 15.00125 = 27.50125 > 5. The lines:
            // (−5 + 30 + 30.0025) u ≤ 5 → u ≤ 0.0909; −5 u + 6 ≤ 5 → u ≥ 0.2: no volume fits (0.09 would lose
            // −0.45 + 3 + 3 = 5.55 > 5), so a cut cannot help: it closes whole.
            var a = CheckLongWithMinimumCommission(0.5, stop: 60_005);

            Assert.That((a.Kind, a.Reason), Is.EqualTo((GuardianActionKind.Close, GuardianReasons.RiskAboveCap)));
            Assert.That(a.Measured, Is.EqualTo(27.50125).Within(1e-9));
            Assert.That(a.Volume, Is.EqualTo(0.5).Within(1e-9));
        }

        /// <summary>A long at 60,000 with the 3 USD minimum commission, risk cap 0.05 % of 10,000 = 5, at bid 60,100.</summary>
        private static GuardianAction CheckLongWithMinimumCommission(double volume, double stop)
        {
            var spec = MinimumCommissionSpec();
            var fees = FeeCoefficients.For(spec, ConversionRates.Identity);
            return Policy(maxRiskPercent: 0.05, spec: spec).CheckSize(Long(volume, stop: stop), Market(bid: 60_100, ask: 60_101, fees: fees));
        }

        private static InstrumentSpec MinimumCommissionSpec() => new InstrumentSpec("BTCUSD", tickSize: 0.01, volumeMin: 0.0001, volumeStep: 0.0001, volumeMax: 100,
            pipSize: 1, lotSize: 1, commission: CommissionModel.PercentOfVolume(Fraction.FromPercent(0.05)).WithMinimum(MinimumCommission.InUsd(3)),
            baseAsset: "BTC", quoteAsset: "USD");

        [Test]
        public void CheckSize_ShortMeasuredAtTheAsk_OneDollarAboveTheBidTakesItOverTheCap()
        {
            // A short closes at the ask: 1 BTC × 60,001 / 12,000 = 5.0000833x > 5x (at the 60,000 bid it would be 5.0x).
            // Kept: 5 × 12,000 / 60,001 = 0.99998 → 0.99; closed 0.01.
            var p = Short(1.0, stop: 61_000);

            var a = Policy().Evaluate(p, Track(p), Market(equity: 12_000), false);

            Assert.That((a.Kind, a.Reason), Is.EqualTo((GuardianActionKind.Reduce, GuardianReasons.LeverageAboveCap)));
            Assert.That(a.Volume, Is.EqualTo(0.01).Within(1e-9));
            Assert.That(a.Measured, Is.EqualTo(60_001.0 / 12_000).Within(1e-12));
        }

        [Test]
        public void CheckSize_EurAccount_NotionalConvertedAtTheQuoteRate()
        {
            // 1 USD = 0.9 EUR. 1 BTC × 60,000 × 0.9 = 54,000 EUR / 10,000 EUR = 5.4x > 5x.
            // Kept: 5 × 10,000 / (60,000 × 0.9) = 0.9259 → 0.92; closed 0.08.
            var eur = FeeCoefficients.For(PipelineFixtures.BtcUsd(), new ConversionRates(0.9, 1, 0.9));
            var p = Long(1.0);

            var a = Policy().Evaluate(p, Track(p), Market(fees: eur), false);

            Assert.That(a.Kind, Is.EqualTo(GuardianActionKind.Reduce));
            Assert.That(a.Measured, Is.EqualTo(5.4).Within(1e-9));
            Assert.That(a.Volume, Is.EqualTo(0.08).Within(1e-9));
        }

        [Test]
        public void CheckSize_EurAccountRiskCap_StopDistanceConvertedAtTheQuoteRate()
        {
            // 1 USD = 0.9 EUR; fees 0.05 % × 0.9 = 0.00045 EUR per USD of price. 0.5 BTC long 60,000, stop 59,700:
            // per BTC 300 × 0.9 = 270 + 27 + 26.865 = 323.865 EUR; risk 0.5 × 323.865 = 161.9325 > 1 % of 10,000 = 100.
            // Kept: 100 / 323.865 = 0.3088 → 0.30; closed 0.20. (Leverage 0.5 × 54,000 / 10,000 = 2.7x: within the cap.)
            var eur = FeeCoefficients.For(PipelineFixtures.BtcUsd(), new ConversionRates(0.9, 1, 0.9));
            var p = Long(0.5);

            var a = Policy(maxRiskPercent: 1).Evaluate(p, Track(p), Market(fees: eur), false);

            Assert.That((a.Kind, a.Reason), Is.EqualTo((GuardianActionKind.Reduce, GuardianReasons.RiskAboveCap)));
            Assert.That(a.Measured, Is.EqualTo(161.9325).Within(1e-9));
            Assert.That(a.Limit, Is.EqualTo(100).Within(1e-9));
            Assert.That(a.Volume, Is.EqualTo(0.20).Within(1e-9));
        }

        [Test]
        public void CheckSize_EurAccountMinimumCommission_WhatFitsCountsTheMoveAtTheQuoteRate()
        {
            // 1 USD = 0.9 EUR; 0.05 %/side (0.00045 EUR per USD) with a 3 USD = 2.7 EUR minimum per side; step 0.0001.
            // 0.06 BTC long 60,000, stop 59,700: 0.06 × 270 = 16.2 + 2.7 + 2.7 (the rate fees 1.62 and 1.61 are below the
            // minimum) = 21.6 EUR > 2 % of 1,000 = 20. What fits: min(20 / 323.865 = 0.0618, 17.3 / 296.865 = 0.0583,
            // 17.3 / 297 = 0.0582, 14.6 / 270 = 0.05407) → keep 0.0540 (0.054 × 270 + 5.4 = 19.98 ≤ 20), close 0.0060.
            var spec = new InstrumentSpec("BTCUSD", tickSize: 0.01, volumeMin: 0.0001, volumeStep: 0.0001, volumeMax: 100, pipSize: 1, lotSize: 1,
                commission: CommissionModel.PercentOfVolume(Fraction.FromPercent(0.05)).WithMinimum(MinimumCommission.InUsd(3)),
                baseAsset: "BTC", quoteAsset: "USD");
            var eur = FeeCoefficients.For(spec, new ConversionRates(0.9, 1, 0.9));
            var p = Long(0.06, target: 62_000);

            var a = Policy(maxRiskPercent: 2, spec: spec).Evaluate(p, Track(p), Market(equity: 1_000, fees: eur), false);

            Assert.That((a.Kind, a.Reason), Is.EqualTo((GuardianActionKind.Reduce, GuardianReasons.RiskAboveCap)));
            Assert.That(a.Measured, Is.EqualTo(21.6).Within(1e-9));
            Assert.That(a.Volume, Is.EqualTo(0.0060).Within(1e-9));
        }

        [Test]
        public void CheckSize_ShortRiskAboveTheCap_StopAboveTheEntryCounts()
        {
            // Short 0.80 BTC at 60,000, stop 60,300: per BTC 300 + 30 + 30.15 = 360.15; risk 0.8 × 360.15 = 288.12 > 2 % of
            // 10,000 = 200. Kept: 200 / 360.15 = 0.5553 → 0.55; closed 0.25. (0.8 × 60,001 / 10,000 = 4.8x: within 5x.)
            var p = Short(0.80);

            var a = Policy(maxRiskPercent: 2).Evaluate(p, Track(p), Market(), false);

            Assert.That((a.Kind, a.Reason), Is.EqualTo((GuardianActionKind.Reduce, GuardianReasons.RiskAboveCap)));
            Assert.That(a.Measured, Is.EqualTo(288.12).Within(1e-9));
            Assert.That(a.Volume, Is.EqualTo(0.25).Within(1e-9));
        }

        [Test]
        public void CheckSize_RiskExactlyAtTheCapWithTheDefaultBand_NothingCut()
        {
            // No fees: 1 BTC long 60,000, stop 59,800 risks 200 = 1 % of 20,000 exactly (3x leverage): at the cap, kept
            // (not cut to 90 % of it).
            var spec = PipelineFixtures.BtcUsd(feePercent: 0);
            var free = FeeCoefficients.For(spec, ConversionRates.Identity);
            var p = Long(1.0, stop: 59_800, target: 61_000);

            var a = Policy(maxRiskPercent: 1, cutToPercent: 90, spec: spec).Evaluate(p, Track(p), Market(equity: 20_000, fees: free), false);

            Assert.That(a.Kind, Is.EqualTo(GuardianActionKind.None));
        }

        [Test]
        public void CheckSize_NoQuote_NothingCutEvenWithTheRiskAboveTheCap()
        {
            // 0.80 BTC risks 0.8 × 359.85 = 287.88 > 200 (GuardianPolicyTests), but bid and ask are 0: a missing quote is
            // not judged.
            var p = Long(0.80);

            Assert.That(Policy(maxRiskPercent: 2).CheckSize(p, Market(bid: 0, ask: 0)).Kind, Is.EqualTo(GuardianActionKind.None));
        }

        [TestCase(OversizeAction.WarnOnly)]
        [TestCase(OversizeAction.Close)]
        public void CheckSize_WithinEveryCap_NoWarningNoClose(OversizeAction action)
        {
            // 0.27 BTC: 1.62x and 0.27 × 359.85 = 97.16 risked, under 5x and 2 % of 10,000.
            var p = Long(0.27);

            Assert.That(Policy(action, maxRiskPercent: 2).CheckSize(p, Market()).Kind, Is.EqualTo(GuardianActionKind.None));
        }

        [TestCase(0)]
        [TestCase(150)]
        public void CheckSize_CutShareOutsideZeroToHundredUnvalidated_CutToTheCapItself(double cutToPercent)
        {
            // 1 BTC at 6x: a share of 0 % (would close all) or 150 % (would cut nothing) falls back to the cap:
            // keep 5 × 10,000 / 60,000 = 0.8333 → 0.83, close 0.17.
            var p = Long(1.0);

            var a = Policy(cutToPercent: cutToPercent).CheckSize(p, Market());

            Assert.That(a.Kind, Is.EqualTo(GuardianActionKind.Reduce));
            Assert.That(a.Volume, Is.EqualTo(0.17).Within(1e-9));
        }

        [Test]
        public void CheckSize_NegativeEquity_ClosedWholeAsLeverageAboveCap()
        {
            // Equity −100 (a gap through the stops): leverage is infinite, nothing may stay open; the reason is the leverage
            // (the risk cap, −2 USD, is no more binding: it allows 0 units too).
            var p = Long(0.27);

            var a = Policy(maxRiskPercent: 2).CheckSize(p, Market(equity: -100));

            Assert.That((a.Kind, a.Volume, a.Reason), Is.EqualTo((GuardianActionKind.Close, 0.27, GuardianReasons.LeverageAboveCap)));
            Assert.That(a.Measured, Is.EqualTo(double.PositiveInfinity));
        }
    }
}
