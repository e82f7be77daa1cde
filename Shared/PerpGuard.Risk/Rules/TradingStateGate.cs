using PerpGuard.Risk.Daily;

namespace PerpGuard.Risk.Rules
{
    /// <summary>Entries only while the day is Active and not on manual hold; reducing orders always pass.</summary>
    public sealed class TradingStateGate : IRiskRule
    {
        public string Name => nameof(TradingStateGate);

        public RiskDecision Evaluate(in RiskContext context) =>
            context.IsEntry ? ForEntry(context.Daily) : RiskDecision.Allow();

        /// <summary>
        /// The gate's answer for an entry on this day: a bot can ask it before building anything else, and skip
        /// the whole plan while the day refuses entries anyway.
        /// </summary>
        public static RiskDecision ForEntry(in DailyStatus daily)
        {
            if (!daily.IsStarted)
            {
                return RiskDecision.Deny(ReasonCode.NotStarted, nameof(TradingStateGate));
            }

            if (daily.State == TradingState.Halted)
            {
                return RiskDecision.Deny(ReasonCode.TradingHalted, nameof(TradingStateGate));
            }

            if (daily.State == TradingState.Reducing)
            {
                return RiskDecision.Deny(ReasonCode.TradingReducing, nameof(TradingStateGate));
            }

            return daily.OnHold ? RiskDecision.Deny(ReasonCode.ManualHold, nameof(TradingStateGate)) : RiskDecision.Allow();
        }
    }
}
