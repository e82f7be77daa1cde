using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Pipeline;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Stops;

namespace PerpGuard.Risk.Tests.Pipeline
{
    /// <summary>
    /// The protector's shorts, its boundaries (a stop one tick from the quote, a target at the quote), the stop
    /// distance inputs, a restart that lost the initial stop and the stop moves that must not happen. Each case was
    /// written for a mutant that survived the older tests; every number is worked by hand beside it.
    /// BTCUSD: tick 0.01, pip 1 USD, 0.05 % per side, USD account; defaults 1.5 ATR stop, 1.5 R target, trailing
    /// 1.5 ATR from +1 R, break-even at +0.8 R.
    /// </summary>
    public class PositionProtectorEdgeWorkedTests
    {
        private static readonly FeeCoefficients Fees = FeeCoefficients.For(PipelineFixtures.BtcUsd(), ConversionRates.Identity);

        private static PositionProtector Protector(StopOptions? o = null, InstrumentSpec? spec = null) =>
            new PositionProtector(o ?? new StopOptions(), spec ?? PipelineFixtures.BtcUsd());

        private static PositionView Short(double? stop, double? target = null) =>
            new PositionView(2, "BTCUSD", "manual", TradeSide.Short, 0.27, 60_000, stop, target, 0);

        private static PositionView Long(double? stop, double? target = null) =>
            new PositionView(1, "BTCUSD", "manual", TradeSide.Long, 0.27, 60_000, stop, target, 0);

        private static TrackedPosition Track(PositionView p, double initialStop) =>
            new TrackedPosition(p.Id, p.Side, p.EntryPrice, initialStop, double.NaN, PipelineFixtures.Noon);

        private static TrackedPosition Track(PositionView p) => Track(p, p.StopLoss ?? double.NaN);

        [Test]
        public void Evaluate_ShortWithoutStop_StopAboveAndNetOfFeesTargetBelow()
        {
            // Stop 60,000 + 1.5 × 200 = 60,300. Risk per BTC: 300 + 30 (0.05 % of 60,000) + 30.15 (of 60,300) = 360.15.
            // Short target T: (60,000 − T) − 30 − 0.0005 T = 1.5 × 360.15 → T = (60,000 − 30 − 540.225) / 1.0005
            // = 59,400.0749… → 59,400.07 (a short's target rounds down, away from the market).
            var p = Short(stop: null);

            var a = Protector().Evaluate(p, Track(p), bid: 59_999, ask: 60_000, atr: 200, Fees);

            Assert.That(a.Kind, Is.EqualTo(ProtectionKind.AttachStop));
            Assert.That(a.Stop, Is.EqualTo(60_300).Within(1e-9));
            Assert.That(a.Target, Is.EqualTo(59_400.07).Within(1e-9));
        }

        [Test]
        public void Evaluate_ShortWithoutStopAskAtTheStop_ClosedThoughTheBidIsASpreadBelow()
        {
            // A short closes at the ask: ask 60,300 is at the 60,300 stop (not a tick below it) — closed, even though the
            // bid 60,290 would leave room.
            var p = Short(stop: null);

            var a = Protector().Evaluate(p, Track(p), bid: 60_290, ask: 60_300, atr: 200, Fees);

            Assert.That(a.Kind, Is.EqualTo(ProtectionKind.Close));
            Assert.That(a.Reason, Is.EqualTo(ProtectionReasons.StopAlreadyBreached));
        }

        [Test]
        public void Evaluate_ShortWithoutStopAskOneTickBelowIt_StopAttached()
        {
            // Ask 60,299.99: the 60,300 stop is exactly one tick above it — the closest a short's stop may sit.
            var p = Short(stop: null);

            var a = Protector().Evaluate(p, Track(p), bid: 60_290, ask: 60_299.99, atr: 200, Fees);

            Assert.That((a.Kind, a.Stop), Is.EqualTo((ProtectionKind.AttachStop, 60_300.0)));
        }

        [TestCase(59_700.01, ProtectionKind.AttachStop)] // the 59,700 stop one tick below the bid: allowed
        [TestCase(59_700.00, ProtectionKind.Close)] // the stop at the bid: it would fill at once
        public void Evaluate_LongWithoutStopBidNearTheStop_OneTickBelowIsTheClosestAllowed(double bid, ProtectionKind expected)
        {
            var p = Long(stop: null);

            var a = Protector().Evaluate(p, Track(p), bid, bid + 1, atr: 200, Fees);

            Assert.That(a.Kind, Is.EqualTo(expected));
        }

