using System;
using System.Collections.Generic;
using System.Linq;
using cAlgo.API;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.Simulation;
using PerpGuard.MarketData;

namespace PerpGuard.Algos.Tests.Indicators
{
    /// <summary>Runs the indicators headless (h3's BacktestEngine) on small, fully known data sets.</summary>
    internal static class IndicatorHarness
    {
        public static readonly DateTime Start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        /// <summary>BTCUSD as in the worked examples: pip 1, tick 0.01, step 0.01 BTC, symbol leverage as given.</summary>
        public static BacktestOptions Options(MarketBar[] bars, double symbolLeverage = 10, double accountLeverage = 10, double spread = 0) => new BacktestOptions
        {
            Bars = bars,
            Symbol = new SimSymbolSpec
            {
                Name = "BTCUSD", Digits = 2, PipSize = 1.0, TickSize = 0.01, LotSize = 1,
                VolumeInUnitsMin = 0.01, VolumeInUnitsStep = 0.01, VolumeInUnitsMax = 100, Leverage = symbolLeverage,
            },
            Account = new SimAccountSettings { Balance = 10000, Leverage = accountLeverage, StopOutLevel = 50 },
            Spread = SimSpreadModel.Fixed(spread),
        };

        public static MarketBar Bar(int minute, double open, double high, double low, double close) =>
            new MarketBar(Start.AddMinutes(minute), open, high, low, close, 10);

        /// <summary><paramref name="count"/> bars with O = H = L = C = <paramref name="price"/>, from minute <paramref name="from"/>.</summary>
        public static IEnumerable<MarketBar> Flat(int from, int count, double price) =>
            Enumerable.Range(from, count).Select(m => Bar(m, price, price, price, price));

        public static Dictionary<string, string> Params(params (string Key, string Value)[] pairs) =>
            pairs.ToDictionary(p => p.Key, p => p.Value);

        public static BacktestResult Run(BacktestOptions options, Type indicator, Dictionary<string, string> parameters, AlgoSpec? robot = null)
        {
            var engine = new BacktestEngine(options);
            var robots = robot is null ? new AlgoSpec[0] : new[] { robot };
            var result = engine.Run(robots, new[] { new AlgoSpec(indicator, parameters) });
            Assert.That(result.Errors, Is.Empty, "the run reported errors");
            return result;
        }

        public static IndicatorDataSeries Output(BacktestResult result, string name) =>
            result.Indicators[0].Outputs.Single(o => o.Name == name).Series;

        public static T? Find<T>(BacktestResult result, string name) where T : class, ChartObject =>
            result.Chart.Objects.OfType<T>().FirstOrDefault(o => o.Name == name);
    }
}
