using PerpGuard.Risk.Daily;

namespace PerpGuard.Risk.Rules
{
    /// <summary>Entries only while the day is Active and not on manual hold; reducing orders always pass.</summary>
    public sealed class TradingStateGate : IRiskRule
    {
        public string Name => nameof(TradingStateGate);

        public RiskDecision Evaluate(in RiskContext context)
        {
            if (!context.IsEntry)
            {
                return RiskDecision.Allow();
            }

            var daily = context.Daily;
            if (!daily.IsStarted)
            {
                return RiskDecision.Deny(ReasonCode.NotStarted, Name);
            }

            if (daily.State == TradingState.Halted)
            {
                return RiskDecision.Deny(ReasonCode.TradingHalted, Name);
            }

            if (daily.State == TradingState.Reducing)
            {
                return RiskDecision.Deny(ReasonCode.TradingReducing, Name);
            }

            return daily.OnHold ? RiskDecision.Deny(ReasonCode.ManualHold, Name) : RiskDecision.Allow();
        }
    }
}
