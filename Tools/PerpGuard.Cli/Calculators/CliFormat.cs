using System;
using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

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
