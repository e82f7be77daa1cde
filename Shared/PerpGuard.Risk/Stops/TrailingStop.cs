using System;
using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Risk.Stops
{
    /// <summary>
    /// Trailing stop settings: it activates once price has moved <see cref="ActivationR"/> R in favour
    /// (R = entry − initial stop), then trails at a fixed price distance or <see cref="AtrMultiple"/> × ATR.
    /// </summary>
    public readonly struct TrailingStopRule
    {
        private TrailingStopRule(double activationR, double fixedDistance, double atrMultiple)
        {
            if (double.IsNaN(activationR) || activationR < 0 || double.IsInfinity(activationR))
            {
                throw new ArgumentOutOfRangeException(nameof(activationR), activationR, "Activation must be zero or more R.");
            }

            ActivationR = activationR;
            FixedDistance = fixedDistance;
            AtrMultiple = atrMultiple;
        }

        public double ActivationR { get; }

        /// <summary>Trail distance in price units (0 when ATR-based).</summary>
        public double FixedDistance { get; }

        /// <summary>Trail distance as a multiple of ATR (0 when fixed).</summary>
        public double AtrMultiple { get; }

        public static TrailingStopRule Fixed(double activationR, double distance)
        {
            if (!(distance > 0) || double.IsInfinity(distance))
            {
                throw new ArgumentOutOfRangeException(nameof(distance), distance, "The trailing distance must be positive.");
            }

            return new TrailingStopRule(activationR, distance, 0);
        }

        public static TrailingStopRule Atr(double activationR, double atrMultiple)
        {
            if (!(atrMultiple > 0) || double.IsInfinity(atrMultiple))
            {
                throw new ArgumentOutOfRangeException(nameof(atrMultiple), atrMultiple, "The ATR multiple must be positive.");
            }

            return new TrailingStopRule(activationR, 0, atrMultiple);
        }

        /// <summary>The trail distance for the current ATR (NaN if ATR-based and ATR is unknown).</summary>
        public double Distance(double atr) => FixedDistance > 0 ? FixedDistance : (atr > 0 ? AtrMultiple * atr : double.NaN);
    }

    /// <summary>The trailing stop's state for one position. Immutable; <see cref="Update"/> returns the next.</summary>
    public readonly struct TrailingStopState
    {
        public TrailingStopState(TradeSide side, double entry, double initialStop, double stop, bool isActive)
        {
            Side = side;
            Entry = entry;
            InitialStop = initialStop;
            Stop = stop;
            IsActive = isActive;
        }

        public TradeSide Side { get; }

        public double Entry { get; }

        public double InitialStop { get; }

        /// <summary>The stop now; only ever tightens.</summary>
        public double Stop { get; }

        public bool IsActive { get; }

        public static TrailingStopState Start(TradeSide side, double entry, double initialStop)
            => new TrailingStopState(side, entry, initialStop, initialStop, false);

        /// <summary>
        /// Feeds a new price (for a long the bar high or bid, for a short the low or ask). Activates at
        /// +X R, then proposes price ∓ distance rounded to the tick toward the market; keeps the tighter
        /// of that and the current stop, so the stop never loosens.
        /// </summary>
        public TrailingStopState Update(in TrailingStopRule rule, double price, double atr, double tickSize)
        {
            var r = Math.Abs(Entry - InitialStop);
            var favour = Side == TradeSide.Long ? price - Entry : Entry - price;
            var active = IsActive || favour >= rule.ActivationR * r;
            if (!active)
            {
                return this;
            }

            var distance = rule.Distance(atr);
            if (double.IsNaN(distance))
            {
                return new TrailingStopState(Side, Entry, InitialStop, Stop, true);
            }

            var raw = Side == TradeSide.Long ? price - distance : price + distance;
            var candidate = TickRounding.StopTowardMarket(Side, raw, tickSize);
            return new TrailingStopState(Side, Entry, InitialStop, StopRatchet.Tighter(Side, Stop, candidate), true);
        }
    }
}
