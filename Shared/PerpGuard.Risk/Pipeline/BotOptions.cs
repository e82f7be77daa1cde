using System;
using System.Collections.Generic;
using System.Globalization;

namespace PerpGuard.Risk.Pipeline
{
    /// <summary>How the size of a new position is chosen (the sizing library does the maths).</summary>
    public enum SizingMode
    {
        /// <summary>Risk a fixed percentage of the base on every trade; the stop comes from the stop settings.</summary>
        FixedPercent = 0,

        /// <summary>Stop = multiple × ATR; risk money fixed, so size shrinks when volatility grows.</summary>
        Volatility = 1,

        /// <summary>Fixed percentage, scaled down when ATR is unusually high against its own average.</summary>
        Combined = 2,
    }

    /// <summary>Where the initial stop goes.</summary>
    public enum StopMode
    {
        Atr = 0,
        Fixed = 1,
    }

    /// <summary>What a halted day does to what is already open.</summary>
    public enum HaltAction
    {
        /// <summary>Close every managed position and cancel pending orders, then refuse entries until the reset.</summary>
        Flatten = 0,

        /// <summary>Leave open positions under their stops; only refuse new entries until the reset.</summary>
        BlockEntriesOnly = 1,
    }

    /// <summary>Risk per trade and exposure caps. Defaults are the founders' seed.</summary>
    public sealed class RiskOptions
    {
        public double RiskPercent { get; set; } = BotDefaults.RiskPercent;

        /// <summary>Risk above 2 % of the base per trade is refused unless this is set.</summary>
        public bool AllowRiskAbove2Percent { get; set; }

        public SizingMode SizingMode { get; set; } = SizingMode.FixedPercent;

        public double MaxLeverage { get; set; } = BotDefaults.MaxLeverage;

        /// <summary>Largest share of free margin one new position may take, in percent.</summary>
        public double MaxMarginUsePercent { get; set; } = BotDefaults.MaxMarginUsePercent;

        /// <summary>Extra distance kept between the stop and the account stop-out price, as a fraction of the entry-to-stop-out distance.</summary>
        public double StopOutBufferPercent { get; set; } = BotDefaults.StopOutBufferPercent;
    }

    /// <summary>Initial stop, target, trailing stop and break-even.</summary>
    public sealed class StopOptions
    {
        public StopMode StopMode { get; set; } = StopMode.Atr;

        public int AtrPeriod { get; set; } = BotDefaults.AtrPeriod;

        public double StopAtrMultiple { get; set; } = BotDefaults.StopAtrMultiple;

        /// <summary>Used when <see cref="StopMode"/> is Fixed: stop distance in pips.</summary>
        public double FixedStopPips { get; set; } = BotDefaults.FixedStopPips;

        /// <summary>Target reward:risk, net of round-trip costs. Never below 1.5.</summary>
        public double RewardRisk { get; set; } = BotDefaults.RewardRisk;

        /// <summary>An entry whose net target lies further than this many ATRs is refused as unrealistic.</summary>
        public double MaxTargetAtr { get; set; } = BotDefaults.MaxTargetAtr;

        /// <summary>Expected slippage on the stop, in pips; added to the per-unit risk.</summary>
        public double SlippageAllowancePips { get; set; }

        public bool TrailingEnabled { get; set; } = true;

        /// <summary>Trailing starts once the position is this many R in profit.</summary>
        public double TrailActivationR { get; set; } = BotDefaults.TrailActivationR;

        /// <summary>Trailing distance in ATRs.</summary>
        public double TrailAtrMultiple { get; set; } = BotDefaults.TrailAtrMultiple;

        public bool BreakEvenEnabled { get; set; } = true;

        /// <summary>The stop moves to break-even (covering round-trip fees) at this many R in profit.</summary>
        public double BreakEvenAtR { get; set; } = BotDefaults.BreakEvenAtR;
    }

    /// <summary>The trading day and its limits.</summary>
    public sealed class DailyLimitOptions
    {
        public double DailyLossPercent { get; set; } = BotDefaults.DailyLossPercent;

        public double DailyProfitPercent { get; set; } = BotDefaults.DailyProfitPercent;

        public int MaxTradesPerDay { get; set; } = BotDefaults.MaxTradesPerDay;

        public int MaxConsecutiveLosses { get; set; } = BotDefaults.MaxConsecutiveLosses;

        /// <summary>Pause after a losing trade, in minutes; 0 disables it.</summary>
        public int CooldownMinutes { get; set; } = BotDefaults.CooldownMinutes;

        /// <summary>Time of day the trading day starts, "HH:mm", in <see cref="TimeZoneId"/>.</summary>
        public string ResetTime { get; set; } = BotDefaults.ResetTime;

        /// <summary>A system time-zone id ("UTC", "America/New_York", ...).</summary>
        public string TimeZoneId { get; set; } = BotDefaults.TimeZoneId;

        public HaltAction HaltAction { get; set; } = HaltAction.Flatten;
    }

    /// <summary>How the maximum spread is measured (mirrors the filter library's SpreadLimitKind).</summary>
    public enum SpreadMeasure
    {
        /// <summary>Ask − bid in price units.</summary>
        Absolute = 0,

        /// <summary>(ask − bid) / mid × 10,000.</summary>
        BasisPoints = 1,

        /// <summary>(ask − bid) as a percent of the planned stop distance.</summary>
        PercentOfStop = 2,
    }

    /// <summary>Market filters applied before every entry.</summary>
    public sealed class FilterOptions
    {
        public SpreadMeasure SpreadMeasure { get; set; } = SpreadMeasure.PercentOfStop;

