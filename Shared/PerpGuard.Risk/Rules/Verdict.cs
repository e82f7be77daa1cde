namespace PerpGuard.Risk.Rules
{
    /// <summary>What a rule says about an order. Ordered by severity: Deny beats Reduce beats Allow.</summary>
    public enum Verdict
    {
        Allow = 0,

        /// <summary>Allowed only smaller: multiply the planned size by the decision's scale.</summary>
        Reduce = 1,

        Deny = 2,
    }
}
