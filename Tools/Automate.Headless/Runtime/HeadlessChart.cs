using System;
using System.Collections;
using System.Collections.Generic;
using cAlgo.API;
using cAlgo.API.Collections;
using cAlgo.API.Internals;

namespace PerpGuard.Headless.Runtime
{
    /// <summary>A read-only list over a List (IReadonlyList of cAlgo.API.Collections).</summary>
    public sealed class ReadonlyListView<T> : IReadonlyList<T>
    {
        private readonly IList<T> _items;

        public ReadonlyListView(IList<T> items)
        {
            _items = items;
        }

        public int Count => _items.Count;

        public T this[int index] => _items[index];

        public IEnumerator<T> GetEnumerator() => _items.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>
    /// A chart area that records what is drawn, so tests and the CLI can read it back. Drawing with an existing
    /// name updates that object (cTrader's behaviour). <see cref="DrawLog"/> records each object's creation and
    /// removal, not its updates: an indicator redraws its lines on every tick, and a log of every call would
    /// grow without bound over a long backtest and allocate on the hot path.
    /// </summary>
    public class HeadlessChartArea : ChartArea
    {
        private readonly List<ChartObject> _objects = new List<ChartObject>();
        private readonly List<string> _drawLog = new List<string>();

        public HeadlessChartArea()
        {
            Objects = new ReadonlyListView<ChartObject>(_objects);
        }

        public bool IsAlive => true;

        public IReadonlyList<ChartObject> Objects { get; }

        /// <summary>Objects created and removed, in order ("draw HorizontalLine name", "remove name").</summary>
        public IReadOnlyList<string> DrawLog => _drawLog;

        /// <summary>Every Draw* call, updates included.</summary>
        public long DrawCalls { get; private set; }

        /// <summary>Bar open times for bar-index overloads (set by the host).</summary>
        public TimeSeries? Times { get; set; }

        public T[] FindAllObjects<T>()
        {
            var found = new List<T>();
            foreach (var o in _objects)
            {
                if (o is T t)
                {
                    found.Add(t);
                }
            }

            return found.ToArray();
        }

        public ChartObject[] FindAllObjects(ChartObjectType objectType) => _objects.FindAll(o => o.ObjectType == objectType).ToArray();

        public ChartObject FindObject(string objectName)
        {
            var i = IndexOf(objectName);
            return i >= 0 ? _objects[i] : null!;
        }

        public void RemoveObject(string objectName)
        {
            var i = IndexOf(objectName);
            if (i >= 0)
            {
                ((RecordedChartObject)_objects[i]).IsAlive = false;
                _objects.RemoveAt(i);
                _drawLog.Add("remove " + objectName);
            }
        }

        public void RemoveAllObjects()
        {
            foreach (var o in _objects)
            {
                ((RecordedChartObject)o).IsAlive = false;
            }

            _objects.Clear();
            _drawLog.Add("remove *");
        }

        public ChartHorizontalLine DrawHorizontalLine(string name, double y, Color color) => DrawHorizontalLine(name, y, color, 1, LineStyle.Solid);

        public ChartHorizontalLine DrawHorizontalLine(string name, double y, Color color, int thickness) => DrawHorizontalLine(name, y, color, thickness, LineStyle.Solid);

        public ChartHorizontalLine DrawHorizontalLine(string name, double y, Color color, int thickness, LineStyle lineStyle)
        {
            var line = Upsert(name, static n => new RecordedHorizontalLine(n));
            line.Y = y;
            line.Color = color;
            line.Thickness = thickness;
            line.LineStyle = lineStyle;
            return line;
        }

        public ChartVerticalLine DrawVerticalLine(string name, DateTime time, Color color) => DrawVerticalLine(name, time, color, 1, LineStyle.Solid);

        public ChartVerticalLine DrawVerticalLine(string name, DateTime time, Color color, int thickness) => DrawVerticalLine(name, time, color, thickness, LineStyle.Solid);

        public ChartVerticalLine DrawVerticalLine(string name, DateTime time, Color color, int thickness, LineStyle lineStyle)
        {
            var line = Upsert(name, static n => new RecordedVerticalLine(n));
            line.Time = time;
            line.Color = color;
            line.Thickness = thickness;
            line.LineStyle = lineStyle;
            return line;
        }

