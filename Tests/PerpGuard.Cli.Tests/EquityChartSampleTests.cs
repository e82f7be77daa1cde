using System;
using System.Linq;
using PerpGuard.Cli.Backtest;
using PerpGuard.Review;

namespace PerpGuard.Cli.Tests
{
    /// <summary>
    /// equity.png thins long runs to about <see cref="EquityChartWriter.MaxPoints"/> points. Keeping every n-th
    /// point drops a one-bar trough, so the picture showed a shallower fall than the report's max equity
    /// drawdown computed from every bar. The kept points must include each bucket's lowest and highest equity.
    /// </summary>
    public class EquityChartSampleTests
    {
        private static readonly DateTime Start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        /// <summary>
        /// 20,001 flat points at 10,000 (every 4th kept by the old thinning), one bar at index 10,001 down to
        /// 7,000 and one at 15,003 up to 12,000: the 30 % fall and the peak must both be drawn, and the
        /// last point is kept.
        /// </summary>
        [Test]
        public void Sample_OneBarTroughAndPeakBetweenEveryNthPoints_AreKept()
        {
            var curve = Enumerable.Range(0, 20_001).Select(i => new EquityPoint(Start.AddMinutes(i), 10_000, 10_000)).ToArray();
            curve[10_001] = new EquityPoint(curve[10_001].TimeUtc, 10_000, 7_000);
            curve[15_003] = new EquityPoint(curve[15_003].TimeUtc, 10_000, 12_000);

            var sample = EquityChartWriter.Sample(curve);

            Assert.That(sample.Min(p => p.Equity), Is.EqualTo(7_000));
            Assert.That(sample.Max(p => p.Equity), Is.EqualTo(12_000));
            Assert.That(sample[sample.Length - 1].TimeUtc, Is.EqualTo(curve[curve.Length - 1].TimeUtc));
            Assert.That(sample.Length, Is.LessThanOrEqualTo(2 * EquityChartWriter.MaxPoints + 1));
            Assert.That(sample.Select(p => p.TimeUtc), Is.Ordered, "time order kept");
        }
    }
}
