using System;
using System.Runtime.CompilerServices;

namespace PerpGuard.Headless.Simulation
{
    /// <summary>
    /// A symbol's price grid: prices are whole multiples of <see cref="TickSize"/>, written with
    /// <see cref="Digits"/> decimals (cTrader quotes, fills and SL/TP levels all sit on it; the Open API carries
    /// prices as integers). Arithmetic is done in whole units of 10^-Digits and divided once by 10^Digits, so a
    /// result is the double nearest to the decimal price (42095.16 + 8.41 gives 42103.57, not 42103.57000000001).
    /// The default value is "no grid": every method returns its input unchanged.
    /// </summary>
    public readonly struct SimPriceGrid
    {
        // A price this close (in ticks) to a grid line counts as on it: absorbs the float error of price × scale.
        private const double Tolerance = 1e-6;

        public SimPriceGrid(double tickSize, int digits)
        {
            if (digits < 0 || digits > 15) throw new ArgumentOutOfRangeException(nameof(digits), "digits must be 0..15");
            if (!IsValid(tickSize, digits))
            {
                throw new ArgumentException("the tick size must be a whole multiple of 10^-digits", nameof(tickSize));
            }

            TickSize = tickSize;
            Digits = digits;
            Scale = Pow10(digits);
            TickUnits = Math.Round(tickSize * Scale);
        }

        public double TickSize { get; }
        public int Digits { get; }
        /// <summary>10^Digits (0 for the "no grid" default).</summary>
        public double Scale { get; }
        /// <summary>Tick size in units of 10^-Digits (1 when the tick is one digit).</summary>
        public double TickUnits { get; }
        public bool IsNone => Scale == 0;

        /// <summary>True when <paramref name="tickSize"/> is a whole multiple of 10^-<paramref name="digits"/> (a grid can be built).</summary>
        public static bool IsValid(double tickSize, int digits)
        {
            if (digits < 0 || digits > 15 || !(tickSize > 0) || double.IsInfinity(tickSize)) return false;
            double scaled = tickSize * Pow10(digits);
            double units = Math.Round(scaled);
            return units >= 1 && Math.Abs(scaled - units) <= Tolerance * units;
        }

        /// <summary>The nearest grid price (a tie goes away from zero).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double Snap(double price)
        {
            if (Scale == 0 || double.IsNaN(price)) return price;
            double ticks = Math.Round(price * Scale / TickUnits, MidpointRounding.AwayFromZero);
            return ticks * TickUnits / Scale;
        }

        /// <summary>The highest grid price at or below <paramref name="price"/> (a price within float error of a line is on it).</summary>
        public double SnapDown(double price)
        {
            if (Scale == 0 || double.IsNaN(price)) return price;
            return Math.Floor(price * Scale / TickUnits + Tolerance) * TickUnits / Scale;
        }

        /// <summary>The lowest grid price at or above <paramref name="price"/>.</summary>
        public double SnapUp(double price)
        {
            if (Scale == 0 || double.IsNaN(price)) return price;
            return Math.Ceiling(price * Scale / TickUnits - Tolerance) * TickUnits / Scale;
        }

        /// <summary>A price distance rounded to whole ticks (a tie goes away from zero), as a price distance.</summary>
        public double SnapDistance(double distance) => Scale == 0 ? distance : WholeTicks(distance) * TickSize;

        /// <summary>A price distance in whole ticks (nearest; a tie goes away from zero).</summary>
        public long WholeTicks(double distance) => (long)Math.Round(distance / TickSize, MidpointRounding.AwayFromZero);

        /// <summary>A whole number of ticks as units of 10^-Digits (a fixed spread added to a bid on the grid in <see cref="TickPath"/>).</summary>
        public double TicksToUnits(long ticks) => ticks * TickUnits;

        /// <summary>True when <paramref name="price"/> is already the grid price <see cref="Snap"/> gives.</summary>
        public bool IsOnGrid(double price) => Scale == 0 || Snap(price) == price;

        private static double Pow10(int digits)
        {
            double p = 1;
            for (int i = 0; i < digits; i++) p *= 10;
            return p;
        }
    }
}
