using System;
using cAlgo.API;
using cAlgo.API.Indicators;
using PerpGuard.Headless.Runtime;

namespace PerpGuard.Headless.BuiltInIndicators
{
    /// <summary>cTrader's Average True Range: MovingAverage(TrueRange, Periods, MAType); defaults 14, Simple.</summary>
    [Indicator(IsOverlay = false, AccessRights = AccessRights.None)]
    public sealed class AverageTrueRangeIndicator : Indicator, AverageTrueRange, IWindowIndicator
    {
        private MovingAverage? _movingAverage;

        // Simple (the default, and what the cBots use): the mean of the true ranges computed here, without a
        // nested TrueRange and SimpleMovingAverage (two more series and two more lazy runners per read). Closed
        // bars' true ranges never change, so they are kept in a ring of Periods slots; the window is summed in
        // the same order as the SMA does, so the values are bit-identical to MovingAverage(TrueRange, n, Simple).
        private DataSeries _high = null!;
        private DataSeries _low = null!;
        private DataSeries _close = null!;
        private BarBuffer? _buffer;
        // The ring keeps each closed true range twice (slots s and s + Periods), so any Periods − 1 consecutive
        // closed bars lie side by side and the window is summed without a division per term.
        private double[]? _ring;
        private int _newestClosed = int.MinValue;
        private int _newestSlot;
        private int _cachedIndex = int.MinValue;
        private double _closedSum;

        [Parameter(DefaultValue = 14, MinValue = 1)]
        public int Periods { get; set; }

        [Parameter("MA Type", DefaultValue = MovingAverageType.Simple)]
        public MovingAverageType MAType { get; set; }

        [Output("Main")]
        public IndicatorDataSeries Result { get; set; } = null!;

        protected override void Initialize()
        {
            if (MAType == MovingAverageType.Simple)
            {
                _high = Bars.HighPrices;
                _low = Bars.LowPrices;
                _close = Bars.ClosePrices;
                var high = _high as BarPriceSeries;
                var low = _low as BarPriceSeries;
                var closes = _close as BarPriceSeries;
                _buffer = high != null && low != null && closes != null && high.Buffer == low.Buffer && low.Buffer == closes.Buffer
                    ? closes.Buffer
                    : null;
                _ring = new double[2 * Periods];
                return;
            }

            var trueRange = Indicators.TrueRange(Bars);
            _movingAverage = Indicators.MovingAverage(trueRange.Result, Periods, MAType);
        }

        public override void Calculate(int index)
        {
            if (_movingAverage is not null)
            {
                Result[index] = _movingAverage.Result[index];
                return;
            }

            if (index != _cachedIndex)
            {
                _closedSum = ClosedSum(index);
                _cachedIndex = index;
            }

            Result[index] = (_closedSum + TrueRange(index)) / Periods;
        }

        /// <summary>
        /// Σ TR[index − Periods + 1 … index − 1], oldest first (the SMA's order, so the result is bit-identical):
        /// every bar before index is closed and its true range final.
        /// </summary>
        private double ClosedSum(int index)
        {
            var periods = Periods;
            var first = index - periods + 1;
            if (first < 0)
            {
                // The window reaches before the first bar: NaN, as MovingAverage(TrueRange) gives there.
                return double.NaN;
            }

            if (periods == 1)
            {
                return 0.0;
            }

            // Bring the ring up to index − 1: one new bar per call in a run; a jump (first read after a gap longer
            // than the window, or a read of an older index) refills the window.
            var ring = _ring!;
            var from = _newestClosed >= first - 1 && _newestClosed < index ? _newestClosed + 1 : first;
            if (from == first)
            {
                _newestSlot = (first + periods - 1) % periods;
            }

            var slot = _newestSlot;
            for (var i = from; i < index; i++)
            {
                slot = slot + 1 == periods ? 0 : slot + 1;
                var tr = TrueRange(i);
                ring[slot] = tr;
                ring[slot + periods] = tr;
            }

            _newestSlot = slot;
            _newestClosed = index - 1;

            // The oldest of the window's Periods − 1 bars sits two slots after the newest (mod Periods).
            var start = slot + 2;
            if (start >= periods)
            {
                start -= periods;
            }

            var closed = 0.0;
            for (var k = 0; k < periods - 1; k++)
            {
                closed += ring[start + k];
            }

            return closed;
        }

        // cTrader's TR[i] = max(High[i], Close[i-1]) − min(Low[i], Close[i-1]); NaN at i = 0 (no previous close).
        private double TrueRange(int i)
        {
            var buffer = _buffer;
            if (buffer != null && i > 0 && i < buffer.Count)
            {
                // The chart's own bars: read the buffer's arrays directly instead of three interface calls.
                var close = buffer.Close[i - 1];
                return Math.Max(buffer.High[i], close) - Math.Min(buffer.Low[i], close);
            }

            var previousClose = _close[i - 1];
            return Math.Max(_high[i], previousClose) - Math.Min(_low[i], previousClose);
        }
    }
}
