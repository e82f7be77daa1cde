using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Time;

namespace PerpGuard.Risk.Daily
{
    /// <summary>
    /// Settings of the daily limits. Defaults come from <see cref="DailyLimitsDefaults"/>;
    /// <see cref="Validate"/> reports every violation at once so a bot can print one message and stop.
    /// </summary>
    public sealed class DailyLimitsOptions
    {
        /// <summary>IANA (or Windows) zone id of the day's reset, e.g. UTC, America/New_York.</summary>
        public string ResetTimeZone { get; set; } = DailyLimitsDefaults.ResetTimeZone;

        /// <summary>Wall-clock time of the reset in <see cref="ResetTimeZone"/> (00:00 to 23:59).</summary>
        public TimeSpan ResetTimeOfDay { get; set; } = DailyLimitsDefaults.ResetTimeOfDay;

        public DailyBaseKind Base { get; set; } = DailyLimitsDefaults.Base;

        /// <summary>The base when <see cref="Base"/> is <see cref="DailyBaseKind.FixedAmount"/>.</summary>
        public double FixedBaseAmount { get; set; }

        /// <summary>
        /// The base when <see cref="Base"/> is <see cref="DailyBaseKind.InitialBalance"/>; 0 means
        /// "the balance when the tracker first ran", which is then persisted.
        /// </summary>
        public double InitialBalance { get; set; }

        /// <summary>The day halts when its loss (equity incl. floating P&amp;L, fees, swaps) reaches this share of the base.</summary>
        public Fraction MaxDailyLoss { get; set; } = Fraction.FromPercent(DailyLimitsDefaults.MaxDailyLossPercent);

        /// <summary>The day halts when its profit reaches this share of the base; null = no target.</summary>
        public Fraction? DailyProfitTarget { get; set; } = Fraction.FromPercent(DailyLimitsDefaults.DailyProfitTargetPercent);

        /// <summary>Share of the loss limit (0–1] used at which the day goes to Reducing; 1 = straight to Halted.</summary>
        public double ReducingAtShareOfLimit { get; set; } = DailyLimitsDefaults.ReducingAtShareOfLimit;

        /// <summary>Entries per trading day; reaching it moves the day to Reducing. 0 = unlimited.</summary>
        public int MaxTradesPerDay { get; set; } = DailyLimitsDefaults.MaxTradesPerDay;

        /// <summary>Losing trades in a row; reaching it moves the day to Reducing. 0 = unlimited.</summary>
        public int MaxConsecutiveLosses { get; set; } = DailyLimitsDefaults.MaxConsecutiveLosses;

        /// <summary>Pause after the first loss of a streak; TimeSpan.Zero = no cool-down.</summary>
        public TimeSpan CooldownAfterLoss { get; set; } = DailyLimitsDefaults.CooldownAfterLoss;

        /// <summary>Each further loss in the streak multiplies the pause by this (≥ 1).</summary>
        public double CooldownGrowth { get; set; } = DailyLimitsDefaults.CooldownGrowth;

        /// <summary>The longest pause, however long the streak.</summary>
        public TimeSpan MaxCooldown { get; set; } = DailyLimitsDefaults.MaxCooldown;

        /// <summary>On a halt, close positions and cancel pending orders (false: only block entries).</summary>
        public bool FlattenOnHalt { get; set; } = true;

