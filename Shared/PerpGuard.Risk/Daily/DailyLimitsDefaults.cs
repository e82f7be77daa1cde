using System;

namespace PerpGuard.Risk.Daily
{
    /// <summary>Every default of the daily limits, in one place (seeded by the founders' brief).</summary>
    public static class DailyLimitsDefaults
    {
        public const string ResetTimeZone = "UTC";
        public const double MaxDailyLossPercent = 2.0;
        public const double DailyProfitTargetPercent = 3.0;

        /// <summary>Share of the loss limit used at which the day switches to Reducing.</summary>
        public const double ReducingAtShareOfLimit = 0.75;

        public const int MaxTradesPerDay = 20;
        public const int MaxConsecutiveLosses = 3;
        public const double CooldownGrowth = 2.0;

        /// <summary>Hard ceiling for the loss limit the options accept.</summary>
        public const double MaxDailyLossPercentCeiling = 50.0;

        public static readonly TimeSpan ResetTimeOfDay = TimeSpan.Zero;
        public static readonly TimeSpan CooldownAfterLoss = TimeSpan.FromMinutes(5);
        public static readonly TimeSpan MaxCooldown = TimeSpan.FromMinutes(60);
        public const DailyBaseKind Base = DailyBaseKind.StartOfDayBalance;
    }
}
