using System;

namespace PerpGuard.Risk.Filters
{
    /// <summary>Every default of the market filters, in one place.</summary>
    public static class MarketFilterDefaults
    {
        public const SpreadLimitKind SpreadKind = SpreadLimitKind.FractionOfStop;

        /// <summary>The spread may eat at most a fifth of the stop distance.</summary>
        public const double MaxSpread = 0.2;

        /// <summary>cTrader brokers roll swaps at 17:00 New York (22:00 UTC in winter, 21:00 in summer).</summary>
        public const string RolloverTimeZone = "America/New_York";

        public const string TradingTimeZone = "UTC";

        public static readonly TimeSpan RolloverTimeOfDay = TimeSpan.FromHours(17);
        public static readonly TimeSpan RolloverBlackoutBefore = TimeSpan.FromMinutes(5);
        public static readonly TimeSpan RolloverBlackoutAfter = TimeSpan.FromMinutes(5);
    }
}
