using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using PerpGuard.Review;
using PerpGuard.Tests.Common;

namespace PerpGuard.Risk.Tests.Review
{
    /// <summary>
    /// Sharpe and Sortino are annualised × √365, which counts every calendar day; a day without an
    /// equity point (a journal review has points only where a trade closed, a data file may miss a day)
    /// is a day with a 0 % return, not a day that did not exist. Hand-worked: initial 10,000.
    /// </summary>
    public class ReviewDailyReturnGapTests
    {
        /// <summary>A USD account: Asset.Digits 2 (cents).</summary>
        private const int UsdDigits = 2;

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
            var s = ReviewCalculator.Compute(new ReviewInput(10_000, Array.Empty<ClosedTrade>(), new[] { Point(1, 10_100), Point(3, 10_302) }, UsdDigits));

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
            var s = ReviewCalculator.Compute(new ReviewInput(10_000, Array.Empty<ClosedTrade>(), new[] { Point(1, 9_900), Point(3, 10_098) }, UsdDigits));

            Assert.That(s.SortinoRatio, Is.EqualTo(Math.Sqrt(365.0 / 3.0)).Within(1e-9));
        }

        /// <summary>
        /// Any curve of day-end equities (some days missing): one return per calendar day from the first point's
        /// day to the last's, and compounding them gives back the last equity over the initial balance
        /// (Π(1 + r) = E_last / B_0) — no day counted twice, none lost.
        /// </summary>
        [Test]
        public void DailyReturns_AnyCurveWithGaps_OneReturnPerCalendarDayCompoundingToTheEnd()
        {
            var cases = from steps in Gen.ListOf(Gen.Choose(1, 4)).Where(l => l.Count > 0 && l.Count < 40)
                        from equities in Gen.ArrayOf(Gen.Choose(5_000, 20_000), steps.Count)
                        select (steps: steps.ToArray(), equities);
            Prop.ForAll(cases.ToArbitrary(), c =>
            {
                var day = 0;
                var curve = c.steps.Select((step, i) =>
                {
                    day += step;
                    return new EquityPoint(new DateTime(2024, 1, 1, 12, 0, 0, DateTimeKind.Utc).AddDays(day), c.equities[i], c.equities[i]);
                }).ToArray();

                var r = ReviewCalculator.DailyReturns(10_000, curve);

                var days = (curve[curve.Length - 1].TimeUtc.Date - curve[0].TimeUtc.Date).Days + 1;
                var growth = r.Aggregate(1.0, (g, x) => g * (1 + x));
                return r.Length == days && Math.Abs(growth - (c.equities[c.equities.Length - 1] / 10_000.0)) < 1e-9;
            }).Check(PropertyBudget.Config);
        }
    }
}
