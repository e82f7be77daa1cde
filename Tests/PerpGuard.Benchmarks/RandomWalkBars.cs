using System;
using PerpGuard.MarketData;

namespace PerpGuard.Benchmarks
{
    /// <summary>
    /// A seeded random walk of m1 bars around 30,000 (±30 per bar, wicks up to 20): the input of the simulator
    /// benchmark and of its bare-loop baseline, so both read exactly the same bars.
    /// </summary>
    internal static class RandomWalkBars
    {
        public static MarketBar[] Create(int count, int seed = 42)
        {
            var random = new Random(seed);
            var bars = new MarketBar[count];
            var price = 30000.0;
            var t = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            for (var i = 0; i < count; i++)
            {
                var open = price;
                var close = Math.Round(open + ((random.NextDouble() - 0.5) * 60), 2);
                var high = Math.Round(Math.Max(open, close) + (random.NextDouble() * 20), 2);
                var low = Math.Round(Math.Min(open, close) - (random.NextDouble() * 20), 2);
                bars[i] = new MarketBar(t.AddMinutes(i), open, high, low, close, 1);
                price = close;
            }

            return bars;
        }
    }
}
