using System;
using FsCheck;
using FsCheck.Fluent;
using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Pipeline;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Stops;
using PerpGuard.Tests.Common;

namespace PerpGuard.Risk.Tests.Pipeline
{
    public class PositionProtectorTests
    {
        private static readonly FeeCoefficients Fees = FeeCoefficients.For(PipelineFixtures.BtcUsd(), ConversionRates.Identity);

        private static PositionProtector Protector(Action<StopOptions>? configure = null)
        {
            var o = new StopOptions();
            configure?.Invoke(o);
            return new PositionProtector(o, PipelineFixtures.BtcUsd());
        }

        private static PositionView Long(double? stop, double? target = null, double entry = 60_000) =>
            new PositionView(1, "BTCUSD", "manual", TradeSide.Long, 0.27, entry, stop, target, 0);

        private static TrackedPosition Track(PositionView p) =>
            new TrackedPosition(p.Id, p.Side, p.EntryPrice, p.StopLoss ?? double.NaN, double.NaN, PipelineFixtures.Noon);

        [Test]
        public void Evaluate_NoStop_AttachesAtrStopAndNetOfFeesTarget_Issue2Example()
        {
            // 1.5 × ATR 200 = 300 below 60,000 → 59,700; the net-1.5R target at 0.05 %/side is 60,600.08 (issue 2).
            var p = Long(stop: null);

            var action = Protector().Evaluate(p, Track(p), bid: 60_000, ask: 60_001, atr: 200, Fees);

            Assert.That(action.Kind, Is.EqualTo(ProtectionKind.AttachStop));
            Assert.That(action.Stop, Is.EqualTo(59_700).Within(1e-9));
            Assert.That(action.Target, Is.EqualTo(60_600.08).Within(1e-9));
            Assert.That(action.Reason, Is.EqualTo(ProtectionReasons.MissingStop));
        }

        [Test]
        public void Evaluate_NoStopAndNoAtr_UsesFixedPips()
        {
            var p = Long(stop: null);

            var action = Protector(o => o.FixedStopPips = 250).Evaluate(p, Track(p), 60_000, 60_001, double.NaN, Fees);

            Assert.That(action.Stop, Is.EqualTo(59_750).Within(1e-9));
        }

        [Test]
        public void Evaluate_NoStopAndPriceAlreadyBelowIt_ClosesThePosition()
        {
            var p = Long(stop: null);

            var action = Protector().Evaluate(p, Track(p), bid: 59_650, ask: 59_651, atr: 200, Fees);

            Assert.That(action.Kind, Is.EqualTo(ProtectionKind.Close));
            Assert.That(action.Reason, Is.EqualTo(ProtectionReasons.StopAlreadyBreached));
        }

        [Test]
        public void Evaluate_StopButNoTarget_AttachesTargetFromInitialStop()
        {
            var p = Long(stop: 59_700);

            var action = Protector().Evaluate(p, Track(p), 60_050, 60_051, 200, Fees);

            Assert.That(action.Kind, Is.EqualTo(ProtectionKind.AttachTarget));
            Assert.That(action.Target, Is.EqualTo(60_600.08).Within(1e-9));
        }

        [Test]
        public void Evaluate_OnePointZeroR_BreakEvenCoveringBothFees()
        {
            // +1R (bid 60,300): trailing (1R, 1.5 ATR = 300) proposes 60,000; break-even (0.8R) proposes
            // 60,030 / 0.9995 = 60,060.03 → rounded up to 60,060.04, which is tighter and wins.
            var p = Long(stop: 59_700, target: 60_600.08);

            var action = Protector().Evaluate(p, Track(p), 60_300, 60_301, 200, Fees);

            Assert.That(action.Kind, Is.EqualTo(ProtectionKind.MoveStop));
            Assert.That(action.Stop, Is.EqualTo(60_060.04).Within(1e-9));
            Assert.That(action.Reason, Is.EqualTo(ProtectionReasons.BreakEven));
        }

        [Test]
        public void Evaluate_BelowActivation_KeepsStop()
        {
            // +0.5R: neither break-even (0.8R) nor trailing (1R) applies.
            var p = Long(stop: 59_700, target: 60_600.08);

            var action = Protector().Evaluate(p, Track(p), 60_150, 60_151, 200, Fees);

            Assert.That(action.Kind, Is.EqualTo(ProtectionKind.None));
        }

        [Test]
        public void Evaluate_FarInProfit_TrailsAtAtrDistance()
        {
            // Bid 60,600: trail = 60,600 − 300 = 60,300 beats break-even 60,060.04.
            var p = Long(stop: 59_700, target: 61_000);

            var action = Protector().Evaluate(p, Track(p), 60_600, 60_601, 200, Fees);

            Assert.That(action.Kind, Is.EqualTo(ProtectionKind.MoveStop));
            Assert.That(action.Stop, Is.EqualTo(60_300).Within(1e-9));
            Assert.That(action.Reason, Is.EqualTo(ProtectionReasons.TrailingStop));
        }

        [Test]
        public void Evaluate_AnyPricePath_StopNeverLoosens()
        {
            var protector = Protector();
            Prop.ForAll(
                    ArbMap.Default.GeneratorFor<int[]>().Select(a => a).ToArbitrary(),
                    moves =>
                    {
                        var stop = 59_700.0;
                        var tracked = new TrackedPosition(1, TradeSide.Long, 60_000, stop, double.NaN, PipelineFixtures.Noon);
                        var price = 60_000.0;
                        foreach (var m in moves)
                        {
                            price = Math.Max(59_710, price + (m % 200));
                            var p = new PositionView(1, "BTCUSD", "x", TradeSide.Long, 0.27, 60_000, stop, 61_000, 0);
                            var a = protector.Evaluate(p, tracked, price, price + 1, 200, Fees);
                            if (a.Kind == ProtectionKind.MoveStop)
                            {
                                if (a.Stop < stop || a.Stop >= price)
                                {
                                    return false;
                                }

                                stop = a.Stop;
                            }
                        }

                        return true;
                    })
                .Check(PropertyBudget.Config);
        }
    }
}
