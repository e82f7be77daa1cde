using System;
using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Risk.Stops
{
    /// <summary>
    /// Moves the stop to break-even once the trade is <see cref="TriggerR"/> R in profit. "Break-even"
    /// covers both fees: long stop = (E·k + fee(E) + f₀) / (k − f₁), rounded up to the tick (a short's
    /// down), so being stopped there never loses money. The stop only ever tightens.
    /// </summary>
    public readonly struct BreakEvenRule
    {
        public BreakEvenRule(double triggerR)
        {
            if (!(triggerR > 0) || double.IsInfinity(triggerR))
            {
                throw new ArgumentOutOfRangeException(nameof(triggerR), triggerR, "The break-even trigger must be a positive number of R.");
            }

            TriggerR = triggerR;
        }

        public double TriggerR { get; }

        /// <summary>
        /// The stop after this rule: the fee-covering break-even when price has moved
        /// <see cref="TriggerR"/> × (entry − initial stop) in favour, is already past the break-even
        /// (above it for a long, below for a short) and that is tighter, else <paramref name="currentStop"/>.
        /// </summary>
        public double Apply(TradeSide side, double entry, double initialStop, double currentStop, double price, double tickSize, in FeeCoefficients fees)
        {
            var riskDistance = Math.Abs(entry - initialStop);
            if (!(riskDistance > 0))
            {
                return currentStop;
            }

            var favour = side == TradeSide.Long ? price - entry : entry - price;
            if (favour < TriggerR * riskDistance)
            {
                return currentStop;
            }

            var raw = TargetCalculator.BreakEvenRaw(side, entry, fees);
            if (double.IsNaN(raw))
            {
                return currentStop;
            }

            // Rounded so it still covers the fees: up for a long, down for a short.
            var be = TickRounding.RoundAwayFromLoss(side, raw, tickSize);

            // With a small R the trigger can fire before price has passed the fee-covering price; a stop
            // there would sit beyond the market (closing at once or rejected), so wait until price is past it.
            if (side == TradeSide.Long ? !(be < price) : !(be > price))
            {
                return currentStop;
            }

            return StopRatchet.Tighter(side, currentStop, be);
        }
    }
}
