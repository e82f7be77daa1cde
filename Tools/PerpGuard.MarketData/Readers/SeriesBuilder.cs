using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace PerpGuard.MarketData.Readers
{
    /// <summary>
    /// Collects records in file order with their time and line, then checks the time axis: duplicate and
    /// out-of-order timestamps are errors (naming the lines) unless the policy allows sorting.
    /// </summary>
    internal sealed class SeriesBuilder<T>
    {
        private readonly List<T> _records = new List<T>();
        private readonly List<DateTime> _times = new List<DateTime>();
        private readonly List<long> _lines = new List<long>();

        public int Count => _records.Count;

        public void Add(T record, DateTime timeUtc, long line)
        {
            _records.Add(record);
            _times.Add(timeUtc);
            _lines.Add(line);
        }

        public (T[] Records, DataQualityReport Quality) Finish(ReadOptions options, ErrorCollector errors)
        {
            var raw = TimeAxisAnalyzer.Analyze(_times, _lines);
            if (options.Timestamps == TimestampPolicy.Strict)
            {
                foreach (var d in raw.Duplicates)
                {
                    errors.Add(d.Line, "duplicate timestamp " + Iso(d.TimeUtc) + " (TimestampPolicy.SortAndKeepFirst, perpguard's --lenient-timestamps, keeps the first)");
                }

                foreach (var o in raw.OutOfOrder)
                {
                    errors.Add(o.Line, "timestamp " + Iso(o.TimeUtc) + " is before the previous one " + Iso(o.PreviousUtc));
                }
            }

            if (_records.Count == 0 && !errors.HasErrors)
            {
                errors.Add(0, "no data records");
            }

            errors.ThrowIfAny();

            if (raw.Duplicates.Count == 0 && raw.OutOfOrder.Count == 0)
            {
                return (_records.ToArray(), raw);
            }

            // Lenient: stable sort by time, keep the first record of each timestamp, report what was found.
            var order = Enumerable.Range(0, _records.Count).OrderBy(i => _times[i]).ThenBy(i => i).ToList();
            var records = new List<T>(order.Count);
            var times = new List<DateTime>(order.Count);
            var lines = new List<long>(order.Count);
            foreach (var i in order)
            {
                if (times.Count > 0 && times[times.Count - 1] == _times[i])
                {
                    continue;
                }

                records.Add(_records[i]);
                times.Add(_times[i]);
                lines.Add(_lines[i]);
            }

            var sorted = TimeAxisAnalyzer.Analyze(times, lines);
            var quality = new DataQualityReport(
                records.Count, sorted.Step, sorted.FirstUtc, sorted.LastUtc, sorted.Gaps, raw.Duplicates, raw.OutOfOrder);
            return (records.ToArray(), quality);
        }

        private static string Iso(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
    }
}
