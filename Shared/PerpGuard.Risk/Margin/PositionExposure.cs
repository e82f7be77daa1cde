using System;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Risk.Margin
{
    /// <summary>One open position on a symbol: direction, size in units, entry price.</summary>
    public readonly struct PositionExposure
    {
        public PositionExposure(TradeSide side, double units, double entryPrice)
        {
            if (double.IsNaN(units) || double.IsInfinity(units) || units < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(units), units, "Units must be finite and not negative.");
            }

            if (!(entryPrice > 0) || double.IsInfinity(entryPrice))
            {
                throw new ArgumentOutOfRangeException(nameof(entryPrice), entryPrice, "An entry price must be positive.");
            }

            Side = side;
            Units = units;
            EntryPrice = entryPrice;
        }

        public TradeSide Side { get; }

        public double Units { get; }

        public double EntryPrice { get; }

        /// <summary>+units for a long, −units for a short.</summary>
        public double SignedUnits => Side == TradeSide.Long ? Units : -Units;
    }

    /// <summary>How a hedged account adds the two sides' margin (cTrader <c>TotalMarginCalculationType</c>).</summary>
    public enum MarginAggregation
    {
        /// <summary>Long margin + short margin.</summary>
        Sum = 0,

        /// <summary>Only the larger side is margined (cTrader hedged default).</summary>
        Max = 1,

        /// <summary>Only the net position is margined (netting accounts).</summary>
        Net = 2,
    }

    /// <summary>Whether margin stays at its value at open (cTrader) or follows the price.</summary>
    public enum MarginPricing
    {
        /// <summary>Margin is computed at each position's entry price and stays there.</summary>
        FrozenAtOpen = 0,

        /// <summary>Margin is recomputed at the current price.</summary>
        RecalculatedAtPrice = 1,
    }

    /// <summary>Margin of several positions on one symbol under a schedule and aggregation.</summary>
    public static class SymbolMargin
    {
        /// <summary>
        /// Margin in account currency. With <see cref="MarginPricing.FrozenAtOpen"/> each position's
        /// notional uses its entry price; otherwise <paramref name="price"/>.
        /// </summary>
        public static double Compute(ReadOnlySpan<PositionExposure> positions, MarginSchedule schedule, MarginAggregation aggregation, MarginPricing pricing, double price, double quoteToUsd, double usdToAccount)
        {
            double longUnits = 0, shortUnits = 0, longNotional = 0, shortNotional = 0;
            for (var i = 0; i < positions.Length; i++)
            {
                var p = positions[i];
                var at = pricing == MarginPricing.FrozenAtOpen ? p.EntryPrice : price;
                if (p.Side == TradeSide.Long)
                {
                    longUnits += p.Units;
                    longNotional += p.Units * at;
                }
                else
                {
                    shortUnits += p.Units;
                    shortNotional += p.Units * at;
                }
            }

            var longMargin = schedule.MarginUsd(TradeSide.Long, longNotional * quoteToUsd);
            var shortMargin = schedule.MarginUsd(TradeSide.Short, shortNotional * quoteToUsd);
            double usd;
            switch (aggregation)
            {
                case MarginAggregation.Sum:
                    usd = longMargin + shortMargin;
                    break;
                case MarginAggregation.Max:
                    usd = Math.Max(longMargin, shortMargin);
                    break;
                default:
                    // Net: the surviving side keeps its own average price (frozen) or the current price.
                    var net = longUnits - shortUnits;
                    if (net > 0)
                    {
                        usd = schedule.MarginUsd(TradeSide.Long, net * (longNotional / longUnits) * quoteToUsd);
                    }
                    else if (net < 0)
                    {
                        usd = schedule.MarginUsd(TradeSide.Short, -net * (shortNotional / shortUnits) * quoteToUsd);
                    }
                    else
                    {
                        usd = 0;
                    }

                    break;
            }

            return usd * usdToAccount;
        }
    }
}
