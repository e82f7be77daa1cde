using System;

namespace PerpGuard.Risk.Pipeline
{
    /// <summary>Checks each option block and adds every violation to one <see cref="OptionsValidation"/>.</summary>
    public static class BotOptionsValidator
    {
        public static void Validate(RiskOptions o, OptionsValidation v)
        {
            v.Range(o.RiskPercent, 0.01, 10, "Risk per trade %");
            v.Require(o.RiskPercent <= BotDefaults.HardRiskPercent || o.AllowRiskAbove2Percent,
                "Risk per trade % above 2 needs 'Allow risk above 2%' switched on");
            v.Range(o.MaxLeverage, BotDefaults.MinLeverageCap, BotDefaults.MaxLeverageCap, "Max leverage");
            v.Range(o.MaxMarginUsePercent, 1, 100, "Max margin use %");
            v.Range(o.StopOutBufferPercent, 0, 50, "Stop-out buffer %");
            v.Require(Enum.IsDefined(typeof(SizingMode), o.SizingMode), "Sizing mode is unknown");
        }

        /// <param name="plansEntries">False for a bot that only protects (TradeGuardian): the target-vs-Max target check is about refused entries.</param>
        public static void Validate(StopOptions o, OptionsValidation v, bool plansEntries = true)
        {
            v.Require(Enum.IsDefined(typeof(StopMode), o.StopMode), "Stop mode is unknown");
            v.Range(o.AtrPeriod, 2, 500, "ATR period");
            v.Range(o.StopAtrMultiple, 0.1, 20, "Stop ATR multiple");
            v.Range(o.FixedStopPips, 0.01, 1e9, "Fixed stop (pips)");
            v.Range(o.RewardRisk, BotDefaults.MinRewardRisk, 20, "Reward:risk");
            v.Range(o.MaxTargetAtr, 0.5, 100, "Max target (ATR)");
            v.Range(o.SlippageAllowancePips, 0, 1e9, "Slippage allowance (pips)");
            v.Range(o.TrailActivationR, 0, 20, "Trailing activation (R)");
            v.Range(o.TrailAtrMultiple, 0.1, 20, "Trailing distance (ATR)");
            v.Range(o.BreakEvenAtR, 0.1, 20, "Break-even at (R)");
            v.Require(!plansEntries || o.StopMode != StopMode.Atr || o.MaxTargetAtr > o.StopAtrMultiple * o.RewardRisk,
                "Max target (ATR) must exceed Stop ATR multiple × Reward:risk, or every entry would be refused");
            v.Require(!(o.TrailingEnabled && o.BreakEvenEnabled) || o.BreakEvenAtR <= o.TrailActivationR || o.TrailActivationR == 0,
                "Break-even at (R) must not be later than Trailing activation (R)");
        }

        public static void Validate(DailyLimitOptions o, OptionsValidation v)
        {
            v.Range(o.DailyLossPercent, 0.1, 50, "Daily loss limit %");
            v.Range(o.DailyProfitPercent, 0, 1000, "Daily profit target % (0 = off)");
            v.Range(o.MaxTradesPerDay, 0, 10000, "Max trades per day (0 = off)");
            v.Range(o.MaxConsecutiveLosses, 0, 1000, "Max consecutive losses (0 = off)");
            v.Range(o.CooldownMinutes, 0, 1440, "Cool-down after a loss (minutes)");
            v.Require(OptionsValidation.TryParseTimeOfDay(o.ResetTime, false, out _),
                "Day reset time must be HH:mm between 00:00 and 23:59 (is '" + o.ResetTime + "')");
            v.Require(OptionsValidation.TryFindZone(o.TimeZoneId, out _),
                "Day time zone '" + o.TimeZoneId + "' is not a known time-zone id (e.g. UTC, America/New_York)");
            v.Require(Enum.IsDefined(typeof(HaltAction), o.HaltAction), "Halt action is unknown");
        }

        public static void Validate(FilterOptions o, OptionsValidation v)
        {
            v.Require(Enum.IsDefined(typeof(SpreadMeasure), o.SpreadMeasure), "Spread measure is unknown");
            v.Range(o.MaxSpread, 0, 1e9, "Max spread (0 = off)");
            v.Require(o.SpreadMeasure != SpreadMeasure.PercentOfStop || o.MaxSpread <= 100, "Max spread as % of stop must be at most 100");
            v.Range(o.MinAtrPercent, 0, 100, "Min ATR %");
            v.Range(o.MaxAtrPercent, 0, 100, "Max ATR % (0 = off)");
            v.Require(o.MaxAtrPercent == 0 || o.MinAtrPercent < o.MaxAtrPercent, "Min ATR % must be below Max ATR %");
            v.Require(OptionsValidation.TryParseTimeOfDay(o.SessionStart, false, out _),
                "Session start must be HH:mm (is '" + o.SessionStart + "')");
            v.Require(OptionsValidation.TryParseTimeOfDay(o.SessionEnd, true, out _),
                "Session end must be HH:mm or 24:00 (is '" + o.SessionEnd + "')");
            v.Require(OptionsValidation.TryFindZone(o.SessionTimeZoneId, out _),
                "Session time zone '" + o.SessionTimeZoneId + "' is not a known time-zone id");
            v.Require(OptionsValidation.TryParseTimeOfDay(o.RolloverTime, false, out _),
                "Rollover time must be HH:mm (is '" + o.RolloverTime + "')");
            v.Require((o.RolloverBlackoutMinutes == 0 && o.FlatBeforeRolloverMinutes == 0) || OptionsValidation.TryFindZone(o.RolloverTimeZoneId, out _),
                "Rollover time zone '" + o.RolloverTimeZoneId + "' is not a known time-zone id");
            v.Range(o.RolloverBlackoutMinutes, 0, 240, "Rollover blackout (minutes)");
            v.Range(o.FlatBeforeRolloverMinutes, 0, 240, "Flat before rollover (minutes)");
        }

        public static void Validate(JournalOptions o, OptionsValidation v)
        {
            v.Require(o.StorageKey is not null && o.StorageKey.IndexOfAny(new[] { ' ', '/', '\\' }) < 0,
                "Journal storage key must not contain spaces or slashes");
        }
    }
}
