using System;
using System.Collections;
using System.Collections.Generic;
using cAlgo.API;

namespace PerpGuard.Headless.Runtime
{
    /// <summary>Which price a bar series exposes.</summary>
    public enum BarField
    {
        Open,
        High,
        Low,
        Close,
        TickVolume,
        Average,
        Median,
        Typical,
        Weighted,
    }

    /// <summary>A DataSeries view over a <see cref="BarBuffer"/>: no copy, Count moves with the buffer.</summary>
    public sealed class BarPriceSeries : DataSeries
    {
        private readonly BarBuffer _buffer;
        private readonly BarField _field;

        public BarPriceSeries(BarBuffer buffer, BarField field)
        {
            _buffer = buffer;
            _field = field;
        }

        internal BarBuffer Buffer => _buffer;

        public double this[int index]
        {
            get
            {
                if ((uint)index >= (uint)_buffer.Count)
                {
                    return double.NaN;
                }

                switch (_field)
                {
                    case BarField.Open: return _buffer.Open[index];
                    case BarField.High: return _buffer.High[index];
                    case BarField.Low: return _buffer.Low[index];
                    case BarField.Close: return _buffer.Close[index];
                    case BarField.TickVolume: return _buffer.TickVolume[index];
                    case BarField.Average: return (_buffer.Open[index] + _buffer.High[index] + _buffer.Low[index] + _buffer.Close[index]) / 4.0;
                    case BarField.Median: return (_buffer.High[index] + _buffer.Low[index]) / 2.0;
                    case BarField.Typical: return (_buffer.High[index] + _buffer.Low[index] + _buffer.Close[index]) / 3.0;
                    default: return (_buffer.High[index] + _buffer.Low[index] + (2.0 * _buffer.Close[index])) / 4.0;
                }
            }
        }

        public double LastValue => this[_buffer.Count - 1];

        public int Count => _buffer.Count;

        public double Last(int index) => this[_buffer.Count - 1 - index];

        public IEnumerator<double> GetEnumerator()
        {
            for (var i = 0; i < _buffer.Count; i++)
            {
                yield return this[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>Bar open times in the algo's time zone.</summary>
    public sealed class BarTimeSeries : TimeSeries
    {
        private readonly BarBuffer _buffer;
        private readonly ZoneClock _clock;

        public BarTimeSeries(BarBuffer buffer, ZoneClock clock)
        {
            _buffer = buffer;
            _clock = clock;
        }

        public DateTime this[int index] =>
            (uint)index < (uint)_buffer.Count ? _clock.ToZone(_buffer.OpenTimeUtcTicks[index]) : DateTime.MinValue;

        public DateTime LastValue => this[_buffer.Count - 1];

        public int Count => _buffer.Count;

        public DateTime Last(int index) => this[_buffer.Count - 1 - index];

        public int GetIndexByExactTime(DateTime dateTime)
        {
            var i = Array.BinarySearch(_buffer.OpenTimeUtcTicks, 0, _buffer.Count, _clock.ToUtcTicks(dateTime));
            return i >= 0 ? i : -1;
        }

        /// <summary>Index of the bar containing the time (the last bar opened at or before it), -1 before the first.</summary>
        public int GetIndexByTime(DateTime dateTime)
        {
            var i = Array.BinarySearch(_buffer.OpenTimeUtcTicks, 0, _buffer.Count, _clock.ToUtcTicks(dateTime));
            return i >= 0 ? i : (~i) - 1;
        }

        public IEnumerator<DateTime> GetEnumerator()
        {
            for (var i = 0; i < _buffer.Count; i++)
            {
                yield return this[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>
    /// An output series: values stored in a growable array, NaN where never written; Count follows the bars it
    /// belongs to. When owned by a lazily calculated indicator, reading it first brings that indicator up to date.
    /// </summary>
    public sealed class HeadlessIndicatorDataSeries : IndicatorDataSeries
    {
        private readonly BarBuffer _clock;
        private double[] _values;

        // Slots below this hold a written value or NaN; slots from here on were never written and read as NaN.
        // Filling NaN as writes advance (instead of the whole run's capacity up front) keeps that work out of
        // OnStart, where algos create their indicators inside the simulation loop.
        private int _filled;

        public HeadlessIndicatorDataSeries(BarBuffer clock, int capacity)
        {
            _clock = clock;
            _values = new double[Math.Max(capacity, 16)];
        }

        internal BarBuffer Clock => _clock;

        /// <summary>Fills the whole capacity with NaN now (set-up), instead of as writes advance.</summary>
        internal void Commit()
        {
            Array.Fill(_values, double.NaN, _filled, _values.Length - _filled);
            _filled = _values.Length;
        }

        /// <summary>The indicator that writes this series (null for CreateDataSeries series).</summary>
        internal IndicatorRunner? Owner { get; set; }

        public double this[int index]
        {
            get
            {
                Owner?.EnsureCalculated(index);
                return (uint)index < (uint)_filled ? _values[index] : double.NaN;
            }

            set
            {
                if (index < 0)
                {
                    return;
                }

                if (index >= _values.Length)
                {
                    Grow(index + 1);
                }

                if (index >= _filled)
                {
                    if (index > _filled)
                    {
                        Array.Fill(_values, double.NaN, _filled, index - _filled);
                    }

                    _filled = index + 1;
                }

                _values[index] = value;
            }
        }

        public double LastValue => this[_clock.Count - 1];

        public int Count => _clock.Count;

        public double Last(int index) => this[_clock.Count - 1 - index];

        /// <summary>Reads without triggering a calculation (used by the indicator itself while calculating).</summary>
        internal double Raw(int index) => (uint)index < (uint)_filled ? _values[index] : double.NaN;

        public IEnumerator<double> GetEnumerator()
        {
            var n = _clock.Count;
            for (var i = 0; i < n; i++)
            {
                yield return this[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private void Grow(int needed)
        {
            var n = Math.Max(needed, _values.Length * 2);
            Array.Resize(ref _values, n);
        }
    }
}
