using System;
using System.Collections;
using System.Collections.Generic;
using cAlgo.API;

namespace PerpGuard.Headless.Runtime
{
    /// <summary>cAlgo Bars over a <see cref="BarBuffer"/>, times shown in one time zone.</summary>
    public sealed class HeadlessBars : Bars
    {
        public HeadlessBars(BarBuffer buffer, TimeFrame timeFrame, string symbolName, ZoneClock clock)
        {
            Buffer = buffer;
            TimeFrame = timeFrame;
            SymbolName = symbolName;
            Clock = clock;
            OpenPrices = new BarPriceSeries(buffer, BarField.Open);
            HighPrices = new BarPriceSeries(buffer, BarField.High);
            LowPrices = new BarPriceSeries(buffer, BarField.Low);
            ClosePrices = new BarPriceSeries(buffer, BarField.Close);
            TickVolumes = new BarPriceSeries(buffer, BarField.TickVolume);
            AveragePrices = new BarPriceSeries(buffer, BarField.Average);
            MedianPrices = new BarPriceSeries(buffer, BarField.Median);
            TypicalPrices = new BarPriceSeries(buffer, BarField.Typical);
            WeightedPrices = new BarPriceSeries(buffer, BarField.Weighted);
            OpenTimes = new BarTimeSeries(buffer, clock);
        }

        private Action<BarsTickEventArgs>? _tick;

        public event Action<BarsTickEventArgs>? Tick
        {
            add
            {
                _tick += value;
                Signals?.Raise();
            }

            remove
            {
                _tick -= value;
                Signals?.Raise();
            }
        }

        public event Action<BarOpenedEventArgs>? BarOpened;

        public event Action<BarClosedEventArgs>? BarClosed;

        public BarBuffer Buffer { get; }

        /// <summary>Told when <see cref="Tick"/> gains or loses a subscriber (null outside an engine run).</summary>
        internal RunSignals? Signals { get; set; }

        public ZoneClock Clock { get; }

        public Bar this[int index] => (uint)index < (uint)Buffer.Count
            ? new Bar(Clock.ToZone(Buffer.OpenTimeUtcTicks[index]), Buffer.Open[index], Buffer.High[index], Buffer.Low[index], Buffer.Close[index], (long)Buffer.TickVolume[index])
            : default;

        public Bar LastBar => this[Buffer.Count - 1];

        public int Count => Buffer.Count;

        public TimeFrame TimeFrame { get; }

        public string SymbolName { get; }

        public DataSeries OpenPrices { get; }

        public DataSeries HighPrices { get; }

        public DataSeries LowPrices { get; }

        public DataSeries ClosePrices { get; }

        public DataSeries TickVolumes { get; }

        public DataSeries AveragePrices { get; }

        public DataSeries MedianPrices { get; }

        public DataSeries TypicalPrices { get; }

        public DataSeries WeightedPrices { get; }

        public TimeSeries OpenTimes { get; }

        public Bar Last(int index) => this[Buffer.Count - 1 - index];

        public IEnumerator<Bar> GetEnumerator()
        {
            for (var i = 0; i < Buffer.Count; i++)
            {
                yield return this[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        /// <summary>Raises BarClosed then BarOpened for a new bar; event args only when someone listens.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        internal void RaiseBarOpened()
        {
            if (Buffer.Count > 1)
            {
                BarClosed?.Invoke(new BarClosedEventArgs(this));
            }

            BarOpened?.Invoke(new BarOpenedEventArgs(this));
        }

        internal void RaiseTick(bool isBarOpened) => _tick?.Invoke(new BarsTickEventArgs(this, isBarOpened));

        internal bool HasTickListeners => _tick != null;
    }
}
