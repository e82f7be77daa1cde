using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Threading;
using PerpGuard.Cli.Calculators;
using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Margin;
using PerpGuard.Risk.Primitives;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PerpGuard.Cli.Commands
{
    /// <summary>
    /// <c>perpguard liquidation</c>: the liquidation (exchange) or stop-out (cTrader) price of one
    /// position, or "none" when no positive price liquidates it.
    /// </summary>
    public sealed class LiquidationCommand : Command<LiquidationCommand.Settings>
    {
        private static readonly string[] Models = { "binance-isolated", "binance-cross", "bybit-isolated", "ctrader-frozen", "ctrader-live" };

        public sealed class Settings : CommandSettings
        {
            [CommandOption("--model <MODEL>")]
            [Description("binance-isolated, binance-cross, bybit-isolated, ctrader-frozen or ctrader-live.")]
            public string? Model { get; set; }

            [CommandOption("--side <SIDE>")]
            [Description("long or short.")]
            public string? Side { get; set; }

            [CommandOption("--entry <PRICE>")]
            [TypeConverter(typeof(InvariantDoubleConverter))]
            public double? Entry { get; set; }

            [CommandOption("--quantity <UNITS>")]
            [TypeConverter(typeof(InvariantDoubleConverter))]
            public double? Quantity { get; set; }

            [CommandOption("--wallet <AMOUNT>")]
            [Description("Binance: isolated margin (isolated) or cross wallet balance (cross).")]
            [TypeConverter(typeof(InvariantDoubleConverter))]
            public double? Wallet { get; set; }

            [CommandOption("--mmr <RATE>")]
            [Description("Maintenance margin rate as a fraction (0.005 = 0.5 %).")]
            [TypeConverter(typeof(InvariantDoubleConverter))]
            public double? Mmr { get; set; }

            [CommandOption("--maintenance-amount <CUM>")]
            [Description("Binance maintenance amount (cum) of the bracket. Default 0.")]
            [TypeConverter(typeof(InvariantDoubleConverter))]
            public double? MaintenanceAmount { get; set; }

            [CommandOption("--other-maintenance <AMOUNT>")]
            [Description("Binance cross: maintenance margin of the other positions. Default 0.")]
            [TypeConverter(typeof(InvariantDoubleConverter))]
            public double? OtherMaintenance { get; set; }

            [CommandOption("--other-pnl <AMOUNT>")]
            [Description("Binance cross: unrealised P&L of the other positions. Default 0.")]
            [TypeConverter(typeof(InvariantDoubleConverter))]
            public double? OtherPnl { get; set; }

            [CommandOption("--leverage <X>")]
            [Description("Bybit: position leverage; cTrader: the symbol's leverage (margin = notional / X).")]
            [TypeConverter(typeof(InvariantDoubleConverter))]
            public double? Leverage { get; set; }

            [CommandOption("--equity <AMOUNT>")]
            [Description("cTrader: account equity now, at --price.")]
            [TypeConverter(typeof(InvariantDoubleConverter))]
            public double? Equity { get; set; }

            [CommandOption("--price <PRICE>")]
            [Description("cTrader: the symbol's current price. Default: --entry.")]
            [TypeConverter(typeof(InvariantDoubleConverter))]
            public double? Price { get; set; }

            [CommandOption("--stop-out-level <PERCENT>")]
            [Description("cTrader: stop-out margin level in percent (50 = 50 %).")]
            [TypeConverter(typeof(InvariantDoubleConverter))]
            public double? StopOutLevel { get; set; }

            [CommandOption("--other-margin <AMOUNT>")]
            [Description("cTrader: margin used by other positions. Default 0.")]
            [TypeConverter(typeof(InvariantDoubleConverter))]
            public double? OtherMargin { get; set; }

            [CommandOption("--buffer <FRACTION>")]
            [Description("Safety buffer: fraction of the entry-to-liquidation distance (0.05 = 5 %).")]
            [TypeConverter(typeof(InvariantDoubleConverter))]
            public double? Buffer { get; set; }

            [CommandOption("--json")]
            public bool Json { get; set; }

            public override ValidationResult Validate()
            {
                var problems = new List<string>();
                var model = Model?.Trim().ToLowerInvariant();
                if (model is null)
                {
                    problems.Add("--model is required (" + string.Join(", ", Models) + ")");
                }
                else if (Array.IndexOf(Models, model) < 0)
                {
                    problems.Add($"--model must be one of {string.Join(", ", Models)}, not '{Model}'");
                }

                if (Side is null)
                {
                    problems.Add("--side is required (long or short)");
                }
                else if (!CliParse.TryParseSide(Side, out _))
                {
                    problems.Add($"--side must be long or short, not '{Side}'");
                }

                Positive(problems, Entry, "--entry", required: true);
                Positive(problems, Quantity, "--quantity", required: true);
                switch (model)
                {
                    case "binance-isolated":
                    case "binance-cross":
                        NonNegative(problems, Wallet, "--wallet", required: true);
                        Rate(problems);
                        NonNegative(problems, MaintenanceAmount, "--maintenance-amount", required: false);
                        NonNegative(problems, OtherMaintenance, "--other-maintenance", required: false);
                        break;
                    case "bybit-isolated":
                        Positive(problems, Leverage, "--leverage", required: true);
                        Rate(problems);
                        break;
                    case "ctrader-frozen":
                    case "ctrader-live":
                        NonNegative(problems, Equity, "--equity", required: true);
                        Positive(problems, Price, "--price", required: false);
                        Positive(problems, StopOutLevel, "--stop-out-level", required: true);
                        Positive(problems, Leverage, "--leverage", required: true);
                        NonNegative(problems, OtherMargin, "--other-margin", required: false);
                        break;
                }

                if (model != null)
                {
                    NotUsed(problems, model);
                }

                if (Buffer.HasValue && !(Buffer.Value >= 0 && Buffer.Value < 1))
                {
                    problems.Add("--buffer must be a fraction in [0, 1) (0.05 = 5 %)");
                }

                return problems.Count == 0 ? ValidationResult.Success() : ValidationResult.Error(string.Join("; ", problems) + ".");
            }

            /// <summary>
            /// An option the model does not read is refused: a trader who gives --leverage 20 to a Binance model
            /// must not read a price that never saw the 20.
            /// </summary>
            private void NotUsed(List<string> problems, string model)
            {
                var binance = model.StartsWith("binance", StringComparison.Ordinal);
                var ctrader = model.StartsWith("ctrader", StringComparison.Ordinal);
                var given = new (string Name, bool Given, bool Used)[]
                {
                    ("--wallet", Wallet.HasValue, binance),
                    ("--mmr", Mmr.HasValue, binance || model == "bybit-isolated"),
                    ("--maintenance-amount", MaintenanceAmount.HasValue, binance),
                    ("--other-maintenance", OtherMaintenance.HasValue, model == "binance-cross"),
                    ("--other-pnl", OtherPnl.HasValue, model == "binance-cross"),
                    ("--leverage", Leverage.HasValue, ctrader || model == "bybit-isolated"),
                    ("--equity", Equity.HasValue, ctrader),
                    ("--price", Price.HasValue, ctrader),
                    ("--stop-out-level", StopOutLevel.HasValue, ctrader),
                    ("--other-margin", OtherMargin.HasValue, ctrader),
                };
                foreach (var (name, isGiven, used) in given)
                {
                    if (isGiven && !used)
                    {
                        problems.Add(name + " is not used by " + model);
                    }
                }
            }

            private void Rate(List<string> problems)
            {
                if (!Mmr.HasValue)
                {
                    problems.Add("--mmr is required");
                }
                else if (!(Mmr.Value >= 0 && Mmr.Value < 1))
                {
                    problems.Add("--mmr is a fraction in [0, 1) (0.005 = 0.5 %)");
                }
            }

            private static void Positive(List<string> problems, double? value, string name, bool required)
            {
                if (!value.HasValue)
                {
                    if (required)
                    {
                        problems.Add(name + " is required");
                    }
                }
                else if (!(value.Value > 0))
                {
                    problems.Add(name + " must be positive");
                }
            }

            private static void NonNegative(List<string> problems, double? value, string name, bool required)
            {
                if (!value.HasValue)
                {
                    if (required)
                    {
                        problems.Add(name + " is required");
                    }
                }
                else if (value.Value < 0)
                {
                    problems.Add(name + " must not be negative");
                }
            }
        }

        /// <summary>What --json prints (camelCase). <c>liquidationPrice</c> is null when there is none.</summary>
        public sealed class Result
        {
            public string Model { get; set; } = string.Empty;

            public string Side { get; set; } = string.Empty;

            public double? LiquidationPrice { get; set; }

            /// <summary>price, never (cannot be liquidated) or immediate (already past it).</summary>
            public string Outcome { get; set; } = string.Empty;

            /// <summary>The price moved toward the entry by the buffer; equals the liquidation price without one.</summary>
            public double? BufferedPrice { get; set; }

            public double Buffer { get; set; }
        }

        protected override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
        {
            var model = settings.Model!.Trim().ToLowerInvariant();
            CliParse.TryParseSide(settings.Side!, out var side);
            var entry = settings.Entry!.Value;
            var quantity = settings.Quantity!.Value;
            LiquidationResult result;
            switch (model)
            {
                case "binance-isolated":
                    result = BinanceLiquidation.WithBracket(side, entry, quantity, settings.Wallet!.Value, settings.Mmr!.Value, settings.MaintenanceAmount ?? 0);
                    break;
                case "binance-cross":
                    result = BinanceLiquidation.WithBracket(side, entry, quantity, settings.Wallet!.Value, settings.Mmr!.Value, settings.MaintenanceAmount ?? 0, settings.OtherMaintenance ?? 0, settings.OtherPnl ?? 0);
                    break;
                case "bybit-isolated":
                    result = BybitLiquidation.Isolated(side, entry, settings.Leverage!.Value, settings.Mmr!.Value);
                    break;
                default:
                    var pricing = model == "ctrader-live" ? MarginPricing.RecalculatedAtPrice : MarginPricing.FrozenAtOpen;
                    var account = new StopOutAccount(
                        settings.Equity!.Value,
                        settings.Price ?? entry,
                        Fraction.FromPercent(settings.StopOutLevel!.Value),
                        settings.OtherMargin ?? 0,
                        MarginSchedule.Fixed(settings.Leverage!.Value),
                        MarginAggregation.Max,
                        pricing,
                        ConversionRates.Identity);
                    result = CTraderStopOut.Solve(account, new PositionExposure(side, quantity, entry));
                    break;
            }

            var buffer = settings.Buffer ?? 0;
            var buffered = result.WithBuffer(entry, Fraction.FromFraction(buffer));
            var decimals = CliFormat.PriceDecimals(entry);
            var output = new Result
            {
                Model = model,
                Side = side == TradeSide.Long ? "long" : "short",
                LiquidationPrice = result.HasPrice ? CliFormat.RoundTowardMarket(result.PriceOrNaN, side, decimals) : (double?)null,
                Outcome = result.Outcome == LiquidationOutcome.AtPrice ? "price" : result.Outcome == LiquidationOutcome.Never ? "never" : "immediate",
                BufferedPrice = buffered.HasPrice ? CliFormat.RoundTowardMarket(buffered.PriceOrNaN, side, decimals) : (double?)null,
                Buffer = buffer,
            };

            if (settings.Json)
            {
                Console.Out.WriteLine(CliFormat.Json(output));
                return 0;
            }

            var console = CliParse.Console();
            var table = new Table().Border(TableBorder.Rounded).AddColumn("Quantity").AddColumn(new TableColumn("Value").RightAligned());
            table.AddRow("Model", output.Model);
            table.AddRow("Side", output.Side);
            table.AddRow("Liquidation / stop-out price", output.LiquidationPrice.HasValue
                ? CliFormat.Number(output.LiquidationPrice.Value, decimals)
                : output.Outcome == "never" ? "none (cannot be liquidated)" : "[red]already past it[/]");
            if (buffer > 0 && output.BufferedPrice.HasValue)
            {
                table.AddRow("With " + CliFormat.Number(buffer * 100, 2) + " % buffer", CliFormat.Number(output.BufferedPrice.Value, decimals));
            }

            console.Write(table);
            return 0;
        }
    }
}
