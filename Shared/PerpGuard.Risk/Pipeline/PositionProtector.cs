using System;
using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Stops;

namespace PerpGuard.Risk.Pipeline
{
    public enum ProtectionKind
    {
        None = 0,

        /// <summary>The position has no stop: attach <see cref="ProtectionAction.Stop"/> (and the target when given).</summary>
        AttachStop = 1,

        /// <summary>Only the target is missing: attach <see cref="ProtectionAction.Target"/>.</summary>
        AttachTarget = 2,

        /// <summary>Tighten the stop to <see cref="ProtectionAction.Stop"/> (trailing or break-even).</summary>
        MoveStop = 3,

        /// <summary>The position cannot be protected (its stop would already be behind the market): close it.</summary>
        Close = 4,
    }

    /// <summary>One modification to make to a position. A value type: deciding allocates nothing.</summary>
    public readonly struct ProtectionAction
    {
        public ProtectionAction(ProtectionKind kind, double stop, double target, string reason)
        {
            Kind = kind;
            Stop = stop;
            Target = target;
            Reason = reason;
        }

        public ProtectionKind Kind { get; }

        public double Stop { get; }

        /// <summary>NaN when no target is to be set.</summary>
        public double Target { get; }

        public string Reason { get; }

        public static ProtectionAction None => new ProtectionAction(ProtectionKind.None, double.NaN, double.NaN, string.Empty);
    }

    /// <summary>Stable reason codes written by the protection logic.</summary>
    public static class ProtectionReasons
    {
        public const string MissingStop = "MissingStop";
        public const string MissingTarget = "MissingTarget";
        public const string StopAlreadyBreached = "StopAlreadyBreached";
        public const string TrailingStop = "TrailingStop";
        public const string BreakEven = "BreakEven";
        public const string NoVolatility = "MarketDataMissing";
    }

    /// <summary>
    /// Decides, for one position and the current quote, whether its protection must change: attach a
    /// missing stop (ATR or fixed distance from the entry) and a net-of-fees target, trail the stop
    /// after +X R, or move it to a fee-covering break-even after +Y R. The maths is the Stops
    /// library's (TrailingStopState, BreakEvenRule, TargetCalculator); stops only ever tighten.
    /// </summary>
    public sealed class PositionProtector
    {
        private readonly StopOptions _options;
        private readonly InstrumentSpec _spec;
        private readonly TrailingStopRule _trailing;
        private readonly BreakEvenRule _breakEven;

        public PositionProtector(StopOptions options, InstrumentSpec spec)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _spec = spec ?? throw new ArgumentNullException(nameof(spec));
            _trailing = TrailingStopRule.Atr(options.TrailActivationR, options.TrailAtrMultiple);
            _breakEven = new BreakEvenRule(options.BreakEvenAtR);
        }

        public InstrumentSpec Spec => _spec;

        /// <summary>Initial stop distance in price: multiple × ATR, or the fixed pips when ATR mode has no ATR yet.</summary>
        public double InitialStopDistance(double atr)
        {
            if (_options.StopMode == StopMode.Atr && atr > 0 && !double.IsInfinity(atr))
            {
                return _options.StopAtrMultiple * atr;
            }

            return _options.FixedStopPips * _spec.PipSize;
        }

        /// <summary>Money per unit lost at the stop: the price distance in account currency plus both fees.</summary>
        public static double PerUnitRisk(TradeSide side, double entry, double stop, in FeeCoefficients fees)
            => Math.Abs(entry - stop) * fees.QuoteToAccount + fees.RoundTrip(entry, stop);

        /// <summary>The net-of-fees target for an entry and stop, rounded away from the market; NaN when unreachable.</summary>
        public double TargetFor(TradeSide side, double entry, double stop, in FeeCoefficients fees)
        {
            var target = TargetCalculator.MinimumTarget(_spec, side, entry, PerUnitRisk(side, entry, stop, fees), _options.RewardRisk, fees);
            return target.HasValue ? target.Value.Value : double.NaN;
        }

