using System;
using cAlgo.API;
using cAlgo.API.Indicators;
using PerpGuard.Headless.Runtime;

namespace PerpGuard.Headless.BuiltInIndicators
{
    // The remaining MovingAverageTypes, computed as cTrader's open-sourced built-ins do
    // (spotware/ctrader-algo-samples, read to learn): same formulas, same NaN seeding, same windows.
    // A value read before the first bar is NaN and a NaN in a window makes that output NaN.
    // Series an indicator writes itself (CreateDataSeries) are avoided: the headless runner computes a
    // nested indicator up to the newest bar at once, so a nested average over a series still being
    // filled would freeze NaNs. Such windows are summed inline instead (Hull).

    /// <summary>
    /// Weighted: Σ k·x[i−n+k] / Σ k for k = 1..n (the newest value weighs n). NaN until n values exist.
    /// </summary>
    [Indicator(IsOverlay = true, AccessRights = AccessRights.None)]
    public sealed class WeightedMovingAverageIndicator : Indicator, MovingAverage, IPureIndicator
    {
        private double _weight;

        [Parameter]
        public DataSeries Source { get; set; } = null!;

        [Parameter(DefaultValue = 14, MinValue = 1)]
        public int Periods { get; set; }

        [Output("Main")]
        public IndicatorDataSeries Result { get; set; } = null!;

        protected override void Initialize()
        {
            _weight = Periods * (Periods + 1) / 2.0;
        }

        public override void Calculate(int index)
        {
            Result[index] = WeightedSum(Source, index, Periods) / _weight;
        }

        /// <summary>Σ k·s[index−n+k], k = 1..n (NaN when any value is missing).</summary>
        internal static double WeightedSum(DataSeries source, int index, int periods)
        {
            var total = 0.0;
            var j = index;
            for (var weight = periods; weight > 0; weight--)
            {
                total += weight * source[j];
                j--;
            }

            return total;
        }
    }

    /// <summary>Triangular: Simple(Simple(x, n), n). First value 2n − 2 bars after the first source value.</summary>
    [Indicator(IsOverlay = true, AccessRights = AccessRights.None)]
    public sealed class TriangularMovingAverageIndicator : Indicator, MovingAverage, IPureIndicator
    {
        private MovingAverage _outer = null!;

        [Parameter]
        public DataSeries Source { get; set; } = null!;

        [Parameter(DefaultValue = 14, MinValue = 1)]
        public int Periods { get; set; }

        [Output("Main")]
        public IndicatorDataSeries Result { get; set; } = null!;

        protected override void Initialize()
        {
            var inner = Indicators.MovingAverage(Source, Periods, MovingAverageType.Simple);
            _outer = Indicators.MovingAverage(inner.Result, Periods, MovingAverageType.Simple);
        }

        public override void Calculate(int index)
        {
            Result[index] = _outer.Result[index];
        }
    }

    /// <summary>
    /// Time Series (cTrader's Linear Regression Forecast over n): forecast = n·slope + intercept with
    /// slope the least-squares slope of x[i−n+1..i] against 1..n and intercept = Simple(x, n) −
    /// slope·⌊n/2⌋; cTrader's slope is defined only for i &gt; n.
    /// </summary>
    [Indicator(IsOverlay = true, AccessRights = AccessRights.None)]
    public sealed class TimeSeriesMovingAverageIndicator : Indicator, MovingAverage, IPureIndicator
    {
        [Parameter]
        public DataSeries Source { get; set; } = null!;

        [Parameter(DefaultValue = 14, MinValue = 2)]
        public int Periods { get; set; }

        [Output("Main")]
        public IndicatorDataSeries Result { get; set; } = null!;

        public override void Calculate(int index)
        {
            var n = Periods;
            if (index <= n)
            {
                return;
            }

            double sumX = 0, sumY = 0, sumXX = 0, sumXY = 0;
            for (var k = 0; k < n; k++)
            {
                double x = k + 1;
                var y = Source[index - n + k + 1];
                sumX += x;
                sumY += y;
                sumXX += x * x;
                sumXY += x * y;
            }

            var slope = ((sumXY * n) - (sumX * sumY)) / ((sumXX * n) - (sumX * sumX));
            var mean = sumY / n;
            var intercept = mean - (slope * Math.Floor(n / 2.0));
            Result[index] = (n * slope) + intercept;
        }
    }

