using System;
using System.Linq;
using cAlgo.Indicators;
using FsCheck;
using FsCheck.Fluent;
using PerpGuard.MarketData;
using PerpGuard.Tests.Common;
using static PerpGuard.Algos.Tests.Indicators.IndicatorHarness;

namespace PerpGuard.Algos.Tests.Indicators
{
    /// <summary>
    /// Invariants of the stop lines on random bar paths (gaps included): wherever a weighted-average ATR exists
    /// it is not negative, Long Stop ≤ close ≤ Short Stop, and the band is exactly 2·m·ATR wide around the close.
    /// </summary>
    public class AtrStopDistancePropertyTests
    {
        [Test]
        public void Calculate_AnyBars_StopsStraddleCloseAtMultiplierAtr()
        {
            var cases =
                from seed in Gen.Choose(0, int.MaxValue - 1)
                from periods in Gen.Choose(1, 8)
                from tenths in Gen.Choose(1, 50)
                from type in Gen.Elements((cAlgo.API.MovingAverageType[])Enum.GetValues(typeof(cAlgo.API.MovingAverageType)))
                select (seed, periods, tenths / 10.0, type);

            Prop.ForAll(cases.ToArbitrary(), c =>
            {
                var (seed, periods, multiplier, type) = c;
                if (type == cAlgo.API.MovingAverageType.TimeSeries && periods < 2)
                {
                    periods = 2; // cTrader's minimum for the time-series average
                }

                var bars = RandomBars(seed, 30);
                var result = Run(Options(bars), typeof(AtrStopDistance), Params(
                    ("Period", periods.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ("MaType", type.ToString()),
                    ("Multiplier", multiplier.ToString(System.Globalization.CultureInfo.InvariantCulture))));
                var atr = Output(result, "ATR");
                var longStop = Output(result, "Long Stop");
                var shortStop = Output(result, "Short Stop");
                for (var i = 0; i < bars.Length; i++)
                {
                    if (double.IsNaN(atr[i]))
                    {
                        if (!double.IsNaN(longStop[i]) || !double.IsNaN(shortStop[i]))
                        {
                            return false;
                        }

                        continue;
                    }

                    var close = bars[i].Close;
                    var width = 2 * multiplier * atr[i];
                    if (type != cAlgo.API.MovingAverageType.TimeSeries && type != cAlgo.API.MovingAverageType.Hull
                        && type != cAlgo.API.MovingAverageType.DoubleExponential && type != cAlgo.API.MovingAverageType.TripleExponential
                        && type != cAlgo.API.MovingAverageType.KaufmanAdaptive && atr[i] < 0)
                    {
                        // Averages with non-negative weights of non-negative TRs cannot go below 0. (The
                        // extrapolating ones can, and so can KAMA: cTrader's noise window lags the
                        // direction by a bar, so its efficiency ratio can exceed 1 and overshoot.)
                        return false;
                    }

                    // Relative tolerance: KAMA's overshoot can make the ATR (and both stops) very large.
                    var tolerance = 1e-9 * Math.Max(1, Math.Abs(width) + close);
                    if (Math.Abs(shortStop[i] - longStop[i] - width) > tolerance || Math.Abs(((longStop[i] + shortStop[i]) / 2) - close) > tolerance)
                    {
                        return false;
                    }
                }

                return true;
            }).Check(PropertyBudget.Config);
        }

        private static MarketBar[] RandomBars(int seed, int count)
        {
            var random = new Random(seed);
            var price = 60_000.0;
            return Enumerable.Range(0, count).Select(m =>
            {
                var open = price + ((random.NextDouble() - 0.5) * 200); // gaps up to ±100
                var close = open + ((random.NextDouble() - 0.5) * 300);
                var high = Math.Max(open, close) + (random.NextDouble() * 50);
                var low = Math.Min(open, close) - (random.NextDouble() * 50);
                price = close;

                // On the symbol's 0.01 grid: the engine snaps finer prices (as cTrader's prices are), and the check
                // above compares the stops with these closes.
                return Bar(m, Math.Round(open, 2), Math.Round(high, 2), Math.Round(low, 2), Math.Round(close, 2));
            }).ToArray();
        }
    }
}
