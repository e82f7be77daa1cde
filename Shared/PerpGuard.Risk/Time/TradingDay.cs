using System;
using System.Globalization;
using Newtonsoft.Json;

namespace PerpGuard.Risk.Time
{
    /// <summary>
    /// One trading day, named by the local calendar date (in the schedule's zone) on which it
    /// started. A day that resets at 17:00 New York and starts on Monday 17:00 is "Monday".
    /// </summary>
    [JsonConverter(typeof(TradingDayJsonConverter))]
    public readonly struct TradingDay : IEquatable<TradingDay>, IComparable<TradingDay>
    {
        private const string Format = "yyyy-MM-dd";

        public TradingDay(DateOnly date)
        {
            Date = date;
        }

        public DateOnly Date { get; }

        public TradingDay Next => new TradingDay(Date.AddDays(1));

        public TradingDay Previous => new TradingDay(Date.AddDays(-1));

        public static TradingDay Parse(string text) =>
            new TradingDay(DateOnly.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None));

        public static bool TryParse(string? text, out TradingDay day)
        {
            if (text is not null && DateOnly.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                day = new TradingDay(date);
                return true;
            }

            day = default;
            return false;
        }

        public static bool operator ==(TradingDay a, TradingDay b) => a.Equals(b);

        public static bool operator !=(TradingDay a, TradingDay b) => !a.Equals(b);

        public static bool operator <(TradingDay a, TradingDay b) => a.Date < b.Date;

        public static bool operator >(TradingDay a, TradingDay b) => a.Date > b.Date;

        public static bool operator <=(TradingDay a, TradingDay b) => a.Date <= b.Date;

        public static bool operator >=(TradingDay a, TradingDay b) => a.Date >= b.Date;

        public int CompareTo(TradingDay other) => Date.CompareTo(other.Date);

        public bool Equals(TradingDay other) => Date == other.Date;

        public override bool Equals(object? obj) => obj is TradingDay other && Equals(other);

        public override int GetHashCode() => Date.GetHashCode();

        /// <summary>ISO date, e.g. 2026-11-25 (the form stored in state and journal keys).</summary>
        public override string ToString() => Date.ToString(Format, CultureInfo.InvariantCulture);
    }
}