    /// <summary>
    /// Hull: Weighted(2·Weighted(x, ⌊n/2⌋) − Weighted(x, n), ⌊√n⌋). cTrader does not publish its Hull
    /// source; this is Alan Hull's definition with integer periods (half at least 1).
    /// </summary>
    [Indicator(IsOverlay = true, AccessRights = AccessRights.None)]
    public sealed class HullMovingAverageIndicator : Indicator, MovingAverage, IPureIndicator
    {
        private MovingAverage _half = null!;
        private MovingAverage _full = null!;
        private int _smooth;
        private double _smoothWeight;

        [Parameter]
        public DataSeries Source { get; set; } = null!;

        [Parameter(DefaultValue = 14, MinValue = 1)]
        public int Periods { get; set; }

        [Output("Main")]
        public IndicatorDataSeries Result { get; set; } = null!;

        protected override void Initialize()
        {
            _half = Indicators.MovingAverage(Source, Math.Max(1, Periods / 2), MovingAverageType.Weighted);
            _full = Indicators.MovingAverage(Source, Periods, MovingAverageType.Weighted);
            _smooth = Math.Max(1, (int)Math.Sqrt(Periods));
            _smoothWeight = _smooth * (_smooth + 1) / 2.0;
        }

        public override void Calculate(int index)
        {
            var total = 0.0;
            var j = index;
            for (var weight = _smooth; weight > 0; weight--)
            {
                total += weight * ((2 * _half.Result[j]) - _full.Result[j]);
                j--;
            }

            Result[index] = total / _smoothWeight;
        }
    }

    /// <summary>Double exponential (DEMA): 2·EMA(x, n) − EMA(EMA(x, n), n).</summary>
    [Indicator(IsOverlay = true, AccessRights = AccessRights.None)]
    public sealed class DoubleExponentialMovingAverageIndicator : Indicator, MovingAverage, IPureIndicator
    {
        private MovingAverage _ema1 = null!;
        private MovingAverage _ema2 = null!;

        [Parameter]
        public DataSeries Source { get; set; } = null!;

        [Parameter(DefaultValue = 14, MinValue = 1)]
        public int Periods { get; set; }

        [Output("Main")]
        public IndicatorDataSeries Result { get; set; } = null!;

        protected override void Initialize()
        {
            _ema1 = Indicators.MovingAverage(Source, Periods, MovingAverageType.Exponential);
            _ema2 = Indicators.MovingAverage(_ema1.Result, Periods, MovingAverageType.Exponential);
        }

        public override void Calculate(int index)
        {
            Result[index] = (2 * _ema1.Result[index]) - _ema2.Result[index];
        }
    }

    /// <summary>Triple exponential (TEMA): 3·EMA1 − 3·EMA2 + EMA3, each EMA over the previous one.</summary>
    [Indicator(IsOverlay = true, AccessRights = AccessRights.None)]
    public sealed class TripleExponentialMovingAverageIndicator : Indicator, MovingAverage, IPureIndicator
    {
        private MovingAverage _ema1 = null!;
        private MovingAverage _ema2 = null!;
        private MovingAverage _ema3 = null!;

        [Parameter]
        public DataSeries Source { get; set; } = null!;

        [Parameter(DefaultValue = 14, MinValue = 1)]
        public int Periods { get; set; }

        [Output("Main")]
        public IndicatorDataSeries Result { get; set; } = null!;

        protected override void Initialize()
        {
            _ema1 = Indicators.MovingAverage(Source, Periods, MovingAverageType.Exponential);
            _ema2 = Indicators.MovingAverage(_ema1.Result, Periods, MovingAverageType.Exponential);
            _ema3 = Indicators.MovingAverage(_ema2.Result, Periods, MovingAverageType.Exponential);
        }

