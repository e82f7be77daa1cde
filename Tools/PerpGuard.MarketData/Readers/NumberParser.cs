using System.Globalization;

namespace PerpGuard.MarketData.Readers
{
    /// <summary>Invariant-culture number parsing: a decimal point, never a decimal comma.</summary>
    internal static class NumberParser
    {
        public static bool TryParse(string text, out double value)
        {
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
                && !double.IsNaN(value) && !double.IsInfinity(value);
        }
    }
}
