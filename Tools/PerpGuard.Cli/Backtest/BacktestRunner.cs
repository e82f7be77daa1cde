using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.Runtime;
using PerpGuard.Headless.Simulation;
using PerpGuard.MarketData;
using PerpGuard.MarketData.Generation;
using PerpGuard.Review;

namespace PerpGuard.Cli.Backtest
{
    /// <summary>What to backtest (already validated by the command).</summary>
    public sealed class BacktestRequest
    {
        public string Robot { get; set; } = "RiskManagedScalper";
        public string? DataPath { get; set; }

        /// <summary>Duplicate and out-of-order timestamps in the data file: sorted, the first of each kept and counted, instead of an error.</summary>
        public bool LenientTimestamps { get; set; }
        public string? FundingPath { get; set; }
        public string Symbol { get; set; } = "BTCUSD";
        public double Balance { get; set; } = 10_000;
        public SimCommissionType CommissionType { get; set; } = SimCommissionType.UsdPerMillionUsdVolume;
        public double Commission { get; set; } = 30;

        /// <summary>Spread range (price units) used only when the data has no ask prices; null = default.</summary>
        public (double Min, double Max)? Spread { get; set; }

        public Dictionary<string, string> Parameters { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);
        public string OutDir { get; set; } = Path.Combine("out", "backtest");
        public int? Bars { get; set; }
        public int Seed { get; set; } = 1;
    }

    /// <summary>Loads data, runs the headless engine, builds the report and writes the four files.</summary>
    public static class BacktestRunner
    {
        /// <summary>Default spread when the data carries no ask: 0.02 % of the first close (≈ $8 on BTC at 42,000).</summary>
        public const double DefaultSpreadFraction = 0.0002;

        public static BarSeries LoadBars(BacktestRequest request)
        {
            if (request.DataPath == null)
            {
                return SyntheticBarGenerator.Generate(new SyntheticBarOptions
                {
                    Seed = request.Seed,
                    Bars = request.Bars ?? SyntheticBarOptions.DefaultBars,
                });
            }

            var series = MarketDataReader.ReadBars(request.DataPath, request.LenientTimestamps ? new ReadOptions { Timestamps = TimestampPolicy.SortAndKeepFirst } : null);
            if (request.Bars.HasValue && request.Bars.Value < series.Bars.Length)
            {
                var bars = series.Bars.Take(request.Bars.Value).ToArray();
                return new BarSeries(series.Source + $", first {bars.Length} bars", series.Format, bars, MarketDataReader.AnalyzeBars(bars));
            }

            return series;
        }

        public static BacktestReport Run(BacktestRequest request, Type robotType, BarSeries data, Action<long, long>? progress = null)
        {
            var bars = data.Bars;
            var funding = request.FundingPath != null ? MarketDataReader.ReadFunding(request.FundingPath).Rates.ToArray() : null;
            // No StorageDirectory: the bots' LocalStorage lives in memory for the run, as in cTrader's backtests
            // ("during backtesting and optimisation, local storage only stores data in memory"), so nothing is written
            // to disk when the run stops and no earlier run's saved day can leak into this one.
            var options = new BacktestOptions
            {
                Bars = bars,
                Symbol = SymbolFor(request, bars),
                Account = new SimAccountSettings { Balance = request.Balance, Currency = "USD" },
                Spread = SpreadFor(request, bars),
                Funding = funding,
                TimeFrame = TimeFrameFor(data.Timeframe),
                Seed = (ulong)request.Seed,
                Progress = progress,
            };

            var parameters = WithBacktestDefaults(robotType, request.Parameters);
            var specs = new List<AlgoSpec>();
            var driver = DriverFor(robotType);
            if (driver != null)
            {
                // The guardian protects trades someone else opens: a seeded "manual trader" runs first.
                specs.Add(new AlgoSpec(driver, new Dictionary<string, string> { ["Seed"] = request.Seed.ToString(CultureInfo.InvariantCulture) }));
            }

            specs.Add(new AlgoSpec(robotType, parameters));
            var result = new BacktestEngine(options).Run(specs.ToArray());

            ThrowIfRobotRefusedParameters(result.Log);
            var robot = result.Robots.Count > 0 ? result.Robots[result.Robots.Count - 1] : null;
            var journal = JournalAdapter.FromRobot(robot);
            var trades = result.Trades.Select(t => ToClosedTrade(t, journal)).ToList();
            if (!journal.HasJournal)
            {
                foreach (var t in trades)
                {
                    journal.Risk.JournalRecords.Add(new { Kind = "TradeClosed", Source = "engine", AtUtc = t.ExitTimeUtc, PositionId = t.Id, t.Side, t.Volume, t.NetProfit, t.CloseReason });
                }
            }

            var curve = new List<EquityPoint>(result.BarTimesUtc.Length);
            for (var i = 0; i < result.BarTimesUtc.Length; i++)
            {
                curve.Add(new EquityPoint(result.BarTimesUtc[i], result.BalanceCurve[i], result.EquityCurve[i]));
            }

            var report = BacktestReport.Create(
                RobotCatalog.Canonical(request.Robot), request.Symbol, data.Source, result.InitialBalance,
                trades, curve, journal.Risk, result.BarsSimulated, result.EngineSeconds, result.MoneyDigits);
            report.FundingEvents = funding == null ? 0 : FundingEventsWithin(data.Bars, funding);
            report.DataGaps = data.Quality.Gaps.Count;
            report.DataMissingBars = data.Quality.MissingBars;
            report.DataDuplicateTimestamps = data.Quality.Duplicates.Count;
            report.DataOutOfOrderTimestamps = data.Quality.OutOfOrder.Count;
            report.OpenPositionsAtEnd = result.OpenPositionsAtEnd;
            report.FinalEquity = result.FinalEquity;
            report.Errors = result.Errors;
            report.Log = result.Log;
            report.Parameters = new SortedDictionary<string, string>(parameters, StringComparer.Ordinal);
            return report;
        }

