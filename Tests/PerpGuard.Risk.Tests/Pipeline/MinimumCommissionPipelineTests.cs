using System;
using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Pipeline;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Stops;

namespace PerpGuard.Risk.Tests.Pipeline
{
    /// <summary>
    /// The protector and the guardian weigh a minimum commission per side at the position's own volume
    /// (BTCUSD 0.05 %/side, minimum 3 USD per side; worked by hand).
    /// </summary>
    public class MinimumCommissionPipelineTests
    {
        private static InstrumentSpec Spec() => new InstrumentSpec(
            "BTCUSD",
            tickSize: 0.01,
            volumeMin: 0.0001,
            volumeStep: 0.0001,
            volumeMax: 100,
            pipSize: 1,
            lotSize: 1,
            commission: CommissionModel.PercentOfVolume(Fraction.FromPercent(0.05)).WithMinimum(MinimumCommission.InUsd(3)),
            baseAsset: "BTC",
            quoteAsset: "USD");

        private static readonly FeeCoefficients Fees = FeeCoefficients.For(Spec(), ConversionRates.Identity);

        private static TrackedPosition Track(PositionView p) =>
            new TrackedPosition(p.Id, p.Side, p.EntryPrice, p.StopLoss ?? double.NaN, double.NaN, new DateTime(2022, 1, 10, 12, 0, 0, DateTimeKind.Utc));

        [Test]
        public void ProtectorEvaluate_SmallLongPastTrigger_BreakEvenCoversBothMinimums()
        {
            // 0.0133 BTC long at 60,000, stop 59,700 (R = 300), break-even at 0.8 R (60,240), bid 60,600:
            // net zero needs 0.0133 × (P − 60,000) = 3 + 3 → P = 60,451.1278… → 60,451.13 (rounded up).
            // (Rate fees alone give 60,060.03, where the broker's two 3-USD minimums make it a 5.20 loss.)
            var protector = new PositionProtector(new StopOptions { TrailingEnabled = false }, Spec());
            var p = new PositionView(1, "BTCUSD", "x", TradeSide.Long, 0.0133, 60_000, 59_700, 62_000, 0);

            var action = protector.Evaluate(p, Track(p), bid: 60_600, ask: 60_601, atr: 100, Fees);

            Assert.That(action.Kind, Is.EqualTo(ProtectionKind.MoveStop));
            Assert.That(action.Reason, Is.EqualTo(ProtectionReasons.BreakEven));
            Assert.That(action.Stop, Is.EqualTo(60_451.13).Within(1e-9));
        }

        [Test]
        public void ProtectorEvaluate_SmallLongWithoutTarget_TargetNets15RAfterMinimums()
        {
            // Same position, no target: risk at the stop 0.0133 × 300 + 3 + 3 = 9.99; 1.5 R = 14.985;
            // 0.0133 × (T − 60,000) − 6 ≥ 14.985 → T = 61,577.8195… → 61,577.82.
            var protector = new PositionProtector(new StopOptions { TrailingEnabled = false, BreakEvenEnabled = false }, Spec());
            var p = new PositionView(1, "BTCUSD", "x", TradeSide.Long, 0.0133, 60_000, 59_700, null, 0);

            var action = protector.Evaluate(p, Track(p), bid: 60_100, ask: 60_101, atr: 100, Fees);

            Assert.That(action.Kind, Is.EqualTo(ProtectionKind.AttachTarget));
            Assert.That(action.Target, Is.EqualTo(61_577.82).Within(1e-9));
        }

        [Test]
        public void GuardianCheckSize_SmallPositionAboveRiskCap_KeepsWhatFitsWithMinimums()
        {
            // Equity 1,000, cap 2 % = 20. 0.06 BTC long at 60,000, stop 59,700: 0.06 × 300 + 3 + 3 = 24 > 20 (rate fees
            // 1.80 and 1.79 are below 3). What fits: min(20 / 359.85, 17 / 329.85, 17 / 330, 14 / 300) = 0.04667 → keep 0.0466
            // (floored to the 0.0001 step), close 0.0134. Kept: 0.0466 × 300 + 6 = 19.98 ≤ 20. Sized by rate fees alone it would
            // keep 0.0555, which loses 0.0555 × 300 + 6 = 22.65 at the stop.
            // (Worked for a cut to the cap itself: Cut to (% of cap) = 100.)
            var o = new GuardianOptions { OversizeAction = OversizeAction.Reduce, MaxRiskPercentPerPosition = 2, CutToPercentOfCap = 100 };
            var policy = new GuardianPolicy(o, new PositionProtector(o.Stops, Spec()));
            var p = new PositionView(3, "BTCUSD", "manual", TradeSide.Long, 0.06, 60_000, 59_700, 62_000, 0);
            var market = new GuardianMarket(60_000, 60_001, 200, 1_000, Fees, false, true);

            var a = policy.Evaluate(p, Track(p), market, false);

            Assert.That(a.Kind, Is.EqualTo(GuardianActionKind.Reduce));
            Assert.That(a.Reason, Is.EqualTo(GuardianReasons.RiskAboveCap));
            Assert.That(a.Measured, Is.EqualTo(24).Within(1e-9));
            Assert.That(a.Volume, Is.EqualTo(0.0134).Within(1e-9));
        }
    }
}
