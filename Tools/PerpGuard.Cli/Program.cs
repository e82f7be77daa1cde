using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using PerpGuard.Cli.Calculators;
using PerpGuard.Cli.Commands;
using Spectre.Console.Cli;

namespace PerpGuard.Cli
{
    /// <summary>The <c>perpguard</c> command: calculators, headless backtests and indicator exports.</summary>
    public static class Program
    {
        /// <summary>Exit code for bad arguments (missing, unknown or invalid): one line on stderr.</summary>
        public const int BadArguments = 2;

        /// <summary>Exit code for an unexpected failure while running a command.</summary>
        public const int Failure = 1;

        public static int Main(string[] args)
        {
            var app = new CommandApp();
            app.Configure(config =>
            {
                config.SetApplicationName("perpguard");
                config.SetApplicationCulture(CultureInfo.InvariantCulture);
                config.UseStrictParsing();
                config.PropagateExceptions();
                config.AddCommand<SizeCommand>("size")
                    .WithDescription("Position size for a fixed-% risk, net of fees, with leverage cap and take-profit.");
                config.AddCommand<LiquidationCommand>("liquidation")
                    .WithDescription("Liquidation / stop-out price of a position (Binance, Bybit or cTrader model).");
                config.AddCommand<BacktestCommand>("backtest")
                    .WithDescription("Headless backtest of a cBot on a data file or the embedded generated data.");
                config.AddCommand<IndicatorCommand>("indicator")
                    .WithDescription("Run an indicator headless and export its series as CSV.");
            });

            var missing = MissingValues(args);
            if (missing.Count > 0)
            {
                // Spectre would pass its placeholder '__default_command' on as the value.
                Console.Error.WriteLine("perpguard: " + string.Join("; ", missing.Select(o => o + " is missing its value")) + ".");
                return BadArguments;
            }

            try
            {
                return app.Run(args);
            }
            catch (CommandAppException ex)
            {
                // Parse errors, unknown options/commands, failed conversions and Validate() errors.
                Console.Error.WriteLine("perpguard: " + OneLine(Innermost(ex, args)));
                return BadArguments;
            }
            catch (Exception ex) when (ex is ArgumentException || ex is FormatException)
            {
                Console.Error.WriteLine("perpguard: " + OneLine(ex.Message));
                return BadArguments;
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine("perpguard: unexpected error: " + OneLine(ex.Message));
                return Failure;
            }
        }

        // A failed conversion is wrapped; the innermost message says what was wrong with the value, and the
        // option it was given to is found in the arguments.
        private static string Innermost(Exception ex, string[] args)
        {
            var message = ex.Message;
            var inner = ex.InnerException;
            while (inner is not null)
            {
                if (inner is OptionValueException bad && OptionGiven(args, bad.Value) is string option)
                {
                    return option + " " + bad.Message;
                }

                if (inner is FormatException || inner is ArgumentException)
                {
                    message = "invalid value: " + inner.Message;
                }

                inner = inner.InnerException;
            }

            return message;
        }

        private static string? OptionGiven(string[] args, string value)
        {
            for (var i = 1; i < args.Length; i++)
            {
                if (args[i] == value && args[i - 1].StartsWith("--", StringComparison.Ordinal))
                {
                    return args[i - 1];
                }

                if (args[i].StartsWith("--", StringComparison.Ordinal) && args[i].EndsWith("=" + value, StringComparison.Ordinal))
                {
                    return args[i].Substring(0, args[i].Length - value.Length - 1);
                }
            }

            return null;
        }

        private static readonly Dictionary<string, Type> SettingsByCommand = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase)
        {
            ["size"] = typeof(SizeCommand.Settings),
            ["liquidation"] = typeof(LiquidationCommand.Settings),
            ["backtest"] = typeof(BacktestCommand.Settings),
            ["indicator"] = typeof(IndicatorCommand.Settings),
        };

        /// <summary>Options that take a value but are followed by another option or by nothing, in order.</summary>
        internal static List<string> MissingValues(string[] args)
        {
            var missing = new List<string>();
            if (args.Length == 0 || !SettingsByCommand.TryGetValue(args[0], out var settings))
            {
                return missing;
            }

            var valued = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in settings.GetProperties())
            {
                var option = property.GetCustomAttribute<CommandOptionAttribute>();
                if (option is not null && option.ValueName is not null)
                {
                    foreach (var name in option.LongNames)
                    {
                        valued.Add("--" + name);
                    }
                }
            }

            for (var i = 1; i < args.Length; i++)
            {
                if (!valued.Contains(args[i]))
                {
                    continue;
                }

                if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    missing.Add(args[i]);
                }
                else
                {
                    i++;
                }
            }

            return missing;
        }

        private static string OneLine(string text) => text.Replace("\r", " ").Replace("\n", " ").Trim();
    }
}
