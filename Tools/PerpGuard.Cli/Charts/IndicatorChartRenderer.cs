using System;
using System.Collections.Generic;
using System.IO;
using ScottPlot;

namespace PerpGuard.Cli.Charts
{
    /// <summary>
    /// Draws a <see cref="ChartModel"/> to PNG with ScottPlot: candles, each output series as a line
    /// (gaps where the series is NaN, as cTrader leaves them), every recorded horizontal line with its
    /// name, and the recorded texts at their bar and price. Dark background like cTrader's default theme.
    /// </summary>
    public static class IndicatorChartRenderer
    {
        public const int DefaultWidth = 1400;
        public const int DefaultHeight = 800;

        public static void RenderPng(ChartModel model, string path, int width = DefaultWidth, int height = DefaultHeight)
        {
            if (model is null)
            {
                throw new ArgumentNullException(nameof(model));
            }

            if (model.Candles.Count == 0)
            {
                throw new ArgumentException("A chart needs at least one bar.", nameof(model));
            }

            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            var plot = BuildPlot(model);
            plot.SavePng(path, width, height);
        }

        /// <summary>The ScottPlot figure itself (exposed so tests can inspect what will be drawn).</summary>
        public static Plot BuildPlot(ChartModel model)
        {
            var plot = new Plot();
            plot.FigureBackground.Color = Color.FromHex("#181A20");
            plot.DataBackground.Color = Color.FromHex("#1E2229");
            plot.Axes.Color(Color.FromHex("#C8CCD4"));
            plot.Grid.MajorLineColor = Color.FromHex("#2C313A");
            plot.Title(model.Title);

            AddCandles(plot, model);
            foreach (var series in model.Series)
            {
                AddSeries(plot, model, series);
            }

            foreach (var level in model.Levels)
            {
                AddLevel(plot, level);
            }

            foreach (var label in model.Labels)
            {
                AddLabel(plot, model, label);
            }

            plot.Axes.DateTimeTicksBottom();
            plot.Legend.BackgroundColor = Color.FromHex("#1E2229");
            plot.Legend.FontColor = Color.FromHex("#C8CCD4");
            plot.Legend.OutlineColor = Color.FromHex("#3A404A");
            plot.ShowLegend(Alignment.UpperLeft);
            plot.Axes.AutoScale();
            return plot;
        }

        private static void AddCandles(Plot plot, ChartModel model)
        {
            var span = model.BarDuration;
            var ohlcs = new List<OHLC>(model.Candles.Count);
            foreach (var c in model.Candles)
            {
                ohlcs.Add(new OHLC(c.Open, c.High, c.Low, c.Close, c.Time, span));
            }

            var candles = plot.Add.Candlestick(ohlcs);
            candles.RisingColor = Color.FromHex("#26A69A");
            candles.FallingColor = Color.FromHex("#EF5350");
        }

        // One ScottPlot line per finite run, so NaN warm-up bars leave a gap instead of a drop to zero.
        private static void AddSeries(Plot plot, ChartModel model, ChartSeries series)
        {
            var count = Math.Min(series.Values.Count, model.Candles.Count);
            var xs = new List<double>();
            var ys = new List<double>();
            var first = true;
            for (var i = 0; i <= count; i++)
            {
                var finite = i < count && IsFinite(series.Values[i]);
                if (finite)
                {
                    xs.Add(model.Candles[i].Time.ToOADate());
                    ys.Add(series.Values[i]);
                    continue;
                }

                if (xs.Count > 0)
                {
                    var line = plot.Add.ScatterLine(xs.ToArray(), ys.ToArray());
                    line.Color = ToScott(series.Color);
                    line.LineWidth = 1.5f;
                    if (series.SecondaryAxis)
                    {
                        line.Axes.YAxis = plot.Axes.Right;
                        line.LinePattern = LinePattern.Dotted;
                    }

                    if (first)
                    {
                        line.LegendText = series.SecondaryAxis ? series.Name + " (right axis)" : series.Name;
                        first = false;
                    }

                    xs.Clear();
                    ys.Clear();
                }
            }
        }

        private static void AddLevel(Plot plot, ChartLevel level)
        {
            var line = plot.Add.HorizontalLine(level.Y);
            line.Color = ToScott(level.Color);
            line.LineWidth = Math.Max(1, level.Thickness);
            line.LinePattern = level.Dashed ? LinePattern.Dashed : LinePattern.Solid;
            // Named in the legend only: axis labels would cover the price scale.
            line.LegendText = FriendlyName(level.Name);
        }

        private static void AddLabel(Plot plot, ChartModel model, ChartLabel label)
        {
            double x;
            double y;
            if (label.Time.HasValue && label.Y.HasValue)
            {
                x = label.Time.Value.ToOADate();
                y = label.Y.Value;
            }
            else
            {
                // A static text has no bar or price: pin it above the first bar's high.
                x = model.Candles[0].Time.ToOADate();
                y = MaxHigh(model);
            }

            var text = plot.Add.Text(label.Text, x, y);
            text.LabelFontColor = ToScott(label.Color);
            text.LabelFontSize = 12;
            text.LabelBackgroundColor = Color.FromHex("#181A20").WithAlpha(200);
            text.LabelBorderColor = ToScott(label.Color);
            text.LabelPadding = 4;
            text.LabelAlignment = label.Time.HasValue ? Alignment.MiddleRight : Alignment.UpperLeft;
        }

        /// <summary>"PerpGuard.Liq.StopOut.12" → "Liq.StopOut.12": our prefix says nothing in a legend.</summary>
        internal static string FriendlyName(string name) =>
            name.StartsWith("PerpGuard.", StringComparison.Ordinal) ? name.Substring("PerpGuard.".Length) : name;

        private static double MaxHigh(ChartModel model)
        {
            var max = double.MinValue;
            foreach (var c in model.Candles)
            {
                max = Math.Max(max, c.High);
            }

            return max;
        }

        private static bool IsFinite(double v) => !double.IsNaN(v) && !double.IsInfinity(v);

        private static Color ToScott(ChartColor c) => new Color(c.R, c.G, c.B, c.A);
    }
}
