using System;

namespace PerpGuard.Headless.Simulation
{
    /// <summary>
    /// One bid/ask quote. <see cref="Continuous"/> says the price moved in a straight line from the
    /// previous quote of the same symbol (inside an expanded bar), so a level crossed on the way is
    /// filled at the level; otherwise the quote is a jump (a real tick, a bar open) and anything it
    /// crosses fills at the quote itself (the gap price).
    /// </summary>
    public readonly struct SimQuote
    {
        public SimQuote(DateTime timeUtc, double bid, double ask, bool continuous = false)
        {
            TimeTicks = timeUtc.Ticks;
            Bid = bid;
            Ask = ask;
            Continuous = continuous;
        }

        /// <summary>Hot-path constructor: UTC time as ticks (no DateTime validation per quote).</summary>
        public SimQuote(long timeTicksUtc, double bid, double ask, bool continuous)
        {
            TimeTicks = timeTicksUtc;
            Bid = bid;
            Ask = ask;
            Continuous = continuous;
        }

        /// <summary>UTC time in ticks.</summary>
        public long TimeTicks { get; }

        public DateTime TimeUtc => new DateTime(TimeTicks, DateTimeKind.Utc);
        public double Bid { get; }
        public double Ask { get; }
        public bool Continuous { get; }
    }

    /// <summary>Bid and ask range of one bar; used by the pessimistic fill option.</summary>
    public readonly struct SimBarEnvelope
    {
        public SimBarEnvelope(double bidLow, double bidHigh, double askLow, double askHigh)
        {
            BidLow = bidLow;
            BidHigh = bidHigh;
            AskLow = askLow;
            AskHigh = askHigh;
        }

        public double BidLow { get; }
        public double BidHigh { get; }
        public double AskLow { get; }
        public double AskHigh { get; }
    }

    /// <summary>SplitMix64: tiny, fast, and the same sequence on every runtime (System.Random is not promised to be).</summary>
    public struct SimRandom
    {
        private ulong _state;

        public SimRandom(ulong seed)
        {
            _state = seed;
        }

        public ulong NextUInt64()
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>Uniform in [0, 1).</summary>
        public double NextDouble() => (NextUInt64() >> 11) * (1.0 / 9007199254740992.0);
    }
}
