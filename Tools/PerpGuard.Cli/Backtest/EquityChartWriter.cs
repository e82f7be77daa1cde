using System.Collections.Generic;
using System.Linq;
using PerpGuard.Review;
using ScottPlot;

namespace PerpGuard.Cli.Backtest
{
    /// <summary>equity.png: balance and equity over time (ScottPlot 5), 1200 × 600.</summary>
    public static class EquityChartWriter
    {
        /// <summary>Buckets a long run into about this many (each drawn by its lowest and highest equity) so large runs stay fast.</summary>
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

        /// <summary>
        /// The points drawn: every point of a short run; of a long one, per bucket of n points its lowest and
        /// highest equity (in time order) and the last point, so a one-bar trough the report's drawdown counts
        /// is in the picture too (every n-th point alone dropped it).
        /// </summary>
        public static EquityPoint[] Sample(IReadOnlyList<EquityPoint> curve)
        {
            var step = System.Math.Max(1, curve.Count / MaxPoints);
            if (step == 1)
            {
                return curve.ToArray();
            }

            var kept = new List<EquityPoint>(2 * (curve.Count / step) + 3);
            for (var start = 0; start < curve.Count; start += step)
            {
                var end = System.Math.Min(curve.Count, start + step);
                int low = start, high = start;
                for (var i = start + 1; i < end; i++)
                {
                    if (curve[i].Equity < curve[low].Equity)
                    {
                        low = i;
                    }

                    if (curve[i].Equity > curve[high].Equity)
                    {
                        high = i;
                    }
                }

                kept.Add(curve[System.Math.Min(low, high)]);
                if (low != high)
                {
                    kept.Add(curve[System.Math.Max(low, high)]);
                }
            }

            if (kept[kept.Count - 1].TimeUtc != curve[curve.Count - 1].TimeUtc)
            {
                kept.Add(curve[curve.Count - 1]);
            }

            return kept.ToArray();
        }

        public static void WritePng(string path, IReadOnlyList<EquityPoint> curve, string title, int width = 1200, int height = 600)
        {
            var plot = new Plot();
            var sample = Sample(curve);
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