        public ChartVerticalLine DrawVerticalLine(string name, int barIndex, Color color) => DrawVerticalLine(name, TimeOf(barIndex), color);

        public ChartVerticalLine DrawVerticalLine(string name, int barIndex, Color color, int thickness) => DrawVerticalLine(name, TimeOf(barIndex), color, thickness);

        public ChartVerticalLine DrawVerticalLine(string name, int barIndex, Color color, int thickness, LineStyle lineStyle) =>
            DrawVerticalLine(name, TimeOf(barIndex), color, thickness, lineStyle);

        public ChartTrendLine DrawTrendLine(string name, DateTime time1, double y1, DateTime time2, double y2, Color color) =>
            DrawTrendLine(name, time1, y1, time2, y2, color, 1, LineStyle.Solid);

        public ChartTrendLine DrawTrendLine(string name, DateTime time1, double y1, DateTime time2, double y2, Color color, int thickness) =>
            DrawTrendLine(name, time1, y1, time2, y2, color, thickness, LineStyle.Solid);

        public ChartTrendLine DrawTrendLine(string name, DateTime time1, double y1, DateTime time2, double y2, Color color, int thickness, LineStyle lineStyle)
        {
            var line = Upsert(name, static n => new RecordedTrendLine(n));
            line.Time1 = time1;
            line.Y1 = y1;
            line.Time2 = time2;
            line.Y2 = y2;
            line.Color = color;
            line.Thickness = thickness;
            line.LineStyle = lineStyle;
            return line;
        }

        public ChartTrendLine DrawTrendLine(string name, int barIndex1, double y1, int barIndex2, double y2, Color color) =>
            DrawTrendLine(name, TimeOf(barIndex1), y1, TimeOf(barIndex2), y2, color);

        public ChartTrendLine DrawTrendLine(string name, int barIndex1, double y1, int barIndex2, double y2, Color color, int thickness) =>
            DrawTrendLine(name, TimeOf(barIndex1), y1, TimeOf(barIndex2), y2, color, thickness);

        public ChartTrendLine DrawTrendLine(string name, int barIndex1, double y1, int barIndex2, double y2, Color color, int thickness, LineStyle lineStyle) =>
            DrawTrendLine(name, TimeOf(barIndex1), y1, TimeOf(barIndex2), y2, color, thickness, lineStyle);

        public ChartText DrawText(string name, string text, DateTime time, double y, Color color)
        {
            var t = Upsert(name, static n => new RecordedText(n));
            t.Text = text;
            t.Time = time;
            t.Y = y;
            t.Color = color;
            return t;
        }

        public ChartText DrawText(string name, string text, int barIndex, double y, Color color) => DrawText(name, text, TimeOf(barIndex), y, color);

        public ChartStaticText DrawStaticText(string name, string text, VerticalAlignment verticalAlignment, HorizontalAlignment horizontalAlignment, Color color)
        {
            var t = Upsert(name, static n => new RecordedStaticText(n));
            t.Text = text;
            t.VerticalAlignment = verticalAlignment;
            t.HorizontalAlignment = horizontalAlignment;
            t.Color = color;
            return t;
        }

        private DateTime TimeOf(int barIndex) => Times != null ? Times[barIndex] : DateTime.MinValue;

