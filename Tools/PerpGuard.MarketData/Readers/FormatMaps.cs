using System;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;

namespace PerpGuard.MarketData.Readers
{
    /// <summary>Column maps of the fixed-layout formats.</summary>
    internal static class FormatMaps
    {
        private static readonly Regex LeanDate = new Regex(@"^(\d{8})_", RegexOptions.CultureInvariant);

        /// <summary>Binance kline: open_time, open, high, low, close, volume, close_time, quote_volume, count, taker_buy_volume, taker_buy_quote_volume, ignore.</summary>
        public static BarColumnMap Binance()
        {
            var map = new BarColumnMap { Time = 0, Open = 1, High = 2, Low = 3, Close = 4, Volume = 5 };
            map.ComputeMinFields();
            return map;
        }

        /// <summary>cTrader/MetaTrader style: date[ time], open, high, low, close[, volume]; or date, time, open, … when split.</summary>
        public static BarColumnMap CTrader(string[] firstRow)
        {
            var split = firstRow.Length >= 6 && IsTimeOfDay(firstRow[1]);
            var o = split ? 2 : 1;
            var map = new BarColumnMap
            {
                Time = 0,
                TimeOfDay = split ? 1 : -1,
                Open = o,
                High = o + 1,
                Low = o + 2,
                Close = o + 3,
                Volume = firstRow.Length > o + 4 ? o + 4 : -1,
            };
            map.ComputeMinFields();
            return map;
        }

        /// <summary>LEAN quote bars: ms, bid OHLC, bid size, ask OHLC, ask size (sizes ignored; volume 0).</summary>
        public static BarColumnMap LeanQuote(DateTime dateUtc)
        {
            var map = new BarColumnMap
            {
                Time = 0, Open = 1, High = 2, Low = 3, Close = 4,
                AskOpen = 6, AskHigh = 7, AskLow = 8, AskClose = 9,
                ParseTime = s => MillisSince(dateUtc, s),
            };
            map.ComputeMinFields();
            return map;
        }

        /// <summary>LEAN trade bars: ms, OHLC, volume.</summary>
        public static BarColumnMap LeanTrade(DateTime dateUtc)
        {
            var map = new BarColumnMap { Time = 0, Open = 1, High = 2, Low = 3, Close = 4, Volume = 5, ParseTime = s => MillisSince(dateUtc, s) };
            map.ComputeMinFields();
            return map;
        }

        /// <summary>The date a LEAN minute file counts from: the option, else the yyyyMMdd prefix of its name.</summary>
        public static DateTime LeanDateOf(string fileName, ReadOptions options)
        {
            if (options.LeanDateUtc.HasValue)
            {
                return DateTime.SpecifyKind(options.LeanDateUtc.Value.Date, DateTimeKind.Utc);
            }

            var m = LeanDate.Match(Path.GetFileName(fileName));
            if (!m.Success || !DateTime.TryParseExact(m.Groups[1].Value, "yyyyMMdd", CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
            {
                throw new DataFormatException(Path.GetFileName(fileName), 0,
                    "LEAN minute file name must start with its date (yyyyMMdd_…), the base of its millisecond offsets");
            }

            return DateTime.SpecifyKind(date, DateTimeKind.Utc);
        }

        public static bool HasLeanDate(string fileName) => LeanDate.IsMatch(Path.GetFileName(fileName));

        internal static bool IsTimeOfDay(string s)
        {
            return TimeSpan.TryParseExact(s.Trim(), new[] { @"hh\:mm", @"hh\:mm\:ss", @"hh\:mm\:ss\.FFFFFFF" }, CultureInfo.InvariantCulture, out _);
        }

        private static DateTime? MillisSince(DateTime dateUtc, string s)
        {
            if (!long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms >= 86_400_000L)
            {
                return null;
            }

            return dateUtc.AddTicks(ms * TimeSpan.TicksPerMillisecond);
        }
    }
}
