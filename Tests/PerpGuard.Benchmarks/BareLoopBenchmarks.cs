using System;
using BenchmarkDotNet.Attributes;
using PerpGuard.MarketData;

namespace PerpGuard.Benchmarks
{
    /// <summary>
    /// The floor under <see cref="SimulatorBenchmarks"/>: a bare C# loop over the same million m1 bars doing the
    /// least any m1 backtest must do per bar — read the bar, make its four quotes (open, nearer extreme, farther
    /// extreme, close; ask = bid + a fixed spread), keep the forming bar's high, low and close, store one equity
    /// value. No broker, no bars series, no robot. Issue 3 quotes "about 70 million bars/s here" for such a loop.
    /// Run next to the simulator it is also a gauge of the machine: this VM shares its host, and during the host's
    /// busy spells both loops slow down together (see docs/headless-runtime.md, Performance), so the ratio of the
    /// two is steadier than either figure.
    /// </summary>
    [MemoryDiagnoser]
    [Config(typeof(CpuTimeConfig))]
    [GcForce(false)]
    public class BareLoopBenchmarks
    {
        private const int BarCount = 1_000_000;
        private const double Spread = 0.5;
        private MarketBar[] _bars = Array.Empty<MarketBar>();
        private double[] _equity = Array.Empty<double>();
        private readonly CpuTimeRecorder _cpu = new CpuTimeRecorder();

        [GlobalSetup]
        public void LoadBars()
        {
            _bars = RandomWalkBars.Create(BarCount);
            _equity = new double[BarCount];
        }

        // Nothing to prepare, but an iteration setup makes BenchmarkDotNet run one invocation per iteration, as it
        // does for the simulator (the CPU column pairs one recorded value with each iteration).
        [IterationSetup]
        public void Prepare() => Array.Clear(_equity);

        [Benchmark(OperationsPerInvoke = BarCount)]
        public double LoopOverM1Bars()
        {
            _cpu.Start();
            var bars = _bars;
            var equity = _equity;
            double high = 0, low = 0, close = 0, sum = 0;
            for (var i = 0; i < bars.Length; i++)
            {
                ref readonly var bar = ref bars[i];

                // Nearer extreme first, chosen without a branch (a coin toss to the predictor).
                var lowFirst = (bar.Open - bar.Low) < (bar.High - bar.Open);
                var first = lowFirst ? bar.Low : bar.High;
                var second = lowFirst ? bar.High : bar.Low;

                high = low = close = bar.Open;
                sum += bar.Open + Spread;
                high = Math.Max(high, first);
                low = Math.Min(low, first);
                sum += first + Spread;
                high = Math.Max(high, second);
                low = Math.Min(low, second);
                sum += second + Spread;
                high = Math.Max(high, bar.Close);
                low = Math.Min(low, bar.Close);
                close = bar.Close;
                sum += close + Spread;
                equity[i] = sum;
            }

            _cpu.Stop(bars.Length);
            return sum + high + low + close;
        }

        [GlobalCleanup]
        public void SaveCpuTimes() => _cpu.Save(nameof(BareLoopBenchmarks), string.Empty);
    }
}
