using System;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Rules;

namespace PerpGuard.Risk.Filters
{
    /// <summary>
    /// Entries only while ATR as a share of the mid price lies inside [<see cref="Min"/>, <see cref="Max"/>]:
    /// too quiet to pay the costs, or too wild for the stop. A missing ATR (warm-up) denies.
    /// Measured and limits are reported in percent.
    /// </summary>
    public sealed class AtrPercentBand : IRiskRule
    {
        public AtrPercentBand(Fraction min, Fraction max)
        {
            if (min.Value < 0 || !(max > min))
            {
                throw new ArgumentOutOfRangeException(nameof(max), max, "The ATR band needs 0 <= min < max.");
            }

            Min = min;
            Max = max;
        }

        public Fraction Min { get; }

        public Fraction Max { get; }

        public string Name => nameof(AtrPercentBand);

        public RiskDecision Evaluate(in RiskContext context)
        {
            if (!context.IsEntry)
            {
                return RiskDecision.Allow();
            }

            var market = context.Market;
            if (!market.HasAtr || !market.HasQuote)
            {
                return RiskDecision.Deny(ReasonCode.MarketDataMissing, Name);
            }

            var share = market.Atr / market.Mid;
            if (share < Min.Value)
            {
                return RiskDecision.Deny(ReasonCode.VolatilityTooLow, Name, share * 100, Min.Percent);
            }

            return share > Max.Value
                ? RiskDecision.Deny(ReasonCode.VolatilityTooHigh, Name, share * 100, Max.Percent)
                : RiskDecision.Allow();
        }
    }
}
