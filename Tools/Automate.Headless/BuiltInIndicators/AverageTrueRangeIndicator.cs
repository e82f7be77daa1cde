using System;
using cAlgo.API;
using cAlgo.API.Indicators;

namespace PerpGuard.Headless.BuiltInIndicators
{
    /// <summary>cTrader's Average True Range: MovingAverage(TrueRange, Periods, MAType); defaults 14, Simple.</summary>
    [Indicator(IsOverlay = false, AccessRights = AccessRights.None)]
    public sealed class AverageTrueRangeIndicator : Indicator, AverageTrueRange
    {
        private MovingAverage? _movingAverage;

        // Simple (the default, and what the cBots use): the mean of the true ranges computed here, without a
        // nested TrueRange and SimpleMovingAverage (two more series and two more lazy runners per read). Closed
        // bars' true ranges never change, so they are kept in a ring of Periods slots; the window is summed in
        // the same order as the SMA does, so the values are bit-identical to MovingAverage(TrueRange, n, Simple).
        private DataSeries _high = null!;
        private DataSeries _low = null!;
        private DataSeries _close = null!;
        private double[]? _ring;
        private int[]? _ringIndex;
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
                _ring = new double[Periods];
                _ringIndex = new int[Periods];
                Array.Fill(_ringIndex, int.MinValue);
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
                // The closed part of the window: every bar before index is closed, its true range final.
                var closed = 0.0;
                for (var i = index - Periods + 1; i < index; i++)
                {
                    closed += ClosedTrueRange(i);
                }

                _closedSum = closed;
                _cachedIndex = index;
            }

            Result[index] = (_closedSum + TrueRange(index)) / Periods;
        }

        private double ClosedTrueRange(int i)
        {
            if (i < 0)
            {
                return double.NaN;
            }

            var slot = i % Periods;
            if (_ringIndex![slot] != i)
            {
                _ring![slot] = TrueRange(i);
                _ringIndex[slot] = i;
            }

            return _ring![slot];
        }

        // cTrader's TR[i] = max(High[i], Close[i-1]) − min(Low[i], Close[i-1]); NaN at i = 0 (no previous close).
        private double TrueRange(int i)
        {
            var previousClose = _close[i - 1];
            return Math.Max(_high[i], previousClose) - Math.Min(_low[i], previousClose);
        }
    }
}
