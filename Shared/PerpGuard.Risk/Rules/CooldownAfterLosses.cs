namespace PerpGuard.Risk.Rules
{
    /// <summary>
    /// No entry until the cool-down set by the last loss has passed (its length grows with the
    /// streak; see <see cref="Daily.DailyLimitsOptions.CooldownFor"/>). Measured: minutes left.
    /// </summary>
    public sealed class CooldownAfterLosses : IRiskRule
    {
        public string Name => nameof(CooldownAfterLosses);

        public RiskDecision Evaluate(in RiskContext context)
        {
            if (!context.IsEntry || !context.Daily.IsCoolingDown(context.UtcNow))
            {
                return RiskDecision.Allow();
            }

            var left = (context.Daily.CooldownUntilUtc - context.UtcNow).TotalMinutes;
            return RiskDecision.Deny(ReasonCode.CooldownAfterLoss, Name, left, 0);
        }
    }
}
