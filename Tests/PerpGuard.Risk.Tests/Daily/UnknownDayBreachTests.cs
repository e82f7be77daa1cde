using System.Linq;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Persistence;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Rules;
using PerpGuard.Risk.Tests.Time;

namespace PerpGuard.Risk.Tests.Daily
{
    /// <summary>
    /// A day halted because its saved state is unreadable does not flatten (no breach yet), but it still has a loss limit:
    /// measured from the equity at the restart (the least the day can have lost since), a loss reaching it is a breach
    /// and flattens when the options ask to. Before, a Halted day skipped every check, so with "flatten on halt" the
    /// guardian let open positions run past the daily loss limit to their own stops.
    /// </summary>
    public class UnknownDayBreachTests
    {
        private static Money Usd(double amount) => new Money(amount, "USD");

        [Test]
        public void UpdateAmounts_UnknownDayThenLossAtTheLimit_BreachFlattens()
        {
            // Default limit 2 % of the 10,000 start (equity at the restart): 9,800 is the breach, by hand.
            var tracker = new DailyRiskTracker(new DailyLimitsOptions { FlattenOnHalt = true }, FakeClock.At("2026-11-25T09:00:00Z"));
            tracker.Start(Usd(10_000), Usd(10_000), DailyStateLoad.Corrupt("unreadable"));
            StateTransition? last = null;
            tracker.Transitioned += t => last = t;

            tracker.Update(Usd(10_000), Usd(9_800));

            Assert.That((tracker.State, tracker.Status.StateReason), Is.EqualTo((TradingState.Halted, ReasonCode.DailyLossLimit)));
            Assert.That(tracker.ShouldFlatten, Is.True);
            Assert.That(last, Is.Not.Null);
            Assert.That((last!.Value.From, last.Value.To, last.Value.Reason), Is.EqualTo((TradingState.Halted, TradingState.Halted, ReasonCode.DailyLossLimit)));
        }

        [Test]
        public void UpdateAmounts_UnknownDayLossBelowTheLimit_StillUnknownNoFlatten()
        {
            var tracker = new DailyRiskTracker(new DailyLimitsOptions { FlattenOnHalt = true }, FakeClock.At("2026-11-25T09:00:00Z"));
            tracker.Start(Usd(10_000), Usd(10_000), DailyStateLoad.Corrupt("unreadable"));

            tracker.Update(Usd(10_000), Usd(9_801));

            Assert.That((tracker.State, tracker.Status.StateReason), Is.EqualTo((TradingState.Halted, ReasonCode.CorruptState)));
            Assert.That(tracker.ShouldFlatten, Is.False);
        }
    }
}
