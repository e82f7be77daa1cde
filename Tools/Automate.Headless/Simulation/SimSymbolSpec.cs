using System;
using System.Collections.Generic;
using System.Globalization;

namespace PerpGuard.Headless.Simulation
{
    /// <summary>One band of cTrader dynamic leverage: USD notional up to <see cref="Volume"/> is
    /// margined at <see cref="Leverage"/> (the last tier extends to infinity).</summary>
    public readonly struct SimLeverageTier
    {
        public SimLeverageTier(double volume, double leverage)
        {
            Volume = volume;
            Leverage = leverage;
        }

        /// <summary>Upper bound of the band, USD notional.</summary>
        public double Volume { get; }

        public double Leverage { get; }
    }

    /// <summary>
    /// Static facts of a tradable symbol, as cTrader's Symbol exposes them. Volumes are in units
    /// (base asset), prices in quote currency, money conversions by fixed rates (a USD account on a
    /// USD-quoted symbol has both rates 1).
    /// </summary>
    public sealed class SimSymbolSpec
    {
        public string Name { get; set; } = "BTCUSD";
        public int Digits { get; set; } = 2;
        public double PipSize { get; set; } = 1.0;
        public double TickSize { get; set; } = 0.01;
        /// <summary>Units per lot.</summary>
        public double LotSize { get; set; } = 1.0;
        public double VolumeInUnitsMin { get; set; } = 0.01;
        public double VolumeInUnitsStep { get; set; } = 0.01;
        public double VolumeInUnitsMax { get; set; } = 1000.0;

        public SimCommissionType CommissionType { get; set; } = SimCommissionType.UsdPerMillionUsdVolume;
        /// <summary>Commission amount per side, in the unit named by <see cref="CommissionType"/>.</summary>
        public double Commission { get; set; }
        /// <summary>Minimum commission per side per deal, in USD (Symbol.MinCommissionAsset is USD), converted to the account currency.</summary>
        public double MinCommission { get; set; }

        public SimSwapType SwapType { get; set; } = SimSwapType.Pips;
        /// <summary>Daily swap of a long, signed (negative = charged), in the unit of <see cref="SwapType"/>.</summary>
        public double SwapLong { get; set; }
        public double SwapShort { get; set; }
        /// <summary>Rollover day charged three times (cTrader Swap3DaysRollover); null = none.</summary>
        public DayOfWeek? Swap3DaysRollover { get; set; } = DayOfWeek.Wednesday;
        /// <summary>
        /// Time of day (UTC) of the daily rollover — cTrader's ProtoOASymbol.swapTime ("minutes from 00:00 (UTC)"),
        /// which does not move with daylight saving. Ignored when <see cref="RolloverTimeZoneId"/> is set.
        /// </summary>
        public TimeSpan RolloverTimeUtc { get; set; } = new TimeSpan(22, 0, 0);
        /// <summary>
        /// Optional: a time zone (IANA or Windows id, e.g. "America/New_York") whose local
        /// <see cref="RolloverLocalTime"/> is the rollover, for a broker that moves its swap time with that zone's
        /// daylight saving (17:00 New York = 22:00 UTC in winter, 21:00 UTC in summer). Null: <see cref="RolloverTimeUtc"/>.
        /// </summary>
        public string? RolloverTimeZoneId { get; set; }
        /// <summary>Local time of day of the rollover in <see cref="RolloverTimeZoneId"/> (default 17:00).</summary>
        public TimeSpan RolloverLocalTime { get; set; } = new TimeSpan(17, 0, 0);
        /// <summary>When true, no swap at rollovers falling on Saturday or Sunday (FX-style calendars).</summary>
        public bool SkipWeekendRollovers { get; set; }
        /// <summary>Days per year for percentage swaps.</summary>
        public double SwapDaysPerYear { get; set; } = 360.0;

        /// <summary>Symbol leverage used when there are no <see cref="DynamicLeverage"/> tiers.</summary>
        public double Leverage { get; set; } = 10.0;
        /// <summary>cTrader dynamic leverage tiers ("tax brackets"), ascending by volume; empty = flat leverage.</summary>
        public IReadOnlyList<SimLeverageTier> DynamicLeverage { get; set; } = Array.Empty<SimLeverageTier>();

        /// <summary>Minimum stop-loss / take-profit distance from the current price, pips (0 = none).</summary>
        public double MinStopDistancePips { get; set; }

        /// <summary>Account-currency value of one quote-currency unit (1 for a USD account on a USD quote).</summary>
        public double QuoteToAccountRate { get; set; } = 1.0;
        /// <summary>USD value of one quote-currency unit (for USD-denominated commissions and leverage tiers).</summary>
        public double QuoteToUsdRate { get; set; } = 1.0;

        /// <summary>False = trading disabled (orders refused with MarketClosed).</summary>
        public bool IsTradingEnabled { get; set; } = true;

        /// <summary>Value of one pip for one unit of volume, account currency.</summary>
        public double PipValue => PipSize * QuoteToAccountRate;

        /// <summary>Value of one tick for one unit of volume, account currency.</summary>
        public double TickValue => TickSize * QuoteToAccountRate;

