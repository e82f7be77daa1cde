using System;
using System.Collections.Generic;

namespace PerpGuard.Cli.Charts
{
    /// <summary>
    /// Everything one indicator picture shows, independent of cAlgo and of ScottPlot: the bars, the
    /// indicator's output series (one value per bar, NaN where it has none), and the chart objects it
    /// drew (horizontal lines and texts). Built from a headless run by <see cref="ChartModelBuilder"/>.
    /// </summary>
    public sealed class ChartModel
    {
        public ChartModel(string title)
        {
            Title = title;
        }

        public string Title { get; }

        public List<ChartCandle> Candles { get; } = new List<ChartCandle>();

        public List<ChartSeries> Series { get; } = new List<ChartSeries>();

        public List<ChartLevel> Levels { get; } = new List<ChartLevel>();

        public List<ChartLabel> Labels { get; } = new List<ChartLabel>();

        /// <summary>One bar's duration (for candle widths); taken from the first two bars when unset.</summary>
        public TimeSpan BarDuration
        {
            get
            {
                if (_barDuration.HasValue)
                {
                    return _barDuration.Value;
                }

                return Candles.Count >= 2 ? Candles[1].Time - Candles[0].Time : TimeSpan.FromMinutes(1);
            }
            set => _barDuration = value;
        }

        private TimeSpan? _barDuration;
    }

    /// <summary>One OHLC bar (open time in UTC).</summary>
    public readonly struct ChartCandle
    {
        public ChartCandle(DateTime time, double open, double high, double low, double close)
        {
            Time = time;
            Open = open;
            High = high;
            Low = low;
            Close = close;
        }

        public DateTime Time { get; }
        public double Open { get; }
        public double High { get; }
        public double Low { get; }
        public double Close { get; }
    }

    /// <summary>An output series aligned with <see cref="ChartModel.Candles"/> (same length).</summary>
    public sealed class ChartSeries
    {
        public ChartSeries(string name, ChartColor color, IReadOnlyList<double> values)
        {
            Name = name;
            Color = color;
            Values = values;
        }

        public string Name { get; }
        public ChartColor Color { get; }
        public IReadOnlyList<double> Values { get; }

        /// <summary>Drawn against the right axis: values on another scale than price (an ATR).</summary>
        public bool SecondaryAxis { get; set; }
    }

    /// <summary>A horizontal line the indicator drew (Chart.DrawHorizontalLine).</summary>
    public sealed class ChartLevel
    {
        public ChartLevel(string name, double y, ChartColor color, int thickness, bool dashed)
        {
            Name = name;
            Y = y;
            Color = color;
            Thickness = thickness;
            Dashed = dashed;
        }

        public string Name { get; }
        public double Y { get; }
        public ChartColor Color { get; }
        public int Thickness { get; }
        public bool Dashed { get; }
    }

    /// <summary>A text the indicator drew at a bar time and price (Chart.DrawText / DrawStaticText).</summary>
    public sealed class ChartLabel
    {
        public ChartLabel(string name, string text, DateTime? time, double? y, ChartColor color)
        {
            Name = name;
            Text = text;
            Time = time;
            Y = y;
            Color = color;
        }

        public string Name { get; }
        public string Text { get; }

        /// <summary>Null for a static text (drawn in the top-left corner).</summary>
        public DateTime? Time { get; }

        public double? Y { get; }
        public ChartColor Color { get; }
    }

    /// <summary>An ARGB colour, free of both cAlgo's and ScottPlot's colour types.</summary>
    public readonly struct ChartColor
    {
        public ChartColor(byte a, byte r, byte g, byte b)
        {
            A = a;
            R = r;
            G = g;
            B = b;
        }

        public byte A { get; }
        public byte R { get; }
        public byte G { get; }
        public byte B { get; }

        public static ChartColor FromArgb(int argb) =>
            new ChartColor((byte)((argb >> 24) & 0xFF), (byte)((argb >> 16) & 0xFF), (byte)((argb >> 8) & 0xFF), (byte)(argb & 0xFF));

        public static ChartColor Rgb(byte r, byte g, byte b) => new ChartColor(255, r, g, b);
    }
}
