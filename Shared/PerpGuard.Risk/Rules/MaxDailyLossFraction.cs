using System;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Risk.Rules
{
    /// <summary>
    /// Today's loss (equity incl. floating P&amp;L, fees, swaps, against start-of-day equity) may not
    /// reach <see cref="Limit"/> × base. An entry whose planned risk is more than what is left of
    /// the budget is cut to fit (Reduce); with nothing left it is denied.
    /// </summary>
    public sealed class MaxDailyLossFraction : IRiskRule
    {
        private const double Tolerance = 1e-9;

        public MaxDailyLossFraction(Fraction limit)
        {
            if (!(limit.Value > 0))
            {
                throw new ArgumentOutOfRangeException(nameof(limit), limit, "The daily loss limit must be above 0 %.");
            }

            Limit = limit;
        }

        public Fraction Limit { get; }

        public string Name => nameof(MaxDailyLossFraction);

        public RiskDecision Evaluate(in RiskContext context)
        {
            if (!context.IsEntry)
            {
                return RiskDecision.Allow();
            }

            var daily = context.Daily;
            var limitMoney = daily.BaseAmount * Limit.Value;
            var loss = daily.DayLoss;
            var left = limitMoney - loss;
            if (left <= Tolerance * Math.Max(1.0, limitMoney))
            {
                return RiskDecision.Deny(ReasonCode.DailyLossLimit, Name, loss, limitMoney);
            }

            var planned = context.PlannedRiskMoney;
            if (planned > left)
            {
                return RiskDecision.Reduce(ReasonCode.DailyBudgetExceeded, Name, left / planned, planned, left);
            }

            return RiskDecision.Allow();
        }
    }
}
