using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.IO;
using System.Threading;
using PerpGuard.Cli.Backtest;
using PerpGuard.Headless.Runtime;
using PerpGuard.MarketData;
using PerpGuard.MarketData.Generation;
using Spectre.Console.Cli;

namespace PerpGuard.Cli.Commands
{
    /// <summary>
    /// <c>perpguard indicator</c>: runs an indicator headless over a data file and writes one CSV row
    /// per bar (time, open, high, low, close, then each Output by its display name).
    /// </summary>
    public sealed class IndicatorCommand : Command<IndicatorCommand.Settings>
    {
        public sealed class Settings : CommandSettings
        {
            [CommandOption("--name <INDICATOR>")]
            [Description("AtrStopDistance or LiquidationLevels.")]
            public string? Name { get; set; }

            [CommandOption("--data <FILE>")]
            [Description("Bars or ticks (auto-detected). Default: generated BTCUSD m1 data.")]
            public string? Data { get; set; }

            [CommandOption("--param <NAME=VALUE>")]
            [Description("Indicator parameter by property name (e.g. Period=14); repeat for more.")]
            public string[]? Params { get; set; }

            [CommandOption("--out <FILE>")]
            [Description("CSV file to write.")]
            public string? Out { get; set; }

            [CommandOption("--png <FILE>")]
            [Description("Also render close and the outputs as PNG.")]
            public string? Png { get; set; }

            [CommandOption("--symbol <NAME>")]
            public string? Symbol { get; set; }

            [CommandOption("--balance <AMOUNT>")]
            public string? Balance { get; set; }

            [CommandOption("--bars <N>")]
            [Description("Generated bars when no --data (default 43200); with --data, the first N bars.")]
            public string? Bars { get; set; }

            [CommandOption("--seed <S>")]
            public string? Seed { get; set; }

            [CommandOption("--lenient-timestamps")]
            [Description("With --data: sort out-of-order rows and keep the first of duplicate timestamps instead of refusing the file.")]
            public bool LenientTimestamps { get; set; }
        }

        protected override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
        {
            var problems = new List<string>();
            Type? type = null;
            if (string.IsNullOrWhiteSpace(settings.Name))
            {
                problems.Add("--name is required (AtrStopDistance or LiquidationLevels)");
            }
            else
            {
                type = IndicatorExport.Find(settings.Name.Trim(), out var p);
                if (p != null)
                {
                    problems.Add(p);
                }
            }

            if (string.IsNullOrWhiteSpace(settings.Out))
            {
                problems.Add("--out FILE.csv is required");
            }

            if (settings.Data != null && !File.Exists(settings.Data))
            {
                problems.Add($"--data file not found: {settings.Data}");
            }

            var balance = 10_000.0;
            if (settings.Balance != null && !(double.TryParse(settings.Balance, NumberStyles.Float, CultureInfo.InvariantCulture, out balance) && balance > 0 && !double.IsInfinity(balance)))
            {
                problems.Add($"--balance '{settings.Balance}' must be a positive number");
            }

            if (settings.Symbol != null && settings.Symbol.Trim().Length == 0)
            {
                problems.Add("--symbol is empty");
            }

            int? bars = null;
            if (settings.Bars != null)
            {
                if (int.TryParse(settings.Bars, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 2 && n <= 10_000_000)
                {
                    bars = n;
                }
                else
                {
                    problems.Add($"--bars '{settings.Bars}' must be a whole number from 2 to 10000000");
                }
            }

            var seed = 1;
            if (settings.Seed != null && !int.TryParse(settings.Seed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seed))
            {
                problems.Add($"--seed '{settings.Seed}' must be a whole number");
            }
            else if (settings.Seed != null && settings.Data != null)
            {
                problems.Add("--seed seeds only the generated bars; it does nothing with --data");
            }

            if (settings.LenientTimestamps && settings.Data == null)
            {
                problems.Add("--lenient-timestamps applies to a --data file; the generated bars have no duplicate timestamps");
            }

            var parameters = CostOptions.ParseParams(settings.Params, problems);
            if (!string.IsNullOrWhiteSpace(settings.Out))
            {
                OutputFolder.PrepareFile(settings.Out, "--out", problems);
            }

            if (settings.Png != null)
            {
                OutputFolder.PrepareFile(settings.Png, "--png", problems);
            }

            if (problems.Count > 0)
            {
                return Fail(string.Join("; ", problems));
            }

            try
            {
                var data = settings.Data != null
                    ? BacktestRunner.LoadBars(new BacktestRequest { DataPath = settings.Data, Bars = bars, LenientTimestamps = settings.LenientTimestamps })
                    : SyntheticBarGenerator.Generate(new SyntheticBarOptions { Seed = seed, Bars = bars ?? SyntheticBarOptions.DefaultBars });
                var series = IndicatorExport.Run(type!, data, parameters, settings.Symbol?.Trim() ?? "BTCUSD", balance);
                CreateFolderOf(settings.Out!);
                using (var w = new StreamWriter(settings.Out!, false, new System.Text.UTF8Encoding(false)))
                {
                    IndicatorExport.WriteCsv(w, series);
                }

                if (settings.Png != null)
                {
                    CreateFolderOf(settings.Png);
                    IndicatorExport.WritePng(settings.Png, series);
                }

                Console.Out.WriteLine($"{series.Name}: {series.Bars.Length} rows, outputs [{string.Join(", ", System.Linq.Enumerable.Select(series.Outputs, o => o.Name))}] → {settings.Out} ({data.Source})");
                return 0;
            }
            catch (DataFormatException ex)
            {
                return Fail("bad data: " + ex.Message);
            }
            catch (ParameterBindingException ex)
            {
                return Fail(OutputFolder.OneLine(ex));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                Console.Error.WriteLine("perpguard indicator: file error: " + ex.Message);
                return Program.Failure;
            }
        }

        private static void CreateFolderOf(string file)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        private static int Fail(string message)
        {
            Console.Error.WriteLine("perpguard indicator: " + message.Replace("\n", " ", StringComparison.Ordinal));
            return 2;
        }
    }
}
