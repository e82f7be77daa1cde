using System;
using System.Globalization;
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

            try
            {
                return app.Run(args);
            }
            catch (CommandAppException ex)
            {
                // Parse errors, unknown options/commands, failed conversions and Validate() errors.
                Console.Error.WriteLine("perpguard: " + OneLine(Innermost(ex)));
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

        // A failed conversion is wrapped; the innermost message says what was wrong with the value.
        private static string Innermost(Exception ex)
        {
            var message = ex.Message;
            var inner = ex.InnerException;
            while (inner is not null)
            {
                if (inner is FormatException || inner is ArgumentException)
                {
                    message = "invalid value: " + inner.Message;
                }

                inner = inner.InnerException;
            }

            return message;
        }

        private static string OneLine(string text) => text.Replace("\r", " ").Replace("\n", " ").Trim();
    }
}
