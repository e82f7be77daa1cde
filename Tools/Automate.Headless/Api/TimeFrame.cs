#nullable disable
using System;
using System.Globalization;
using PerpGuard.Headless.Runtime;

namespace cAlgo.API
{
    /// <summary>A bar period. Time-based frames know their length; tick/renko/range frames are named only.</summary>
    public partial class TimeFrame : IEquatable<TimeFrame>
    {
        private TimeFrame(string name, TimeFrameKind kind, int count)
        {
            Name = name;
            Kind = kind;
            UnitCount = count;
        }

        public string Name { get; }

        /// <summary>cTrader's short labels: m1, m5, h1, D1, W1, M1, t10, Re1, Ra1...</summary>
        public string ShortName => Kind switch
        {
            TimeFrameKind.Minute => "m" + UnitCount.ToString(CultureInfo.InvariantCulture),
            TimeFrameKind.Hour => "h" + UnitCount.ToString(CultureInfo.InvariantCulture),
            TimeFrameKind.Day => "D" + UnitCount.ToString(CultureInfo.InvariantCulture),
            TimeFrameKind.Week => "W" + UnitCount.ToString(CultureInfo.InvariantCulture),
            TimeFrameKind.Month => "M" + UnitCount.ToString(CultureInfo.InvariantCulture),
            TimeFrameKind.Tick => "t" + UnitCount.ToString(CultureInfo.InvariantCulture),
            _ => Name,
        };

        internal TimeFrameKind Kind { get; }

        internal int UnitCount { get; }

        /// <summary>Length of a bar for minute/hour/day/week frames; null for month and non-time frames.</summary>
        internal TimeSpan? Duration => Kind switch
        {
            TimeFrameKind.Minute => TimeSpan.FromMinutes(UnitCount),
            TimeFrameKind.Hour => TimeSpan.FromHours(UnitCount),
            TimeFrameKind.Day => TimeSpan.FromDays(UnitCount),
            TimeFrameKind.Week => TimeSpan.FromDays(7 * UnitCount),
            _ => null,
        };

        public bool Equals(TimeFrame other) => other is not null && Name == other.Name;

        public override bool Equals(object obj) => Equals(obj as TimeFrame);

        public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);

        public override string ToString() => Name;

        public static TimeFrame Parse(string value)
        {
            if (TryParse(value, out var tf))
            {
                return tf;
            }

            throw new FormatException("Unknown time frame: " + value);
        }

        /// <summary>Accepts the field name (Minute5, Hour) or the short name (m5, h1).</summary>
        public static bool TryParse(string value, out TimeFrame timeFrame)
        {
            timeFrame = null;
            if (string.IsNullOrWhiteSpace(value))
            {
                return false;
            }

            foreach (var field in typeof(TimeFrame).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
            {
                if (field.GetValue(null) is TimeFrame tf
                    && (string.Equals(tf.Name, value, StringComparison.OrdinalIgnoreCase) || string.Equals(tf.ShortName, value, StringComparison.Ordinal)))
                {
                    timeFrame = tf;
                    return true;
                }
            }

            return false;
        }
    }
}
