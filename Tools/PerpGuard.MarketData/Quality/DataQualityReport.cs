using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace PerpGuard.MarketData
{
    /// <summary>A hole in the series: bars expected every <see cref="DataQualityReport.Step"/> are missing.</summary>
    public readonly struct DataGap
    {
        public DataGap(DateTime lastBeforeUtc, DateTime firstAfterUtc, long missingBars)
        {
            LastBeforeUtc = lastBeforeUtc;
            FirstAfterUtc = firstAfterUtc;
            MissingBars = missingBars;
        }

        public DateTime LastBeforeUtc { get; }
        public DateTime FirstAfterUtc { get; }
        public long MissingBars { get; }
    }

    /// <summary>A record whose timestamp repeats or goes backwards, with its file line.</summary>
    public readonly struct TimestampIssue
    {
        public TimestampIssue(long line, DateTime timeUtc, DateTime previousUtc)
        {
            Line = line;
            TimeUtc = timeUtc;
            PreviousUtc = previousUtc;
        }

        public long Line { get; }
        public DateTime TimeUtc { get; }
        public DateTime PreviousUtc { get; }
    }

    /// <summary>
    /// What a reader found about the time axis of a file: the regular step (the most common interval),
    /// gaps, duplicate and out-of-order timestamps. Gaps are information (crypto venues skip quiet
    /// minutes); duplicates and out-of-order rows are errors unless the caller allowed them.
    /// </summary>
    public sealed class DataQualityReport
    {
        public DataQualityReport(
            int records,
            TimeSpan step,
            DateTime? firstUtc,
            DateTime? lastUtc,
            IReadOnlyList<DataGap> gaps,
            IReadOnlyList<TimestampIssue> duplicates,
            IReadOnlyList<TimestampIssue> outOfOrder)
        {
            Records = records;
            Step = step;
            FirstUtc = firstUtc;
            LastUtc = lastUtc;
            Gaps = gaps;
            Duplicates = duplicates;
            OutOfOrder = outOfOrder;
        }

        public int Records { get; }

        /// <summary>The most common positive interval between consecutive records (zero when fewer than two).</summary>
        public TimeSpan Step { get; }

        public DateTime? FirstUtc { get; }
        public DateTime? LastUtc { get; }
        public IReadOnlyList<DataGap> Gaps { get; }
        public IReadOnlyList<TimestampIssue> Duplicates { get; }
        public IReadOnlyList<TimestampIssue> OutOfOrder { get; }

        public long MissingBars => Gaps.Sum(g => g.MissingBars);

        public bool IsClean => Gaps.Count == 0 && Duplicates.Count == 0 && OutOfOrder.Count == 0;

        /// <summary>One line for a console: records, range, step, gaps, duplicates, out-of-order.</summary>
        public string Summary()
        {
            var c = CultureInfo.InvariantCulture;
            var range = FirstUtc.HasValue && LastUtc.HasValue
                ? $"{FirstUtc.Value.ToString("yyyy-MM-dd HH:mm", c)} → {LastUtc.Value.ToString("yyyy-MM-dd HH:mm", c)} UTC"
                : "empty";
            return string.Format(
                c,
                "{0} records, {1}, step {2}, {3} gaps ({4} missing), {5} duplicate and {6} out-of-order timestamps",
                Records, range, Step, Gaps.Count, MissingBars, Duplicates.Count, OutOfOrder.Count);
        }
    }
}
