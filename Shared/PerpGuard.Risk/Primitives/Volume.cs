using System;
using System.Globalization;

namespace PerpGuard.Risk.Primitives
{
    /// <summary>
    /// A position size in units of the base asset (cTrader's "volume in units", e.g. 0.27 BTC).
    /// Never negative: direction is a separate <see cref="TradeSide"/>.
    /// </summary>
    public readonly struct Volume : IEquatable<Volume>, IComparable<Volume>
    {
        public Volume(double units)
        {
            if (double.IsNaN(units) || double.IsInfinity(units) || units < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(units), units, "A volume must be finite and not negative.");
            }

            Units = units;
        }

        public double Units { get; }

        public static Volume Zero => default;

        public bool IsZero => Units == 0;

        public static bool operator <(Volume a, Volume b) => a.Units < b.Units;

        public static bool operator >(Volume a, Volume b) => a.Units > b.Units;

        public static bool operator <=(Volume a, Volume b) => a.Units <= b.Units;

        public static bool operator >=(Volume a, Volume b) => a.Units >= b.Units;

        public static bool operator ==(Volume a, Volume b) => a.Equals(b);

        public static bool operator !=(Volume a, Volume b) => !a.Equals(b);

        public static Volume Min(Volume a, Volume b) => a <= b ? a : b;

        public int CompareTo(Volume other) => Units.CompareTo(other.Units);

        public bool Equals(Volume other) => Units.Equals(other.Units);

        public override bool Equals(object? obj) => obj is Volume other && Equals(other);

        public override int GetHashCode() => Units.GetHashCode();

        public override string ToString() => Units.ToString("0.########", CultureInfo.InvariantCulture);
    }

    /// <summary>The direction of a position. Long profits when price rises.</summary>
    public enum TradeSide
    {
        Long = 0,
        Short = 1,
    }
}