        /// <summary>Largest spread accepted, in the unit of <see cref="SpreadMeasure"/>; 0 disables.</summary>
        public double MaxSpread { get; set; } = BotDefaults.MaxSpreadPercentOfStop;

        /// <summary>ATR as a percent of price must lie within [min, max]; 0 disables a side.</summary>
        public double MinAtrPercent { get; set; }

        public double MaxAtrPercent { get; set; } = BotDefaults.MaxAtrPercent;

        /// <summary>Entries allowed from this time ("HH:mm", in <see cref="SessionTimeZoneId"/>) ...</summary>
        public string SessionStart { get; set; } = "00:00";

        /// <summary>... until this time; equal to start means all day. May wrap midnight.</summary>
        public string SessionEnd { get; set; } = "00:00";

        public string SessionTimeZoneId { get; set; } = "UTC";

        /// <summary>The daily swap/funding rollover ("HH:mm" in <see cref="RolloverTimeZoneId"/>).</summary>
        public string RolloverTime { get; set; } = "17:00";

        public string RolloverTimeZoneId { get; set; } = "America/New_York";

        /// <summary>No entries this many minutes either side of the rollover; 0 disables.</summary>
        public int RolloverBlackoutMinutes { get; set; } = BotDefaults.RolloverBlackoutMinutes;

        /// <summary>
        /// Close the bot's positions this many minutes before the rollover (and take no entry in that time), so no
        /// position pays a swap its plan did not count; 0 keeps positions over the rollover.
        /// </summary>
        public int FlatBeforeRolloverMinutes { get; set; } = BotDefaults.FlatBeforeRolloverMinutes;
    }

    /// <summary>Journal settings.</summary>
    public sealed class JournalOptions
    {
        public bool Enabled { get; set; } = true;

        /// <summary>Also Print each decision to the cTrader log.</summary>
        public bool PrintDecisions { get; set; } = true;

        /// <summary>Prefix of the LocalStorage keys (daily state and journal); two instances on one account need different prefixes.</summary>
        public string StorageKey { get; set; } = string.Empty;
    }

    /// <summary>The founders' defaults, in one place.</summary>
    public static class BotDefaults
    {
        public const double RiskPercent = 1.0;
        public const double MaxLeverage = 5.0;
        public const double MinLeverageCap = 1.0;
        public const double MaxLeverageCap = 10.0;
        public const double MaxMarginUsePercent = 50.0;
        public const double StopOutBufferPercent = 5.0;
        public const int AtrPeriod = 14;
        public const double StopAtrMultiple = 1.5;
        public const double FixedStopPips = 300;
        public const double RewardRisk = 1.5;
        public const double MinRewardRisk = 1.5;
        public const double MaxTargetAtr = 8.0;
        public const double TrailActivationR = 1.0;
        public const double TrailAtrMultiple = 1.5;
        public const double BreakEvenAtR = 0.8;
        public const double DailyLossPercent = 2.0;
        public const double DailyProfitPercent = 3.0;
        public const int MaxTradesPerDay = 20;
        public const int MaxConsecutiveLosses = 3;
        public const int CooldownMinutes = 15;
        public const string ResetTime = "00:00";
        public const string TimeZoneId = "UTC";
        public const double MaxSpreadPercentOfStop = 20.0;
        public const double MaxAtrPercent = 2.0;
        public const int RolloverBlackoutMinutes = 5;
        public const int FlatBeforeRolloverMinutes = 5;
        public const double HardRiskPercent = 2.0;
    }

    /// <summary>Collects every violation, so a bot prints one message listing them all.</summary>
    public sealed class OptionsValidation
    {
        private readonly List<string> _errors = new List<string>();

        public IReadOnlyList<string> Errors => _errors;

        public bool IsValid => _errors.Count == 0;

        /// <summary>One line for the log: "Invalid parameters: a; b; c." (empty when valid).</summary>
        public string Message => IsValid ? string.Empty : "Invalid parameters: " + string.Join("; ", _errors) + ".";

        public void Require(bool condition, string error)
        {
            if (!condition)
            {
                _errors.Add(error);
            }
        }

        public void Range(double value, double min, double max, string name)
        {
            Require(!double.IsNaN(value) && value >= min && value <= max,
                string.Format(CultureInfo.InvariantCulture, "{0} must be between {1} and {2} (is {3})", name, min, max, value));
        }

        /// <summary>Parses "HH:mm" (00:00..23:59; "24:00" only when <paramref name="allow24"/>).</summary>
        public static bool TryParseTimeOfDay(string? text, bool allow24, out TimeSpan time)
        {
            time = TimeSpan.Zero;
            if (string.IsNullOrWhiteSpace(text))
            {
                return false;
            }

            var parts = text!.Trim().Split(':');
            if (parts.Length != 2
                || parts[0].Length == 0 || parts[0].Length > 2 || parts[1].Length != 2
                || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var h)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m))
            {
                return false;
            }

            if (allow24 && h == 24 && m == 0)
            {
                time = TimeSpan.FromHours(24);
                return true;
            }

            if (h > 23 || m > 59)
            {
                return false;
            }

            time = new TimeSpan(h, m, 0);
            return true;
        }

        public static bool TryFindZone(string? id, out TimeZoneInfo zone)
        {
            zone = TimeZoneInfo.Utc;
            if (string.IsNullOrWhiteSpace(id))
            {
                return false;
            }

            if (string.Equals(id, "UTC", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            try
            {
                zone = TimeZoneInfo.FindSystemTimeZoneById(id!.Trim());
                return true;
            }
            catch (TimeZoneNotFoundException)
            {
                return false;
            }
            catch (InvalidTimeZoneException)
            {
                return false;
            }
        }
    }
}
