using System;
using System.Collections.Generic;
using System.Globalization;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Time;

namespace PerpGuard.Risk.Filters
{
    /// <summary>
    /// Settings of the market filters; defaults in <see cref="MarketFilterDefaults"/>. A filter set
    /// to 0 / null / empty is off. <see cref="Validate"/> reports every violation at once.
    /// </summary>
    public sealed class MarketFilterOptions
    {
        public SpreadLimitKind SpreadKind { get; set; } = MarketFilterDefaults.SpreadKind;

        /// <summary>Maximum spread in the unit of <see cref="SpreadKind"/>; 0 = off.</summary>
        public double MaxSpread { get; set; } = MarketFilterDefaults.MaxSpread;

        /// <summary>Lowest ATR as a share of price; null = no floor (but see <see cref="AtrMax"/>).</summary>
        public Fraction? AtrMin { get; set; }

        /// <summary>Highest ATR as a share of price; the band is on when either bound is set.</summary>
        public Fraction? AtrMax { get; set; }

        public string TradingTimeZone { get; set; } = MarketFilterDefaults.TradingTimeZone;

        /// <summary>Windows in which entries are allowed; empty = around the clock.</summary>
        public IList<TradingWindow> TradingWindows { get; set; } = new List<TradingWindow>();

        public string RolloverTimeZone { get; set; } = MarketFilterDefaults.RolloverTimeZone;

        public TimeSpan RolloverTimeOfDay { get; set; } = MarketFilterDefaults.RolloverTimeOfDay;

        /// <summary>Blackout before the rollover; both zero = off.</summary>
        public TimeSpan RolloverBlackoutBefore { get; set; } = MarketFilterDefaults.RolloverBlackoutBefore;

        public TimeSpan RolloverBlackoutAfter { get; set; } = MarketFilterDefaults.RolloverBlackoutAfter;

        public bool HasAtrBand => AtrMin is not null || AtrMax is not null;

        public bool HasRolloverBlackout => RolloverBlackoutBefore + RolloverBlackoutAfter > TimeSpan.Zero;

        public IReadOnlyList<string> Violations()
        {
            var errors = new List<string>();
            if (!Enum.IsDefined(typeof(SpreadLimitKind), SpreadKind))
            {
                errors.Add($"SpreadKind {(int)SpreadKind} is not a known spread measure.");
            }

            if (!(MaxSpread >= 0) || double.IsInfinity(MaxSpread))
            {
                errors.Add(string.Format(CultureInfo.InvariantCulture, "MaxSpread {0} must be 0 (off) or positive.", MaxSpread));
            }

            if (AtrMin is { } min && min.Value < 0)
            {
                errors.Add($"AtrMin {min} must not be negative.");
            }

            if (AtrMax is { } max && !(max.Value > 0))
            {
                errors.Add($"AtrMax {max} must be above 0 %.");
            }

            if (AtrMin is { } lo && AtrMax is { } hi && !(hi > lo))
            {
                errors.Add($"AtrMax {hi} must be above AtrMin {lo}.");
            }

            if (TradingWindows is null)
            {
                errors.Add("TradingWindows must be a list (empty = around the clock).");
            }

            if (TradingWindows is { Count: > 0 } && !TimeZones.TryFind(TradingTimeZone, out _))
            {
                errors.Add($"TradingTimeZone '{TradingTimeZone}' is not a known time zone.");
            }

            if (RolloverBlackoutBefore < TimeSpan.Zero || RolloverBlackoutAfter < TimeSpan.Zero)
            {
                errors.Add("RolloverBlackoutBefore and RolloverBlackoutAfter must not be negative.");
            }
            else if (RolloverBlackoutBefore + RolloverBlackoutAfter >= TimeSpan.FromHours(12))
            {
                errors.Add("The rollover blackout must be shorter than 12 hours in total.");
            }

            if (HasRolloverBlackout)
            {
                if (!TimeZones.TryFind(RolloverTimeZone, out _))
                {
                    errors.Add($"RolloverTimeZone '{RolloverTimeZone}' is not a known time zone.");
                }

                if (RolloverTimeOfDay < TimeSpan.Zero || RolloverTimeOfDay >= TimeSpan.FromDays(1))
                {
                    errors.Add($"RolloverTimeOfDay {RolloverTimeOfDay} must be between 00:00 and 23:59.");
                }
            }

            return errors;
        }

        /// <summary>Null when valid; otherwise one message listing every violation.</summary>
        public string? Validate() => OptionsMessage.Combine("Market filter", Violations());

        public void ThrowIfInvalid()
        {
            var message = Validate();
            if (message is not null)
            {
                throw new ArgumentException(message);
            }
        }
    }
}