        public override void Calculate(int index)
        {
            Result[index] = (3 * _ema1.Result[index]) - (3 * _ema2.Result[index]) + _ema3.Result[index];
        }
    }

    /// <summary>
    /// VIDYA: out = (1 − k)·prev + k·x[i], k = σ·|CMO| with CMO = (Σup − Σdown)/(Σup + Σdown) over the
    /// last n differences (0 when they sum to 0); prev is x[i−1] while the output is still NaN.
    /// σ = 0.65, cTrader's default when the type is chosen through MovingAverage.
    /// </summary>
    [Indicator(IsOverlay = true, AccessRights = AccessRights.None)]
    public sealed class VidyaIndicator : Indicator, MovingAverage, IPureIndicator
    {
        [Parameter]
        public DataSeries Source { get; set; } = null!;

        [Parameter(DefaultValue = 14, MinValue = 1)]
        public int Periods { get; set; }

        [Parameter("Sigma", DefaultValue = 0.65, MinValue = 0.1, MaxValue = 0.95)]
        public double Sigma { get; set; }

        [Output("Main")]
        public IndicatorDataSeries Result { get; set; } = null!;

        public override void Calculate(int index)
        {
            var previous = Result[index - 1];
            if (double.IsNaN(previous))
            {
                previous = Source[index - 1];
            }

            var k = Sigma * Cmo(index);
            Result[index] = ((1 - k) * previous) + (k * Source[index]);
        }

        private double Cmo(int index)
        {
            double up = 0, down = 0;
            for (var i = 0; i < Periods; i++)
            {
                var difference = Source[index - i] - Source[index - i - 1];
                if (difference > 0)
                {
                    up += difference;
                }
                else
                {
                    // A NaN difference lands here too and makes the whole CMO NaN, as in cTrader.
                    down -= difference;
                }
            }

            if (up + down == 0)
            {
                return 0.0;
            }

            return Math.Abs((up - down) / (up + down));
        }
    }

    /// <summary>
    /// Kaufman adaptive (KAMA), fast 2 / slow 30: nothing before bar n; where the previous output is
    /// NaN the output is seeded with x[i]; else out = prev + sc·(x[i] − prev), sc = (ER·(f − s) + s)²,
    /// f = 2/3, s = 2/31, ER = |x[i] − x[i−n]| / Σ |x[k] − x[k−1]| for k = i−n..i−1. That noise window
    /// ends one bar before the direction's, exactly as cTrader's sample; a NaN ER gives a NaN output,
    /// which re-seeds on the next bar.
    /// </summary>
    [Indicator(IsOverlay = true, AccessRights = AccessRights.None)]
    public sealed class KaufmanAdaptiveMovingAverageIndicator : Indicator, MovingAverage, IPureIndicator
    {
        [Parameter]
        public DataSeries Source { get; set; } = null!;

        [Parameter(DefaultValue = 10, MinValue = 1)]
        public int Periods { get; set; }

        [Parameter(DefaultValue = 2, MinValue = 1)]
        public int FastPeriods { get; set; }

        [Parameter(DefaultValue = 30, MinValue = 1)]
        public int SlowPeriods { get; set; }

        [Output("Main")]
        public IndicatorDataSeries Result { get; set; } = null!;

        public override void Calculate(int index)
        {
            var previous = Result[index - 1];
            if (index < Periods)
            {
                return;
            }

            if (double.IsNaN(previous))
            {
                Result[index] = Source[index];
                return;
            }

            var direction = Math.Abs(Source[index] - Source[index - Periods]);
            var volatility = 0.0;
            for (var k = index - Periods; k < index; k++)
            {
                volatility += Math.Abs(Source[k] - Source[k - 1]);
            }

            var efficiency = direction / volatility;
            var fast = 2.0 / (FastPeriods + 1);
            var slow = 2.0 / (SlowPeriods + 1);
            var sc = Math.Pow((efficiency * (fast - slow)) + slow, 2);
            Result[index] = previous + (sc * (Source[index] - previous));
        }
    }
}
