using System;
using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Risk.Margin
{
    /// <summary>The account side of a cTrader stop-out calculation (all money in account currency).</summary>
    public readonly struct StopOutAccount
    {
        public StopOutAccount(double equity, double referencePrice, Fraction stopOutLevel, double otherMargin, MarginSchedule schedule, MarginAggregation aggregation, MarginPricing pricing, ConversionRates rates)
        {
            Equity = equity;
            ReferencePrice = referencePrice;
            StopOutLevel = stopOutLevel;
            OtherMargin = otherMargin;
            Schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));
            Aggregation = aggregation;
            Pricing = pricing;
            Rates = rates.IsUnset ? ConversionRates.Identity : rates;
        }

        /// <summary>Equity now (balance + floating P&amp;L of everything), at <see cref="ReferencePrice"/>.</summary>
        public double Equity { get; }

        /// <summary>The symbol's current price; equity moves by net units × (X − this).</summary>
        public double ReferencePrice { get; }

        /// <summary>cTrader <c>Account.StopOutLevel</c> as a fraction (50 % → 0.5).</summary>
        public Fraction StopOutLevel { get; }

        /// <summary>Margin used by other symbols, assumed constant.</summary>
        public double OtherMargin { get; }

        public MarginSchedule Schedule { get; }

        public MarginAggregation Aggregation { get; }

        public MarginPricing Pricing { get; }

        public ConversionRates Rates { get; }
    }

    /// <summary>
    /// cTrader stop-out price: the symbol price X at which margin level (equity / margin × 100) falls
    /// to the stop-out level, i.e. <c>equity(X) = level × margin(X)</c>. With frozen margin and a single
    /// position this is linear (long: X = P − (E − level·M) / Q), and with live margin inside one tier too:
    /// one secant step finds it. Across dynamic tiers it is found by bisection (g(X) = equity − level ×
    /// margin is monotone in the losing direction).
    /// Assumes the quote→account rate stays constant and other symbols do not move.
    /// </summary>
    public static class CTraderStopOut
    {
        private const int MaxIterations = 200;

        public static LiquidationResult Solve(in StopOutAccount account, PositionExposure position)
        {
            Span<PositionExposure> one = stackalloc PositionExposure[1];
            one[0] = position;
            return Solve(account, one);
        }

        public static LiquidationResult Solve(in StopOutAccount account, ReadOnlySpan<PositionExposure> positions)
        {
            var p0 = account.ReferencePrice;
            if (!(p0 > 0))
            {
                return LiquidationResult.Never;
            }

            var net = 0.0;
            for (var i = 0; i < positions.Length; i++)
            {
                net += positions[i].SignedUnits;
            }

            var gapNow = Gap(account, positions, net, p0);
            if (gapNow <= 0)
            {
                return LiquidationResult.Immediate;
            }

            double lo, hi, gapLo, gapHi;
            if (net > 0)
            {
                // Net long: losses come as price falls; if even price 0 leaves the level above stop-out, never.
                var gapZero = Gap(account, positions, net, 0);
                if (gapZero > 0)
                {
                    return LiquidationResult.Never;
                }

                lo = 0;
                hi = p0;
                gapLo = gapZero;
                gapHi = gapNow;
            }
            else
            {
                lo = p0;
                hi = p0 * 2;
                gapLo = gapNow;
                gapHi = Gap(account, positions, net, hi);
                var guard = 0;
                while (gapHi > 0)
                {
                    lo = hi;
                    gapLo = gapHi;
                    hi *= 2;
                    gapHi = Gap(account, positions, net, hi);
                    if (++guard > 60)
                    {
                        return LiquidationResult.Never;
                    }
                }
            }

            // Frozen margin, or live margin within one leverage tier, makes the gap linear in price: one
            // secant step through the bracket's ends is then the root. Accept it only when the gap there
            // is zero to rounding; otherwise (tiered margin) bisect as below.
            if (gapHi != gapLo)
            {
                var x = lo - (gapLo * (hi - lo) / (gapHi - gapLo));
                if (x > Math.Min(lo, hi) && x < Math.Max(lo, hi)
                    && Math.Abs(Gap(account, positions, net, x)) <= 1e-9 * Math.Max(1.0, Math.Abs(account.Equity)))
                {
                    return LiquidationResult.At(x);
                }
            }

            // Invariant: the safe end keeps Gap > 0, the other end Gap <= 0.
            var safeIsHigh = net > 0;
            for (var i = 0; i < MaxIterations && hi - lo > 1e-12 * p0; i++)
            {
                var mid = 0.5 * (lo + hi);
                var gap = Gap(account, positions, net, mid);
                if ((gap > 0) == safeIsHigh)
                {
                    hi = mid;
                }
                else
                {
                    lo = mid;
                }
            }

            return LiquidationResult.At(0.5 * (lo + hi));
        }

        /// <summary>
        /// True when the account is still above the stop-out level if the symbol trades at
        /// <paramref name="price"/> (equity(X) &gt; level × margin(X)). Because that margin is monotone in
        /// the losing direction, "the stop-out price lies beyond X" is the same as this being true at
        /// X and at the reference price — an O(1) check, no root finding.
        /// </summary>
        public static bool IsAboveStopOutAt(in StopOutAccount account, PositionExposure position, double price)
        {
            Span<PositionExposure> one = stackalloc PositionExposure[1];
            one[0] = position;
            var net = position.SignedUnits;
            return Gap(account, one, net, account.ReferencePrice) > 0 && Gap(account, one, net, price) > 0;
        }

        /// <summary>equity(X) − level × margin(X), account currency.</summary>
        private static double Gap(in StopOutAccount a, ReadOnlySpan<PositionExposure> positions, double net, double x)
        {
            var equity = a.Equity + net * (x - a.ReferencePrice) * a.Rates.QuoteToAccount;
            var margin = a.OtherMargin + SymbolMargin.Compute(positions, a.Schedule, a.Aggregation, a.Pricing, x, a.Rates.QuoteToUsd, a.Rates.UsdToAccount);
            return equity - a.StopOutLevel.Value * margin;
        }
    }
}
