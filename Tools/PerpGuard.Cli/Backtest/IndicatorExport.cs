using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.Simulation;
using PerpGuard.MarketData;
using ScottPlot;
using BarSeries = PerpGuard.MarketData.BarSeries;

namespace PerpGuard.Cli.Backtest
{
    /// <summary>One exported indicator run: the bars and each output series by display name.</summary>
    public sealed class IndicatorSeries
    {
        public IndicatorSeries(string name, MarketBar[] bars, IReadOnlyList<(string Name, double[] Values)> outputs)
        {
            Name = name;
            Bars = bars;
            Outputs = outputs;
        }

        public string Name { get; }
        public MarketBar[] Bars { get; }
        public IReadOnlyList<(string Name, double[] Values)> Outputs { get; }
    }

    /// <summary>Runs an indicator headless over bars and writes its series as CSV (and optionally PNG).</summary>
    public static class IndicatorExport
    {
        public static readonly IReadOnlyList<string> Names = new[] { "AtrStopDistance", "LiquidationLevels" };

        public static Type? Find(string name, out string? problem)
        {
            var known = Names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
            if (known == null)
            {
                problem = $"unknown indicator '{name}' (expected one of: {string.Join(", ", Names)})";
                return null;
            }

            var type = Type.GetType($"cAlgo.Indicators.{known}, {known}", throwOnError: false);
            problem = type == null ? $"indicator '{known}' is not built into this perpguard" : null;
            return type;
        }

        public static IndicatorSeries Run(Type indicatorType, BarSeries data, IReadOnlyDictionary<string, string> parameters, string symbol, double balance)
        {
            var request = new BacktestRequest { Symbol = symbol, Balance = balance };
            var options = new BacktestOptions
            {
                Bars = data.Bars,
                Symbol = BacktestRunner.SymbolFor(request, data.Bars),
                Account = new SimAccountSettings { Balance = balance, Currency = "USD" },
                Spread = BacktestRunner.SpreadFor(request, data.Bars),
                TimeFrame = BacktestRunner.TimeFrameFor(data.Timeframe),
                StorageDirectory = Path.Combine(Path.GetTempPath(), "perpguard-indicator-" + Guid.NewGuid().ToString("N")),
            };
            try
            {
                var result = new BacktestEngine(options).Run(Array.Empty<AlgoSpec>(), new[] { new AlgoSpec(indicatorType, parameters) });
                var outputs = new List<(string, double[])>();
                foreach (var run in result.Indicators)
                {
                    run.Runner.EnsureCalculated();
                    foreach (var (name, _, series) in run.Outputs)
                    {
                        var values = new double[data.Bars.Length];
                        for (var i = 0; i < values.Length; i++)
                        {
                            values[i] = i < series.Count ? series[i] : double.NaN;
                        }

                        outputs.Add((name, values));
                    }
                }

                return new IndicatorSeries(indicatorType.Name, data.Bars, outputs);
            }
            finally
            {
                try
                {
                    if (Directory.Exists(options.StorageDirectory))
                    {
                        Directory.Delete(options.StorageDirectory, true);
                    }
                }
                catch (IOException)
                {
                }
            }
        }

        /// <summary>CSV: time, open, high, low, close, then one column per output (display name); NaN = empty cell.</summary>
        public static void WriteCsv(TextWriter w, IndicatorSeries s)
        {
            var header = new List<string> { "time", "open", "high", "low", "close" };
            header.AddRange(s.Outputs.Select(o => Quote(o.Name)));
            w.Write(string.Join(",", header));
            w.Write('\n');
            for (var i = 0; i < s.Bars.Length; i++)
            {
                var b = s.Bars[i];
                w.Write(ReportJsonWriter.Iso(b.OpenTimeUtc));
                w.Write(',');
                w.Write(Num(b.Open));
                w.Write(',');
                w.Write(Num(b.High));
                w.Write(',');
                w.Write(Num(b.Low));
                w.Write(',');
                w.Write(Num(b.Close));
                foreach (var o in s.Outputs)
                {
                    w.Write(',');
                    w.Write(Num(o.Values[i]));
                }

                w.Write('\n');
            }
        }

        public static void WritePng(string path, IndicatorSeries s, int width = 1400, int height = 700)
        {
            var plot = new Plot();
            var xs = s.Bars.Select(b => b.OpenTimeUtc.ToOADate()).ToArray();
            var close = plot.Add.ScatterLine(xs, s.Bars.Select(b => b.Close).ToArray());
            close.LegendText = "Close";
            var medianClose = Median(s.Bars.Select(b => b.Close));
            foreach (var (name, values) in s.Outputs)
            {
                var line = plot.Add.ScatterLine(xs, values);
                line.LegendText = name;
                if (Median(values.Where(v => !double.IsNaN(v))) < 0.1 * medianClose)
                {
                    // Distances such as ATR are not on the price scale: right axis.
                    line.Axes.YAxis = plot.Axes.Right;
                }
            }

            plot.Axes.DateTimeTicksBottom();
            plot.ShowLegend(Alignment.UpperLeft);
            plot.Title(s.Name);
            plot.SavePng(path, width, height);
        }

        private static double Median(IEnumerable<double> values)
        {
            var a = values.OrderBy(v => v).ToArray();
            return a.Length == 0 ? 0 : a[a.Length / 2];
        }

        private static string Num(double v) => double.IsNaN(v) || double.IsInfinity(v) ? string.Empty : (v == 0 ? 0.0 : v).ToString("0.##########", CultureInfo.InvariantCulture);

        private static string Quote(string s) => s.IndexOfAny(new[] { ',', '"', '\n' }) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
    }
}
