using System.Collections.Generic;
using System.Linq;
using PerpGuard.Review;
using ScottPlot;

namespace PerpGuard.Cli.Backtest
{
    /// <summary>equity.png: balance and equity over time (ScottPlot 5), 1200 × 600.</summary>
    public static class EquityChartWriter
    {
        /// <summary>Keeps at most this many points per line (every n-th point plus the last) so large runs stay fast.</summary>
        public const int MaxPoints = 5_000;

        /// <summary>
        /// The chart's title: robot, symbol and, on a second line, the data source, so a picture of a run on
        /// the embedded generated bars says so wherever it is shown without its report.
        /// </summary>
        public static string Title(BacktestReport report)
        {
            var title = report.Robot + " on " + report.Symbol + ": balance and equity";
            return string.IsNullOrEmpty(report.DataSource) ? title : title + "\n" + report.DataSource;
        }

        public static void WritePng(string path, IReadOnlyList<EquityPoint> curve, string title, int width = 1200, int height = 600)
        {
            var plot = new Plot();
            var step = System.Math.Max(1, curve.Count / MaxPoints);
            var sample = curve.Where((_, i) => i % step == 0 || i == curve.Count - 1).ToArray();
            var xs = sample.Select(p => p.TimeUtc.ToOADate()).ToArray();
            if (xs.Length > 0)
            {
                var equity = plot.Add.ScatterLine(xs, sample.Select(p => p.Equity).ToArray());
                equity.LegendText = "Equity";
                equity.LineWidth = 1.5f;
                var balance = plot.Add.ScatterLine(xs, sample.Select(p => p.Balance).ToArray());
                balance.LegendText = "Balance";
                balance.LineWidth = 2f;
                plot.Axes.DateTimeTicksBottom();
                plot.ShowLegend(Alignment.UpperLeft);
            }

            plot.Title(title);
            plot.YLabel("Account currency");
            plot.XLabel("Time (UTC)");
            plot.SavePng(path, width, height);
        }
    }
}
