using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PerpGuard.MarketData.Readers;

namespace PerpGuard.MarketData
{
    /// <summary>
    /// Entry point for reading market data: detects the format of a file, then reads bars, ticks or
    /// funding rates in UTC with a source label and a data-quality report. Malformed lines throw a
    /// <see cref="DataFormatException"/> naming file and line; duplicate or out-of-order timestamps
    /// too, unless <see cref="ReadOptions.Timestamps"/> allows sorting.
    /// </summary>
    public static class MarketDataReader
    {
        public const string SupportedFormats =
            "generic OHLCV CSV with a header (timestamp/time/date/open_time, open, high, low, close[, volume][, bid, ask | spread]), "
            + "Binance USDⓈ-M kline CSV (12 columns), cTrader-style bar CSV (yyyy.MM.dd HH:mm,o,h,l,c[,v]), tick CSV (time,bid,ask), "
            + "Tardis book_snapshot CSV, LEAN minute quote/trade bars (yyyyMMdd_*_quote*.csv / *_trade*.csv), "
            + "funding CSV (LEAN 'yyyyMMdd HH:mm:ss,rate' or time,rate), freqtrade JSON candles/funding";

        public static DataKind KindOf(DataFormat format)
        {
            switch (format)
            {
                case DataFormat.TickCsv:
                case DataFormat.TardisBookSnapshot:
                    return DataKind.Ticks;
                case DataFormat.LeanFunding:
                case DataFormat.FundingCsv:
                case DataFormat.FreqtradeFunding:
                    return DataKind.Funding;
                default:
                    return DataKind.Bars;
            }
        }

        /// <summary>Detects the format of a file from its name and first lines; throws when unknown.</summary>
        public static DataFormat DetectFormat(string path)
        {
            if (!File.Exists(path))
            {
                throw new DataFormatException(Path.GetFileName(path), 0, $"file not found: {path}");
            }

            using var reader = CsvRows.Open(path);
            return DetectFormat(Path.GetFileName(path), reader);
        }

        /// <summary>Detects the format of text content; <paramref name="fileName"/> matters for LEAN and JSON files.</summary>
        public static DataFormat DetectFormat(string fileName, TextReader content)
        {
            var name = Path.GetFileName(fileName);
            string? firstLine = null;
            string? line;
            while ((line = content.ReadLine()) != null)
            {
                if (line.Trim().Length > 0)
                {
                    firstLine = line.Trim().TrimStart('\uFEFF');
                    break;
                }
            }

            if (firstLine == null)
            {
                throw new DataFormatException(name, 0, "file is empty");
            }

            var detected = Detect(name, firstLine);
            if (detected == null)
            {
                throw new DataFormatException(name, 1,
                    $"unknown data format (first line '{CsvRows.Shorten(firstLine)}'). Supported: {SupportedFormats}");
            }

            return detected.Value;
        }

        private static DataFormat? Detect(string name, string firstLine)
        {
            var lower = name.ToLowerInvariant();
            if (firstLine.StartsWith("[", StringComparison.Ordinal) || lower.EndsWith(".json", StringComparison.Ordinal))
            {
                return lower.Contains("funding") ? DataFormat.FreqtradeFunding : DataFormat.FreqtradeJson;
            }

            var delimiter = CsvRows.GuessDelimiter(firstLine);
            var fields = firstLine.Split(delimiter).Select(f => f.Trim().Trim('"')).ToArray();
            if (CsvRows.IsHeader(fields))
            {
                var names = fields.Select(BarColumnMap.Normalize).ToArray();
                bool Has(string n) => names.Contains(n);
                if (Has("asks[0].price") && Has("bids[0].price"))
                {
                    return DataFormat.TardisBookSnapshot;
                }

                if (Has("opentime") && (Has("closetime") || Has("quotevolume") || names.Length == 12))
                {
                    return DataFormat.BinanceKlines;
                }

                if (Has("open") || Has("bidopen") || Has("openbid"))
                {
                    return DataFormat.GenericCsv;
                }

                if ((Has("bid") || Has("bidprice")) && (Has("ask") || Has("askprice")))
                {
                    return DataFormat.TickCsv;
                }

                if (Has("rate") || Has("fundingrate") || Has("funding"))
                {
                    return DataFormat.FundingCsv;
                }

                return null;
            }

            if (FormatMaps.HasLeanDate(name) && long.TryParse(fields[0], out var ms) && ms >= 0 && ms < 86_400_000L)
            {
                if (fields.Length == 11 && !lower.Contains("trade"))
                {
                    return DataFormat.LeanQuoteMinute;
                }

                if (fields.Length == 6 && !lower.Contains("quote"))
                {
                    return DataFormat.LeanTradeMinute;
                }
            }

            if (fields.Length == 12 && TimeParser.IsNumber(fields[0]))
            {
                return DataFormat.BinanceKlines;
            }

            if (!TimeParser.TryParse(fields[0], out _))
            {
                return null;
            }

            if (fields.Length == 2)
            {
                return fields[0].Length == 17 && fields[0][8] == ' ' ? DataFormat.LeanFunding : DataFormat.FundingCsv;
            }

            if (fields.Length == 3)
            {
                return DataFormat.TickCsv;
            }

            if (fields.Length >= 5 && fields.Length <= 7 && !TimeParser.IsNumber(fields[0]))
            {
                return DataFormat.CTraderBars;
            }

            return null;
        }

