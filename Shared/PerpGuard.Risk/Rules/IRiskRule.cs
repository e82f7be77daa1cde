namespace PerpGuard.Risk.Rules
{
    /// <summary>
    /// One risk rule: judges an order against one limit. Pure: reads only the context and its own
    /// settings, never throws, never allocates. Compose rules with <see cref="RiskPipeline"/>.
    /// </summary>
    public interface IRiskRule
    {
        /// <summary>Limit + measure + scope, e.g. "MaxDailyLossFraction".</summary>
        string Name { get; }

        RiskDecision Evaluate(in RiskContext context);
    }
}
