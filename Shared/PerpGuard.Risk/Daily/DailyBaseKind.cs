namespace PerpGuard.Risk.Daily
{
    /// <summary>The amount the daily loss limit and profit target are fractions of.</summary>
    public enum DailyBaseKind
    {
        /// <summary>Account balance at the day's reset (or at the first update of the day).</summary>
        StartOfDayBalance = 0,

        /// <summary>Equity (balance plus floating P&amp;L) at the day's reset.</summary>
        StartOfDayEquity = 1,

        /// <summary>The higher of the start-of-day balance and start-of-day equity.</summary>
        HigherOfBalanceAndEquity = 2,

        /// <summary>The balance when the tracker first ran (kept across days), or the configured one.</summary>
        InitialBalance = 3,

        /// <summary>A fixed money amount from the options.</summary>
        FixedAmount = 4,
    }
}