        // Linear search without a closure: a chart holds a handful of objects and this runs on every tick.
        private int IndexOf(string name)
        {
            for (var i = 0; i < _objects.Count; i++)
            {
                if (string.Equals(_objects[i].Name, name, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }

        private T Upsert<T>(string name, Func<string, T> create)
            where T : RecordedChartObject
        {
            DrawCalls++;
            var i = IndexOf(name);
            if (i >= 0 && _objects[i] is T same)
            {
                return same;
            }

            if (i >= 0)
            {
                ((RecordedChartObject)_objects[i]).IsAlive = false;
                _objects.RemoveAt(i);
            }

            var obj = create(name);
            _objects.Add(obj);
            _drawLog.Add("draw " + obj.ObjectType + " " + name);
            return obj;
        }
    }

    /// <summary>The main chart: a chart area plus the chart's bars and symbol.</summary>
    public sealed class HeadlessChart : HeadlessChartArea, Chart, IndicatorArea
    {
        private readonly List<IndicatorArea> _areas = new List<IndicatorArea>();

        public HeadlessChart()
        {
            IndicatorAreas = new ReadonlyListView<IndicatorArea>(_areas);
        }

        public IReadonlyList<IndicatorArea> IndicatorAreas { get; }

        public Bars Bars { get; set; } = null!;

        public TimeFrame TimeFrame => Bars.TimeFrame;

        public Symbol Symbol { get; set; } = null!;

        public string SymbolName => Bars.SymbolName;

        /// <summary>Indicators drawing on the main chart get it as their IndicatorArea.</summary>
        public IndicatorArea MainArea => this;
    }

    public abstract class RecordedChartObject : ChartObject
    {
        protected RecordedChartObject(string name, ChartObjectType type)
        {
            Name = name;
            ObjectType = type;
        }

        public string Name { get; }
        public string Comment { get; set; } = string.Empty;
        public ChartObjectType ObjectType { get; }
        public bool IsInteractive { get; set; }
        public bool IsLocked { get; set; }
        public bool IsHidden { get; set; }
        public int ZIndex { get; set; }
        public bool IsAlive { get; internal set; } = true;
    }

    public sealed class RecordedHorizontalLine : RecordedChartObject, ChartHorizontalLine
    {
        internal RecordedHorizontalLine(string name)
            : base(name, ChartObjectType.HorizontalLine)
        {
        }

        public double Y { get; set; }
        public int Thickness { get; set; }
        public Color Color { get; set; } = Color.Empty;
        public LineStyle LineStyle { get; set; }
    }

    public sealed class RecordedVerticalLine : RecordedChartObject, ChartVerticalLine
    {
        internal RecordedVerticalLine(string name)
            : base(name, ChartObjectType.VerticalLine)
        {
        }

        public DateTime Time { get; set; }
        public Color Color { get; set; } = Color.Empty;
        public int Thickness { get; set; }
        public LineStyle LineStyle { get; set; }
    }

    public sealed class RecordedTrendLine : RecordedChartObject, ChartTrendLine
    {
        internal RecordedTrendLine(string name)
            : base(name, ChartObjectType.TrendLine)
        {
        }

        public DateTime Time1 { get; set; }
        public DateTime Time2 { get; set; }
        public double Y1 { get; set; }
        public double Y2 { get; set; }
        public Color Color { get; set; } = Color.Empty;
        public int Thickness { get; set; }
        public LineStyle LineStyle { get; set; }
        public bool ShowAngle { get; set; }
        public bool ExtendToInfinity { get; set; }

        public double CalculateY(int barIndex) => throw new NotSupportedException("Headless charts have no bar-index geometry; use CalculateY(DateTime).");

        public double CalculateY(DateTime time)
        {
            var span = (Time2 - Time1).Ticks;
            return span == 0 ? Y1 : Y1 + ((Y2 - Y1) * (time - Time1).Ticks / span);
        }
    }

    public sealed class RecordedText : RecordedChartObject, ChartText
    {
        internal RecordedText(string name)
            : base(name, ChartObjectType.Text)
        {
        }

        public DateTime Time { get; set; }
        public double Y { get; set; }
        public Color Color { get; set; } = Color.Empty;
        public string Text { get; set; } = string.Empty;
        public double FontSize { get; set; } = 12;
        public bool IsBold { get; set; }
        public bool IsItalic { get; set; }
        public bool IsUnderlined { get; set; }
        public VerticalAlignment VerticalAlignment { get; set; }
        public HorizontalAlignment HorizontalAlignment { get; set; }
    }

    public sealed class RecordedStaticText : RecordedChartObject, ChartStaticText
    {
        internal RecordedStaticText(string name)
            : base(name, ChartObjectType.StaticText)
        {
        }

        public Color Color { get; set; } = Color.Empty;
        public string Text { get; set; } = string.Empty;
        public VerticalAlignment VerticalAlignment { get; set; }
        public HorizontalAlignment HorizontalAlignment { get; set; }
    }
}
