using System;

namespace PerpGuard.Risk.Sizing
{
    /// <summary>What the risk percentage is a percentage of.</summary>
    public enum RiskBase
    {
        Equity = 0,
        Balance = 1,
        StartOfDayBalance = 2,
    }

    /// <summary>How the risk money and the stop are chosen.</summary>
    public enum SizingMode
    {
        /// <summary>Risk = base × fraction; the stop is given.</summary>
        FixedFraction = 0,

        /// <summary>Risk = a fixed amount of money; the stop is given.</summary>
        FixedMoney = 1,

        /// <summary>Risk = base × fraction; stop = entry ∓ m × ATR.</summary>
        Volatility = 2,

        /// <summary>
        /// Risk = base × fraction × min(1, threshold / (ATR / average ATR)): the baseline, scaled down
        /// when volatility is unusually high. The stop is given, or m × ATR when not.
        /// </summary>
        Combined = 3,
    }

    /// <summary>Why a sizing was refused. Stable: journals and the CLI print <see cref="ReasonCodes.Code(SizingRefusal)"/>.</summary>
    public enum SizingRefusal
    {
        None = 0,
        InvalidInput = 1,
        RiskAboveLimitWithoutOverride = 2,
        LeverageAboveHardMax = 3,
        StopOnWrongSide = 4,
        NoRiskBudget = 5,
        BelowMinimumVolume = 6,
        TargetBeyondAtrLimit = 7,
        TargetUnreachable = 8,
        StopBeyondLiquidation = 9,

        /// <summary>The broker's minimum commission on both sides (with the booking reserve) alone would use up the risk money.</summary>
        FeesAboveRisk = 10,
    }

    /// <summary>Every limit that made the trade smaller than the risk budget alone would allow.</summary>
    [Flags]
    public enum SizingCaps
    {
        None = 0,

        /// <summary>λ × remaining daily allowance was below base × risk fraction.</summary>
        DailyAllowance = 1,

        /// <summary>The effective-leverage cap (notional / equity).</summary>
        Leverage = 2,

        /// <summary>Margin utilisation from the symbol's own leverage / tiers.</summary>
        MarginUtilisation = 4,

        /// <summary>The broker's maximum volume.</summary>
        VolumeMax = 8,

        /// <summary>Shrunk so the stop sits inside the (buffered) liquidation / stop-out price.</summary>
        Liquidation = 16,

        /// <summary>Combined mode scaled the risk down because ATR is above its usual level.</summary>
        VolatilityScaling = 32,
    }

    /// <summary>Overrides that were used: allowed, but worth a warning line.</summary>
    [Flags]
    public enum SizingWarnings
    {
        None = 0,

        /// <summary>The leverage cap is above the 10× hard maximum (explicit override).</summary>
        LeverageAboveHardMax = 1,

        /// <summary>Risk per trade is above 2 % of the base (explicit override).</summary>
        RiskAboveTwoPercent = 2,
    }

    /// <summary>Which liquidation model the sizer keeps the stop inside of.</summary>
    public enum LiquidationGuardKind
    {
        None = 0,

        /// <summary>cTrader account stop-out (margin level falls to the stop-out level).</summary>
        CTraderStopOut = 1,

        /// <summary>Bybit-style isolated margin at a given leverage and MMR (size does not move it).</summary>
        BybitIsolated = 2,
    }
}
