using System;
using System.Collections.Generic;
using System.IO;
using Newtonsoft.Json;

namespace PerpGuard.MarketData.Readers
{
    /// <summary>
    /// freqtrade JSON: an array of rows [timestamp_ms, open, high, low, close, volume]; volume may be null
    /// (mark-price candles). Funding files carry the rate in the second column.
    /// Errors name the JSON line and the row index (freqtrade writes whole arrays on one line).
    /// </summary>
    internal static class FreqtradeJsonReader
    {
        public static List<(double?[] Values, long Line, int Row)> ReadRows(TextReader text, ErrorCollector errors)
        {
            var rows = new List<(double?[], long, int)>();
            // Multiple content: a second array glued on after the first reaches the check at the end and is named in
            // our words (Json.NET would otherwise throw its own "additional text" error at it).
            using var json = new JsonTextReader(text) { FloatParseHandling = FloatParseHandling.Double, SupportMultipleContent = true };
            try
            {
                if (!json.Read() || json.TokenType != JsonToken.StartArray)
                {
                    errors.Add(json.LineNumber, "expected a JSON array of rows");
                    return rows;
                }

                var index = 0;
                var closed = false;
                while (json.Read())
                {
                    if (json.TokenType == JsonToken.EndArray)
                    {
                        closed = true;
                        break;
                    }

                    var line = json.LineNumber;
                    if (json.TokenType != JsonToken.StartArray)
                    {
                        errors.Add(line, $"row {index}: expected an array");
                        json.Skip();
                        index++;
                        continue;
                    }

                    var values = new List<double?>();
                    var bad = false;
                    var rowClosed = false;
                    while (json.Read())
                    {
                        if (json.TokenType == JsonToken.EndArray)
                        {
                            rowClosed = true;
                            break;
                        }

                        switch (json.TokenType)
                        {
                            case JsonToken.Integer:
                                values.Add(Convert.ToDouble(json.Value, System.Globalization.CultureInfo.InvariantCulture));
                                break;
                            case JsonToken.Float:
                                // Json.NET reads the literals NaN and Infinity as floats: a price, volume or rate that is not a number.
                                var number = (double)json.Value!;
                                if (double.IsNaN(number) || double.IsInfinity(number))
                                {
                                    bad = true;
                                }
                                else
                                {
                                    values.Add(number);
                                }

                                break;
                            case JsonToken.Null:
                                values.Add(null);
                                break;
                            default:
                                bad = true;
                                json.Skip();
                                break;
                        }
                    }

                    if (!rowClosed)
                    {
                        // A download cut off inside a row: its last number may be cut short too, so it is not data.
                        errors.Add(json.LineNumber, $"row {index}: the file ends inside this row (truncated?)");
                        return rows;
                    }

                    if (bad)
                    {
                        errors.Add(line, $"row {index}: non-numeric value (a string, NaN or Infinity)");
                    }
                    else
                    {
                        rows.Add((values.ToArray(), line, index));
                    }

                    index++;
                }

                if (!closed)
                {
                    // Cut off between rows: every row read is whole, but the file is not; the rows after it are missing.
                    errors.Add(json.LineNumber, index == 0
                        ? "the file ends before its first row, without the closing ']' (truncated?)"
                        : $"the file ends after row {index - 1} without the closing ']' (truncated?)");
                    return rows;
                }

                if (json.Read())
                {
                    errors.Add(json.LineNumber, "unexpected content after the closing ']' of the array (two files joined?)");
                }
            }
            catch (JsonReaderException ex)
            {
                errors.Add(ex.LineNumber, "invalid JSON: " + ex.Message);
            }

            return rows;
        }

        public static (MarketBar[] Bars, DataQualityReport Quality) ReadBars(TextReader text, ReadOptions options, ErrorCollector errors)
        {
            var builder = new SeriesBuilder<MarketBar>();
            foreach (var (v, line, row) in ReadRows(text, errors))
            {
                // More than six values is a row of another layout (or two rows run together), not a candle with extras.
                if (v.Length < 5 || v.Length > 6)
                {
                    errors.Add(line, $"row {row}: expected [time_ms, open, high, low, close, volume], found {v.Length} values");
                    continue;
                }

                if (v[0] == null || v[1] == null || v[2] == null || v[3] == null || v[4] == null)
                {
                    // The count is right: say which kind of value is missing, not the count.
                    errors.Add(line, $"row {row}: null time or price (only the volume may be null)");
                    continue;
                }

                var time = TimeParser.FromEpochMilliseconds((long)v[0]!.Value);
                var volume = v.Length > 5 && v[5].HasValue ? v[5]!.Value : 0.0;
                var bar = new MarketBar(time, v[1]!.Value, v[2]!.Value, v[3]!.Value, v[4]!.Value, volume);
                var problem = BarValidator.Check(bar);
                if (problem != null)
                {
                    errors.Add(line, $"row {row}: {problem}");
                    continue;
                }

                builder.Add(bar, time, line, row);
            }

            return builder.Finish(options, errors);
        }

        public static (FundingRate[] Rates, DataQualityReport Quality) ReadFunding(TextReader text, ReadOptions options, ErrorCollector errors)
        {
            var builder = new SeriesBuilder<FundingRate>();
            foreach (var (v, line, row) in ReadRows(text, errors))
            {
                if (v.Length < 2 || v.Length > 6)
                {
                    errors.Add(line, $"row {row}: expected [time_ms, rate, …] (at most 6 values), found {v.Length} values");
                    continue;
                }

                if (v[0] == null || v[1] == null)
                {
                    errors.Add(line, $"row {row}: null time or rate");
                    continue;
                }

                var rate = v[1]!.Value;
                if (Math.Abs(rate) > FundingCsvReader.MaxAbsRate)
                {
                    errors.Add(line, FormattableString.Invariant($"row {row}: rate {rate} is beyond ±{FundingCsvReader.MaxAbsRate} per event"));
                    continue;
                }

                var time = TimeParser.FromEpochMilliseconds((long)v[0]!.Value);
                builder.Add(new FundingRate(time, rate), time, line, row);
            }

            return builder.Finish(options, errors);
        }
    }
}
