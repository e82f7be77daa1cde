using System;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Risk.Margin
{
    /// <summary>What a liquidation / stop-out calculation found.</summary>
    public enum LiquidationOutcome
    {
        /// <summary>The position is liquidated (stopped out) at <see cref="LiquidationResult.Price"/>.</summary>
        AtPrice = 0,

        /// <summary>No positive price liquidates it (e.g. a fully funded long): "cannot be liquidated".</summary>
        Never = 1,

        /// <summary>The account is already at or past the liquidation condition at the reference price.</summary>
        Immediate = 2,
    }

    /// <summary>
    /// A liquidation price, or the statement that there is none. Never a negative price.
    /// </summary>
    public readonly struct LiquidationResult
    {
        private readonly double price;

        private LiquidationResult(LiquidationOutcome outcome, double price)
        {
            Outcome = outcome;
            this.price = price;
        }

        public LiquidationOutcome Outcome { get; }

        public bool HasPrice => Outcome == LiquidationOutcome.AtPrice;

        /// <summary>The price, or null when <see cref="Outcome"/> is not <see cref="LiquidationOutcome.AtPrice"/>.</summary>
        public Price? Price => HasPrice ? new Price(price) : (Price?)null;

        /// <summary>The raw price (NaN when there is none), for hot paths.</summary>
        public double PriceOrNaN => HasPrice ? price : double.NaN;

        public static LiquidationResult Never => new LiquidationResult(LiquidationOutcome.Never, double.NaN);

        public static LiquidationResult Immediate => new LiquidationResult(LiquidationOutcome.Immediate, double.NaN);

        /// <summary>A price result; zero or negative prices mean the position cannot be liquidated.</summary>
        public static LiquidationResult At(double price)
        {
            if (double.IsNaN(price) || double.IsInfinity(price) || price <= 0)
            {
                return Never;
            }

            return new LiquidationResult(LiquidationOutcome.AtPrice, price);
        }

        /// <summary>
        /// Classifies a raw formula result against the reference (entry or mark) price: a long whose
        /// liquidation price is at or above the reference is liquidated already; at or below zero never.
        /// </summary>
        public static LiquidationResult Classify(TradeSide side, double rawPrice, double referencePrice)
        {
            if (double.IsNaN(rawPrice))
            {
                return Never;
            }

            if (side == TradeSide.Long)
            {
                if (rawPrice >= referencePrice)
                {
                    return Immediate;
                }

                return At(rawPrice);
            }

            if (rawPrice <= referencePrice)
            {
                return Immediate;
            }

            return At(rawPrice);
        }

        /// <summary>
        /// The safety-buffered price: moved from the liquidation price toward <paramref name="entry"/>
        /// by <paramref name="buffer"/> of the distance between them (0.05 → 5 % of the way).
        /// A stop must sit between the entry and this price.
        /// </summary>
        public LiquidationResult WithBuffer(double entry, Fraction buffer)
        {
            if (!HasPrice || buffer.Value <= 0)
            {
                return this;
            }

            return new LiquidationResult(LiquidationOutcome.AtPrice, price + (entry - price) * buffer.Value);
        }

        /// <summary>True when a stop at <paramref name="stop"/> triggers before this liquidation price is reached.</summary>
        public bool IsStopInside(TradeSide side, double stop)
        {
            switch (Outcome)
            {
                case LiquidationOutcome.Never:
                    return true;
                case LiquidationOutcome.Immediate:
                    return false;
                default:
                    return side == TradeSide.Long ? stop > price : stop < price;
            }
        }

        public override string ToString() => Outcome == LiquidationOutcome.AtPrice ? price.ToString("0.########", System.Globalization.CultureInfo.InvariantCulture) : Outcome.ToString();
    }
}
