using System;
using System.Collections.Generic;
using System.Globalization;
using cAlgo.API;
using PerpGuard.Headless.Backtesting;
using PerpGuard.MarketData;

namespace PerpGuard.Cli.Charts
{
    /// <summary>
    /// Turns a headless indicator run into a <see cref="ChartModel"/>: the last <c>lastBars</c> bars,
    /// each output series (colour from its [Output] LineColor, "Transparent" outputs on the right axis),
    /// and the horizontal lines and texts the indicator left on the recorded chart.
    /// </summary>
    public static class ChartModelBuilder
    {
        private static readonly ChartColor[] Palette =
        {
            ChartColor.Rgb(0xFF, 0xA7, 0x26), ChartColor.Rgb(0xEF, 0x53, 0x50), ChartColor.Rgb(0x26, 0xA6, 0x9A),
            ChartColor.Rgb(0x42, 0xA5, 0xF5), ChartColor.Rgb(0xAB, 0x47, 0xBC),
        };

        public static ChartModel FromRun(string title, MarketBar[] bars, BacktestResult result, int lastBars = 240)
        {
            if (bars is null || bars.Length == 0)
            {
                throw new ArgumentException("No bars to draw.", nameof(bars));
            }

            var count = Math.Min(bars.Length, Math.Max(2, lastBars));
            var first = bars.Length - count;
            var model = new ChartModel(title);
            for (var i = first; i < bars.Length; i++)
            {
                var b = bars[i];
                model.Candles.Add(new ChartCandle(b.OpenTimeUtc, b.Open, b.High, b.Low, b.Close));
            }

            var palette = 0;
            foreach (var run in result.Indicators)
            {
                run.Runner.EnsureCalculated();
                foreach (var (name, property, series) in run.Outputs)
                {
                    var attribute = OutputAttributeOf(run.Indicator.GetType(), property);
                    var hidden = attribute?.LineColor != null && attribute.LineColor.Equals("Transparent", StringComparison.OrdinalIgnoreCase);
                    // A transparent output (cTrader hides it on the price scale) still gets a visible colour here.
                    var color = (hidden ? null : ParseColor(attribute?.LineColor)) ?? Palette[palette++ % Palette.Length];

                    var values = new double[count];
                    for (var i = 0; i < count; i++)
                    {
                        values[i] = series[first + i];
                    }

                    model.Series.Add(new ChartSeries(name, color, values) { SecondaryAxis = hidden });
                }
            }

            foreach (var o in result.Chart.Objects)
            {
                switch (o)
                {
                    case ChartHorizontalLine line:
                        model.Levels.Add(new ChartLevel(o.Name, line.Y, FromApi(line.Color), line.Thickness, line.LineStyle != LineStyle.Solid));
                        break;
                    case ChartText text:
                        model.Labels.Add(new ChartLabel(o.Name, text.Text, text.Time, text.Y, FromApi(text.Color)));
                        break;
                    case ChartStaticText staticText:
                        model.Labels.Add(new ChartLabel(o.Name, staticText.Text, null, null, FromApi(staticText.Color)));
                        break;
                }
            }

            return model;
        }

        private static OutputAttribute? OutputAttributeOf(Type type, string property)
        {
            var p = type.GetProperty(property);
            return p == null ? null : (OutputAttribute?)Attribute.GetCustomAttribute(p, typeof(OutputAttribute));
        }

        internal static ChartColor FromApi(Color? color) =>
            color is null ? ChartColor.Rgb(200, 200, 200) : new ChartColor(color.A == 0 ? (byte)255 : color.A, color.R, color.G, color.B);

        /// <summary>"#AARRGGBB", "#RRGGBB" or a named colour (via cAlgo's Color.FromName).</summary>
        internal static ChartColor? ParseColor(string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            var s = text.Trim();
            if (s.StartsWith("#", StringComparison.Ordinal))
            {
                var hex = s.Substring(1);
                if (hex.Length == 6)
                {
                    hex = "FF" + hex;
                }

                if (hex.Length == 8 && uint.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var argb))
                {
                    return ChartColor.FromArgb(unchecked((int)argb));
                }

                return null;
            }

            var named = Color.FromName(s);
            return named is null || named.A == 0 ? (ChartColor?)null : FromApi(named);
        }
    }
}
