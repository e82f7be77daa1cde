using BenchmarkDotNet.Attributes;
using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Margin;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Sizing;

namespace PerpGuard.Benchmarks
{
    /// <summary>
    /// One sizing decision on a symbol with a minimum commission per side (3 USD), on a 1,000 USD account where the
    /// minimum binds (0.0133 BTC) and without it (baseline). Must show 0 B allocated.
    /// </summary>
    [MemoryDiagnoser]
    public class MinCommissionSizingBenchmarks
    {
        private SizingRequest withoutMinimum;
        private SizingRequest withMinimum;

        [GlobalSetup]
        public void Setup()
        {
            var rate = CommissionModel.PercentOfVolume(Fraction.FromPercent(0.05));
            withoutMinimum = Request(rate);
            withMinimum = Request(rate.WithMinimum(MinimumCommission.InUsd(3)));
        }

        private static SizingRequest Request(CommissionModel commission) => new SizingRequest
        {
            Symbol = new InstrumentSpec("BTCUSD", tickSize: 0.01, volumeMin: 0.0001, volumeStep: 0.0001, commission: commission, margin: MarginSchedule.Fixed(5)),
            Side = TradeSide.Long,
            Entry = new Price(60_000),
            Stop = new Price(59_700),
            Equity = new Money(1_000, "USD"),
            RiskFraction = Fraction.FromPercent(1),
        };

        [Benchmark(Baseline = true)]
        public double SizeWithoutMinimum()
        {
            var d = PositionSizer.Decide(withoutMinimum);
            return d.Volume.Units + (d.TakeProfit.HasValue ? d.TakeProfit.Value.Value : 0);
        }

        [Benchmark]
        public double SizeWithMinimum()
        {
            var d = PositionSizer.Decide(withMinimum);
            return d.Volume.Units + (d.TakeProfit.HasValue ? d.TakeProfit.Value.Value : 0);
        }
    }
}
