using System;
using System.Collections.Generic;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.Simulation;
using PerpGuard.MarketData;

namespace PerpGuard.Headless.Tests
{
    /// <summary>Small fixed bar sets and backtest options for the runtime tests.</summary>
    internal static class TestBars
    {
        public static readonly DateTime Start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        /// <summary>
        /// Six m1 bars used for the hand-worked indicator values:
        /// i  O    H    L    C
        /// 0  100  105  98   102
        /// 1  102  108  101  107
        /// 2  107  107  100  101
        /// 3  101  104  99   103
        /// 4  103  110  102  109
        /// 5  109  111  104  105
        /// </summary>
        public static MarketBar[] Six(DateTime? start = null)
        {
            var t = start ?? Start;
            double[,] ohlc =
            {
                { 100, 105, 98, 102 },
                { 102, 108, 101, 107 },
                { 107, 107, 100, 101 },
                { 101, 104, 99, 103 },
                { 103, 110, 102, 109 },
                { 109, 111, 104, 105 },
            };
            var bars = new MarketBar[6];
            for (var i = 0; i < 6; i++)
            {
                bars[i] = new MarketBar(t.AddMinutes(i), ohlc[i, 0], ohlc[i, 1], ohlc[i, 2], ohlc[i, 3], 10);
            }

            return bars;
        }

        /// <summary>A seeded random walk (deterministic) around 30,000 with 0.01 ticks.</summary>
        public static MarketBar[] RandomWalk(int count, int seed, DateTime? start = null)
        {
            var random = new Random(seed);
            var t = start ?? Start;
            var bars = new MarketBar[count];
            var price = 30000.0;
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

        public static BacktestOptions Options(MarketBar[] bars, double spread = 0.5, string? storage = null) => new BacktestOptions
        {
            Bars = bars,
            Symbol = new SimSymbolSpec { Name = "BTCUSD", Digits = 2, PipSize = 1.0, TickSize = 0.01, LotSize = 1, VolumeInUnitsMin = 0.01, VolumeInUnitsStep = 0.01, VolumeInUnitsMax = 100, Leverage = 10 },
            Account = new SimAccountSettings { Balance = 10000, Leverage = 10, StopOutLevel = 50 },
            Spread = SimSpreadModel.Fixed(spread),
            StorageDirectory = storage,
        };

        public static Dictionary<string, string> Params(params (string Key, string Value)[] pairs)
        {
            var d = new Dictionary<string, string>();
            foreach (var (k, v) in pairs)
            {
                d[k] = v;
            }

            return d;
        }
    }
}
