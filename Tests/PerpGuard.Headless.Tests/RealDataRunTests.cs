using System.Linq;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.Tests.Samples;
using PerpGuard.MarketData;
using PerpGuard.Tests.Common;

namespace PerpGuard.Headless.Tests
{
    /// <summary>The runtime on real perpetual data (../shared/data, see its PROVENANCE.md).</summary>
    public class RealDataRunTests
    {
        private static MarketBar[] NautilusBars() =>
            MarketDataReader.ReadBars(SharedData.RequireFile("nautilus-btc-perp-1m/btc-perp-20211231-20220201_1m.csv")).Bars;

        [Test]
        public void SampleRobot_NautilusBtcPerpMonth_BarsRebuiltExactlyAndLedgerBalances()
        {
            var bars = NautilusBars();
            var options = TestBars.Options(bars, spread: 1.0);
            options.WarmupBars = 100;

            var result = new BacktestEngine(options).Run(AlgoSpec.Of<SampleSmaCrossRobot>(TestBars.Params(("FastPeriods", "10"), ("SlowPeriods", "60"), ("StopLossPips", "150"), ("TakeProfitPips", "300"))));

            Assert.That(result.Errors, Is.Empty);
            Assert.That(result.BarsSimulated, Is.EqualTo(bars.Length - 100), "45,031 rows (PROVENANCE) minus the warm-up");
            Assert.That(result.Bars.Count, Is.EqualTo(bars.Length));
            // The symbol has Digits 2 (tick 0.01); four closes of the file (rows 17524-17530, 2022-01-13 03:03-03:09, e.g.
            // 43613.875) have three decimals. cTrader's prices sit on the symbol's grid, so the engine snaps them once
            // (a half tick goes away from zero: 43613.875 → 43613.88); every other price is the file's own.
            var grid = new PerpGuard.Headless.Simulation.SimPriceGrid(0.01, 2);
            var mismatches = Enumerable.Range(0, bars.Length).Count(i =>
                result.Bars[i].Open != grid.Snap(bars[i].Open) || result.Bars[i].High != grid.Snap(bars[i].High) || result.Bars[i].Low != grid.Snap(bars[i].Low)
                || result.Bars[i].Close != grid.Snap(bars[i].Close) || result.Bars[i].OpenTime != bars[i].OpenTimeUtc);
            Assert.That(mismatches, Is.Zero, "every bar the robot saw ends equal to the file's bar on the price grid");
            var offGrid = Enumerable.Range(0, bars.Length).Where(i => result.Bars[i].Close != bars[i].Close).ToArray();
            Assert.That(offGrid.Select(i => bars[i].Close), Is.EqualTo(new[] { 43613.875, 43611.625, 43609.375, 43607.125 }));
            Assert.That(offGrid.Select(i => result.Bars[i].Close), Is.EqualTo(new[] { 43613.88, 43611.63, 43609.38, 43607.13 }));
            Assert.That(result.Trades.Count, Is.GreaterThan(20));
            Assert.That(result.FinalBalance, Is.EqualTo(result.InitialBalance + result.Trades.Sum(t => t.NetProfit)).Within(1e-6));
            Assert.That(result.Trades.All(t => t.ExitTimeUtc >= t.EntryTimeUtc), Is.True);
        }

        [Test]
        public void SampleRobot_NautilusBtcPerpMonth_TwoRunsIdentical()
        {
            var bars = NautilusBars();

            BacktestResult Once() => new BacktestEngine(TestBars.Options(bars, spread: 1.0)).Run(AlgoSpec.Of<SampleSmaCrossRobot>());

            var a = Once();
            var b = Once();
            Assert.That(b.Trades.Select(t => (t.PositionId, t.EntryPrice, t.ExitPrice, t.NetProfit, t.CloseReason)),
                Is.EqualTo(a.Trades.Select(t => (t.PositionId, t.EntryPrice, t.ExitPrice, t.NetProfit, t.CloseReason))));
            Assert.That(b.EquityCurve, Is.EqualTo(a.EquityCurve));
        }
    }
}
