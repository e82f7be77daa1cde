using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace PerpGuard.Benchmarks
{
    /// <summary>
    /// CPU time per operation of the benchmark thread, next to BenchmarkDotNet's wall-clock Mean. On a shared
    /// machine the wall clock counts the time other processes held the core; the thread's CPU time does not, so
    /// it is the per-core figure the throughput targets are stated in. The benchmark process records each
    /// invocation (<see cref="CpuTimeRecorder"/>) and leaves the values in a temp file that this column reads.
    /// </summary>
    public sealed class CpuTimeColumn : IColumn
    {
        private readonly bool _median;

        public CpuTimeColumn(bool median)
        {
            _median = median;
        }

        public string Id => "CpuTimePerOp" + (_median ? "Median" : "Min");
        public string ColumnName => _median ? "CPU/op median" : "CPU/op min";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => _median ? 1 : 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Time;
        public string Legend => _median
            ? "Median CPU time of the benchmark thread per operation over the measured iterations (wall-clock load excluded)"
            : "Least CPU time of the benchmark thread per operation over the measured iterations";

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var ns = Nanoseconds(summary, benchmarkCase, _median);
            return double.IsNaN(ns) ? "-" : ns.ToString("0.0", CultureInfo.InvariantCulture) + " ns";
        }

        /// <summary>The least or the median CPU time per operation over the measured iterations; NaN when none was recorded.</summary>
        internal static double Nanoseconds(Summary summary, BenchmarkCase benchmarkCase, bool median)
        {
            var values = CpuTimeRecorder.Read(benchmarkCase.Descriptor.Type.Name, CpuTimeRecorder.Key(benchmarkCase));
            if (values.Count == 0)
            {
                return double.NaN;
            }

            // The recorder sees every invocation (pilot and warm-up too); keep the measured ones, the last of them.
            var measured = summary[benchmarkCase]?.AllMeasurements
                .Count(m => m.IterationMode == IterationMode.Workload && m.IterationStage == IterationStage.Actual) ?? 0;
            if (measured > 0 && measured < values.Count)
            {
                values = values.Skip(values.Count - measured).ToArray();
            }

            var sorted = values.OrderBy(v => v).ToArray();
            return median ? sorted[sorted.Length / 2] : sorted[0];
        }

        public override string ToString() => ColumnName;
    }

    /// <summary>
    /// Throughput from the median CPU time per operation, in millions per second per core. The classes that use
    /// <see cref="CpuTimeConfig"/> count one m1 bar as one operation, so this is issue 3's "m1 bars per second".
    /// </summary>
    public sealed class BarsPerSecondColumn : IColumn
    {
        public string Id => "M1BarsPerSecondPerCore";
        public string ColumnName => "M bars/s (CPU median)";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 2;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "Millions of m1 bars per second per core: 1,000 / the median CPU time per bar in ns";

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var ns = CpuTimeColumn.Nanoseconds(summary, benchmarkCase, median: true);
            return double.IsNaN(ns) || ns <= 0 ? "-" : (1000.0 / ns).ToString("0.00", CultureInfo.InvariantCulture);
        }

        public override string ToString() => ColumnName;
    }

    /// <summary>
    /// Adds the CPU-time and throughput columns to a benchmark class whose operation is one m1 bar:
    /// <c>[Config(typeof(CpuTimeConfig))]</c>.
    /// </summary>
    public sealed class CpuTimeConfig : ManualConfig
    {
        public CpuTimeConfig()
        {
            AddColumn(new CpuTimeColumn(false), new CpuTimeColumn(true), new BarsPerSecondColumn());
        }
    }

    /// <summary>Thread CPU time around each invocation, written to a temp file for <see cref="CpuTimeColumn"/>.</summary>
    public sealed class CpuTimeRecorder
    {
        private readonly List<double> _nsPerOperation = new List<double>();
        private long _started;

        public void Start() => _started = ThreadCpuNanoseconds();

        public void Stop(long operations) => _nsPerOperation.Add((ThreadCpuNanoseconds() - _started) / (double)operations);

        /// <summary>Writes the values after the first invocation (the first one pays for JIT compilation).</summary>
        public void Save(string benchmarkType, string key)
        {
            var path = PathOf(benchmarkType, key);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllLines(path, _nsPerOperation.Skip(1).Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        }

        public static IReadOnlyList<double> Read(string benchmarkType, string key)
        {
            var path = PathOf(benchmarkType, key);
            return File.Exists(path)
                ? File.ReadAllLines(path).Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray()
                : Array.Empty<double>();
        }

        /// <summary>The parameters of a case as "Name=Value,...", the same in the host and the benchmark process.</summary>
        public static string Key(BenchmarkCase benchmarkCase) =>
            string.Join(",", benchmarkCase.Parameters.Items.Select(p => p.Name + "=" + Convert.ToString(p.Value, CultureInfo.InvariantCulture)));

        private static string PathOf(string benchmarkType, string key) =>
            Path.Combine(Path.GetTempPath(), "perpguard-bench-cpu", benchmarkType + "-" + key + ".txt");

        private static long ThreadCpuNanoseconds()
        {
            if (OperatingSystem.IsLinux() && clock_gettime(ClockThreadCpuTimeId, out var ts) == 0)
            {
                return (ts.Seconds * 1_000_000_000L) + ts.Nanoseconds;
            }

            // Elsewhere: the process's CPU time (includes the runtime's own threads, mostly idle here).
            return Process.GetCurrentProcess().TotalProcessorTime.Ticks * 100;
        }

        private const int ClockThreadCpuTimeId = 3;

        [StructLayout(LayoutKind.Sequential)]
        private struct TimeSpec
        {
            public long Seconds;
            public long Nanoseconds;
        }

        [DllImport("libc", SetLastError = false)]
        private static extern int clock_gettime(int clockId, out TimeSpec time);
    }
}
