using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using cAlgo.API;
using cAlgo.Indicators;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.Simulation;
using PerpGuard.MarketData;
using PerpGuard.MarketData.Generation;

namespace PerpGuard.Benchmarks
{
    /// <summary>
    /// LiquidationLevels on a live chart: every quote recalculates the forming bar and, on the last bar,
    /// re-solves the stop-out price of the open position, the daily-loss floor and the pre-trade levels and
    /// redraws what moved. Measured inside a headless backtest (four quotes per m1 bar), one operation = one
    /// bar, with and without an open position; subtract <see cref="SimulatorBenchmarks"/> (no indicator) for
    /// the indicator's own share. Expected: 0 B per bar once the position's names are known.
    /// </summary>
    [MemoryDiagnoser]
    public class LiquidationLevelsBenchmarks
    {
        private const int BarCount = 100_000;
        private MarketBar[] _bars = Array.Empty<MarketBar>();
        private PreparedBacktest _prepared = null!;

        [Params(false, true)]
        public bool WithPosition { get; set; }

        [GlobalSetup]
        public void LoadBars() =>
            _bars = SyntheticBarGenerator.Generate(new SyntheticBarOptions { Seed = 5, Bars = BarCount }).Bars;

        [IterationSetup]
        public void Prepare()
        {
            var options = new BacktestOptions
            {
                Bars = _bars,
                Symbol = new SimSymbolSpec
                {
                    Name = "BTCUSD", Digits = 2, PipSize = 1.0, TickSize = 0.01, LotSize = 1,
                    VolumeInUnitsMin = 0.01, VolumeInUnitsStep = 0.01, VolumeInUnitsMax = 100, Leverage = 10,
                },
                Account = new SimAccountSettings { Balance = 10_000, Leverage = 10, StopOutLevel = 50 },
                Spread = SimSpreadModel.Fixed(0.5),
            };
            var robot = new AlgoSpec(typeof(HoldOnePositionRobot), new Dictionary<string, string> { ["Open"] = WithPosition ? "true" : "false" });
            var indicator = new AlgoSpec(typeof(LiquidationLevels));
            _prepared = new BacktestEngine(options).Prepare(new[] { robot }, new[] { indicator });
        }

        [Benchmark(OperationsPerInvoke = BarCount)]
        public long SimulateM1BarsWithLiquidationLevels() => _prepared.Execute().BarsSimulated;

        /// <summary>
        /// Opens 0.1 BTC long on the first tick (when asked) and holds it to the end: no stop, so nothing closes
        /// it (the warning-colour path; 0.1 BTC on 10,000 cannot reach stop-out on any generated path).
        /// </summary>
        [Robot(AccessRights = AccessRights.None, TimeZone = TimeZones.UTC)]
        public sealed class HoldOnePositionRobot : Robot
        {
            [Parameter(DefaultValue = true)]
            public bool Open { get; set; }

            protected override void OnStart()
            {
                if (Open)
                {
                    ExecuteMarketOrder(TradeType.Buy, SymbolName, 0.1, "bench");
                }
            }
        }
    }
}
