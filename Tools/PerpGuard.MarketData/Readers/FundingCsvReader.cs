using System;
using System.Collections.Generic;

namespace PerpGuard.MarketData.Readers
{
    /// <summary>Funding rates: LEAN <c>yyyyMMdd HH:mm:ss,rate</c> or a plain <c>time,rate</c> CSV (header optional).</summary>
    internal static class FundingCsvReader
    {
        /// <summary>Largest believable funding fraction per event; larger values are typos (e.g. percent instead of fraction).</summary>
        public const double MaxAbsRate = 0.05;

        public static (FundingRate[] Rates, DataQualityReport Quality) Read(IEnumerable<CsvRow> rows, ReadOptions options, ErrorCollector errors)
        {
            var builder = new SeriesBuilder<FundingRate>();
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
                        continue;
                    }
                }

                if (errors.IsFull)
                {
                    break;
                }

                var f = row.Fields;
                if (f.Length < 2)
                {
                    errors.Add(row.Line, $"expected time,rate; found '{CsvRows.Describe(row)}'");
                    continue;
                }

                if (f.Length != expectedFields)
                {
                    // A field more or less than the first line: a shifted column, so the rate may be another column's number.
                    errors.Add(row.Line, $"expected {expectedFields} fields as the file's first line, found {f.Length}: '{CsvRows.Describe(row)}'");
                    continue;
                }

                if (!TimeParser.TryParse(f[0], out var t))
                {
                    errors.Add(row.Line, $"bad time '{f[0]}'");
                    continue;
                }

                if (!NumberParser.TryParse(f[1], out var rate))
                {
                    errors.Add(row.Line, $"bad rate '{f[1]}' (expected an invariant-culture fraction, e.g. 0.0001)");
                    continue;
                }

                if (Math.Abs(rate) > MaxAbsRate)
                {
                    errors.Add(row.Line, FormattableString.Invariant($"rate {rate} is beyond ±{MaxAbsRate} per event: a fraction is expected (0.0001 = 0.01 %)"));
                    continue;
                }

                builder.Add(new FundingRate(t, rate), t, row.Line);
            }

            return builder.Finish(options, errors);
        }
    }
}
