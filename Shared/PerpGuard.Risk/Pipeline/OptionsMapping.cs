using System;
using System.Collections.Generic;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Filters;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Time;

namespace PerpGuard.Risk.Pipeline
{
    /// <summary>Turns the bots' parameter blocks into the library's options (call after validation).</summary>
    public static class OptionsMapping
    {
        /// <summary>
        /// Adds the library's own checks of the mapped options (only when the bot's checks passed, so
        /// one problem is not reported twice).
        /// </summary>
        public static void AddLibraryViolations(OptionsValidation v, DailyLimitOptions daily, FilterOptions filters)
        {
            if (!v.IsValid)
            {
                return;
            }

            foreach (var error in ToDailyLimits(daily).Violations())
            {
                v.Require(false, error.TrimEnd('.'));
            }

            foreach (var error in ToMarketFilters(filters).Violations())
            {
                v.Require(false, error.TrimEnd('.'));
            }
        }

        public static DailyLimitsOptions ToDailyLimits(DailyLimitOptions o)
        {
            OptionsValidation.TryParseTimeOfDay(o.ResetTime, false, out var reset);
            var cooldown = TimeSpan.FromMinutes(o.CooldownMinutes);
            return new DailyLimitsOptions
            {
                ResetTimeZone = o.TimeZoneId,
                ResetTimeOfDay = reset,
                Base = DailyBaseKind.StartOfDayEquity,
                MaxDailyLoss = Fraction.FromPercent(o.DailyLossPercent),
                DailyProfitTarget = o.DailyProfitPercent > 0 ? Fraction.FromPercent(o.DailyProfitPercent) : (Fraction?)null,
                // The state goes straight from Active to Halted at the limit: no early "Reducing" band.
                ReducingAtShareOfLimit = 1.0,
                MaxTradesPerDay = o.MaxTradesPerDay,
                MaxConsecutiveLosses = o.MaxConsecutiveLosses,
                CooldownAfterLoss = cooldown,
                CooldownGrowth = 1.0,
                MaxCooldown = cooldown,
                FlattenOnHalt = o.HaltAction == HaltAction.Flatten,
            };
        }

        public static MarketFilterOptions ToMarketFilters(FilterOptions o)
        {
            OptionsValidation.TryParseTimeOfDay(o.SessionStart, false, out var start);
            OptionsValidation.TryParseTimeOfDay(o.SessionEnd, true, out var end);
            OptionsValidation.TryParseTimeOfDay(o.RolloverTime, false, out var rollover);
            var windows = new List<TradingWindow>();
            if (start != end && !(start == TimeSpan.Zero && end == TimeSpan.FromHours(24)))
            {
                // "24:00" ends the session at midnight: a window ending at 00:00 (it wraps, so it runs to the day's end).
                windows.Add(new TradingWindow(start, end == TimeSpan.FromHours(24) ? TimeSpan.Zero : end));
            }

            var blackout = TimeSpan.FromMinutes(o.RolloverBlackoutMinutes);

            // No entry in the minutes the bot will close it in anyway (and pay the spread twice for nothing).
            var before = TimeSpan.FromMinutes(Math.Max(o.RolloverBlackoutMinutes, o.FlatBeforeRolloverMinutes));
            return new MarketFilterOptions
            {
                SpreadKind = o.SpreadMeasure == SpreadMeasure.Absolute ? SpreadLimitKind.Absolute
                    : o.SpreadMeasure == SpreadMeasure.BasisPoints ? SpreadLimitKind.BasisPoints
                    : SpreadLimitKind.FractionOfStop,
                MaxSpread = o.SpreadMeasure == SpreadMeasure.PercentOfStop ? o.MaxSpread / 100.0 : o.MaxSpread,
                AtrMin = o.MinAtrPercent > 0 ? Fraction.FromPercent(o.MinAtrPercent) : (Fraction?)null,
                AtrMax = o.MaxAtrPercent > 0 ? Fraction.FromPercent(o.MaxAtrPercent) : (Fraction?)null,
                TradingTimeZone = o.SessionTimeZoneId,
                TradingWindows = windows,
                RolloverTimeZone = o.RolloverTimeZoneId,
                RolloverTimeOfDay = rollover,
                RolloverBlackoutBefore = before,
                RolloverBlackoutAfter = blackout,
            };
        }

        /// <summary>When to be flat before the rollover; null when the bot keeps positions over it. Call on valid options.</summary>
        public static RolloverExit? ToRolloverExit(FilterOptions o)
        {
            if (o.FlatBeforeRolloverMinutes <= 0)
            {
                return null;
            }

            OptionsValidation.TryParseTimeOfDay(o.RolloverTime, false, out var rollover);
            return new RolloverExit(TradingDaySchedule.Create(o.RolloverTimeZoneId, rollover), TimeSpan.FromMinutes(o.FlatBeforeRolloverMinutes));
        }
    }
}
