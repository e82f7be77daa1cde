using System;
using System.Globalization;

namespace PerpGuard.Risk.Primitives
{
    /// <summary>A quote-currency price per unit of the base asset. Never negative.</summary>
    public readonly struct Price : IEquatable<Price>, IComparable<Price>
    {
        public Price(double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value) || value < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "A price must be finite and not negative.");
            }

            Value = value;
        }

        public double Value { get; }

        /// <summary>The absolute distance between two prices, in quote currency per unit.</summary>
        public double DistanceTo(Price other) => Math.Abs(Value - other.Value);

        public static bool operator <(Price a, Price b) => a.Value < b.Value;

        public static bool operator >(Price a, Price b) => a.Value > b.Value;

        public static bool operator <=(Price a, Price b) => a.Value <= b.Value;

        public static bool operator >=(Price a, Price b) => a.Value >= b.Value;

        public static bool operator ==(Price a, Price b) => a.Equals(b);

        public static bool operator !=(Price a, Price b) => !a.Equals(b);

        public int CompareTo(Price other) => Value.CompareTo(other.Value);

        public bool Equals(Price other) => Value.Equals(other.Value);

        public override bool Equals(object? obj) => obj is Price other && Equals(other);

        public override int GetHashCode() => Value.GetHashCode();

        public override string ToString() => Value.ToString("0.########", CultureInfo.InvariantCulture);
    }
}