        /// <summary>Every violation, in one list (empty when valid).</summary>
        public IReadOnlyList<string> Validate()
        {
            var errors = new List<string>();
            if (string.IsNullOrWhiteSpace(Name)) errors.Add("symbol name is empty");
            if (Digits < 0 || Digits > 10) errors.Add(Fmt("Digits must be 0..10, got {0}", Digits));
            Positive(errors, "PipSize", PipSize);
            Positive(errors, "TickSize", TickSize);
            if (Digits >= 0 && Digits <= 10 && TickSize > 0 && !SimPriceGrid.IsValid(TickSize, Digits))
            {
                errors.Add(Fmt("TickSize must be a whole multiple of 10^-Digits (Digits {0}), got {1}", Digits, TickSize));
            }

            Positive(errors, "LotSize", LotSize);
            Positive(errors, "VolumeInUnitsMin", VolumeInUnitsMin);
            Positive(errors, "VolumeInUnitsStep", VolumeInUnitsStep);
            Positive(errors, "VolumeInUnitsMax", VolumeInUnitsMax);
            if (VolumeInUnitsMax < VolumeInUnitsMin) errors.Add("VolumeInUnitsMax is below VolumeInUnitsMin");
            if (!(Commission >= 0)) errors.Add(Fmt("Commission must be >= 0, got {0}", Commission));
            if (!(MinCommission >= 0)) errors.Add(Fmt("MinCommission must be >= 0, got {0}", MinCommission));
            if (double.IsNaN(SwapLong) || double.IsInfinity(SwapLong)) errors.Add("SwapLong must be finite");
            if (double.IsNaN(SwapShort) || double.IsInfinity(SwapShort)) errors.Add("SwapShort must be finite");
            if (RolloverTimeUtc < TimeSpan.Zero || RolloverTimeUtc >= TimeSpan.FromDays(1)) errors.Add("RolloverTimeUtc must be within one day");
            if (RolloverLocalTime < TimeSpan.Zero || RolloverLocalTime >= TimeSpan.FromDays(1)) errors.Add("RolloverLocalTime must be within one day");
            if (RolloverTimeZoneId != null && SimRollover.FindZone(RolloverTimeZoneId) == null) errors.Add("RolloverTimeZoneId is not a known time zone: " + RolloverTimeZoneId);
            Positive(errors, "SwapDaysPerYear", SwapDaysPerYear);
            Positive(errors, "Leverage", Leverage);
            double previous = 0;
            for (int i = 0; i < DynamicLeverage.Count; i++)
            {
                var tier = DynamicLeverage[i];
                if (!(tier.Leverage > 0)) errors.Add(Fmt("DynamicLeverage[{0}].Leverage must be > 0", i));
                if (!(tier.Volume > previous)) errors.Add(Fmt("DynamicLeverage[{0}].Volume must ascend", i));
                previous = tier.Volume;
            }

            if (!(MinStopDistancePips >= 0)) errors.Add("MinStopDistancePips must be >= 0");
            Positive(errors, "QuoteToAccountRate", QuoteToAccountRate);
            Positive(errors, "QuoteToUsdRate", QuoteToUsdRate);
            return errors;
        }

        private static void Positive(List<string> errors, string name, double value)
        {
            if (!(value > 0) || double.IsInfinity(value)) errors.Add(Fmt("{0} must be > 0, got {1}", name, value));
        }

        private static string Fmt(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
    }

    /// <summary>Account-wide settings of the simulated broker.</summary>
    public sealed class SimAccountSettings
    {
        public double Balance { get; set; } = 10000.0;
        public string Currency { get; set; } = "USD";
        public SimAccountType AccountType { get; set; } = SimAccountType.Hedged;
        /// <summary>Account leverage cap: the effective leverage is min(symbol/tier leverage, this).</summary>
        public double Leverage { get; set; } = 500.0;
        /// <summary>Margin level (percent) at or below which positions are stopped out.</summary>
        public double StopOutLevel { get; set; } = 50.0;
        /// <summary>Margin level (percent) of the margin call (informational: <see cref="SimulatedBroker.IsMarginCall"/>).</summary>
        public double MarginCallLevel { get; set; } = 100.0;
        /// <summary>Account-currency value of one USD.</summary>
        public double UsdToAccountRate { get; set; } = 1.0;
        /// <summary>
        /// Decimals of the deposit currency (cTrader's Asset.Digits / the Open API's moneyDigits): every booked amount —
        /// commission, swap, deal gross and net profit, balance — is rounded to them (2 = cents).
        /// </summary>
        public int MoneyDigits { get; set; } = 2;

        public IReadOnlyList<string> Validate()
        {
            var errors = new List<string>();
            if (!(Balance >= 0) || double.IsInfinity(Balance)) errors.Add("Balance must be >= 0 and finite");
            if (string.IsNullOrWhiteSpace(Currency)) errors.Add("Currency is empty");
            if (!(Leverage > 0)) errors.Add("Leverage must be > 0");
            if (!(StopOutLevel >= 0)) errors.Add("StopOutLevel must be >= 0");
            if (!(MarginCallLevel >= StopOutLevel)) errors.Add("MarginCallLevel must be >= StopOutLevel");
            if (!(UsdToAccountRate > 0)) errors.Add("UsdToAccountRate must be > 0");
            if (MoneyDigits < 0 || MoneyDigits > 8) errors.Add("MoneyDigits must be 0..8");
            return errors;
        }
    }
}
