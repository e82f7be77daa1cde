using System;
using cAlgo.API;
using cAlgo.API.Indicators;
using PerpGuard.Headless.Runtime;

namespace PerpGuard.Headless.BuiltInIndicators
{
    /// <summary>Indicators.MovingAverage(source, periods, maType): one built-in per MovingAverageType.</summary>
    public static class MovingAverages
    {
        public static MovingAverage Create(AlgoEnvironment env, HeadlessBars clock, DataSeries source, int periods, MovingAverageType maType)
        {
            var args = new object[] { source, periods };
            switch (maType)
            {
                case MovingAverageType.Simple:
                    return env.CreateIndicator<SimpleMovingAverageIndicator>(clock, args);
                case MovingAverageType.Exponential:
                    return env.CreateIndicator<ExponentialMovingAverageIndicator>(clock, args);
                case MovingAverageType.WilderSmoothing:
                    return env.CreateIndicator<WellesWilderSmoothingIndicator>(clock, args);
                case MovingAverageType.Weighted:
                    return env.CreateIndicator<WeightedMovingAverageIndicator>(clock, args);
                case MovingAverageType.Triangular:
                    return env.CreateIndicator<TriangularMovingAverageIndicator>(clock, args);
                case MovingAverageType.TimeSeries:
                    return env.CreateIndicator<TimeSeriesMovingAverageIndicator>(clock, args);
                case MovingAverageType.Hull:
                    return env.CreateIndicator<HullMovingAverageIndicator>(clock, args);
                case MovingAverageType.DoubleExponential:
                    return env.CreateIndicator<DoubleExponentialMovingAverageIndicator>(clock, args);
                case MovingAverageType.TripleExponential:
                    return env.CreateIndicator<TripleExponentialMovingAverageIndicator>(clock, args);
                case MovingAverageType.VIDYA:
                    return env.CreateIndicator<VidyaIndicator>(clock, args);
                case MovingAverageType.KaufmanAdaptive:
                    return env.CreateIndicator<KaufmanAdaptiveMovingAverageIndicator>(clock, args);
                default:
                    throw new NotSupportedException("MovingAverageType." + maType + " is not implemented in the headless runtime yet.");
            }
        }
    }

    /// <summary>cTrader's Simple Moving Average: the mean of the last Periods values (NaN until they exist).</summary>
    [Indicator(IsOverlay = true, AccessRights = AccessRights.None)]
    public sealed class SimpleMovingAverageIndicator : Indicator, SimpleMovingAverage, IPureIndicator
    {
        // The forming bar is recalculated on every quote; over bar prices the closed part of its window does
        // not change. Cache that part's sum per index, so a recalculation of the same index is one addition
        // (bit-identical to summing the window: same values, same order). Any other source (a series a robot
        // writes, another indicator's output) may revise earlier values, so it is summed in full each time.
        private int _cachedIndex = int.MinValue;
        private double _closedSum;
        private bool _closedValuesFixed;

        [Parameter]
        public DataSeries Source { get; set; } = null!;

        [Parameter(DefaultValue = 14, MinValue = 1)]
        public int Periods { get; set; }

        [Output("Main")]
        public IndicatorDataSeries Result { get; set; } = null!;

        protected override void Initialize()
        {
            _closedValuesFixed = Source is PerpGuard.Headless.Runtime.BarPriceSeries;
        }

        public override void Calculate(int index)
        {
            if (index != _cachedIndex || !_closedValuesFixed)
            {
                var closed = 0.0;
                for (var i = index - Periods + 1; i < index; i++)
                {
                    closed += Source[i];
                }

                _closedSum = closed;
                _cachedIndex = index;
            }

            Result[index] = (_closedSum + Source[index]) / Periods;
        }
    }

    /// <summary>cTrader's Exponential Moving Average: α = 2/(n+1); seeded with the source where the previous output is NaN.</summary>
    [Indicator(IsOverlay = true, AccessRights = AccessRights.None)]
    public sealed class ExponentialMovingAverageIndicator : Indicator, ExponentialMovingAverage, IPureIndicator
    {
        private double _exp;
        private HeadlessIndicatorDataSeries? _own;

        [Parameter]
        public DataSeries Source { get; set; } = null!;

        [Parameter(DefaultValue = 14, MinValue = 1)]
        public int Periods { get; set; }

        [Output("Main")]
        public IndicatorDataSeries Result { get; set; } = null!;

        protected override void Initialize()
        {
            _exp = 2.0 / (Periods + 1);
            _own = Result as HeadlessIndicatorDataSeries;
        }

        public override void Calculate(int index)
        {
            // Its own previous value, read without the output's "bring me up to date" check (this is that update).
            var previous = _own != null ? _own.Raw(index - 1) : Result[index - 1];
            Result[index] = double.IsNaN(previous) ? Source[index] : (Source[index] * _exp) + (previous * (1 - _exp));
        }
    }

    /// <summary>cTrader's Welles Wilder Smoothing: out = prev + (src − prev)/n; seeded like the EMA.</summary>
    [Indicator(IsOverlay = true, AccessRights = AccessRights.None)]
    public sealed class WellesWilderSmoothingIndicator : Indicator, WellesWilderSmoothing, IPureIndicator
    {
        [Parameter]
        public DataSeries Source { get; set; } = null!;

        [Parameter(DefaultValue = 14, MinValue = 1)]
        public int Periods { get; set; }

        [Output("Main")]
        public IndicatorDataSeries Result { get; set; } = null!;

        public override void Calculate(int index)
        {
            var previous = Result[index - 1];
            Result[index] = double.IsNaN(previous) ? Source[index] : previous + ((Source[index] - previous) / Periods);
        }
    }
}
