using System;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Risk.Rules
{
    /// <summary>No new entries once today's P&amp;L (incl. floating) reaches <see cref="Target"/> × base.</summary>
    public sealed class DailyProfitTarget : IRiskRule
    {
        private const double Tolerance = 1e-9;

        public DailyProfitTarget(Fraction target)
        {
            if (!(target.Value > 0))
            {
                throw new ArgumentOutOfRangeException(nameof(target), target, "The daily profit target must be above 0 %.");
            }

            Target = target;
        }

        public Fraction Target { get; }

        public string Name => nameof(DailyProfitTarget);

        public RiskDecision Evaluate(in RiskContext context)
        {
            if (!context.IsEntry)
            {
                return RiskDecision.Allow();
            }

            var daily = context.Daily;
            var targetMoney = daily.BaseAmount * Target.Value;
            var profit = daily.DayPnL;
            return profit >= targetMoney - (Tolerance * Math.Max(1.0, targetMoney))
                ? RiskDecision.Deny(ReasonCode.DailyProfitTarget, Name, profit, targetMoney)
                : RiskDecision.Allow();
        }
    }
}
