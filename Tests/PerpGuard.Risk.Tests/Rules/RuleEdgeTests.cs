using System;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Rules;
using PerpGuard.Risk.Tests.Time;

namespace PerpGuard.Risk.Tests.Rules
{
    /// <summary>
    /// The daily rules where the older tests left them free to be wrong (found by mutation testing): a limit of zero is
    /// refused when the rule is built, and a reducing order (closing or cutting a position) is never held back by a
    /// loss limit or profit target that already stops entries.
    /// </summary>
    public class RuleEdgeTests
    {
        [Test]
        public void Constructors_ZeroLimit_Throw()
        {
            Assert.That(() => new MaxTradesPerDay(0), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => new MaxConsecutiveLosses(0), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => new MaxDailyLossFraction(Fraction.Zero), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => new DailyProfitTarget(Fraction.Zero), Throws.TypeOf<ArgumentOutOfRangeException>());
        }

        [TestCase(9_700.0)]   // 300 lost: past the 200 limit
        [TestCase(10_400.0)]  // 400 won: past the 300 target
        public void ReducingOrder_PastALimit_IsAllowedWhileAnEntryIsDenied(double equity)
        {
            var clock = FakeClock.At("2026-11-25T10:00:00Z");
            var tracker = new DailyRiskTracker(new DailyLimitsOptions { ReducingAtShareOfLimit = 1 }, clock);
            tracker.Start(new Money(10_000, "USD"), new Money(10_000, "USD"));
            tracker.UpdateAmounts(10_000, equity);
            var daily = tracker.Status;

            foreach (IRiskRule rule in new IRiskRule[] { new MaxDailyLossFraction(Fraction.FromPercent(2)), new DailyProfitTarget(Fraction.FromPercent(3)) })
            {
                var reduce = rule.Evaluate(new RiskContext(clock.UtcNow, OrderIntent.Reduce, daily, default, plannedRiskMoney: 50));
                Assert.That(reduce.IsAllowed, Is.True, rule.Name);
            }

            var entry = new MaxDailyLossFraction(Fraction.FromPercent(2)).Evaluate(new RiskContext(clock.UtcNow, OrderIntent.Entry, daily, default, plannedRiskMoney: 50));
            var entryAtTarget = new DailyProfitTarget(Fraction.FromPercent(3)).Evaluate(new RiskContext(clock.UtcNow, OrderIntent.Entry, daily, default, plannedRiskMoney: 50));
            Assert.That(entry.IsDenied || entryAtTarget.IsDenied, Is.True);
        }
        [Test]
        public void MarketPipeline_WithATradingWindow_HoldsTheTradingHoursRule()
        {
            // A window set in the options must reach the pipeline; without one the pipeline trades around the clock.
            var withWindow = RiskPipelines.Market(new PerpGuard.Risk.Filters.MarketFilterOptions
            {
                TradingWindows = new System.Collections.Generic.List<PerpGuard.Risk.Filters.TradingWindow> { new PerpGuard.Risk.Filters.TradingWindow(TimeSpan.FromHours(8), TimeSpan.FromHours(16)) },
            });
            var without = RiskPipelines.Market(new PerpGuard.Risk.Filters.MarketFilterOptions());

            Assert.That(withWindow.Rules, Has.Some.TypeOf<PerpGuard.Risk.Filters.TradingHours>());
            Assert.That(without.Rules, Has.None.TypeOf<PerpGuard.Risk.Filters.TradingHours>());
        }
    }
}
