using System;
using System.Linq;
using MathNet.Numerics.Statistics;
using PerpGuard.MarketData;
using PerpGuard.MarketData.Generation;

namespace PerpGuard.Headless.Tests.MarketData
{
    /// <summary>
    /// The embedded default data: deterministic for a seed, internally consistent, and statistically
    /// like BTC minute data (volatility clustering, fat tails, quieter weekends, spread widening with
    /// volatility). Statistics via MathNet.Numerics.
    /// </summary>
    public class SyntheticBarGeneratorTests
    {
        private static readonly Lazy<BarSeries> Month = new Lazy<BarSeries>(() => SyntheticBarGenerator.Generate(seed: 7));

        private static double[] LogReturns(MarketBar[] bars) =>
            bars.Skip(1).Select((b, i) => Math.Log(b.Close / bars[i].Close)).ToArray();

        [Test]
        public void Generate_SameSeed_IdenticalBars()
        {
            var a = SyntheticBarGenerator.Generate(seed: 42, bars: 5_000);
            var b = SyntheticBarGenerator.Generate(seed: 42, bars: 5_000);

            Assert.That(a.Bars, Is.EqualTo(b.Bars));
        }

        [Test]
        public void Generate_DifferentSeed_DifferentPath()
        {
            var a = SyntheticBarGenerator.Generate(seed: 1, bars: 1_000);
            var b = SyntheticBarGenerator.Generate(seed: 2, bars: 1_000);

            Assert.That(a.Bars[^1].Close, Is.Not.EqualTo(b.Bars[^1].Close));
        }

        [Test]
        public void Generate_Default_OneMonthOfContiguousUtcMinutes()
        {
            var series = Month.Value;

            Assert.That(series.Bars, Has.Length.EqualTo(43_200));
            Assert.That(series.Bars[0].OpenTimeUtc, Is.EqualTo(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
            Assert.That(series.Bars[^1].OpenTimeUtc, Is.EqualTo(new DateTime(2024, 1, 30, 23, 59, 0, DateTimeKind.Utc)));
            Assert.That(series.Timeframe, Is.EqualTo(TimeSpan.FromMinutes(1)));
            Assert.That(series.Quality.IsClean, Is.True);
            Assert.That(series.Format, Is.Null);
        }

        [Test]
        public void Generate_SourceLabel_SaysGeneratedWithSeedAndNotMarketData()
        {
            var series = SyntheticBarGenerator.Generate(seed: 123, bars: 10);

            Assert.That(series.Source, Is.EqualTo("generated: PerpGuard synthetic BTCUSD m1, seed 123 — not market data"));
        }

        [Test]
        public void Generate_EveryBar_OhlcConsistentAndAskAboveBid()
        {
            foreach (var b in Month.Value.Bars)
            {
                if (b.Low > Math.Min(b.Open, b.Close) || b.High < Math.Max(b.Open, b.Close) || !(b.Low > 0)
                    || !b.HasAsk || !(b.AskClose > b.Close) || b.AskLow > Math.Min(b.AskOpen, b.AskClose) || b.AskHigh < Math.Max(b.AskOpen, b.AskClose))
                {
                    Assert.Fail($"inconsistent bar at {b.OpenTimeUtc:o}: O {b.Open} H {b.High} L {b.Low} C {b.Close} askC {b.AskClose}");
                }
            }

            Assert.Pass();
        }

        [Test]
        public void Generate_Month_SquaredReturnsAutocorrelated()
        {
            // Volatility clustering: lag-1 correlation of squared returns is clearly positive (≈0 for i.i.d. returns).
            var r2 = LogReturns(Month.Value.Bars).Select(r => r * r).ToArray();

            var rho = Correlation.Pearson(r2.Take(r2.Length - 1), r2.Skip(1));

            TestContext.Out.WriteLine($"lag-1 autocorrelation of r²: {rho:F3}");
            Assert.That(rho, Is.GreaterThan(0.05));
        }

        [Test]
        public void Generate_Month_ReturnsFatTailed()
        {
            // MathNet's Kurtosis is the excess kurtosis (0 for a normal). > 1 means kurtosis > 4 > 3.
            var excess = LogReturns(Month.Value.Bars).Kurtosis();

            TestContext.Out.WriteLine($"excess kurtosis: {excess:F2}");
            Assert.That(excess, Is.GreaterThan(1.0));
        }

        [Test]
        public void Generate_Month_AnnualisedVolatilityLikeBitcoin()
        {
            var sd = LogReturns(Month.Value.Bars).StandardDeviation();

            var annual = sd * Math.Sqrt(365 * 1440);

            TestContext.Out.WriteLine($"annualised volatility: {annual:P1}");
            Assert.That(annual, Is.InRange(0.3, 1.5));
        }

        [Test]
        public void Generate_Month_WeekendsQuieterThanWeekdays()
        {
            var bars = Month.Value.Bars;
            var abs = bars.Skip(1).Select((b, i) => (b.OpenTimeUtc.DayOfWeek, Abs: Math.Abs(Math.Log(b.Close / bars[i].Close)))).ToArray();

            var weekend = abs.Where(x => x.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday).Select(x => x.Abs).Mean();
            var weekday = abs.Where(x => x.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Select(x => x.Abs).Mean();

            Assert.That(weekend, Is.LessThan(0.8 * weekday));
        }

        [Test]
        public void Generate_Month_SpreadWidensWithVolatility()
        {
            var bars = Month.Value.Bars;
            var spreads = bars.Select(b => b.AskClose - b.Close).ToArray();
            var ranges = bars.Select(b => (b.High - b.Low) / b.Open).ToArray();

            TestContext.Out.WriteLine($"spread min {spreads.Min():F2} median {spreads.Median():F2} max {spreads.Max():F2}; close {bars[0].Close:F0} → {bars[^1].Close:F0}, min {bars.Min(b => b.Low):F0}, max {bars.Max(b => b.High):F0}");
            Assert.That(Correlation.Spearman(spreads, ranges), Is.GreaterThan(0.2));
            Assert.That(spreads.Min(), Is.GreaterThanOrEqualTo(2.0));
        }

        [Test]
        public void Generate_InvalidOptions_ListsEveryProblem()
        {
            var ex = Assert.Throws<ArgumentException>(() => SyntheticBarGenerator.Generate(new SyntheticBarOptions { Bars = 0, StartPrice = -1 }))!;

            Assert.That(ex.Message, Does.Contain("bars").And.Contain("start price"));
        }
    }
}
