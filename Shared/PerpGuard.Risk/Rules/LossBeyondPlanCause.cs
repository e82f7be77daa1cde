namespace PerpGuard.Risk.Rules
{
    /// <summary>
    /// Why a closed position lost more than its planned risk. The plan prices the stop distance, slippage and both
    /// fees, but no swap or funding: a position held over a rollover or a perpetual's funding time can lose more at a
    /// stop filled exactly at its price. Calling that a gap sends a trader looking for a price jump that never was.
    /// </summary>
    public static class LossBeyondPlanCause
    {
        /// <summary>
        /// <see cref="ReasonCode.SwapBeyondPlan"/> when the loss without the swap paid stays within the plan (the same
        /// tolerance as the loss test: 0.01 % and a cent); else <see cref="ReasonCode.GapThroughStop"/> for a stop's
        /// close, <see cref="ReasonCode.None"/> for another close (the caller names its close reason).
        /// </summary>
        public static ReasonCode Of(double netProfit, double swap, double plannedRisk, bool closedByStop)
        {
            if (swap < 0 && -(netProfit - swap) <= plannedRisk * 1.0001 + 0.01)
            {
                return ReasonCode.SwapBeyondPlan;
            }

            return closedByStop ? ReasonCode.GapThroughStop : ReasonCode.None;
        }
    }
}
