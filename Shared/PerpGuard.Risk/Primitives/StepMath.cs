using System;

namespace PerpGuard.Risk.Primitives
{
    /// <summary>
    /// Rounding onto a grid (tick size, volume step) that survives binary floating point:
    /// 0.83 / 0.01 is 82.99999999999999 in doubles, which a plain floor would turn into 0.82.
    /// Values within a billionth of a step of a grid point count as on it.
    /// </summary>
    public static class StepMath
    {
        private const double OnGridTolerance = 1e-9;

        /// <summary>Largest grid multiple not above <paramref name="value"/>.</summary>
        public static double Floor(double value, double step)
        {
            if (!(step > 0))
            {
                return value;
            }

            var q = value / step;
            var n = Math.Floor(q + OnGridTolerance);
            return Clean(n * step, step);
        }

        /// <summary>Smallest grid multiple not below <paramref name="value"/>.</summary>
        public static double Ceiling(double value, double step)
        {
            if (!(step > 0))
            {
                return value;
            }

            var q = value / step;
            var n = Math.Ceiling(q - OnGridTolerance);
            return Clean(n * step, step);
        }

        /// <summary>Nearest grid multiple (midpoints away from zero).</summary>
        public static double Nearest(double value, double step)
        {
            if (!(step > 0))
            {
                return value;
            }

            var n = Math.Round(value / step, MidpointRounding.AwayFromZero);
            return Clean(n * step, step);
        }

        /// <summary>How many decimals the step has (0.01 → 2, 0.5 → 1, 25 → 0), at most 12.</summary>
        public static int DecimalsOf(double step)
        {
            if (!(step > 0))
            {
                return 12;
            }

            for (var d = 0; d <= 12; d++)
            {
                var scaled = step * Pow10(d);
                if (Math.Abs(scaled - Math.Round(scaled)) < 1e-9 * Math.Max(1.0, scaled))
                {
                    return d;
                }
            }

            return 12;
        }

        // n * step leaves representation noise (0.27000000000000002); round to the step's decimals.
        private static double Clean(double value, double step) => Math.Round(value, DecimalsOf(step), MidpointRounding.AwayFromZero);

        private static double Pow10(int d)
        {
            var p = 1.0;
            for (var i = 0; i < d; i++)
            {
                p *= 10.0;
            }

            return p;
        }
    }
}
