using System;
using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Risk.Stops
{
    /// <summary>
    /// Take-profit at a reward:risk net of round-trip fees, and the fee-covering break-even price.
    /// A long wins <c>(T − E)·k − fee(E) − fee(T)</c> per unit; asking that to be at least ρ·c gives
    /// <c>T ≥ (ρ·c + E·k + fee(E) + f₀) / (k − f₁)</c>; with % fees φ and k = 1 that is the familiar
    /// <c>(ρ·c + E·(1+φ)) / (1−φ)</c>. Shorts mirror: <c>T ≤ (E·k − fee(E) − f₀ − ρ·c) / (k + f₁)</c>.
    /// With a minimum commission (fees bound to a volume u, minimum μ = m / u per unit) the exit fee is
    /// max(f₀ + f₁·T, μ): the net is the smaller of the two lines, so a long needs T above both
    /// solutions, <c>max(T_rate, (ρ·c + E·k + fee(E) + μ) / k)</c>, and a short T below both. Bound fees with a
    /// booking reserve B add B / u to fee(E): the trade then nets its goal in the money the broker books.
    /// </summary>
    public static class TargetCalculator
    {
        public const double DefaultRewardRisk = 1.5;

        /// <summary>
        /// The exact (unrounded) price at which the trade nets ρ × <paramref name="perUnitRisk"/> after
        /// both fees. NaN when no positive price does (a short with a huge stop).
        /// </summary>
        public static double MinimumTargetRaw(TradeSide side, double entry, double perUnitRisk, double rewardRisk, in FeeCoefficients fees)
        {
            var k = fees.QuoteToAccount;
            // The booking reserve (fees bound to a volume) is a cost of the round trip like the entry fee.
            var entryFee = fees.PerUnit(entry) + fees.ReservePerUnit;
            var minimum = fees.MinimumPerUnit;
            double t;
            if (side == TradeSide.Long)
            {
                var denominator = k - fees.Proportional;
                if (!(denominator > 0))
                {
                    return double.NaN;
                }

                t = (rewardRisk * perUnitRisk + entry * k + entryFee + fees.Fixed) / denominator;
                if (minimum > 0)
                {
                    t = Math.Max(t, (rewardRisk * perUnitRisk + entry * k + entryFee + minimum) / k);
                }
            }
            else
            {
                t = (entry * k - entryFee - fees.Fixed - rewardRisk * perUnitRisk) / (k + fees.Proportional);
                if (minimum > 0)
                {
                    t = Math.Min(t, (entry * k - entryFee - minimum - rewardRisk * perUnitRisk) / k);
                }
            }

            return t > 0 ? t : double.NaN;
        }

        /// <summary>The minimum net target rounded to the tick away from the market; null when unreachable.</summary>
        public static Price? MinimumTarget(InstrumentSpec spec, TradeSide side, double entry, double perUnitRisk, double rewardRisk, in FeeCoefficients fees)
        {
            var raw = MinimumTargetRaw(side, entry, perUnitRisk, rewardRisk, fees);
            if (double.IsNaN(raw))
            {
                return null;
            }

            return new Price(TickRounding.TargetAwayFromMarket(side, raw, spec.TickSize));
        }

        /// <summary>
        /// The exit price at which the trade nets exactly zero after both fees (ρ = 0), unrounded.
        /// </summary>
        public static double BreakEvenRaw(TradeSide side, double entry, in FeeCoefficients fees)
            => MinimumTargetRaw(side, entry, 0, 0, fees);

        /// <summary>Net reward:risk of an exit at <paramref name="target"/> (after both fees) per unit of risk.</summary>
        public static double NetRewardRisk(TradeSide side, double entry, double target, double perUnitRisk, in FeeCoefficients fees)
        {
            var move = side == TradeSide.Long ? target - entry : entry - target;
            var net = move * fees.QuoteToAccount - fees.RoundTrip(entry, target);
            return perUnitRisk > 0 ? net / perUnitRisk : double.NaN;
        }
    }
}
