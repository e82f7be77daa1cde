using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using cAlgo.Robots;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.Simulation;
using PerpGuard.MarketData;
using PerpGuard.MarketData.Generation;

namespace PerpGuard.Benchmarks
{
    /// <summary>
    /// Simulator throughput with the full risk pipeline: the real RiskManagedScalper (EMA entries, ATR stops,
    /// sizing with margin and stop-out guard, daily limits, market filters, trailing and break-even) over a
    /// month of generated m1 bars, run as the CLI runs it (JournalEnabled=false, PrintDecisions=false; every
    /// other parameter at its default). One operation = one m1 bar (four quotes). Broker and parameter binding
    /// happen in IterationSetup (Prepare) and are not measured; OnStart (where the robot creates its indicators),
    /// the loop, OnStop and the result are. The CPU/op columns give the thread's CPU time per bar (see CpuTimeColumn).
    /// Target (issue 3): ≥ 5 million bars/s and 0 B allocated per bar in steady state. The class sets its own
    /// warm-up and iteration counts; with <c>--job short</c> on the command line pass them again
    /// (<c>--warmupCount 100 --iterationCount 40</c>), since the short job replaces them.
    /// </summary>
    [MemoryDiagnoser]
    [Config(typeof(CpuTimeConfig))]

    // Tiered compilation promotes the bot's and the engine's few hundred methods in steps over the first ≈ 2 s of
    // repeated runs (measured: 940 → 320 → 265 → 223 → 182 ns per bar, the last step after ≈ 75 runs of 25 ms); the
    // figures are meant for fully compiled code, so warm up for longer than that.
    [WarmupCount(100)]
    [IterationCount(40)]
    public class FullPipelineBenchmarks
    {
        /// <summary>One month of m1 bars, the CLI's default run.</summary>
        private const int BarCount = 43_200;

        private static readonly Dictionary<string, string> CliDefaults = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["JournalEnabled"] = "false",
            ["PrintDecisions"] = "false",
        };

        private MarketBar[] _bars = Array.Empty<MarketBar>();
        private PreparedBacktest _prepared = null!;
        private readonly CpuTimeRecorder _cpu = new CpuTimeRecorder();

        /// <summary>
        /// False: the whole month is measured, start included (the robot's OnStart, which creates its indicators).
        /// True: set-up also runs the first bar, where the robot starts (<see cref="PreparedBacktest.Start"/>), and
        /// the measurement is the steady-state loop over the other 43,199 bars.
        /// </summary>
        [Params(false, true)]
        public bool SteadyState { get; set; }

        [GlobalSetup]
        public void LoadBars()
        {
            _bars = SyntheticBarGenerator.Generate(new SyntheticBarOptions { Seed = 1, Bars = BarCount }).Bars;
        }

        [IterationSetup]
        public void Prepare()
        {
            // No StorageDirectory: LocalStorage in memory, fresh every run, as in cTrader's backtests and the CLI (a day
            // halted by the previous iteration must not make the next one a mostly idle bot).
            var options = new BacktestOptions
            {
                Bars = _bars,
                Symbol = new SimSymbolSpec { Name = "BTCUSD" },
                Account = new SimAccountSettings { Balance = 10_000, Currency = "USD" },

                // The CLI's default when the data has no ask: 0.02 % of the first close.
                Spread = SimSpreadModel.Fixed(Math.Round(_bars[0].Close * 0.0002, 8)),
                Seed = 1,
            };
            var robots = new[] { AlgoSpec.Of<RiskManagedScalper>(CliDefaults) };
            _prepared = new BacktestEngine(options).Prepare(robots, Array.Empty<AlgoSpec>());
            if (SteadyState)
            {
                _prepared.Start();
            }
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            _cpu.Save(nameof(FullPipelineBenchmarks), "SteadyState=" + Convert.ToString(SteadyState, System.Globalization.CultureInfo.InvariantCulture));
        }

        [Benchmark(OperationsPerInvoke = BarCount)]
        public long RiskManagedScalperM1Bars()
        {
            _cpu.Start();
            var bars = _prepared.Execute().BarsSimulated;
            _cpu.Stop(BarCount);
            return bars;
        }
    }
}
