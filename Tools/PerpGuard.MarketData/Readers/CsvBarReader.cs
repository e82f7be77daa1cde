using System;
using System.Collections.Generic;
using System.IO;

namespace PerpGuard.MarketData.Readers
{
    /// <summary>Reads bar rows through a <see cref="BarColumnMap"/>; every bad row becomes a file:line error.</summary>
    internal static class CsvBarReader
    {
        public static (MarketBar[] Bars, DataQualityReport Quality) Read(
            IEnumerable<CsvRow> rows, BarColumnMap map, bool skipFirstRow, ReadOptions options, ErrorCollector errors)
        {
            var builder = new SeriesBuilder<MarketBar>();
            var first = true;
            foreach (var row in rows)
            {
                if (first)
                {
                    first = false;
                    if (skipFirstRow)
                    {
                        continue;
                    }
                }

                if (errors.IsFull)
                {
                    break;
                }

                if (TryParseBar(row, map, errors, out var bar))
                {
                    builder.Add(bar, bar.OpenTimeUtc, row.Line);
                }
            }

            return builder.Finish(options, errors);
        }

        private static bool TryParseBar(CsvRow row, BarColumnMap map, ErrorCollector errors, out MarketBar bar)
        {
            bar = default;
            var f = row.Fields;
            if (f.Length < map.MinFields)
            {
                errors.Add(row.Line, $"expected at least {map.MinFields} fields, found {f.Length}: '{CsvRows.Describe(row)}'");
                return false;
            }

            if (map.ExpectedFields > 0 && f.Length != map.ExpectedFields)
            {
                errors.Add(row.Line, $"expected {map.ExpectedFields} fields as the file's other rows, found {f.Length}: '{CsvRows.Describe(row)}'");
                return false;
            }

            DateTime time;
            if (map.ParseTime != null)
            {
                var t = map.ParseTime(f[map.Time]);
                if (t == null)
                {
                    errors.Add(row.Line, $"bad time '{f[map.Time]}'");
                    return false;
                }

                time = t.Value;
            }
            else
            {
                var text = map.TimeOfDay >= 0 ? f[map.Time] + " " + f[map.TimeOfDay] : f[map.Time];
                if (!TimeParser.TryParse(text, out time))
                {
                    errors.Add(row.Line, $"bad time '{text}' (expected ISO-8601 UTC or epoch milliseconds)");
                    return false;
                }
            }

            if (!Number(row, map.Open, "open", errors, out var open)
                || !Number(row, map.High, "high", errors, out var high)
                || !Number(row, map.Low, "low", errors, out var low)
                || !Number(row, map.Close, "close", errors, out var close))
            {
                return false;
            }

            var volume = 0.0;
            if (map.Volume >= 0 && f[map.Volume].Length > 0 && !Number(row, map.Volume, "volume", errors, out volume))
            {
                return false;
            }

            if (map.HasFullAsk)
            {
                if (!Number(row, map.AskOpen, "ask open", errors, out var ao)
                    || !Number(row, map.AskHigh, "ask high", errors, out var ah)
                    || !Number(row, map.AskLow, "ask low", errors, out var al)
                    || !Number(row, map.AskClose, "ask close", errors, out var ac))
                {
                    return false;
                }

                bar = new MarketBar(time, open, high, low, close, volume, ao, ah, al, ac);
            }
            else if (map.Bid >= 0 || map.Spread >= 0)
            {
                double spread;
                if (map.Spread >= 0)
                {
                    if (!Number(row, map.Spread, "spread", errors, out spread))
                    {
                        return false;
                    }
                }
                else
                {
                    if (!Number(row, map.Bid, "bid", errors, out var bid) || !Number(row, map.Ask, "ask", errors, out var ask))
                    {
                        return false;
                    }

                    spread = ask - bid;
                }

                if (spread < 0)
                {
                    errors.Add(row.Line, FormattableString.Invariant($"negative spread {spread} (ask below bid)"));
                    return false;
                }

                bar = new MarketBar(time, open, high, low, close, volume, open + spread, high + spread, low + spread, close + spread);
            }
            else
            {
                bar = new MarketBar(time, open, high, low, close, volume);
            }

            var problem = BarValidator.Check(bar);
            if (problem != null)
            {
                errors.Add(row.Line, problem);
                return false;
            }

            return true;
        }

        private static bool Number(CsvRow row, int index, string name, ErrorCollector errors, out double value)
        {
            if (!NumberParser.TryParse(row.Fields[index], out value))
            {
                errors.Add(row.Line, $"bad {name} '{row.Fields[index]}' (expected an invariant-culture number)");
                return false;
            }

            return true;
        }

        internal static IEnumerable<CsvRow> OpenRows(string path, ErrorCollector errors, char delimiter)
        {
            using var reader = CsvRows.Open(path);
            foreach (var row in CsvRows.Read(reader, errors, delimiter))
            {
                yield return row;
            }
        }

        internal static string FileName(string path) => Path.GetFileName(path);
    }
}
