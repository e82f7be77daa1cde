using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using cAlgo.API;
using cAlgo.Indicators;
using PerpGuard.Headless.Runtime;
using PerpGuard.Headless.Simulation;
using PerpGuard.MarketData;
using PerpGuard.MarketData.Generation;

namespace PerpGuard.Benchmarks
{
    /// <summary>
    /// AtrStopDistance hosted by the headless runtime (its ATR is the runtime's built-in
    /// AverageTrueRange): history of one million m1 bars computed once (Initialize + 1,000,000
    /// Calculate calls + the label at the end), and the per-tick cost of the last bar — a quote moves
    /// the forming bar, the runner recalculates it (IsLastBar), the label decides it need not re-render.
    /// Expected: 0 B allocated per tick.
    /// </summary>
    [MemoryDiagnoser]
    public class IndicatorBenchmarks
    {
        private const int HistoryBars = 1_000_000;
        private const int TicksPerInvoke = 1_000;

        private MarketBar[] _bars = Array.Empty<MarketBar>();
        private Host _tickHost = null!;
        private double _price;

        [Params(MovingAverageType.WilderSmoothing, MovingAverageType.Simple)]
        public MovingAverageType MaType { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            _bars = SyntheticBarGenerator.Generate(new SyntheticBarOptions { Seed = 11, Bars = HistoryBars }).Bars;
            _tickHost = Host.Create(_bars, MaType);
            _tickHost.Runner.EnsureCalculated();
            _price = _bars[_bars.Length - 1].Close;
        }

        /// <summary>One million bars of history, calculated once by a fresh instance.</summary>
        [Benchmark(OperationsPerInvoke = 1)]
        public double CalculateMillionBars()
        {
            var host = Host.Create(_bars, MaType);
            host.Runner.EnsureCalculated();
            return host.Indicator.LongStop[HistoryBars - 1];
        }

        /// <summary>Per tick: one quote into the forming bar, then the indicator brought up to date.</summary>
        [Benchmark(OperationsPerInvoke = TicksPerInvoke)]
        public double Tick()
        {
            var buffer = _tickHost.Buffer;
            var runner = _tickHost.Runner;
            var sum = 0.0;
            for (var i = 0; i < TicksPerInvoke; i++)
            {
                // Alternate a cent up and down: the bar changes, the stop distance moves far less than 0.5 %.
                _price += (i & 1) == 0 ? 0.01 : -0.01;
                buffer.Update(_price);
                runner.EnsureCalculated();
                sum += _tickHost.Indicator.ShortStop[HistoryBars - 1];
            }

            return sum;
        }

        /// <summary>The headless pieces the backtest engine wires, without the quote loop.</summary>
        private sealed class Host
        {
            private Host(BarBuffer buffer, IndicatorRunner runner)
            {
                Buffer = buffer;
                Runner = runner;
                Indicator = (AtrStopDistance)runner.Indicator;
            }

            public BarBuffer Buffer { get; }

            public IndicatorRunner Runner { get; }

            public AtrStopDistance Indicator { get; }

            public static Host Create(MarketBar[] bars, MovingAverageType maType)
            {
                var spec = new SimSymbolSpec
                {
                    Name = "BTCUSD", Digits = 2, PipSize = 1.0, TickSize = 0.01, LotSize = 1,
                    VolumeInUnitsMin = 0.01, VolumeInUnitsStep = 0.01, VolumeInUnitsMax = 100, Leverage = 10,
                };
                var broker = new SimulatedBroker(new SimAccountSettings { Balance = 10000, Leverage = 10, StopOutLevel = 50 }, spec);
                var zone = new ZoneClock(ZoneClock.Resolve("UTC"));
                var services = new TradingServices(broker, zone);
                var buffer = new BarBuffer(bars.Length + 16);
                foreach (var b in bars)
                {
                    buffer.Append(b.OpenTimeUtc.Ticks, b.Open, b.High, b.Low, b.Close, 1);
                }

                var clock = new MarketClock { UtcTicks = bars[bars.Length - 1].OpenTimeUtc.Ticks };
                var env = new AlgoEnvironment(spec.Name, services.Symbol, buffer, TimeFrame.Minute, clock)
                {
                    Account = services.Account,
                    Trading = services,
                    Positions = services.Positions,
                    PendingOrders = services.PendingOrders,
                    History = services.History,
                    Symbols = services.Symbols,
                };
                var chartBars = new HeadlessBars(buffer, TimeFrame.Minute, spec.Name, zone);
                env.Chart.Bars = chartBars;
                env.Chart.Symbol = services.Symbol;
                env.Chart.Times = chartBars.OpenTimes;
                var runner = env.CreateIndicator(typeof(AtrStopDistance), chartBars, null, new Dictionary<string, string> { ["MaType"] = maType.ToString() });
                return new Host(buffer, runner);
            }
        }
    }
}
