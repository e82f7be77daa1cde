using System;

namespace PerpGuard.Risk.Margin
{
    /// <summary>
    /// One band of cTrader dynamic leverage: volume up to <see cref="UpperBoundUsd"/> (USD notional)
    /// is margined at <see cref="Leverage"/>. Mirrors <c>cAlgo.API.Internals.LeverageTier</c>
    /// (<c>Volume</c> = upper bound of the tier, <c>Leverage</c>).
    /// </summary>
    public readonly struct LeverageTier
    {
        public LeverageTier(double upperBoundUsd, double leverage)
        {
            if (!(upperBoundUsd > 0))
            {
                throw new ArgumentOutOfRangeException(nameof(upperBoundUsd), upperBoundUsd, "A tier's upper bound must be positive.");
            }

            if (!(leverage > 0) || double.IsInfinity(leverage))
            {
                throw new ArgumentOutOfRangeException(nameof(leverage), leverage, "Leverage must be positive and finite.");
            }

            UpperBoundUsd = upperBoundUsd;
            Leverage = leverage;
        }

        public double UpperBoundUsd { get; }

        public double Leverage { get; }
    }
}