        /// <summary>
        /// Reads bars from any bar format; tick formats are aggregated into one-minute bid/ask bars.
        /// Funding formats are refused (they carry no prices).
        /// </summary>
        public static BarSeries ReadBars(string path, ReadOptions? options = null)
        {
            options ??= ReadOptions.Default;
            var format = options.Format ?? DetectFormat(path);
            var name = Path.GetFileName(path);
            using var reader = CsvRows.Open(path);
            return ReadBars(name, reader, format, options);
        }

        /// <summary>Reads bars from text content in a known format (the name labels errors and dates LEAN files).</summary>
        public static BarSeries ReadBars(string fileName, TextReader content, DataFormat format, ReadOptions? options = null)
        {
            options ??= ReadOptions.Default;
            var name = Path.GetFileName(fileName);
            var errors = new ErrorCollector(name);
            MarketBar[] bars;
            DataQualityReport quality;
            switch (format)
            {
                case DataFormat.FreqtradeJson:
                    (bars, quality) = FreqtradeJsonReader.ReadBars(content, options, errors);
                    break;
                case DataFormat.TickCsv:
                case DataFormat.TardisBookSnapshot:
                    var ticks = ReadTicks(fileName, content, format, options);
                    bars = TickAggregator.ToBars(ticks.Ticks, TimeSpan.FromMinutes(1));
                    quality = AnalyzeBars(bars);
                    return new BarSeries($"file: {name} ({format}, {ticks.Ticks.Length} ticks → m1 bid/ask bars)", format, bars, quality);
                case DataFormat.LeanFunding:
                case DataFormat.FundingCsv:
                case DataFormat.FreqtradeFunding:
                    throw new DataFormatException(name, 0, $"{format} is a funding-rate file, not price data");
                default:
                    (bars, quality) = ReadCsvBars(name, content, format, options, errors);
                    break;
            }

            return new BarSeries($"file: {name} ({format})", format, bars, quality);
        }

        public static TickSeries ReadTicks(string path, ReadOptions? options = null)
        {
            options ??= ReadOptions.Default;
            var format = options.Format ?? DetectFormat(path);
            using var reader = CsvRows.Open(path);
            return ReadTicks(path, reader, format, options);
        }

        public static TickSeries ReadTicks(string fileName, TextReader content, DataFormat format, ReadOptions? options = null)
        {
            options ??= ReadOptions.Default;
            var name = Path.GetFileName(fileName);
            if (KindOf(format) != DataKind.Ticks)
            {
                throw new DataFormatException(name, 0, $"{format} does not hold ticks");
            }

            var errors = new ErrorCollector(name);
            var delimiter = format == DataFormat.TickCsv ? ',' : ',';
            var (ticks, quality) = TickCsvReader.Read(CsvRows.Read(content, errors, delimiter), format, options, errors);
            return new TickSeries($"file: {name} ({format})", format, ticks, quality);
        }

        public static FundingSeries ReadFunding(string path, ReadOptions? options = null)
        {
            options ??= ReadOptions.Default;
            var format = options.Format ?? DetectFormat(path);
            using var reader = CsvRows.Open(path);
            return ReadFunding(path, reader, format, options);
        }

        public static FundingSeries ReadFunding(string fileName, TextReader content, DataFormat format, ReadOptions? options = null)
        {
            options ??= ReadOptions.Default;
            var name = Path.GetFileName(fileName);
            var errors = new ErrorCollector(name);
            FundingRate[] rates;
            DataQualityReport quality;
            switch (format)
            {
                case DataFormat.FreqtradeFunding:
                    (rates, quality) = FreqtradeJsonReader.ReadFunding(content, options, errors);
                    break;
                case DataFormat.LeanFunding:
                case DataFormat.FundingCsv:
                    (rates, quality) = FundingCsvReader.Read(CsvRows.Read(content, errors), options, errors);
                    break;
                default:
                    throw new DataFormatException(name, 0, $"{format} is not a funding-rate format");
            }

            return new FundingSeries($"file: {name} ({format})", format, rates, quality);
        }

