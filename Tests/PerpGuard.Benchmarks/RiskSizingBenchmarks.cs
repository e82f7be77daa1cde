using BenchmarkDotNet.Attributes;
using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Margin;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Sizing;
using PerpGuard.Risk.Stops;

namespace PerpGuard.Benchmarks
{
    /// <summary>
    /// One sizing decision (the issue 2 example, with margin and a cTrader stop-out guard) plus the
    /// stop/target/trailing/break-even computations a bot does per signal. Must show 0 B allocated.
    /// </summary>
    [MemoryDiagnoser]
    public class RiskSizingBenchmarks
    {
        private SizingRequest plain;
        private SizingRequest guarded;
        private InstrumentSpec symbol = null!;
        private FeeCoefficients fees;
        private TrailingStopRule trailing;
        private BreakEvenRule breakEven;

        [GlobalSetup]
        public void Setup()
        {
            symbol = new InstrumentSpec("BTCUSD", tickSize: 0.01, volumeMin: 0.01, volumeStep: 0.01,
                commission: CommissionModel.PercentOfVolume(Fraction.FromPercent(0.05)), margin: MarginSchedule.Fixed(5));
            plain = new SizingRequest
            {
                Symbol = symbol,
                Side = TradeSide.Long,
                Entry = new Price(60_000),
                Stop = new Price(59_700),
                Equity = new Money(10_000, "USD"),
                RiskFraction = Fraction.FromPercent(1),
            };
            guarded = plain with
            {
                UsedMargin = 18_000,
                MaxMarginUtilisation = Fraction.FromPercent(300),
                Guard = LiquidationGuard.CTrader(Fraction.FromPercent(50), Fraction.FromPercent(5)),
            };
            fees = FeeCoefficients.For(symbol, ConversionRates.Identity);
            trailing = TrailingStopRule.Atr(1.0, 2.0);
            breakEven = new BreakEvenRule(1.0);
        }

        [Benchmark(Baseline = true)]
        public double SizeWithTarget()
        {
            var d = PositionSizer.Decide(plain);
            return d.Volume.Units + (d.TakeProfit.HasValue ? d.TakeProfit.Value.Value : 0);
        }

        [Benchmark]
        public double SizeWithStopOutGuard()
        {
            var d = PositionSizer.Decide(guarded);
            return d.Volume.Units;
        }

        [Benchmark]
        public double StopTargetTrailBreakEven()
        {
            var stop = symbol.RoundStop(TradeSide.Long, 59_700.004).Value;
            var target = TargetCalculator.MinimumTargetRaw(TradeSide.Long, 60_000, 359.85, 1.5, fees);
            var state = TrailingStopState.Start(TradeSide.Long, 60_000, stop).Update(trailing, 60_450, 150, 0.01);
            var be = breakEven.Apply(TradeSide.Long, 60_000, stop, state.Stop, 60_450, 0.01, fees);
            return stop + target + state.Stop + be;
        }
    }
}