        [TestCase(60_600.08)] // at the target: a target there would fill at once
        [TestCase(60_700.00)] // past it
        public void Evaluate_LongWithoutStopPriceAtOrPastTheTarget_StopOnlyNoTarget(double bid)
        {
            // Stop 59,700 (well below the bid), target 60,600.08 (the issue-2 example) — not ahead of the bid: none is set.
            var p = Long(stop: null);

            var a = Protector().Evaluate(p, Track(p), bid, bid + 1, atr: 200, Fees);

            Assert.That(a.Kind, Is.EqualTo(ProtectionKind.AttachStop));
            Assert.That(a.Stop, Is.EqualTo(59_700).Within(1e-9));
            Assert.That(a.Target, Is.NaN);
        }

        [Test]
        public void Evaluate_ShortWithoutStopAskAtTheTarget_StopOnlyNoTarget()
        {
            // The short's target 59,400.07 (worked above) equals the ask: not ahead, none is set.
            var p = Short(stop: null);

            var a = Protector().Evaluate(p, Track(p), bid: 59_400.06, ask: 59_400.07, atr: 200, Fees);

            Assert.That(a.Kind, Is.EqualTo(ProtectionKind.AttachStop));
            Assert.That(a.Target, Is.NaN);
        }

        [TestCase(100.0, 59_850.0)] // 1.5 × 100 = 150 below 60,000 (the fixed 300 pips would give 59,700)
        [TestCase(0.0, 59_700.0)] // no ATR: the fixed 300 pips × 1 USD
        [TestCase(double.PositiveInfinity, 59_700.0)] // a broken ATR: the fixed distance too
        public void Evaluate_LongWithoutStop_AtrDistanceOrTheFixedPipsWithoutAUsableAtr(double atr, double expectedStop)
        {
            var p = Long(stop: null);

            var a = Protector().Evaluate(p, Track(p), bid: 60_000, ask: 60_001, atr, Fees);

            Assert.That(a.Kind, Is.EqualTo(ProtectionKind.AttachStop));
            Assert.That(a.Stop, Is.EqualTo(expectedStop).Within(1e-9));
        }

        [Test]
        public void InitialStopDistance_FixedPipsOnATenthPip_PipsTimesThePipSize()
        {
            // 2,500 pips × 0.1 USD = 250 USD.
            var spec = new InstrumentSpec("BTCUSD", tickSize: 0.01, volumeMin: 0.01, volumeStep: 0.01, volumeMax: 100, pipSize: 0.1, lotSize: 1,
                commission: CommissionModel.None, baseAsset: "BTC", quoteAsset: "USD");

            var distance = Protector(new StopOptions { StopMode = StopMode.Fixed, FixedStopPips = 2_500 }, spec).InitialStopDistance(200);

            Assert.That(distance, Is.EqualTo(250).Within(1e-9));
        }

        [Test]
        public void PerUnitRisk_EurAccount_MoveConvertedAtTheRatePlusBothFees()
        {
            // 1 USD = 0.8 EUR, 0.05 % per side → 0.0004 EUR per USD of price. 300 × 0.8 = 240; fees 0.0004 × 60,000 = 24
            // and 0.0004 × 59,700 = 23.88 → 287.88 EUR per BTC.
            var fees = new FeeCoefficients(0, 0.0004, 0.8);

            Assert.That(PositionProtector.PerUnitRisk(TradeSide.Long, 60_000, 59_700, fees), Is.EqualTo(287.88).Within(1e-9));
        }

        [Test]
        public void TargetFor_ShortWhoseTargetWouldBeBelowZero_NotANumber()
        {
            // Short at 100 with the stop at 200: risk 100 + 0.05 + 0.10 = 100.15 per unit; 1.5 R = 150.225 is more than the
            // whole price: no positive target exists.
            Assert.That(Protector().TargetFor(TradeSide.Short, 100, 200, Fees), Is.NaN);
        }

        [Test]
        public void Evaluate_RestartWithoutTheInitialStop_BrokersStopTakenAsInitialForTheTarget()
        {
            // The tracked record lost its initial stop (NaN); the broker's 59,700 is taken as it, so the missing target
            // is the issue-2 one: 60,600.08.
            var p = Long(stop: 59_700);
            var tracked = Track(p, double.NaN);

            var a = Protector().Evaluate(p, tracked, bid: 60_050, ask: 60_051, atr: 200, Fees);

            Assert.That((a.Kind, a.Target), Is.EqualTo((ProtectionKind.AttachTarget, 60_600.08)));
            Assert.That(tracked.InitialStop, Is.EqualTo(59_700));
        }

