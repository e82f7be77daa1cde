using System;
using System.Globalization;

namespace PerpGuard.MarketData.Readers
{
    /// <summary>
    /// Parses the timestamps found in market-data exports, always as UTC: ISO-8601 (with or without
    /// 'T', fraction and offset; an offset is converted to UTC, no offset means UTC), cTrader/MetaTrader
    /// style dotted dates, LEAN's compact <c>yyyyMMdd HH:mm:ss</c>, and epoch numbers (the magnitude
    /// tells seconds, milliseconds, microseconds or nanoseconds apart).
    /// </summary>
    public static class TimeParser
    {
        private static readonly string[] Formats =
        {
            "yyyy-MM-dd HH:mm:ss.FFFFFFF",
            "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
            "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
            "yyyy-MM-ddTHH:mm:ss.FFFFFFFK",
            "yyyy-MM-dd HH:mm",
            "yyyy-MM-ddTHH:mm",
            "yyyy-MM-ddTHH:mmK",
            "yyyy-MM-dd",
            "yyyy.MM.dd HH:mm:ss.FFFFFFF",
            "yyyy.MM.dd HH:mm",
            "yyyy.MM.dd",
            "dd.MM.yyyy HH:mm:ss.FFFFFFF",
            "dd.MM.yyyy HH:mm",
            "dd.MM.yyyy",
            "yyyy/MM/dd HH:mm:ss.FFFFFFF",
            "yyyy/MM/dd HH:mm",
            "yyyyMMdd HH:mm:ss",
            "yyyyMMdd HH:mm",
            "yyyyMMdd",
        };

        private static readonly DateTime Epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        /// <summary>Parses <paramref name="text"/> as a UTC instant; false when it is not a timestamp.</summary>
        public static bool TryParse(string text, out DateTime utc)
        {
            var s = text.Trim();
            utc = default;
            if (s.Length == 0)
            {
                return false;
            }

            if (IsNumber(s))
            {
                return TryParseEpoch(s, out utc);
            }

            const DateTimeStyles styles = DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal;
            if (DateTime.TryParseExact(s, Formats, CultureInfo.InvariantCulture, styles, out var parsed))
            {
                utc = DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
                return true;
            }

            // Last resort for other ISO-8601 spellings (e.g. "Z" suffix with fractions of any length).
            if (s.Length >= 10 && s[4] == '-' && DateTime.TryParse(s, CultureInfo.InvariantCulture, styles, out parsed))
            {
                utc = DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
                return true;
            }

            return false;
        }

        /// <summary>Epoch number: &lt; 1e11 seconds, &lt; 1e14 milliseconds, &lt; 1e17 microseconds, else nanoseconds.</summary>
        public static bool TryParseEpoch(string s, out DateTime utc)
        {
            utc = default;
            if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0)
            {
                return false;
            }

            double ticks;
            if (value < 1e11)
            {
                ticks = value * TimeSpan.TicksPerSecond;
            }
            else if (value < 1e14)
            {
                ticks = value * TimeSpan.TicksPerMillisecond;
            }
            else if (value < 1e17)
            {
                ticks = value * 10.0;
            }
            else
            {
                ticks = value / 100.0;
            }

            if (ticks > (DateTime.MaxValue - Epoch).Ticks)
            {
                return false;
            }

            utc = Epoch.AddTicks((long)Math.Round(ticks));
            return true;
        }

        /// <summary>Epoch milliseconds → UTC.</summary>
        public static DateTime FromEpochMilliseconds(long ms) => Epoch.AddTicks(ms * TimeSpan.TicksPerMillisecond);

        /// <summary>UTC → epoch milliseconds.</summary>
        public static long ToEpochMilliseconds(DateTime utc) => (utc.Ticks - Epoch.Ticks) / TimeSpan.TicksPerMillisecond;

        /// <summary>ISO-8601 UTC text with millisecond precision, e.g. 2022-01-01T00:00:00.000Z.</summary>
        public static string ToIso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

        internal static bool IsNumber(string s)
        {
            // Digits with at most one decimal point and an optional exponent: "2024.01.02" is a date, not a number.
            var digits = 0;
            var dots = 0;
            for (var i = 0; i < s.Length; i++)
            {
                var c = s[i];
                if (c >= '0' && c <= '9')
                {
                    digits++;
                }
                else if (c == '.')
                {
                    if (++dots > 1)
                    {
                        return false;
                    }
                }
                else if ((c == 'e' || c == 'E') && digits > 0 && i + 1 < s.Length)
                {
                    return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
                }
                else
                {
                    return false;
                }
            }

            return digits > 0;
        }
    }
}
