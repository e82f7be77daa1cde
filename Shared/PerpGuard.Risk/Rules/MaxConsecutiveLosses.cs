using System;

namespace PerpGuard.Risk.Rules
{
    /// <summary>No entry once today's losing streak reaches <see cref="Max"/>.</summary>
    public sealed class MaxConsecutiveLosses : IRiskRule
    {
        public MaxConsecutiveLosses(int max)
        {
            if (max <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(max), max, "The maximum losing streak must be at least 1.");
            }

            Max = max;
        }

        public int Max { get; }

        public string Name => nameof(MaxConsecutiveLosses);

        public RiskDecision Evaluate(in RiskContext context) =>
            context.IsEntry && context.Daily.LossStreak >= Max
                ? RiskDecision.Deny(ReasonCode.MaxConsecutiveLosses, Name, context.Daily.LossStreak, Max)
                : RiskDecision.Allow();
    }
}
