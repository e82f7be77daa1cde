using System;
using System.Collections.Generic;

namespace PerpGuard.MarketData
{
    /// <summary>Bars read from a file or generated, with where they came from and what the reader found.</summary>
    public sealed class BarSeries
    {
        public BarSeries(string source, DataFormat? format, MarketBar[] bars, DataQualityReport quality)
        {
            Source = source;
            Format = format;
            Bars = bars;
            Quality = quality;
        }

        /// <summary>Human-readable origin, e.g. "file: btc.csv (GenericCsv)" or "generated: … — not market data".</summary>
        public string Source { get; }

        /// <summary>The file format, null for generated data.</summary>
        public DataFormat? Format { get; }

        public MarketBar[] Bars { get; }

        public DataQualityReport Quality { get; }

        /// <summary>Bar interval (the most common step between bars).</summary>
        public TimeSpan Timeframe => Quality.Step;
    }

    /// <summary>Ticks read from a file.</summary>
    public sealed class TickSeries
    {
        public TickSeries(string source, DataFormat format, QuoteTick[] ticks, DataQualityReport quality)
        {
            Source = source;
            Format = format;
            Ticks = ticks;
            Quality = quality;
        }

        public string Source { get; }
        public DataFormat Format { get; }
        public QuoteTick[] Ticks { get; }
        public DataQualityReport Quality { get; }
    }

    /// <summary>Funding events read from a file.</summary>
    public sealed class FundingSeries
    {
        public FundingSeries(string source, DataFormat format, IReadOnlyList<FundingRate> rates, DataQualityReport quality)
        {
            Source = source;
            Format = format;
            Rates = rates;
            Quality = quality;
        }

        public string Source { get; }
        public DataFormat Format { get; }
        public IReadOnlyList<FundingRate> Rates { get; }
        public DataQualityReport Quality { get; }
    }
}
