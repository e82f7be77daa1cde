using System;
using System.Collections.Generic;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Risk.Margin
{
    /// <summary>
    /// A symbol's own margin rule: one fixed leverage, or cTrader dynamic leverage where each USD
    /// volume band is margined at its own leverage, like tax brackets (the first 1 M at 1:100, the
    /// next 4 M at 1:50 …). The last band is open-ended. Long and short may have different bands.
    /// </summary>
    public sealed class MarginSchedule
    {
        private readonly LeverageTier[] longTiers;
        private readonly LeverageTier[] shortTiers;

        private MarginSchedule(LeverageTier[] longTiers, LeverageTier[] shortTiers)
        {
            this.longTiers = longTiers;
            this.shortTiers = shortTiers;
        }

        /// <summary>One leverage for every volume, both directions (margin = notional / leverage).</summary>
        public static MarginSchedule Fixed(double leverage)
        {
            var tiers = new[] { new LeverageTier(double.MaxValue, leverage) };
            return new MarginSchedule(tiers, tiers);
        }

        /// <summary>Dynamic leverage, same bands for both directions.</summary>
        public static MarginSchedule Tiered(IReadOnlyList<LeverageTier> tiers) => Tiered(tiers, tiers);

        /// <summary>Dynamic leverage with separate long and short bands.</summary>
        public static MarginSchedule Tiered(IReadOnlyList<LeverageTier> longTiers, IReadOnlyList<LeverageTier> shortTiers)
            => new MarginSchedule(Validate(longTiers, nameof(longTiers)), Validate(shortTiers, nameof(shortTiers)));

        public bool IsTiered => longTiers.Length > 1 || shortTiers.Length > 1 || !ReferenceEquals(longTiers, shortTiers);

        public IReadOnlyList<LeverageTier> Tiers(TradeSide side) => side == TradeSide.Long ? longTiers : shortTiers;

        /// <summary>The leverage of the first band: the most a small position gets.</summary>
        public double MaxLeverage(TradeSide side) => (side == TradeSide.Long ? longTiers : shortTiers)[0].Leverage;

        /// <summary>Margin in USD for a USD notional, band by band.</summary>
        public double MarginUsd(TradeSide side, double notionalUsd)
        {
            if (!(notionalUsd > 0))
            {
                return 0;
            }

            var tiers = side == TradeSide.Long ? longTiers : shortTiers;
            var margin = 0.0;
            var lower = 0.0;
            for (var i = 0; i < tiers.Length; i++)
            {
                var upper = i == tiers.Length - 1 ? double.PositiveInfinity : tiers[i].UpperBoundUsd;
                var inBand = Math.Min(notionalUsd, upper) - lower;
                if (inBand <= 0)
                {
                    break;
                }

                margin += inBand / tiers[i].Leverage;
                lower = upper;
            }

            return margin;
        }

        /// <summary>The largest USD notional whose margin fits in <paramref name="marginUsd"/> (inverse of <see cref="MarginUsd"/>).</summary>
        public double MaxNotionalUsd(TradeSide side, double marginUsd)
        {
            if (!(marginUsd > 0))
            {
                return 0;
            }

            var tiers = side == TradeSide.Long ? longTiers : shortTiers;
            var left = marginUsd;
            var lower = 0.0;
            for (var i = 0; i < tiers.Length; i++)
            {
                var upper = i == tiers.Length - 1 ? double.PositiveInfinity : tiers[i].UpperBoundUsd;
                var bandMargin = (upper - lower) / tiers[i].Leverage;
                if (left <= bandMargin)
                {
                    return lower + left * tiers[i].Leverage;
                }

                left -= bandMargin;
                lower = upper;
            }

            return lower;
        }

        /// <summary>Margin in account currency for <paramref name="units"/> at <paramref name="price"/>.</summary>
        public double MarginAccount(TradeSide side, double units, double price, double quoteToUsd, double usdToAccount)
            => MarginUsd(side, units * price * quoteToUsd) * usdToAccount;

        private static LeverageTier[] Validate(IReadOnlyList<LeverageTier> tiers, string name)
        {
            if (tiers is null || tiers.Count == 0)
            {
                throw new ArgumentException("At least one leverage tier is needed.", name);
            }

            var copy = new LeverageTier[tiers.Count];
            for (var i = 0; i < tiers.Count; i++)
            {
                copy[i] = tiers[i];
                if (i > 0 && !(tiers[i].UpperBoundUsd > tiers[i - 1].UpperBoundUsd))
                {
                    throw new ArgumentException("Leverage tiers must have increasing upper bounds.", name);
                }
            }

            return copy;
        }
    }
}
