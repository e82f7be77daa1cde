using System;
using System.Collections.Generic;
using System.Linq;

namespace PerpGuard.MarketData.Readers
{
    /// <summary>Where each bar field sits in a CSV row, and how the time column is read.</summary>
    internal sealed class BarColumnMap
    {
        public int Time { get; set; } = -1;

        /// <summary>A separate time-of-day column (date and time split in two), or -1.</summary>
        public int TimeOfDay { get; set; } = -1;

        public int Open { get; set; } = -1;
        public int High { get; set; } = -1;
        public int Low { get; set; } = -1;
        public int Close { get; set; } = -1;
        public int Volume { get; set; } = -1;

        /// <summary>Close-level bid/ask quote columns: spread = ask − bid is added to the OHLC for the ask bar.</summary>
        public int Bid { get; set; } = -1;
        public int Ask { get; set; } = -1;

        /// <summary>Spread in price units: ask OHLC = OHLC + spread.</summary>
        public int Spread { get; set; } = -1;

        public int AskOpen { get; set; } = -1;
        public int AskHigh { get; set; } = -1;
        public int AskLow { get; set; } = -1;
        public int AskClose { get; set; } = -1;

        /// <summary>Fewest fields a data row must have.</summary>
        public int MinFields { get; set; }

        /// <summary>
        /// Fields every data row must have (the header's or the layout's count), 0 = not fixed: a row with a field
        /// more or less has a shifted or lost column, so its numbers cannot be trusted.
        /// </summary>
        public int ExpectedFields { get; set; }

        /// <summary>Overrides the time parsing (e.g. LEAN: milliseconds since the file's date).</summary>
        public Func<string, DateTime?>? ParseTime { get; set; }

        public bool HasFullAsk => AskOpen >= 0 && AskHigh >= 0 && AskLow >= 0 && AskClose >= 0;

        public void ComputeMinFields()
        {
            MinFields = new[] { Time, TimeOfDay, Open, High, Low, Close, Volume, Bid, Ask, Spread, AskOpen, AskHigh, AskLow, AskClose }.Max() + 1;
        }

        /// <summary>
        /// Maps a header row by column names (case-insensitive; '_', ' ', '-' ignored). Returns null and a
        /// reason when a required column is missing.
        /// </summary>
        public static BarColumnMap? FromHeader(string[] header, out string? problem)
        {
            var names = header.Select(Normalize).ToArray();
            int Find(params string[] candidates)
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

            var map = new BarColumnMap
            {
                Time = Find("timestamp", "time", "opentime", "datetime", "date", "ts", "timeutc"),
                Open = Find("open", "o", "bidopen", "openbid"),
                High = Find("high", "h", "bidhigh", "highbid"),
                Low = Find("low", "l", "bidlow", "lowbid"),
                Close = Find("close", "c", "bidclose", "closebid"),
                Volume = Find("volume", "vol", "v", "tickvolume", "tickvol", "basevolume"),
                Bid = Find("bid"),
                Ask = Find("ask"),
                Spread = Find("spread"),
                AskOpen = Find("askopen", "openask"),
                AskHigh = Find("askhigh", "highask"),
                AskLow = Find("asklow", "lowask"),
                AskClose = Find("askclose", "closeask"),
            };

            // "date" + "time" in separate columns (MetaTrader / cTrader exports).
            var date = Array.IndexOf(names, "date");
            var time = Array.IndexOf(names, "time");
            if (date >= 0 && time >= 0)
            {
                map.Time = date;
                map.TimeOfDay = time;
            }

            var missing = new List<string>();
            if (map.Time < 0)
            {
                missing.Add("a time column (timestamp, time, date or open_time)");
            }

            if (map.Open < 0) missing.Add("open");
            if (map.High < 0) missing.Add("high");
            if (map.Low < 0) missing.Add("low");
            if (map.Close < 0) missing.Add("close");
            if ((map.Bid >= 0) != (map.Ask >= 0))
            {
                missing.Add(map.Bid >= 0 ? "ask (bid given)" : "bid (ask given)");
            }

            if (missing.Count > 0)
            {
                problem = "header lacks " + string.Join(", ", missing) + "; found: " + string.Join(",", header);
                return null;
            }

            problem = null;
            map.ComputeMinFields();
            return map;
        }

        internal static string Normalize(string name)
        {
            var chars = name.Trim().Trim('"').ToLowerInvariant().Where(c => c != '_' && c != ' ' && c != '-' && c != '<' && c != '>').ToArray();
            return new string(chars);
        }
    }
}
