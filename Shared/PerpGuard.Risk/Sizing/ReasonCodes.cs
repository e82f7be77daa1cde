namespace PerpGuard.Risk.Sizing
{
    /// <summary>Stable, machine-readable codes and one-line explanations for refusals and caps.</summary>
    public static class ReasonCodes
    {
        public static string Code(SizingRefusal refusal)
        {
            switch (refusal)
            {
                case SizingRefusal.None: return "none";
                case SizingRefusal.InvalidInput: return "invalid-input";
                case SizingRefusal.RiskAboveLimitWithoutOverride: return "risk-above-limit";
                case SizingRefusal.LeverageAboveHardMax: return "leverage-above-hard-max";
                case SizingRefusal.StopOnWrongSide: return "stop-on-wrong-side";
                case SizingRefusal.NoRiskBudget: return "no-risk-budget";
                case SizingRefusal.BelowMinimumVolume: return "below-minimum-volume";
                case SizingRefusal.TargetBeyondAtrLimit: return "target-beyond-atr-limit";
                case SizingRefusal.TargetUnreachable: return "target-unreachable";
                case SizingRefusal.StopBeyondLiquidation: return "stop-beyond-liquidation";
                case SizingRefusal.FeesAboveRisk: return "fees-above-risk";
                default: return "unknown";
            }
        }

        public static string Describe(SizingRefusal refusal)
        {
            switch (refusal)
            {
                case SizingRefusal.None: return "Not refused.";
                case SizingRefusal.InvalidInput: return "The sizing inputs are invalid (missing, non-positive or non-finite prices, equity or risk, or a limit out of its range).";
                case SizingRefusal.RiskAboveLimitWithoutOverride: return "Risk per trade is above 2% of the base; an explicit override is required.";
                case SizingRefusal.LeverageAboveHardMax: return "The leverage cap is above the 10x hard maximum; an explicit override is required.";
                case SizingRefusal.StopOnWrongSide: return "The stop is not on the losing side of the entry (after rounding to the tick).";
                case SizingRefusal.NoRiskBudget: return "No risk money is left for a trade today: what the daily loss limit leaves is nothing, or less than the broker's minimum volume would risk at this stop (daily allowance used up); the trade is refused, not rounded up.";
                case SizingRefusal.BelowMinimumVolume: return "The allowed size is below the broker's minimum volume; the trade is refused, not rounded up.";
                case SizingRefusal.TargetBeyondAtrLimit: return "The take-profit needed for the minimum reward:risk after fees is further than the allowed ATR multiple.";
                case SizingRefusal.TargetUnreachable: return "No positive price gives the minimum reward:risk after fees.";
                case SizingRefusal.StopBeyondLiquidation: return "The stop is beyond the (buffered) liquidation price; reduce leverage or tighten the stop.";
                case SizingRefusal.FeesAboveRisk: return "The broker's minimum commission on entry and exit (with the reserve for its rounding to cents) alone would cost the whole risk budget; no size fits.";
                default: return "Unknown reason.";
            }
        }

        /// <summary>The code of one cap flag (a single bit).</summary>
        public static string Code(SizingCaps cap)
        {
            switch (cap)
            {
                case SizingCaps.None: return "none";
                case SizingCaps.DailyAllowance: return "daily-allowance";
                case SizingCaps.Leverage: return "leverage";
                case SizingCaps.MarginUtilisation: return "margin-utilisation";
                case SizingCaps.VolumeMax: return "volume-max";
                case SizingCaps.Liquidation: return "liquidation";
                case SizingCaps.VolatilityScaling: return "volatility-scaling";
                default: return "multiple";
            }
        }
    }
}
