using System;
using System.Collections.Generic;
using System.Globalization;

namespace PerpGuard.MarketData.Generation
{
    /// <summary>
    /// Parameters of the synthetic BTCUSD-like m1 generator. Defaults give one month of bars whose
    /// minute volatility is about 60 % a year, with a broker-CFD-like spread of roughly $5–$40.
    /// </summary>
    public sealed class SyntheticBarOptions
    {
        /// <summary>One month of one-minute bars (30 × 1,440).</summary>
        public const int DefaultBars = 43_200;

        public int Seed { get; set; } = 1;
        public int Bars { get; set; } = DefaultBars;

        /// <summary>Open time of the first bar; default Monday 2024-01-01 00:00 UTC (a fixed date, never the clock).</summary>
        public DateTime StartUtc { get; set; } = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        public double StartPrice { get; set; } = 42_000;

        /// <summary>Long-run annualised volatility of log returns (365-day crypto year).</summary>
        public double AnnualVolatility { get; set; } = 0.60;

        /// <summary>GARCH(1,1) reaction to the last shock (α) and persistence (β); α + β &lt; 1.</summary>
        public double GarchAlpha { get; set; } = 0.08;
        public double GarchBeta { get; set; } = 0.90;

        /// <summary>Probability per minute of a jump, and the jump's standard deviation (fraction of price).</summary>
        public double JumpProbability { get; set; } = 1.0 / 1440.0;
        public double JumpStdDev { get; set; } = 0.006;

        /// <summary>Amplitude of the intraday volatility cycle (peak near 15:00 UTC, trough near 03:00).</summary>
        public double IntradayAmplitude { get; set; } = 0.35;

        /// <summary>Volatility multiplier on Saturdays and Sundays (UTC).</summary>
        public double WeekendFactor { get; set; } = 0.6;

        /// <summary>Spread = max(MinSpread, SpreadBase + SpreadPerVolatility × expected one-minute move in price).</summary>
        public double MinSpread { get; set; } = 2.0;
        public double SpreadBase { get; set; } = 6.0;
        public double SpreadPerVolatility { get; set; } = 0.15;

        /// <summary>Prices are rounded to this tick.</summary>
        public double TickSize { get; set; } = 0.01;

        public string SourceLabel => string.Format(CultureInfo.InvariantCulture,
            "generated: PerpGuard synthetic BTCUSD m1, seed {0} — not market data", Seed);

        /// <summary>Every problem in one list (empty when valid).</summary>
        public IReadOnlyList<string> Validate()
        {
            var problems = new List<string>();
            if (Bars < 1) problems.Add("bars must be at least 1");
            if (!(StartPrice > 0)) problems.Add("start price must be positive");
            if (!(AnnualVolatility > 0) || AnnualVolatility > 5) problems.Add("annual volatility must be in (0, 5]");
            if (GarchAlpha < 0 || GarchBeta < 0 || GarchAlpha + GarchBeta >= 1) problems.Add("GARCH needs α, β ≥ 0 and α + β < 1");
            if (JumpProbability < 0 || JumpProbability > 1) problems.Add("jump probability must be in [0, 1]");
            if (WeekendFactor <= 0) problems.Add("weekend factor must be positive");
            if (IntradayAmplitude < 0 || IntradayAmplitude >= 1) problems.Add("intraday amplitude must be in [0, 1)");
            if (!(TickSize > 0)) problems.Add("tick size must be positive");
            if (StartUtc.Kind != DateTimeKind.Utc) problems.Add("start time must be UTC");
            return problems;
        }
    }
}
