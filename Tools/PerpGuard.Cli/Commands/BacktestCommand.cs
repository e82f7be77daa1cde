using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.IO;
using System.Threading;
using PerpGuard.Cli.Backtest;
using PerpGuard.Headless.Runtime;
using PerpGuard.MarketData;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PerpGuard.Cli.Commands
{
    /// <summary>
    /// <c>perpguard backtest</c>: runs a cBot headless on a data file or the embedded generated month,
    /// prints a cTrader-like report and writes report.json, trades.csv, journal.jsonl, log.txt and equity.png.
    /// Bad arguments or bad data: exit 2 with one line on stderr.
    /// </summary>
    public sealed class BacktestCommand : Command<BacktestCommand.Settings>
    {
        public sealed class Settings : CommandSettings
        {
            [CommandOption("--robot <NAME>")]
            [Description("cBot to run: RiskManagedScalper or TradeGuardian.")]
            public string? Robot { get; set; }

            [CommandOption("--data <FILE>")]
            [Description("Bars or ticks (format auto-detected). Default: generated BTCUSD m1 data, labelled as such.")]
            public string? Data { get; set; }

            [CommandOption("--funding <FILE>")]
            [Description("Funding-rate file applied as financing (LEAN, time,rate CSV or freqtrade JSON).")]
            public string? Funding { get; set; }

            [CommandOption("--symbol <NAME>")]
            [Description("Symbol name. Default BTCUSD.")]
            public string? Symbol { get; set; }

            [CommandOption("--balance <AMOUNT>")]
            [Description("Starting balance, USD. Default 10000.")]
            public string? Balance { get; set; }

            [CommandOption("--commission <RATE>")]
            [Description("Per side: 30/m (USD per million USD, default as in cTrader), 0.025% (of notional), 5/lot (USD per lot).")]
            public string? Commission { get; set; }

            [CommandOption("--spread <PRICE>")]
            [Description("Spread when the data has no ask: fixed (10) or seeded random range (5-15). Default 0.02% of the first price.")]
            public string? Spread { get; set; }

            [CommandOption("--param <NAME=VALUE>")]
            [Description("Robot parameter by property name; repeat for more.")]
            public string[]? Params { get; set; }

            [CommandOption("--out <DIR>")]
            [Description("Output folder. Default out/backtest.")]
            public string? Out { get; set; }

            [CommandOption("--json")]
            [Description("Print report.json to stdout (one object) instead of the tables.")]
            public bool Json { get; set; }

            [CommandOption("--bars <N>")]
            [Description("Generated m1 bars (default 43200 = 30 days); with --data, use the first N bars.")]
            public string? Bars { get; set; }

            [CommandOption("--seed <S>")]
            [Description("Seed of the generated data and random spread. Default 1.")]
            public string? Seed { get; set; }

            [CommandOption("--lenient-timestamps")]
            [Description("With --data: sort out-of-order rows and keep the first of duplicate timestamps (counted in the data-quality line) instead of refusing the file.")]
            public bool LenientTimestamps { get; set; }
        }

        protected override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
        {
            var problems = new List<string>();
            var request = Parse(settings, problems);
            Type? robotType = null;
            if (settings.Robot != null)
            {
                robotType = RobotCatalog.Find(settings.Robot, out var robotProblem);
                if (robotProblem != null)
                {
                    problems.Add(robotProblem);
                }
            }

            var randomSpread = request.Spread.HasValue && request.Spread.Value.Min != request.Spread.Value.Max;
            if (settings.Seed != null && settings.Data != null && robotType != null && BacktestRunner.DriverFor(robotType) == null && !randomSpread)
            {
                // As in `indicator`: an option that changes nothing is refused, not silently ignored.
                problems.Add("--seed seeds the generated bars, a random --spread range and TradeGuardian's manual trader; here (--data, fixed spread) it would change nothing");
            }

            if (settings.LenientTimestamps && settings.Data == null)
            {
                problems.Add("--lenient-timestamps applies to a --data file; the generated bars have no duplicate timestamps");
            }

            if (problems.Count == 0)
            {
                // Checked before the run: a month's backtest must not end in "cannot write".
                OutputFolder.Prepare(request.OutDir, "--out", problems);
            }

            if (problems.Count > 0)
            {
                return Fail(string.Join("; ", problems));
            }

            BarSeries data;
            try
            {
                data = BacktestRunner.LoadBars(request);
            }
            catch (DataFormatException ex)
            {
                return Fail("bad data: " + ex.Message);
            }

            if (request.FundingPath != null)
            {
                try
                {
                    var problem = BacktestRunner.FundingCoverageProblem(data, MarketDataReader.ReadFunding(request.FundingPath).Rates);
                    if (problem != null)
                    {
                        return Fail(problem);
                    }
                }
                catch (DataFormatException ex)
                {
                    return Fail("bad data: " + ex.Message);
                }
            }

            if (request.Spread.HasValue && data.Bars.Length > 0 && data.Bars[0].HasAsk)
            {
                // The simulator prices the ask from the data then: the option would change nothing.
                return Fail($"--spread applies only to data without ask prices, and this data has bid and ask ({data.Source})");
            }

            // A console over the current Console.Out (not Spectre's cached static one), so redirected output works.
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
            BacktestReport report;
            try
            {
                if (settings.Json)
                {
                    report = BacktestRunner.Run(request, robotType!, data);
                }
                else
                {
                    console.MarkupLine($"[grey]{Markup.Escape(data.Source)}: {Markup.Escape(data.Quality.Summary())}[/]");
                    report = null!;
                    console.Progress()
                        .AutoClear(false)
                        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                        .Start(ctx =>
                        {
                            var task = ctx.AddTask("Backtesting " + request.Robot, maxValue: data.Bars.Length);
                            report = BacktestRunner.Run(request, robotType!, data, (done, total) => task.Value = done);
                            task.Value = task.MaxValue;
                        });
                }
            }
            catch (ParameterBindingException ex)
            {
                return Fail(OutputFolder.OneLine(ex));
            }
            catch (DataFormatException ex)
            {
                return Fail("bad data: " + ex.Message);
            }

            try
            {
                BacktestRunner.WriteFiles(request.OutDir, report);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"perpguard backtest: could not write the report to {request.OutDir}: {ex.Message}");
                return Program.Failure;
            }
            if (settings.Json)
            {
                Console.Out.WriteLine(ReportJsonWriter.ToJson(report, indented: false));
            }
            else
            {
                ReportTable.Render(console, report);
                console.MarkupLine($"Wrote report.json, trades.csv, journal.jsonl, log.txt, equity.png to [bold]{Markup.Escape(Path.GetFullPath(request.OutDir))}[/]");
            }

            return 0;
        }

        /// <summary>Validates every option at once; problems are collected, not thrown.</summary>
        internal static BacktestRequest Parse(Settings s, List<string> problems)
        {
            var r = new BacktestRequest();
            if (string.IsNullOrWhiteSpace(s.Robot))
            {
                problems.Add("--robot is required (RiskManagedScalper or TradeGuardian)");
            }
            else
            {
                r.Robot = RobotCatalog.Canonical(s.Robot.Trim());
            }

            if (s.Data != null)
            {
                if (!File.Exists(s.Data))
                {
                    problems.Add($"--data file not found: {s.Data}");
                }

                r.DataPath = s.Data;
                r.LenientTimestamps = s.LenientTimestamps;
            }

            if (s.Funding != null)
            {
                if (!File.Exists(s.Funding))
                {
                    problems.Add($"--funding file not found: {s.Funding}");
                }

                r.FundingPath = s.Funding;
            }

            if (s.Symbol != null)
            {
                if (s.Symbol.Trim().Length == 0)
                {
                    problems.Add("--symbol is empty");
                }

                r.Symbol = s.Symbol.Trim();
            }

            if (s.Balance != null)
            {
                if (double.TryParse(s.Balance, NumberStyles.Float, CultureInfo.InvariantCulture, out var balance) && balance > 0 && !double.IsInfinity(balance))
                {
                    r.Balance = balance;
                }
                else
                {
                    problems.Add($"--balance '{s.Balance}' must be a positive number");
                }
            }

            if (CostOptions.TryParseCommission(s.Commission ?? CostOptions.DefaultCommission, out var type, out var amount, out var commissionProblem))
            {
                r.CommissionType = type;
                r.Commission = amount;
            }
            else
            {
                problems.Add(commissionProblem!);
            }

            if (s.Spread != null)
            {
                if (CostOptions.TryParseSpread(s.Spread, out var min, out var max, out var spreadProblem))
                {
                    r.Spread = (min, max);
                }
                else
                {
                    problems.Add(spreadProblem!);
                }
            }

            r.Parameters = CostOptions.ParseParams(s.Params, problems);
            r.OutDir = s.Out ?? Path.Combine("out", "backtest");

            if (s.Bars != null)
            {
                if (int.TryParse(s.Bars, NumberStyles.None, CultureInfo.InvariantCulture, out var bars) && bars >= 2 && bars <= 10_000_000)
                {
                    r.Bars = bars;
                }
                else
                {
                    problems.Add($"--bars '{s.Bars}' must be a whole number from 2 to 10000000");
                }
            }

            if (s.Seed != null)
            {
                if (int.TryParse(s.Seed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed))
                {
                    r.Seed = seed;
                }
                else
                {
                    problems.Add($"--seed '{s.Seed}' must be a whole number");
                }
            }

            return r;
        }

        private static int Fail(string message)
        {
            Console.Error.WriteLine("perpguard backtest: " + message.Replace("\n", " ", StringComparison.Ordinal));
            return 2;
        }
    }
}
