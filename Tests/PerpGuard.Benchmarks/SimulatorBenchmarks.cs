using System;
using BenchmarkDotNet.Attributes;
using cAlgo.API;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.Simulation;
using PerpGuard.MarketData;

namespace PerpGuard.Benchmarks
{
    /// <summary>
    /// Headless simulator throughput: m1 bars per second (each bar = four quotes through the broker, the bars
    /// buffer and the robot's OnTick; OnBar per bar) and bytes allocated per bar. One operation = one bar.
    /// Setup (broker, binding, preallocated curves) happens in IterationSetup and is not measured.
    /// The CPU/op columns give the benchmark thread's CPU time per bar (per-core figure; see <see cref="CpuTimeColumn"/>).
    /// </summary>
    [MemoryDiagnoser]
    [Config(typeof(CpuTimeConfig))]

    // No full GC forced between iterations: the loop allocates nothing, and a forced collection right before it
    // made the next iteration alternate between ≈ 46 and ≈ 70 ns per bar (the collector's work, not the simulator's).
    [GcForce(false)]
    public class SimulatorBenchmarks
    {
        private const int BarCount = 1_000_000;
        private MarketBar[] _bars = Array.Empty<MarketBar>();
        private PreparedBacktest _prepared = null!;
        private readonly CpuTimeRecorder _cpu = new CpuTimeRecorder();

        [Params(false, true)]
        public bool WithIndicator { get; set; }

        [GlobalSetup]
        public void LoadBars() => _bars = RandomWalkBars.Create(BarCount);

        [IterationSetup]
        public void Prepare()
        {
            var options = new BacktestOptions
            {
                Bars = _bars,
                Symbol = new SimSymbolSpec(),
                Account = new SimAccountSettings(),
                Spread = SimSpreadModel.Fixed(0.5),
            };
            var robots = new[] { AlgoSpec.Of<TrivialRobot>() };
            var indicators = WithIndicator
                ? new[] { new AlgoSpec(typeof(PerpGuard.Headless.BuiltInIndicators.AverageTrueRangeIndicator)) }
                : Array.Empty<AlgoSpec>();
            _prepared = new BacktestEngine(options).Prepare(robots, indicators);
        }

        [Benchmark(OperationsPerInvoke = BarCount)]
        public long SimulateM1Bars()
        {
            _cpu.Start();
            var bars = _prepared.Execute().BarsSimulated;
            _cpu.Stop(bars);
            return bars;
        }

        [GlobalCleanup]
        public void SaveCpuTimes() => _cpu.Save(nameof(SimulatorBenchmarks), "WithIndicator=" + Convert.ToString(WithIndicator, System.Globalization.CultureInfo.InvariantCulture));

        /// <summary>Reads the quote on every tick and the last close on every bar; never trades.</summary>
        public sealed class TrivialRobot : Robot
        {
            public double Sink { get; private set; }

            protected override void OnTick() => Sink += Symbol.Bid;

            protected override void OnBar() => Sink += Bars.ClosePrices.Last(1);
        }
    }
}
