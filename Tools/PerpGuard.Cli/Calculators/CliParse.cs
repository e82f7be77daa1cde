using System;
using System.Collections.Generic;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Sizing;
using Spectre.Console;

namespace PerpGuard.Cli.Calculators
{
    /// <summary>Small parsing and listing helpers shared by the calculator commands.</summary>
    public static class CliParse
    {
        public static bool TryParseSide(string text, out TradeSide side)
        {
            switch ((text ?? string.Empty).Trim().ToLowerInvariant())
            {
                case "long":
                case "buy":
                    side = TradeSide.Long;
                    return true;
                case "short":
                case "sell":
                    side = TradeSide.Short;
                    return true;
                default:
                    side = TradeSide.Long;
                    return false;
            }
        }

        public static string[] CapCodes(SizingCaps caps)
        {
            var list = new List<string>();
            foreach (SizingCaps flag in Enum.GetValues(typeof(SizingCaps)))
            {
                if (flag != SizingCaps.None && (caps & flag) == flag)
                {
                    list.Add(ReasonCodes.Code(flag));
                }
            }

            return list.ToArray();
        }

        public static string[] WarningCodes(SizingWarnings warnings)
        {
            var list = new List<string>();
            if ((warnings & SizingWarnings.RiskAboveTwoPercent) != 0)
            {
                list.Add("risk-above-2-percent-override");
            }

            if ((warnings & SizingWarnings.LeverageAboveHardMax) != 0)
            {
                list.Add("leverage-above-10x-override");
            }

            return list.ToArray();
        }

        /// <summary>A console bound to the current Console.Out (so redirected output is captured).</summary>
        public static IAnsiConsole Console()
            => AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Out) });
    }
}