        [Test]
        public void Evaluate_StopButNoTargetAndPricePastTheTarget_NoTargetTheStopTrails()
        {
            // Target 60,600.08 lies below the 60,700 bid: not set. +700 ≥ 1 R (300): trail 60,700 − 1.5 × 200 = 60,400
            // (break-even 60,060.04 is looser).
            var p = Long(stop: 59_700);

            var a = Protector().Evaluate(p, Track(p), bid: 60_700, ask: 60_701, atr: 200, Fees);

            Assert.That(a.Kind, Is.EqualTo(ProtectionKind.MoveStop));
            Assert.That(a.Stop, Is.EqualTo(60_400).Within(1e-9));
            Assert.That(a.Reason, Is.EqualTo(ProtectionReasons.TrailingStop));
        }

        [Test]
        public void Evaluate_TrailBehindAStopTightenedByHand_StopLeftWhereItIs()
        {
            // Initial stop 59,700; the trader moved it to 60,400. Bid 60,600: trail 60,300 and break-even 60,060.04 are
            // both looser than 60,400 — nothing moves (a stop never loosens).
            var p = Long(stop: 60_400, target: 61_000);

            var a = Protector().Evaluate(p, Track(p, 59_700), bid: 60_600, ask: 60_601, atr: 200, Fees);

            Assert.That(a.Kind, Is.EqualTo(ProtectionKind.None));
        }

        [Test]
        public void Evaluate_LongTrailOneTickTighter_Moved()
        {
            // Stop at 60,299.99; bid 60,600 → trail 60,300: one tick tighter is a real tightening (only half a tick is noise).
            var p = Long(stop: 60_299.99, target: 61_000);

            var a = Protector().Evaluate(p, Track(p, 59_700), bid: 60_600, ask: 60_601, atr: 200, Fees);

            Assert.That((a.Kind, a.Stop, a.Reason), Is.EqualTo((ProtectionKind.MoveStop, 60_300.0, ProtectionReasons.TrailingStop)));
        }

        [Test]
        public void Evaluate_ShortFarInProfit_TrailsAboveTheAsk()
        {
            // Short 60,000, stop 60,300 (R = 300). Ask 59,400: +600 ≥ 1 R → trail 59,400 + 300 = 59,700. Break-even
            // (60,000 − 30) / 1.0005 = 59,940.03 → 59,940.02 is looser.
            var p = Short(stop: 60_300, target: 59_000);

            var a = Protector().Evaluate(p, Track(p), bid: 59_399, ask: 59_400, atr: 200, Fees);

            Assert.That((a.Kind, a.Stop, a.Reason), Is.EqualTo((ProtectionKind.MoveStop, 59_700.0, ProtectionReasons.TrailingStop)));
        }

        [Test]
        public void Evaluate_ShortTrailOneTickTighter_Moved()
        {
            // Stop at 59,700.01; the 59,700 trail is one tick lower (tighter for a short).
            var p = Short(stop: 59_700.01, target: 59_000);

            var a = Protector().Evaluate(p, Track(p, 60_300), bid: 59_399, ask: 59_400, atr: 200, Fees);

            Assert.That((a.Kind, a.Stop), Is.EqualTo((ProtectionKind.MoveStop, 59_700.0)));
        }

        [Test]
        public void Evaluate_ShortStopAlreadyAtTheTrail_NothingSent()
        {
            // The stop is at 59,700 already, where the trail is: no modification is sent.
            var p = Short(stop: 59_700, target: 59_000);

            var a = Protector().Evaluate(p, Track(p, 60_300), bid: 59_399, ask: 59_400, atr: 200, Fees);

            Assert.That(a.Kind, Is.EqualTo(ProtectionKind.None));
        }

        [Test]
        public void Evaluate_ShortAtZeroPointEightR_BreakEvenBelowTheEntryCoveringBothFees()
        {
            // Ask 59,760: +240 = 0.8 R (trailing waits for 1 R). Break-even for a short: (60,000 − B) − 30 − 0.0005 B = 0
            // → B = 59,970 / 1.0005 = 59,940.0299… → 59,940.02 (down: still covers the fees).
            var p = Short(stop: 60_300, target: 59_000);

            var a = Protector().Evaluate(p, Track(p), bid: 59_759, ask: 59_760, atr: 200, Fees);

            Assert.That((a.Kind, a.Stop, a.Reason), Is.EqualTo((ProtectionKind.MoveStop, 59_940.02, ProtectionReasons.BreakEven)));
        }
    }
}
