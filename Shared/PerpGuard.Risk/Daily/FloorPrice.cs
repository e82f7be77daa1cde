using System;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Risk.Daily
{
    /// <summary>The price at which an open position would take equity down to the daily floor, or none.</summary>
    public readonly struct FloorPrice
    {
        private FloorPrice(bool isReachable, Price price)
        {
            IsReachable = isReachable;
            Price = price;
        }

        /// <summary>False when no positive price gets there (a long whose floor is below zero, or no position).</summary>
        public bool IsReachable { get; }

        /// <summary>Meaningful only when <see cref="IsReachable"/>.</summary>
        public Price Price { get; }

        public static FloorPrice None => default;

        /// <summary>
        /// Equity moves by side × volume × valuePerUnitOfPrice × (p − current); it meets the floor
        /// when that move equals −remaining, so
        /// long: p = current − remaining / (volume × v), short: p = current + remaining / (volume × v).
        /// Worked: long 0.5 BTC at 60,000, v = 1 USD, remaining 200 USD → 60,000 − 200 / 0.5 = 59,600.
        /// </summary>
        /// <param name="valuePerUnitOfPrice">Account money per 1.0 price move per 1 unit of volume (1 for BTCUSD in a USD account).</param>
        public static FloorPrice Compute(TradeSide side, Volume volume, Price current, double valuePerUnitOfPrice, double remainingBudget)
        {
            if (volume.IsZero || !(valuePerUnitOfPrice > 0) || double.IsInfinity(valuePerUnitOfPrice) || double.IsNaN(remainingBudget))
            {
                return None;
            }

            var remaining = remainingBudget > 0 ? remainingBudget : 0;
            var move = remaining / (volume.Units * valuePerUnitOfPrice);
            var price = side == TradeSide.Long ? current.Value - move : current.Value + move;
            if (!(price > 0) || double.IsInfinity(price))
            {
                return None;
            }

            return new FloorPrice(true, new Price(price));
        }

        public override string ToString() => IsReachable ? Price.ToString() : "none";
    }
}
