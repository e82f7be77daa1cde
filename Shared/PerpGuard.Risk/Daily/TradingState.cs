namespace PerpGuard.Risk.Daily
{
    /// <summary>
    /// The day's trading state. It only moves forward within a trading day
    /// (Active → Reducing → Halted); only the next reset brings it back to Active.
    /// A manual hold is a separate switch on top (see <see cref="DailyRiskTracker.Hold"/>).
    /// </summary>
    public enum TradingState
    {
        /// <summary>New entries allowed (subject to the rules).</summary>
        Active = 0,

        /// <summary>Only orders that reduce exposure; open positions keep their stops and targets.</summary>
        Reducing = 1,

        /// <summary>Flatten, cancel pending orders, no entries until the next reset.</summary>
        Halted = 2,
    }
}
