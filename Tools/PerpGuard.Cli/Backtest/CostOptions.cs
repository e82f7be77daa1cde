using System;
using System.Collections.Generic;
using System.Globalization;
using PerpGuard.Headless.Simulation;

namespace PerpGuard.Cli.Backtest
{
    /// <summary>Parses --commission and --spread into the simulator's models.</summary>
    public static class CostOptions
    {
        /// <summary>cTrader's backtest default: 30 USD per million USD traded, per side (0.003 %).</summary>
        public const string DefaultCommission = "30/m";

        /// <summary>
        /// Commission per side: "0.025%" = percent of traded notional; "30" or "30/m" = USD per million USD
        /// of volume (cTrader's default unit); "5/lot" = USD per lot.
        /// </summary>
        public static bool TryParseCommission(string text, out SimCommissionType type, out double amount, out string? problem)
        {
            var s = text.Trim().ToLowerInvariant();
            type = SimCommissionType.UsdPerMillionUsdVolume;
            amount = 0;
            problem = null;
            string number;
            if (s.EndsWith("%", StringComparison.Ordinal))
            {
                type = SimCommissionType.PercentageOfTradingVolume;
                number = s.Substring(0, s.Length - 1);
            }
            else if (s.EndsWith("/lot", StringComparison.Ordinal))
            {
                type = SimCommissionType.UsdPerOneLot;
                number = s.Substring(0, s.Length - 4);
            }
            else if (s.EndsWith("/m", StringComparison.Ordinal))
            {
                number = s.Substring(0, s.Length - 2);
            }
            else
            {
                number = s;
            }

            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out amount) || !(amount >= 0) || double.IsInfinity(amount))
            {
                problem = $"--commission '{text}' is not a non-negative amount (examples: 0.025%, 30/m, 5/lot)";
                return false;
            }

            return true;
        }

        /// <summary>Spread in price units when the data has no ask: "10" fixed, or "5-15" random in the range (seeded).</summary>
        public static bool TryParseSpread(string text, out double min, out double max, out string? problem)
        {
            problem = null;
            min = max = 0;
            var parts = text.Split('-');
            if (parts.Length == 1 && Parse(parts[0], out min))
            {
                max = min;
                return true;
            }

            if (parts.Length == 2 && Parse(parts[0], out min) && Parse(parts[1], out max) && max >= min)
            {
                return true;
            }

            problem = $"--spread '{text}' is not a price distance (examples: 10 or 5-15)";
            return false;
        }

        private static bool Parse(string s, out double v) =>
            double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out v) && v >= 0 && !double.IsInfinity(v);

        /// <summary>Parses repeated --param Name=Value into a dictionary; duplicates and malformed pairs are problems.</summary>
        public static Dictionary<string, string> ParseParams(IEnumerable<string>? pairs, List<string> problems)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            if (pairs == null)
            {
                return result;
            }

            foreach (var pair in pairs)
            {
                var eq = pair.IndexOf('=');
                if (eq <= 0)
                {
                    problems.Add($"--param '{pair}' must be Name=Value");
                    continue;
                }

                var name = pair.Substring(0, eq).Trim();
                if (result.ContainsKey(name))
                {
                    problems.Add($"--param {name} given twice");
                    continue;
                }

                result[name] = pair.Substring(eq + 1);
            }

            return result;
        }
    }
}
