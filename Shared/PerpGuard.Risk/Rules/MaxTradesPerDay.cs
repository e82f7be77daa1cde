using System;

namespace PerpGuard.Risk.Rules
{
    /// <summary>No entry once today's entries reach <see cref="Max"/>.</summary>
    public sealed class MaxTradesPerDay : IRiskRule
    {
        public MaxTradesPerDay(int max)
        {
            if (max <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(max), max, "The maximum trades per day must be at least 1.");
            }

            Max = max;
        }

        public int Max { get; }

        public string Name => nameof(MaxTradesPerDay);

        public RiskDecision Evaluate(in RiskContext context) =>
            context.IsEntry && context.Daily.TradesToday >= Max
                ? RiskDecision.Deny(ReasonCode.MaxTradesPerDay, Name, context.Daily.TradesToday, Max)
                : RiskDecision.Allow();
    }
}
