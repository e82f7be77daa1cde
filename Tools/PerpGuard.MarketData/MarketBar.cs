using System;

namespace PerpGuard.MarketData
{
    /// <summary>
    /// One bar of market data in UTC. <see cref="Open"/>..<see cref="Close"/> are bid prices when the
    /// source has quotes, otherwise trade prices (the simulator then adds its spread model).
    /// Ask prices are present only when the source carries them (<see cref="HasAsk"/>).
    /// </summary>
    public readonly struct MarketBar
    {
        public MarketBar(DateTime openTimeUtc, double open, double high, double low, double close, double volume)
            : this(openTimeUtc, open, high, low, close, volume, double.NaN, double.NaN, double.NaN, double.NaN)
        {
        }

        public MarketBar(
            DateTime openTimeUtc,
            double open, double high, double low, double close, double volume,
            double askOpen, double askHigh, double askLow, double askClose)
        {
            OpenTimeUtc = openTimeUtc;
            Open = open;
            High = high;
            Low = low;
            Close = close;
            Volume = volume;
            AskOpen = askOpen;
            AskHigh = askHigh;
            AskLow = askLow;
            AskClose = askClose;
        }

        public DateTime OpenTimeUtc { get; }
        public double Open { get; }
        public double High { get; }
        public double Low { get; }
        public double Close { get; }
        public double Volume { get; }
        public double AskOpen { get; }
        public double AskHigh { get; }
        public double AskLow { get; }
        public double AskClose { get; }

        /// <summary>True when the source gave ask prices, so the spread comes from the data.</summary>
        public bool HasAsk => !double.IsNaN(AskClose);
    }

    /// <summary>A bid/ask quote at one instant (tick data).</summary>
    public readonly struct QuoteTick
    {
        public QuoteTick(DateTime timeUtc, double bid, double ask)
        {
            TimeUtc = timeUtc;
            Bid = bid;
            Ask = ask;
        }

        public DateTime TimeUtc { get; }
        public double Bid { get; }
        public double Ask { get; }
    }

    /// <summary>A funding (financing) event: the fraction paid by longs to shorts when positive.</summary>
    public readonly struct FundingRate
    {
        public FundingRate(DateTime timeUtc, double rate)
        {
            TimeUtc = timeUtc;
            Rate = rate;
        }

        public DateTime TimeUtc { get; }
        public double Rate { get; }
    }
}
