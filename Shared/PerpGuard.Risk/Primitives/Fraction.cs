using System;
using System.Globalization;

namespace PerpGuard.Risk.Primitives
{
    /// <summary>
    /// A dimensionless fraction (0.01 = 1 %). Built only through <see cref="FromPercent"/> or
    /// <see cref="FromFraction"/>, so a percent can never pass for a fraction unnoticed.
    /// </summary>
    public readonly struct Fraction : IEquatable<Fraction>, IComparable<Fraction>
    {
        private Fraction(double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "A fraction must be finite.");
            }

            Value = value;
        }

        /// <summary>The fraction itself: 0.01 for 1 %.</summary>
        public double Value { get; }

        public double Percent => Value * 100.0;

        public static Fraction Zero => default;

        public static Fraction FromPercent(double percent) => new Fraction(percent / 100.0);

        public static Fraction FromFraction(double fraction) => new Fraction(fraction);

        public static bool operator <(Fraction a, Fraction b) => a.Value < b.Value;

        public static bool operator >(Fraction a, Fraction b) => a.Value > b.Value;

        public static bool operator <=(Fraction a, Fraction b) => a.Value <= b.Value;

        public static bool operator >=(Fraction a, Fraction b) => a.Value >= b.Value;

        public static bool operator ==(Fraction a, Fraction b) => a.Equals(b);

        public static bool operator !=(Fraction a, Fraction b) => !a.Equals(b);

        public int CompareTo(Fraction other) => Value.CompareTo(other.Value);

        public bool Equals(Fraction other) => Value.Equals(other.Value);

        public override bool Equals(object? obj) => obj is Fraction other && Equals(other);

        public override int GetHashCode() => Value.GetHashCode();

        public override string ToString() => Percent.ToString("0.####", CultureInfo.InvariantCulture) + " %";
    }
}