        /// <summary>Funding rates timed within the bars' range (first to last bar time, inclusive).</summary>
        public static int FundingEventsWithin(MarketBar[] bars, IReadOnlyList<FundingRate> rates)
        {
            if (bars.Length == 0)
            {
                return 0;
            }

            var first = bars[0].OpenTimeUtc;
            var last = bars[bars.Length - 1].OpenTimeUtc;
            return rates.Count(r => r.TimeUtc >= first && r.TimeUtc <= last);
        }

        /// <summary>
        /// A funding file none of whose rates falls within the bars would charge nothing, silently: the reason, or
        /// null when at least one rate applies.
        /// </summary>
        public static string? FundingCoverageProblem(BarSeries data, IReadOnlyList<FundingRate> rates)
        {
            if (data.Bars.Length == 0 || FundingEventsWithin(data.Bars, rates) > 0)
            {
                return null;
            }

            var c = CultureInfo.InvariantCulture;
            const string F = "yyyy-MM-dd HH:mm";
            var bars = $"{data.Bars[0].OpenTimeUtc.ToString(F, c)} → {data.Bars[data.Bars.Length - 1].OpenTimeUtc.ToString(F, c)} UTC";
            var file = rates.Count == 0
                ? "it has no rates"
                : $"its rates run {rates.Min(r => r.TimeUtc).ToString(F, c)} → {rates.Max(r => r.TimeUtc).ToString(F, c)} UTC";
            return $"--funding has no rate within the bars ({bars}; {file}): the run would charge no funding";
        }

        /// <summary>
        /// Our robots check their parameters together at start and, on a bad combination, Print one
        /// "Invalid parameters: a; b; c." line and stop without trading. A report of that run (0 trades, or the
        /// guardian's driver trading unprotected) would read as a result: it is an argument error instead.
        /// </summary>
        internal static void ThrowIfRobotRefusedParameters(IReadOnlyList<string> log)
        {
            const string Marker = "Invalid parameters:";
            foreach (var line in log)
            {
                var at = line.IndexOf(Marker, StringComparison.Ordinal);
                if (at < 0)
                {
                    continue;
                }

                var text = line.Substring(at + Marker.Length).Trim().TrimEnd('.');
                var violations = text.Split("; ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                throw new ParameterBindingException(violations.Length > 0 ? violations : new[] { text });
            }
        }

        /// <summary>The seeded manual-trader driver TradeGuardian needs (null for robots that trade themselves).</summary>
        public static Type? DriverFor(Type robotType)
        {
            if (robotType.Name != "TradeGuardian")
            {
                return null;
            }

            return Type.GetType("PerpGuard.Headless.Drivers.ManualTraderDriver, Automate.Headless", throwOnError: false)
                ?? throw new ArgumentException("TradeGuardian needs the manual-trader driver, which is not in this build");
        }

        /// <summary>
        /// Backtest defaults on top of the user's --param values: the robot's LocalStorage journal copy and
        /// its Print of every decision are off (the CLI writes journal.jsonl from the in-memory journal;
        /// persisting it every bar made a month-long run ~10× slower). Give them explicitly to turn them on.
        /// </summary>
        public static Dictionary<string, string> WithBacktestDefaults(Type robotType, IReadOnlyDictionary<string, string> user)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var name in new[] { "JournalEnabled", "PrintDecisions" })
            {
                if (robotType.GetProperty(name) != null)
                {
                    result[name] = "false";
                }
            }

            foreach (var kv in user)
            {
                result[kv.Key] = kv.Value;
            }

            return result;
        }

