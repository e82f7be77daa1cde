namespace PerpGuard.Risk.Rules
{
    /// <summary>
    /// Stable reason codes for every decision, refusal and state change. The numbers are part of
    /// the journal's schema: never renumber, only add.
    /// </summary>
    public enum ReasonCode
    {
        None = 0,

        // Daily limits and the trading state (1xx).
        DailyLossLimit = 100,
        DailyLossWarning = 101,
        DailyProfitTarget = 102,
        MaxTradesPerDay = 103,
        MaxConsecutiveLosses = 104,
        CooldownAfterLoss = 105,
        ManualHold = 106,
        TradingHalted = 107,
        TradingReducing = 108,
        DayReset = 109,
        CorruptState = 110,
        ManualRelease = 111,
        DailyBudgetExceeded = 112,
        NotStarted = 113,

        /// <summary>A market order's outcome is unknown (it may still fill): no new entry until its fill appears or the wait ends.</summary>
        OrderOutcomeUnknown = 114,

        // Market filters (2xx).
        SpreadTooWide = 200,
        VolatilityTooLow = 201,
        VolatilityTooHigh = 202,
        OutsideTradingHours = 203,
        RolloverBlackout = 204,
        MarketDataMissing = 205,

        // Position management that closed or changed a trade (3xx).
        StopLoss = 300,
        TakeProfit = 301,
        TrailingStop = 302,
        ManualClose = 303,
        Flatten = 304,
        StopNotAttached = 305,
        GapThroughStop = 306,
        FlatBeforeRollover = 307,

        /// <summary>A loss beyond the planned risk made by the swap or funding the position paid (not in the plan), not by its fill.</summary>
        SwapBeyondPlan = 308,
    }
}
