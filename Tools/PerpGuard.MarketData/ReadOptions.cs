using System;

namespace PerpGuard.MarketData
{
    /// <summary>What a reader does with repeated or backward timestamps.</summary>
    public enum TimestampPolicy
    {
        /// <summary>Duplicate or out-of-order timestamps are errors (the default: never silently accepted).</summary>
        Strict,

        /// <summary>Sort by time (stable) and keep the first record of each timestamp; both are still reported.</summary>
        SortAndKeepFirst,
    }

    /// <summary>Options for reading market data files.</summary>
    public sealed class ReadOptions
    {
        public static ReadOptions Default { get; } = new ReadOptions();

        public TimestampPolicy Timestamps { get; set; } = TimestampPolicy.Strict;

        /// <summary>Forces a format instead of auto-detection.</summary>
        public DataFormat? Format { get; set; }

        /// <summary>For LEAN minute files: the date the millisecond offsets count from (default: from the file name).</summary>
        public DateTime? LeanDateUtc { get; set; }
    }
}
