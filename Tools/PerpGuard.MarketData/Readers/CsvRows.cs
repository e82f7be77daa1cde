using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using CsvHelper;
using CsvHelper.Configuration;

namespace PerpGuard.MarketData.Readers
{
    /// <summary>One CSV record with its 1-based physical line number.</summary>
    internal readonly struct CsvRow
    {
        public CsvRow(string[] fields, long line)
        {
            Fields = fields;
            Line = line;
        }

        public string[] Fields { get; }
        public long Line { get; }
    }

    /// <summary>
    /// Tokenises CSV with CsvHelper's parser (quoting, CRLF, BOM, blank lines) and keeps physical line
    /// numbers so every later error can name its line. Badly quoted fields become errors.
    /// </summary>
    internal static class CsvRows
    {
        public static IEnumerable<CsvRow> Read(TextReader text, ErrorCollector errors, char delimiter = ',')
        {
            var config = new CsvConfiguration(CultureInfo.InvariantCulture)
            {
                Delimiter = delimiter.ToString(),
                HasHeaderRecord = false,
                IgnoreBlankLines = true,
                TrimOptions = TrimOptions.Trim,
                BadDataFound = args => errors.Add(args.Context.Parser?.RawRow ?? 0, "malformed quoting: " + Shorten(args.RawRecord)),
                MissingFieldFound = null,
                DetectColumnCountChanges = false,
            };

            using var parser = new CsvParser(text, config);
            while (parser.Read())
            {
                var record = parser.Record;
                if (record is null)
                {
                    continue;
                }

                yield return new CsvRow(record, parser.RawRow);
            }
        }

        /// <summary>Guesses the delimiter from the first non-empty line: comma, semicolon or tab.</summary>
        public static char GuessDelimiter(string firstLine)
        {
            if (firstLine.IndexOf(',') >= 0)
            {
                return ',';
            }

            if (firstLine.IndexOf(';') >= 0)
            {
                return ';';
            }

            return firstLine.IndexOf('\t') >= 0 ? '\t' : ',';
        }

        internal static string Shorten(string? text)
        {
            var s = (text ?? string.Empty).Trim();
            return s.Length <= 60 ? s : s.Substring(0, 57) + "...";
        }

        internal static string Describe(CsvRow row) => Shorten(string.Join(",", row.Fields));

        internal static StreamReader Open(string path) => new StreamReader(path, detectEncodingFromByteOrderMarks: true);

        internal static bool IsHeader(string[] fields)
        {
            foreach (var f in fields)
            {
                var t = f.Trim();
                if (t.Length > 0 && char.IsLetter(t[0]) && !TimeParser.TryParse(t, out _))
                {
                    return true;
                }
            }

            return false;
        }

        internal static DateTime Utc(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc);
    }
}