        /// <summary>Writes report.json, trades.csv, journal.jsonl, log.txt and equity.png into the folder.</summary>
        public static void WriteFiles(string outDir, BacktestReport report)
        {
            Directory.CreateDirectory(outDir);
            ReportJsonWriter.WriteFile(Path.Combine(outDir, "report.json"), report);
            TradesCsvWriter.WriteFile(Path.Combine(outDir, "trades.csv"), report.Trades);
            JournalJsonlWriter.WriteFile(Path.Combine(outDir, "journal.jsonl"), report.Risk.JournalRecords);

            // "\n" on every platform: the same run gives the same bytes.
            File.WriteAllText(Path.Combine(outDir, "log.txt"), report.Log.Count == 0 ? string.Empty : string.Join("\n", report.Log) + "\n");
            EquityChartWriter.WritePng(Path.Combine(outDir, "equity.png"), report.EquityCurve, EquityChartWriter.Title(report));
        }

        internal static ClosedTrade ToClosedTrade(ClosedTradeRecord t, JournalAdapter.Extract journal)
        {
            var planned = journal.PlannedRiskFor(t.PositionId, t.VolumeInUnits);
            return new ClosedTrade
            {
                Id = t.PositionId,
                Symbol = t.Symbol,
                Side = t.Side.ToString(),
                EntryTimeUtc = t.EntryTimeUtc,
                EntryPrice = t.EntryPrice,
                ExitTimeUtc = t.ExitTimeUtc,
                ExitPrice = t.ExitPrice,
                Volume = t.VolumeInUnits,
                StopLoss = t.StopLoss,
                TakeProfit = t.TakeProfit,
                PlannedRisk = planned,
                GrossProfit = t.GrossProfit,
                Commission = t.Commission,
                Swap = t.Swap,
                CloseReason = journal.CloseReasonFor(t.PositionId, DateTime.SpecifyKind(t.ExitTimeUtc, DateTimeKind.Utc), t.CloseReason.ToString(), t.VolumeInUnits),
            };
        }

        /// <summary>
        /// Symbol facts: BTCUSD-like defaults of the simulator (tick 0.01, pip 1, volume step 0.01),
        /// adapted to the data's price level — the tick is the finest decimal seen in the first bars.
        /// </summary>
        internal static SimSymbolSpec SymbolFor(BacktestRequest request, MarketBar[] bars)
        {
            var spec = new SimSymbolSpec
            {
                Name = request.Symbol,
                CommissionType = request.CommissionType,
                Commission = request.Commission,
            };
            if (bars.Length == 0)
            {
                return spec;
            }

            var digits = Math.Max(2, bars.Take(500).Max(b => Decimals(b.Close)));
            digits = Math.Min(digits, 8);
            spec.Digits = digits;
            spec.TickSize = Math.Pow(10, -digits);
            var price = bars[0].Close;
            if (price < 100)
            {
                // Low-priced coins: a pip of 100 ticks and whole-unit volumes.
                spec.PipSize = spec.TickSize * 100;
                spec.VolumeInUnitsMin = 1;
                spec.VolumeInUnitsStep = 1;
                spec.VolumeInUnitsMax = 10_000_000;
            }

            return spec;
        }

        internal static SimSpreadModel? SpreadFor(BacktestRequest request, MarketBar[] bars)
        {
            if (request.Spread.HasValue)
            {
                var (min, max) = request.Spread.Value;
                return min == max ? SimSpreadModel.Fixed(min) : SimSpreadModel.Random(min, max, (ulong)request.Seed);
            }

            if (bars.Length > 0 && !bars[0].HasAsk)
            {
                return SimSpreadModel.Fixed(Math.Round(bars[0].Close * DefaultSpreadFraction, 8));
            }

            return null;
        }

        internal static cAlgo.API.TimeFrame TimeFrameFor(TimeSpan step)
        {
            if (step <= TimeSpan.Zero || step == TimeSpan.FromMinutes(1))
            {
                return cAlgo.API.TimeFrame.Minute;
            }

            var name = step.TotalMinutes < 60 ? "m" + step.TotalMinutes.ToString(CultureInfo.InvariantCulture)
                : step.TotalHours < 24 ? "h" + step.TotalHours.ToString(CultureInfo.InvariantCulture)
                : "D" + step.TotalDays.ToString(CultureInfo.InvariantCulture);
            if (cAlgo.API.TimeFrame.TryParse(name, out var tf))
            {
                return tf;
            }

            throw new ArgumentException($"bars every {step} have no matching cTrader time frame");
        }

        private static int Decimals(double v)
        {
            for (var d = 0; d <= 8; d++)
            {
                if (Math.Abs(Math.Round(v, d) - v) < 1e-9)
                {
                    return d;
                }
            }

            return 8;
        }
    }
}
