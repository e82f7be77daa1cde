using PerpGuard.Cli.Commands;
using Spectre.Console.Cli;

namespace PerpGuard.Cli
{
    /// <summary>The <c>perpguard</c> command: calculators, headless backtests and indicator exports.</summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            var app = new CommandApp();
            app.Configure(config =>
            {
                config.SetApplicationName("perpguard");
                config.AddCommand<SizeCommand>("size")
                    .WithDescription("Position size for a fixed-% risk, net of fees, with leverage cap and take-profit.");
                config.AddCommand<LiquidationCommand>("liquidation")
                    .WithDescription("Liquidation / stop-out price of a position (Binance, Bybit or cTrader model).");
                config.AddCommand<BacktestCommand>("backtest")
                    .WithDescription("Headless backtest of a cBot on a data file or the embedded generated data.");
                config.AddCommand<IndicatorCommand>("indicator")
                    .WithDescription("Run an indicator headless and export its series as CSV.");
            });
            return app.Run(args);
        }
    }
}
