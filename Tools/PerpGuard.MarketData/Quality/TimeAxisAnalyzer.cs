using System;
using System.Collections.Generic;
using System.Linq;

namespace PerpGuard.MarketData.Readers
{
    /// <summary>Builds a <see cref="DataQualityReport"/> from the timestamps in file order.</summary>
    internal static class TimeAxisAnalyzer
    {
        public static DataQualityReport Analyze(IReadOnlyList<DateTime> times, IReadOnlyList<long> lines)
        {
            var duplicates = new List<TimestampIssue>();
            var outOfOrder = new List<TimestampIssue>();
            var intervalCounts = new Dictionary<long, int>();
            for (var i = 1; i < times.Count; i++)
            {
                var delta = times[i].Ticks - times[i - 1].Ticks;
                if (delta == 0)
                {
                    duplicates.Add(new TimestampIssue(lines[i], times[i], times[i - 1]));
                }
                else if (delta < 0)
                {
                    outOfOrder.Add(new TimestampIssue(lines[i], times[i], times[i - 1]));
                }
                else
                {
                    intervalCounts.TryGetValue(delta, out var n);
                    intervalCounts[delta] = n + 1;
                }
            }

            // Mode of the positive intervals; ties go to the smaller interval.
            var step = intervalCounts.Count == 0
                ? 0L
                : intervalCounts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).First().Key;

            var gaps = new List<DataGap>();
            if (step > 0)
            {
                for (var i = 1; i < times.Count; i++)
                {
                    var delta = times[i].Ticks - times[i - 1].Ticks;
                    if (delta > step)
                    {
                        gaps.Add(new DataGap(times[i - 1], times[i], (delta / step) - (delta % step == 0 ? 1 : 0)));
                    }
                }
            }

            return new DataQualityReport(
                times.Count,
                TimeSpan.FromTicks(step),
                times.Count > 0 ? times.Min() : (DateTime?)null,
                times.Count > 0 ? times.Max() : (DateTime?)null,
                gaps,
                duplicates,
                outOfOrder);
        }
    }
}
