using System;
using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Cli.Calculators
{
    /// <summary>Rounding and formatting of numbers a trader sees; invariant culture everywhere.</summary>
    public static class CliFormat
    {
        private static readonly JsonSerializerSettings JsonSettings = new JsonSerializerSettings
        {
            ContractResolver = new CamelCasePropertyNamesContractResolver(),
            NullValueHandling = NullValueHandling.Include,
            Formatting = Formatting.None,
            Culture = CultureInfo.InvariantCulture,
        };

        /// <summary>
        /// Rounds half away from zero through decimal, so 59.985 (stored as 59.98499999…) shows as 59.99
        /// like a trader computing by hand would expect.
        /// </summary>
        public static double Round(double value, int decimals)
        {
            if (double.IsNaN(value) || double.IsInfinity(value) || Math.Abs(value) > 1e15)
            {
                return value;
            }

            return (double)Math.Round((decimal)value, decimals, MidpointRounding.AwayFromZero);
        }

        /// <summary>
        /// Rounds a liquidation or stop-out price toward the market (a long's up, a short's down), as stops round:
        /// the shown price is never beyond the true one, so a stop placed at it fires first.
        /// A live long at 44,444.444… shows 44,444.45, not 44,444.44. Noise below 1e-4 of the last digit is
        /// dropped first, so a computed 46,000.0000000001 stays 46,000.00.
        /// </summary>
        public static double RoundTowardMarket(double price, TradeSide side, int decimals)
        {
            if (double.IsNaN(price) || double.IsInfinity(price) || Math.Abs(price) > 1e15)
            {
                return price;
            }

            var clean = Math.Round((decimal)price, Math.Min(decimals + 4, 28), MidpointRounding.AwayFromZero);
            var scale = Pow10(decimals);
            var scaled = clean * scale;
            var rounded = side == TradeSide.Long ? decimal.Ceiling(scaled) : decimal.Floor(scaled);
            return (double)(rounded / scale);
        }

        private static decimal Pow10(int decimals)
        {
            var p = 1m;
            for (var i = 0; i < decimals; i++)
            {
                p *= 10m;
            }

            return p;
        }

        public static double? Round(double? value, int decimals) => value.HasValue ? Round(value.Value, decimals) : (double?)null;

        /// <summary>
        /// Decimals that show a price like <paramref name="reference"/> to six significant digits, at least 2
        /// (60,000 → 2, 150 → 3, 1.0523 → 5, 0.08123 → 7) and at most 10: a fixed 2 turns a 0.9518 liquidation
        /// of a one-dollar coin into 0.95, a whole percent off.
        /// </summary>
        public static int PriceDecimals(double reference)
        {
            if (!(reference > 0) || double.IsInfinity(reference))
            {
                return 2;
            }

            var magnitude = (int)Math.Floor(Math.Log10(reference));
            return Math.Clamp(5 - magnitude, 2, 10);
        }

        public static string Number(double value, int decimals) => Round(value, decimals).ToString("#,0." + new string('0', Math.Max(decimals, 0)), CultureInfo.InvariantCulture).TrimEnd('.');

        public static string Json(object value) => JsonConvert.SerializeObject(value, JsonSettings);
    }
}
