using System;
using FsCheck;
using FsCheck.Fluent;
using cAlgo.API;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.BuiltInIndicators;
using PerpGuard.MarketData;
using PerpGuard.Tests.Common;

namespace PerpGuard.Headless.Tests.BuiltInIndicators
{
    /// <summary>
    /// Invariant of every moving average: the average of a constant is that constant. Bars whose range
    /// always contains the previous close have TR = H − L; with H − L = r on every bar (random walk,
    /// random position of the close) every MovingAverageType of TR must give r wherever it gives a value
    /// (KaufmanAdaptive's efficiency ratio is 0/0 there, so it alternates NaN and its re-seed r).
    /// Prices are whole quarters on a 0.25 tick: on the symbol's grid (the engine snaps finer data) and exact in
    /// binary, so every H − L is exactly r (cents would give H − L a float step apart, and KAMA's ratio x/0).
    /// </summary>
    public class MovingAveragePropertyTests
    {
        private static readonly MovingAverageType[] Types = (MovingAverageType[])Enum.GetValues(typeof(MovingAverageType));

        [Test]
        public void AverageTrueRange_ConstantTrueRange_EveryTypeAveragesToThatRange()
        {
            var cases =
                from type in Gen.Elements(Types)
                from periods in Gen.Choose(2, 6)
                from rangeQuarters in Gen.Choose(1, 4_000)
                from seed in Gen.Choose(0, int.MaxValue - 1)
                from count in Gen.Choose(20, 40)
                select (type, periods, rangeQuarters, seed, count);

            Prop.ForAll(cases.ToArbitrary(), c =>
            {
                var (type, periods, rangeQuarters, seed, count) = c;
                var range = rangeQuarters * 0.25;
                var bars = ConstantRangeWalk(rangeQuarters, seed, count);
                var options = TestBars.Options(bars);
                options.Symbol.TickSize = 0.25;
                var engine = new BacktestEngine(options);
                var spec = new AlgoSpec(typeof(AverageTrueRangeIndicator), TestBars.Params(
                    ("Periods", periods.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("MAType", type.ToString())));
                var atr = engine.Run(new AlgoSpec[0], new[] { spec }).Indicators[0].Outputs[0].Series;
                var finite = 0;
                for (var i = 0; i < count; i++)
                {
                    var v = atr[i];
                    if (double.IsNaN(v))
                    {
                        continue;
                    }

                    finite++;
                    if (Math.Abs(v - range) > 1e-7 * Math.Max(1, range))
                    {
                        return false;
                    }
                }

                return finite > 0;
            }).Check(PropertyBudget.Config);
        }

        // Each bar's range [L, L + r] contains the previous close; the close lands on any quarter in it.
        private static MarketBar[] ConstantRangeWalk(int rangeQuarters, int seed, int count)
        {
            var random = new Random(seed);
            var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            var bars = new MarketBar[count];
            var previous = 50_000.0;
            for (var i = 0; i < count; i++)
            {
                var low = previous - (random.Next(0, rangeQuarters + 1) * 0.25);
                var high = low + (rangeQuarters * 0.25);
                var close = low + (random.Next(0, rangeQuarters + 1) * 0.25);
                bars[i] = new MarketBar(start.AddMinutes(i), previous, high, low, close, 1);
                previous = close;
            }

            return bars;
        }
    }
}
