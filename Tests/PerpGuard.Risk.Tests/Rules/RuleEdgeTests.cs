using System;
using System.Collections.Generic;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Filters;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Rules;
using PerpGuard.Risk.Tests.Pipeline;
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

        private static IRiskRule Rule(string name) => name == nameof(MaxDailyLossFraction)
            ? new MaxDailyLossFraction(Fraction.FromPercent(2))
            : new DailyProfitTarget(Fraction.FromPercent(3));

        // Start 10,000: the loss limit is 2 % = 200, the profit target 3 % = 300.
        [TestCase(9_700.0, nameof(MaxDailyLossFraction), ReasonCode.DailyLossLimit)]     // 300 lost: past the 200 limit
        [TestCase(10_400.0, nameof(DailyProfitTarget), ReasonCode.DailyProfitTarget)]    // 400 won: past the 300 target
        public void ReducingOrder_PastALimit_IsAllowedWhileAnEntryIsDenied(double equity, string stoppingRule, ReasonCode reason)
        {
            var clock = new ManualClock(FakeClock.Utc("2026-11-25T10:00:00Z"));
            var tracker = PipelineFixtures.StartedTracker(clock);
            tracker.UpdateAmounts(10_000, equity);
            var daily = tracker.Status;

            foreach (var name in new[] { nameof(MaxDailyLossFraction), nameof(DailyProfitTarget) })
            {
                // Allowed as it is, not cut (a Reduce verdict would also count as "allowed" but shrink the close).
                var reduce = Rule(name).Evaluate(new RiskContext(clock.UtcNow, OrderIntent.Reduce, daily, default, plannedRiskMoney: 50));
                Assert.That(reduce.Verdict, Is.EqualTo(Verdict.Allow), name);
            }

            var entry = Rule(stoppingRule).Evaluate(new RiskContext(clock.UtcNow, OrderIntent.Entry, daily, default, plannedRiskMoney: 50));
            Assert.That((entry.Verdict, entry.Reason), Is.EqualTo((Verdict.Deny, reason)), "the same rule stops an entry");
        }

        [Test]
        public void MarketPipeline_WithATradingWindow_HoldsTheTradingHoursRule()
        {
            // A window set in the options must reach the pipeline; without one the pipeline trades around the clock.
            var withWindow = RiskPipelines.Market(new MarketFilterOptions
            {
                TradingWindows = new List<TradingWindow> { new TradingWindow(TimeSpan.FromHours(8), TimeSpan.FromHours(16)) },
            });
            var without = RiskPipelines.Market(new MarketFilterOptions());

            Assert.That(withWindow.Rules, Has.Some.TypeOf<TradingHours>());
            Assert.That(without.Rules, Has.None.TypeOf<TradingHours>());
        }
    }
}
