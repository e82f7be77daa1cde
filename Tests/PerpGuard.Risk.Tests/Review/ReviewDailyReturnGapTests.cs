using System;
using PerpGuard.Review;

namespace PerpGuard.Risk.Tests.Review
{
    /// <summary>
    /// Sharpe and Sortino are annualised × √365, which counts every calendar day; a day without an
    /// equity point (a journal review has points only where a trade closed, a data file may miss a day)
    /// is a day with a 0 % return, not a day that did not exist. Hand-worked: initial 10,000.
    /// </summary>
    public class ReviewDailyReturnGapTests
    {
        private static DateTime Day(int day) => new DateTime(2024, 1, day, 18, 0, 0, DateTimeKind.Utc);

        private static EquityPoint Point(int day, double equity) => new EquityPoint(Day(day), equity, equity);

        /// <summary>10,000 → 10,100 on 1 Jan (+1 %), nothing on 2 Jan (0 %), 10,302 on 3 Jan (+2 %).</summary>
        [Test]
        public void DailyReturns_DayWithoutPoint_CountsAsZeroReturnDay()
        {
            var r = ReviewCalculator.DailyReturns(10_000, new[] { Point(1, 10_100), Point(3, 10_302) });

            Assert.That(r, Has.Length.EqualTo(3));
            Assert.That(r[0], Is.EqualTo(0.01).Within(1e-12));
            Assert.That(r[1], Is.EqualTo(0.0));
            Assert.That(r[2], Is.EqualTo(0.02).Within(1e-12));
        }

        /// <summary>
        /// Returns 1 %, 0 %, 2 %: mean 1 %, sample sd √((0 + 1 + 1) / 2) % = 1 % → Sharpe = 1 × √365 = 19.1050.
        /// (Skipping the empty day gave mean 1.5 %, sd 0.7071 % → 40.53, twice as good as it was.)
        /// </summary>
        [Test]
        public void Compute_TradesTwoDaysApart_SharpeCountsTheQuietDay()
        {
            var s = ReviewCalculator.Compute(new ReviewInput(10_000, Array.Empty<ClosedTrade>(), new[] { Point(1, 10_100), Point(3, 10_302) }));

            Assert.That(s.ReturnDays, Is.EqualTo(3));
            Assert.That(s.SharpeRatio, Is.EqualTo(Math.Sqrt(365)).Within(1e-9));
        }

        /// <summary>
        /// Returns −1 %, 0 %, +2 % (10,000 → 9,900 → 9,900 → 10,098): mean 1/3 %, downside deviation
        /// √(1 / 3) % (Sortino and Price: Σ min(r, 0)² over all n = 3 days) → Sortino = (1/3) / √(1/3) × √365
        /// = √(1/3) × √365 = 11.0303.
        /// </summary>
        [Test]
        public void Compute_LossThenGainTwoDaysApart_SortinoCountsTheQuietDay()
        {
            var s = ReviewCalculator.Compute(new ReviewInput(10_000, Array.Empty<ClosedTrade>(), new[] { Point(1, 9_900), Point(3, 10_098) }));

            Assert.That(s.SortinoRatio, Is.EqualTo(Math.Sqrt(365.0 / 3.0)).Within(1e-9));
        }
    }
}
