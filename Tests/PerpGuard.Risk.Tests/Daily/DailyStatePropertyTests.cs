using System;
using System.Collections.Generic;
using FsCheck;
using FsCheck.Fluent;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Filters;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Rules;
using PerpGuard.Risk.Tests.Time;
using PerpGuard.Tests.Common;

namespace PerpGuard.Risk.Tests.Daily
{
    /// <summary>
    /// Random days: each step moves the clock (minutes to hours), moves equity, and sometimes
    /// records an entry, a closed trade, a hold or a release. The day resets at 17:00 New York so
    /// DST changes are crossed too.
    /// </summary>
    public class DailyStatePropertyTests
    {
        private static readonly Arbitrary<int[]> Steps =
            Gen.Choose(1, 200).SelectMany(n => Gen.Choose(0, 1_000_000).ArrayOf(n)).ToArbitrary();

        private static void Run(int[] steps, Action<DailyRiskTracker, FakeClock, List<StateTransition>> afterEachStep)
        {
            var clock = FakeClock.At("2026-03-01T00:00:00Z");
            var options = new DailyLimitsOptions { ResetTimeZone = "America/New_York", ResetTimeOfDay = TimeSpan.FromHours(17) };
            var tracker = new DailyRiskTracker(options, clock);
            var events = new List<StateTransition>();
            tracker.Transitioned += events.Add;
            var equity = 10_000.0;
            tracker.Start(new Money(equity, "USD"), new Money(equity, "USD"));
            foreach (var step in steps)
            {
                clock.Advance(TimeSpan.FromMinutes(step % 400));
                equity = Math.Max(1, equity + ((step / 400 % 101) - 50) * 3.0);
                tracker.Update(new Money(equity, "USD"), new Money(equity, "USD"));
                switch (step / 40_400 % 8)
                {
                    case 0:
                        tracker.RecordEntry();
                        break;
                    case 1:
                        tracker.RecordClosedTrade(new Money(-5, "USD"));
                        break;
                    case 2:
                        tracker.RecordClosedTrade(new Money(5, "USD"));
                        break;
                    case 3:
                        if (step % 7 == 0)
                        {
                            tracker.Hold();
                        }
                        else
                        {
                            tracker.Release();
                        }

                        break;
                }

                afterEachStep(tracker, clock, events);
            }
        }

        [Test]
        public void Property_UpdateSkipsUnchangedChecks_SameStatesAndTransitionsAsCheckingEveryTick()
        {
            // Equity moves in coarse steps and often repeats (a flat bot): the tracker that skips the check when
            // nothing changed must go through exactly the states and transitions of one that checks every tick.
            var cases = Gen.Choose(1, 300).SelectMany(n => Gen.Choose(0, 1_000_000).ArrayOf(n)).ToArbitrary();
            Prop.ForAll(cases, steps =>
            {
                var clock = FakeClock.At("2026-03-01T00:00:00Z");
                var options = new DailyLimitsOptions { ResetTimeZone = "America/New_York", ResetTimeOfDay = TimeSpan.FromHours(17), MaxTradesPerDay = 4, MaxConsecutiveLosses = 2 };
                var fast = new DailyRiskTracker(options, clock);
                var reference = new DailyRiskTracker(options, clock) { AlwaysEvaluate = true };
                var fastEvents = new List<StateTransition>();
                var referenceEvents = new List<StateTransition>();
                fast.Transitioned += fastEvents.Add;
                reference.Transitioned += referenceEvents.Add;
                fast.Start(new Money(10_000, "USD"), new Money(10_000, "USD"));
                reference.Start(new Money(10_000, "USD"), new Money(10_000, "USD"));
                var equity = 10_000.0;
                foreach (var step in steps)
                {
                    clock.Advance(TimeSpan.FromMinutes(step % 240));
                    if (step % 3 == 0)
                    {
                        equity = Math.Max(1, equity + ((step / 3 % 21) - 10) * 25.0);
                    }

                    foreach (var t in new[] { fast, reference })
                    {
                        t.UpdateAmounts(equity, equity);
                        switch (step / 97 % 9)
                        {
                            case 0:
                                t.RecordEntry();
                                break;
                            case 1:
                                t.RecordClosedTrade(new Money(-5, "USD"));
                                break;
                            case 2:
                                t.RecordClosedTrade(new Money(5, "USD"));
                                break;
                            case 3:
                                t.Hold();
                                break;
                            case 4:
                                t.Release();
                                break;
                        }

                        t.UpdateAmounts(equity, equity);
                    }

                    if (!fast.Status.Equals(reference.Status))
                    {
                        return false;
                    }
                }

                return System.Linq.Enumerable.SequenceEqual(fastEvents, referenceEvents);
            }).Check(PropertyBudget.Config);
        }

        [Test]
        public void Property_AfterAHalt_NoEntryUntilTheNextReset()
        {
            var pipeline = RiskPipelines.Daily(new DailyLimitsOptions());
            Prop.ForAll(Steps, steps =>
            {
                var ok = true;
                DateTime? haltedUntil = null;
                Run(steps, (tracker, clock, _) =>
                {
                    if (haltedUntil is null && tracker.State == TradingState.Halted)
                    {
                        haltedUntil = tracker.Status.NextResetUtc;
                    }

                    if (haltedUntil is { } until && clock.UtcNow >= until)
                    {
                        haltedUntil = tracker.State == TradingState.Halted ? tracker.Status.NextResetUtc : null;
                    }

                    if (haltedUntil is not null)
                    {
                        var context = new RiskContext(clock.UtcNow, OrderIntent.Entry, tracker.Status, new MarketSnapshot(100, 100.01, 1));
                        ok &= pipeline.Evaluate(context).IsDenied;
                    }
                });
                return ok;
            }).Check(PropertyBudget.Config);
        }

        [Test]
        public void Property_StateMachine_NeverHaltedToActiveWithinTheSameDay()
        {
            Prop.ForAll(Steps, steps =>
            {
                var ok = true;
                Run(steps, (_, _, events) =>
                {
                    for (var i = 1; i < events.Count; i++)
                    {
                        var e = events[i];
                        if (e.To < e.From)
                        {
                            // Backwards only at a reset, and only into a later day than the halt.
                            ok &= e.Reason == ReasonCode.DayReset && e.To == TradingState.Active && e.Day > events[i - 1].Day;
                        }
                    }
                });
                return ok;
            }).Check(PropertyBudget.Config);
        }

        [Test]
        public void Property_RemainingBudget_NeverNegativeAndNeverAboveTheLimitPlusProfit()
        {
            Prop.ForAll(Steps, steps =>
            {
                var ok = true;
                Run(steps, (tracker, _, _) =>
                {
                    var s = tracker.Status;
                    ok &= s.RemainingBudget >= 0;
                    ok &= s.RemainingBudget <= s.LossLimitMoney + Math.Max(0, s.DayPnL) + 1e-9;
                });
                return ok;
            }).Check(PropertyBudget.Config);
        }

        [Test]
        public void Property_LossAtOrPastTheLimit_IsAlwaysHalted()
        {
            Prop.ForAll(Steps, steps =>
            {
                var ok = true;
                Run(steps, (tracker, _, _) =>
                {
                    var s = tracker.Status;
                    if (s.DayLoss >= s.LossLimitMoney)
                    {
                        ok &= s.State == TradingState.Halted;
                    }
                });
                return ok;
            }).Check(PropertyBudget.Config);
        }
    }
}