        /// <summary>
        /// The action for <paramref name="position"/> now. <paramref name="tracked"/> carries the
        /// initial stop and trailing state (updated in place). Long positions are measured at the
        /// bid, shorts at the ask (the price they would close at).
        /// </summary>
        public ProtectionAction Evaluate(in PositionView position, TrackedPosition tracked, double bid, double ask, double atr, in FeeCoefficients unboundFees)
        {
            // Per-unit fees at this position's volume: a minimum commission per side weighs more on a small one.
            var fees = unboundFees.ForVolume(position.VolumeUnits);
            var side = position.Side;
            var exitPrice = side == TradeSide.Long ? bid : ask;
            var tick = _spec.TickSize;

            if (!position.StopLoss.HasValue)
            {
                var distance = InitialStopDistance(atr);
                var stop = _spec.RoundStop(side, side == TradeSide.Long ? position.EntryPrice - distance : position.EntryPrice + distance).Value;
                if (!OnSafeSide(side, stop, exitPrice, tick))
                {
                    return new ProtectionAction(ProtectionKind.Close, stop, double.NaN, ProtectionReasons.StopAlreadyBreached);
                }

                var target = double.NaN;
                if (!position.TakeProfit.HasValue)
                {
                    target = TargetFor(side, position.EntryPrice, stop, fees);
                    if (!double.IsNaN(target) && !TargetAhead(side, target, exitPrice))
                    {
                        target = double.NaN;
                    }
                }

                return new ProtectionAction(ProtectionKind.AttachStop, stop, target, ProtectionReasons.MissingStop);
            }

            var current = position.StopLoss.Value;
            if (!tracked.HasInitialStop)
            {
                tracked.SetInitialStop(current);
            }

            if (!position.TakeProfit.HasValue)
            {
                var target = TargetFor(side, position.EntryPrice, tracked.InitialStop, fees);
                if (!double.IsNaN(target) && TargetAhead(side, target, exitPrice))
                {
                    return new ProtectionAction(ProtectionKind.AttachTarget, double.NaN, target, ProtectionReasons.MissingTarget);
                }
            }

            var proposed = current;
            var reason = string.Empty;
            if (_options.TrailingEnabled)
            {
                tracked.Trail = tracked.Trail.Update(_trailing, exitPrice, atr, tick);
                if (tracked.Trail.IsActive && IsTighter(side, tracked.Trail.Stop, proposed, tick))
                {
                    proposed = tracked.Trail.Stop;
                    reason = ProtectionReasons.TrailingStop;
                }
            }

            if (_options.BreakEvenEnabled)
            {
                var be = _breakEven.Apply(side, position.EntryPrice, tracked.InitialStop, proposed, exitPrice, tick, fees);
                if (IsTighter(side, be, proposed, tick))
                {
                    proposed = be;
                    reason = ProtectionReasons.BreakEven;
                }
            }

            if (reason.Length > 0 && OnSafeSide(side, proposed, exitPrice, tick))
            {
                return new ProtectionAction(ProtectionKind.MoveStop, proposed, double.NaN, reason);
            }

            return ProtectionAction.None;
        }

        /// <summary>A long's stop must sit at least a tick below the bid, a short's a tick above the ask.</summary>
        public static bool OnSafeSide(TradeSide side, double stop, double exitPrice, double tick)
            => side == TradeSide.Long ? stop <= exitPrice - tick : stop >= exitPrice + tick;

        private static bool TargetAhead(TradeSide side, double target, double exitPrice)
            => side == TradeSide.Long ? target > exitPrice : target < exitPrice;

        // Moves smaller than half a tick are noise (rounding), not a tightening.
        private static bool IsTighter(TradeSide side, double candidate, double current, double tick)
        {
            if (double.IsNaN(candidate))
            {
                return false;
            }

            return side == TradeSide.Long ? candidate > current + tick * 0.5 : candidate < current - tick * 0.5;
        }
    }
}
