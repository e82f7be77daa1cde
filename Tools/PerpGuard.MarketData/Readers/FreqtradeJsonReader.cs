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
            using var json = new JsonTextReader(text) { FloatParseHandling = FloatParseHandling.Double };
            try
            {
                if (!json.Read() || json.TokenType != JsonToken.StartArray)
                {
                    errors.Add(json.LineNumber, "expected a JSON array of rows");
                    return rows;
                }

                var index = 0;
                while (json.Read() && json.TokenType != JsonToken.EndArray)
                {
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
                    while (json.Read() && json.TokenType != JsonToken.EndArray)
                    {
                        switch (json.TokenType)
                        {
                            case JsonToken.Integer:
                                values.Add(Convert.ToDouble(json.Value, System.Globalization.CultureInfo.InvariantCulture));
                                break;
                            case JsonToken.Float:
                                values.Add((double)json.Value!);
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

                    if (bad)
                    {
                        errors.Add(line, $"row {index}: non-numeric value");
                    }
                    else
                    {
                        rows.Add((values.ToArray(), line, index));
                    }

                    index++;
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
                if (v.Length < 5 || v[0] == null || v[1] == null || v[2] == null || v[3] == null || v[4] == null)
                {
                    errors.Add(line, $"row {row}: expected [time_ms, open, high, low, close, volume]");
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

                builder.Add(bar, time, line);
            }

            return builder.Finish(options, errors);
        }

        public static (FundingRate[] Rates, DataQualityReport Quality) ReadFunding(TextReader text, ReadOptions options, ErrorCollector errors)
        {
            var builder = new SeriesBuilder<FundingRate>();
            foreach (var (v, line, row) in ReadRows(text, errors))
            {
                if (v.Length < 2 || v[0] == null || v[1] == null)
                {
                    errors.Add(line, $"row {row}: expected [time_ms, rate, …]");
                    continue;
                }

                var rate = v[1]!.Value;
                if (Math.Abs(rate) > FundingCsvReader.MaxAbsRate)
                {
                    errors.Add(line, FormattableString.Invariant($"row {row}: rate {rate} is beyond ±{FundingCsvReader.MaxAbsRate} per event"));
                    continue;
                }

                var time = TimeParser.FromEpochMilliseconds((long)v[0]!.Value);
                builder.Add(new FundingRate(time, rate), time, line);
            }

            return builder.Finish(options, errors);
        }
    }
}
