using System;
using PerpGuard.Risk.Rules;

namespace PerpGuard.Risk.Filters
{
    /// <summary>
    /// No entry while the spread is wider than <see cref="Limit"/> (in the unit of <see cref="Kind"/>).
    /// At exactly the limit the entry passes. No quote (or no stop for FractionOfStop) denies.
    /// </summary>
    public sealed class MaxSpread : IRiskRule
    {
        public MaxSpread(SpreadLimitKind kind, double limit)
        {
            if (!(limit > 0) || double.IsInfinity(limit))
            {
                throw new ArgumentOutOfRangeException(nameof(limit), limit, "The maximum spread must be positive.");
            }

            Kind = kind;
            Limit = limit;
        }

        public SpreadLimitKind Kind { get; }

        public double Limit { get; }

        public string Name => nameof(MaxSpread);

        /// <summary>The spread in this rule's unit, or NaN when it cannot be measured.</summary>
        public double Measure(in RiskContext context)
        {
            var market = context.Market;
            if (!market.HasQuote)
            {
                return double.NaN;
            }

            switch (Kind)
            {
                case SpreadLimitKind.BasisPoints:
                    return market.Spread / market.Mid * 10_000.0;
                case SpreadLimitKind.FractionOfStop:
                    return context.StopDistance > 0 ? market.Spread / context.StopDistance : double.NaN;
                default:
                    return market.Spread;
            }
        }

        public RiskDecision Evaluate(in RiskContext context)
        {
            if (!context.IsEntry)
            {
                return RiskDecision.Allow();
            }

            var spread = Measure(context);
            if (double.IsNaN(spread))
            {
                return RiskDecision.Deny(ReasonCode.MarketDataMissing, Name);
            }

            // A relative tolerance so a spread equal to the limit after float rounding still passes.
            return spread > Limit * (1 + 1e-9)
                ? RiskDecision.Deny(ReasonCode.SpreadTooWide, Name, spread, Limit)
                : RiskDecision.Allow();
        }
    }
}