        /// <summary>Data-quality report of bars already in memory (e.g. generated or aggregated).</summary>
        public static DataQualityReport AnalyzeBars(IReadOnlyList<MarketBar> bars)
        {
            var times = bars.Select(b => b.OpenTimeUtc).ToList();
            var lines = Enumerable.Range(1, bars.Count).Select(i => (long)i).ToList();
            return TimeAxisAnalyzer.Analyze(times, lines);
        }

        private static (MarketBar[], DataQualityReport) ReadCsvBars(string name, TextReader content, DataFormat format, ReadOptions options, ErrorCollector errors)
        {
            // Peek the first line to pick the delimiter and, for headered files, the column map.
            var firstLine = content.ReadLine();
            var skipped = 0;
            while (firstLine != null && firstLine.Trim().Length == 0)
            {
                skipped++;
                firstLine = content.ReadLine();
            }

            if (firstLine == null)
            {
                throw new DataFormatException(name, 0, "file is empty");
            }

            firstLine = firstLine.TrimStart('\uFEFF');
            var delimiter = CsvRows.GuessDelimiter(firstLine);
            var combined = new ConcatReader(firstLine, content);
            var rows = CsvRows.Read(combined, errors, delimiter).Select(r => new CsvRow(r.Fields, r.Line + skipped));
            var firstFields = firstLine.Split(delimiter).Select(f => f.Trim().Trim('"')).ToArray();
            var hasHeader = CsvRows.IsHeader(firstFields);

            BarColumnMap map;
            switch (format)
            {
                case DataFormat.GenericCsv:
                    if (!hasHeader)
                    {
                        throw new DataFormatException(name, 1, "generic OHLCV CSV needs a header row (timestamp,open,high,low,close[,volume])");
                    }

                    map = BarColumnMap.FromHeader(firstFields, out var problem)
                        ?? throw new DataFormatException(name, 1, problem ?? "bad header");
                    break;
                case DataFormat.BinanceKlines:
                    map = FormatMaps.Binance();
                    break;
                case DataFormat.CTraderBars:
                    if (hasHeader)
                    {
                        map = BarColumnMap.FromHeader(firstFields, out var p2) ?? throw new DataFormatException(name, 1, p2 ?? "bad header");
                    }
                    else
                    {
                        map = FormatMaps.CTrader(firstFields);
                    }

                    break;
                case DataFormat.LeanQuoteMinute:
                    map = FormatMaps.LeanQuote(FormatMaps.LeanDateOf(name, options));
                    break;
                case DataFormat.LeanTradeMinute:
                    map = FormatMaps.LeanTrade(FormatMaps.LeanDateOf(name, options));
                    break;
                default:
                    throw new DataFormatException(name, 0, $"{format} is not a bar format");
            }

            // Every row must have the layout's field count: LEAN's is fixed (quote 11, trade 6), so a short first
            // row is itself reported rather than setting the count; the others have their header's or first row's.
            map.ExpectedFields = format == DataFormat.LeanQuoteMinute ? 11
                : format == DataFormat.LeanTradeMinute ? 6
                : firstFields.Length;
            return CsvBarReader.Read(rows, map, hasHeader, options, errors);
        }

        /// <summary>Puts a peeked first line back in front of the rest of the stream.</summary>
        private sealed class ConcatReader : TextReader
        {
            private readonly TextReader _rest;
            private string? _first;
            private int _pos;

            public ConcatReader(string firstLine, TextReader rest)
            {
                _first = firstLine + "\n";
                _rest = rest;
            }

            public override int Peek()
            {
                if (_first != null)
                {
                    return _first[_pos];
                }

                return _rest.Peek();
            }

            public override int Read()
            {
                if (_first != null)
                {
                    var c = _first[_pos++];
                    if (_pos >= _first.Length)
                    {
                        _first = null;
                    }

                    return c;
                }

                return _rest.Read();
            }

            public override int Read(char[] buffer, int index, int count)
            {
                if (_first != null)
                {
                    var n = Math.Min(count, _first.Length - _pos);
                    _first.CopyTo(_pos, buffer, index, n);
                    _pos += n;
                    if (_pos >= _first.Length)
                    {
                        _first = null;
                    }

                    return n;
                }

                return _rest.Read(buffer, index, count);
            }
        }
    }
}
