using System;
using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Margin;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Sizing;
using PerpGuard.Risk.Stops;

namespace PerpGuard.Risk.Tests
{
    /// <summary>
    /// The sizing hot path must not allocate (bots size on every signal). Counts bytes, not time:
    /// BenchmarkDotNet's RiskSizingBenchmarks shows the same with its Allocated column.
    /// </summary>
    public class AllocationTests
    {
        [Test]
        public void Decide_WarmedUp_AllocatesNothing()
        {
            var plain = SizingWorkedExamplesTests.Btc(59_700, symbol: TestSymbols.BtcUsdLeverage5());
            var guarded = plain with
            {
                UsedMargin = 18_000,
                MaxMarginUtilisation = Fraction.FromPercent(300),
                Guard = LiquidationGuard.CTrader(Fraction.FromPercent(50), Fraction.FromPercent(5), MarginPricing.RecalculatedAtPrice),
            };
            var fees = FeeCoefficients.For(plain.Symbol, ConversionRates.Identity);
            var rule = TrailingStopRule.Atr(1, 2);
            var sink = 0.0;
            for (var warm = 0; warm < 3; warm++)
            {
                sink += Run(plain, guarded, fees, rule);
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 100; i++)
            {
                sink += Run(plain, guarded, fees, rule);
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.That(allocated, Is.EqualTo(0));
            Assert.That(sink, Is.GreaterThan(0));
        }

        private static double Run(in SizingRequest plain, in SizingRequest guarded, in FeeCoefficients fees, in TrailingStopRule rule)
        {
            var a = PositionSizer.Decide(plain);
            var b = PositionSizer.Decide(guarded);
            var t = TrailingStopState.Start(TradeSide.Long, 60_000, 59_700).Update(rule, 60_500, 150, 0.01);
            var be = new BreakEvenRule(1).Apply(TradeSide.Long, 60_000, 59_700, t.Stop, 60_500, 0.01, fees);
            return a.Volume.Units + b.Volume.Units + t.Stop + be + (a.TakeProfit.HasValue ? a.TakeProfit.Value.Value : 0);
        }
    }
}
