using System;
using System.IO;
using BenchmarkDotNet.Attributes;
using PerpGuard.MarketData;
using PerpGuard.MarketData.Generation;

namespace PerpGuard.Benchmarks
{
    /// <summary>
    /// Data layer throughput: reading a month of generic OHLCV CSV (43,200 rows, written from the
    /// generator in setup) and generating a month of synthetic m1 bars.
    /// </summary>
    [MemoryDiagnoser]
    public class MarketDataBenchmarks
    {
        private string _csv = string.Empty;

        [GlobalSetup]
        public void Setup()
        {
            var bars = SyntheticBarGenerator.Generate(seed: 1).Bars;
            _csv = Path.Combine(Path.GetTempPath(), "perpguard-bench-month.csv");
            using var w = new StreamWriter(_csv);
            w.Write("timestamp,open,high,low,close,volume\n");
            foreach (var b in bars)
            {
                w.Write(FormattableString.Invariant($"{b.OpenTimeUtc:yyyy-MM-dd HH:mm:ss},{b.Open},{b.High},{b.Low},{b.Close},{b.Volume}\n"));
            }
        }

        [GlobalCleanup]
        public void Cleanup() => File.Delete(_csv);

        /// <summary>Rows per second = 43,200 / mean time.</summary>
        [Benchmark]
        public int ReadGenericCsvMonth() => MarketDataReader.ReadBars(_csv).Bars.Length;

        /// <summary>Bars per second = 43,200 / mean time.</summary>
        [Benchmark]
        public int GenerateMonth() => SyntheticBarGenerator.Generate(seed: 1).Bars.Length;
    }
}
