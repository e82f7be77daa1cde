using System;
using System.Collections.Generic;
using System.Linq;

namespace PerpGuard.MarketData.Readers
{
    /// <summary>Tick CSV (time, bid, ask; header optional) and Tardis book snapshots (best bid/ask).</summary>
    internal static class TickCsvReader
    {
        public static (QuoteTick[] Ticks, DataQualityReport Quality) Read(
            IEnumerable<CsvRow> rows, DataFormat format, ReadOptions options, ErrorCollector errors)
        {
            var builder = new SeriesBuilder<QuoteTick>();
            int time = 0, bid = 1, ask = 2, minFields = 3;
            var first = true;
            var expectedFields = 0;
            foreach (var row in rows)
            {
                if (first)
                {
                    first = false;
                    expectedFields = row.Fields.Length;
                    if (CsvRows.IsHeader(row.Fields))
                    {
                        var names = row.Fields.Select(BarColumnMap.Normalize).ToArray();
                        if (format == DataFormat.TardisBookSnapshot)
                        {
                            time = Array.IndexOf(names, "timestamp");
                            bid = Array.IndexOf(names, "bids[0].price");
                            ask = Array.IndexOf(names, "asks[0].price");
                        }
                        else
                        {
                            time = IndexOfAny(names, "timestamp", "time", "date", "datetime", "ts");
                            bid = IndexOfAny(names, "bid", "bidprice", "bestbid");
                            ask = IndexOfAny(names, "ask", "askprice", "bestask");
                        }

                        if (time < 0 || bid < 0 || ask < 0)
                        {
                            errors.Add(row.Line, "tick header needs time, bid and ask columns; found: " + string.Join(",", row.Fields));
                            errors.ThrowIfAny();
                        }

                        minFields = Math.Max(time, Math.Max(bid, ask)) + 1;
                        continue;
                    }
                }

                if (errors.IsFull)
                {
                    break;
                }

                var f = row.Fields;
                if (f.Length < minFields)
                {
                    errors.Add(row.Line, $"expected at least {minFields} fields, found {f.Length}: '{CsvRows.Describe(row)}'");
                    continue;
                }

                if (f.Length != expectedFields)
                {
                    errors.Add(row.Line, $"expected {expectedFields} fields as the file's first line, found {f.Length}: '{CsvRows.Describe(row)}'");
                    continue;
                }

                if (!TimeParser.TryParse(f[time], out var t))
                {
                    errors.Add(row.Line, $"bad time '{f[time]}'");
                    continue;
                }

                if (!NumberParser.TryParse(f[bid], out var b) || !NumberParser.TryParse(f[ask], out var a) || !(b > 0) || !(a > 0))
                {
                    errors.Add(row.Line, $"bad bid/ask '{f[bid]}'/'{f[ask]}' (positive invariant-culture numbers expected)");
                    continue;
                }

                if (a < b)
                {
                    errors.Add(row.Line, FormattableString.Invariant($"ask {a} below bid {b} (crossed quote)"));
                    continue;
                }

                builder.Add(new QuoteTick(t, b, a), t, row.Line);
            }

            return builder.Finish(options, errors);
        }

        private static int IndexOfAny(string[] names, params string[] candidates)
        {
            foreach (var c in candidates)
            {
                var i = Array.IndexOf(names, c);
                if (i >= 0)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