        /// <summary>Every violation, in the order of the properties above; empty when valid.</summary>
        public IReadOnlyList<string> Violations()
        {
            var errors = new List<string>();
            if (!TimeZones.TryFind(ResetTimeZone, out _))
            {
                errors.Add($"ResetTimeZone '{ResetTimeZone}' is not a known time zone (use an IANA id such as UTC or America/New_York).");
            }

            if (ResetTimeOfDay < TimeSpan.Zero || ResetTimeOfDay >= TimeSpan.FromDays(1))
            {
                errors.Add($"ResetTimeOfDay {ResetTimeOfDay} must be between 00:00 and 23:59.");
            }

            if (!Enum.IsDefined(typeof(DailyBaseKind), Base))
            {
                errors.Add($"Base {(int)Base} is not a known base.");
            }

            if (Base == DailyBaseKind.FixedAmount && !(FixedBaseAmount > 0 && !double.IsInfinity(FixedBaseAmount)))
            {
                errors.Add("FixedBaseAmount must be a positive amount when Base is FixedAmount.");
            }

            if (!(InitialBalance >= 0 && !double.IsInfinity(InitialBalance)))
            {
                errors.Add("InitialBalance must be 0 (use the first balance seen) or a positive amount.");
            }

            if (!(MaxDailyLoss.Value > 0) || MaxDailyLoss.Percent > DailyLimitsDefaults.MaxDailyLossPercentCeiling)
            {
                errors.Add(string.Format(CultureInfo.InvariantCulture, "MaxDailyLoss {0} must be above 0 % and at most {1} %.", MaxDailyLoss, DailyLimitsDefaults.MaxDailyLossPercentCeiling));
            }

            if (DailyProfitTarget is { } target && !(target.Value > 0))
            {
                errors.Add($"DailyProfitTarget {target} must be above 0 % (or off).");
            }

            if (!(ReducingAtShareOfLimit > 0 && ReducingAtShareOfLimit <= 1))
            {
                errors.Add(string.Format(CultureInfo.InvariantCulture, "ReducingAtShareOfLimit {0} must be above 0 and at most 1.", ReducingAtShareOfLimit));
            }

            if (MaxTradesPerDay < 0)
            {
                errors.Add($"MaxTradesPerDay {MaxTradesPerDay} must be 0 (unlimited) or more.");
            }

            if (MaxConsecutiveLosses < 0)
            {
                errors.Add($"MaxConsecutiveLosses {MaxConsecutiveLosses} must be 0 (unlimited) or more.");
            }

            if (CooldownAfterLoss < TimeSpan.Zero)
            {
                errors.Add($"CooldownAfterLoss {CooldownAfterLoss} must not be negative.");
            }

            if (!(CooldownGrowth >= 1) || double.IsInfinity(CooldownGrowth))
            {
                errors.Add(string.Format(CultureInfo.InvariantCulture, "CooldownGrowth {0} must be at least 1.", CooldownGrowth));
            }

            if (MaxCooldown < CooldownAfterLoss)
            {
                errors.Add($"MaxCooldown {MaxCooldown} must be at least CooldownAfterLoss {CooldownAfterLoss}.");
            }

            return errors;
        }

        /// <summary>Null when valid; otherwise one message listing every violation.</summary>
        public string? Validate() => OptionsMessage.Combine("Daily limits", Violations());

        /// <summary>Throws <see cref="ArgumentException"/> with the combined message when invalid.</summary>
        public void ThrowIfInvalid()
        {
            var message = Validate();
            if (message is not null)
            {
                throw new ArgumentException(message);
            }
        }

        /// <summary>The schedule these options describe (call only when valid).</summary>
        public TradingDaySchedule CreateSchedule() => TradingDaySchedule.Create(ResetTimeZone, ResetTimeOfDay);

        /// <summary>
        /// The pause after the n-th loss in a row: base × growth^(n−1), capped at the maximum.
        /// Worked: 5 min, growth 2, max 60 → 5, 10, 20, 40, 60, 60 …
        /// </summary>
        public TimeSpan CooldownFor(int lossStreak)
        {
            if (lossStreak <= 0 || CooldownAfterLoss <= TimeSpan.Zero)
            {
                return TimeSpan.Zero;
            }

            var ticks = CooldownAfterLoss.Ticks * Math.Pow(CooldownGrowth, lossStreak - 1);
            return ticks >= MaxCooldown.Ticks ? MaxCooldown : TimeSpan.FromTicks((long)ticks);
        }
    }

    /// <summary>Joins violations into the one message a bot prints before it stops.</summary>
    public static class OptionsMessage
    {
        public static string? Combine(string what, IReadOnlyList<string> violations)
        {
            if (violations.Count == 0)
            {
                return null;
            }

            var text = new StringBuilder();
            text.Append(what).Append(" settings are invalid (").Append(violations.Count.ToString(CultureInfo.InvariantCulture))
                .Append(violations.Count == 1 ? " problem): " : " problems): ");
            for (var i = 0; i < violations.Count; i++)
            {
                if (i > 0)
                {
                    text.Append(' ');
                }

                text.Append(violations[i]);
            }

            return text.ToString();
        }
    }
}
