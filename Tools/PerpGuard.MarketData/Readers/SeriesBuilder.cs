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

        // freqtrade JSON holds its rows on one line: the row index is what locates a record there (-1 = none).
        private readonly List<int> _rows = new List<int>();

        public int Count => _records.Count;

        public void Add(T record, DateTime timeUtc, long line, int row = -1)
        {
            _records.Add(record);
            _times.Add(timeUtc);
            _lines.Add(line);
            _rows.Add(row);
        }

        public (T[] Records, DataQualityReport Quality) Finish(ReadOptions options, ErrorCollector errors)
        {
            var raw = TimeAxisAnalyzer.Analyze(_times, _lines);
            if (options.Timestamps == TimestampPolicy.Strict)
            {
                // The analyzer's rule (each record against the one before), here with the record's row for the message.
                for (var i = 1; i < _times.Count; i++)
                {
                    var delta = _times[i].Ticks - _times[i - 1].Ticks;
                    var where = _rows[i] >= 0 ? "row " + _rows[i].ToString(CultureInfo.InvariantCulture) + ": " : string.Empty;
                    if (delta == 0)
                    {
                        errors.Add(_lines[i], where + "duplicate timestamp " + Iso(_times[i]) + " (TimestampPolicy.SortAndKeepFirst, perpguard's --lenient-timestamps, keeps the first)");
                    }
                    else if (delta < 0)
                    {
                        errors.Add(_lines[i], where + "timestamp " + Iso(_times[i]) + " is before the previous one " + Iso(_times[i - 1]));
                    }
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
