using System;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Filters;
using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Pipeline;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Rules;
using PerpGuard.Risk.Sizing;

namespace PerpGuard.Risk.Tests.Pipeline
{
    /// <summary>
    /// Refused entries are the bots' most frequent decision (≈ 9,000 a month, most of them repeats on a halted
    /// day): counted exactly, journaled once per reason per day and state, and free of allocations.
    /// </summary>
    public class RefusalFastPathTests
    {
        private ManualClock _clock = null!;

        [SetUp]
        public void SetUp() => _clock = new ManualClock(PipelineFixtures.Noon);

        [Test]
        public void Count_RepeatsOfOneReasonInOneDayAndState_FirstJournaledAllCounted()
        {
            var tracker = PipelineFixtures.StartedTracker(_clock);
            tracker.Halt(ReasonCode.DailyLossLimit);
            var tally = new RefusalTally();

            var journal = 0;
            for (var i = 0; i < 500; i++)
            {
                if (tally.Count("TradingHalted", tracker.Status))
                {
                    journal++;
                }
            }

            Assert.That(journal, Is.EqualTo(1));
            Assert.That(tally.CountOf("TradingHalted"), Is.EqualTo(500));
            Assert.That(tally.Total, Is.EqualTo(500));
        }

        [Test]
        public void Count_NewStateNewDayOrOtherReason_JournaledAgain()
        {
            var tracker = PipelineFixtures.StartedTracker(_clock);
            var tally = new RefusalTally();

            Assert.That(tally.Count("SpreadTooWide", tracker.Status), Is.True, "first of the day");
            Assert.That(tally.Count("SpreadTooWide", tracker.Status), Is.False, "repeat");
            Assert.That(tally.Count("below-minimum-volume", tracker.Status), Is.True, "another reason");
            tracker.Reduce(ReasonCode.MaxTradesPerDay);
            Assert.That(tally.Count("TradingReducing", tracker.Status), Is.True, "the day's state changed");
            Assert.That(tally.Count("TradingReducing", tracker.Status), Is.False);
            tracker.Hold();
            Assert.That(tally.Count("TradingReducing", tracker.Status), Is.True, "a manual hold starts a new episode");

            _clock.Advance(TimeSpan.FromDays(1));
            tracker.Update(new Money(10_000, "USD"), new Money(10_000, "USD"));
            tracker.Release();
            Assert.That(tally.Count("SpreadTooWide", tracker.Status), Is.True, "next day");

            Assert.That(tally.CountOf("SpreadTooWide"), Is.EqualTo(3));
            Assert.That(tally.CountOf("TradingReducing"), Is.EqualTo(3));
            Assert.That(tally.CountOf("below-minimum-volume"), Is.EqualTo(1));
            Assert.That(tally.Total, Is.EqualTo(7));
            Assert.That(tally.ByReason.Count, Is.EqualTo(3));
        }

        [Test]
        public void ForEntry_EachDayState_SameAnswerAsTheRuleInThePipeline()
        {
            var tracker = PipelineFixtures.StartedTracker(_clock);
            var gate = new TradingStateGate();
            var market = new MarketSnapshot(59_999, 60_000, 200);

            void Check(string when, ReasonCode expected)
            {
                var status = tracker.Status;
                var viaRule = gate.Evaluate(new RiskContext(_clock.UtcNow, OrderIntent.Entry, status, market, 300));
                var direct = TradingStateGate.ForEntry(status);
                Assert.That(direct, Is.EqualTo(viaRule), when);
                Assert.That(direct.Reason, Is.EqualTo(expected), when);
                Assert.That(direct.IsDenied, Is.EqualTo(expected != ReasonCode.None), when);
            }

            Check("active", ReasonCode.None);
            tracker.Hold();
            Check("on hold", ReasonCode.ManualHold);
            tracker.Release();
            tracker.Reduce(ReasonCode.MaxTradesPerDay);
            Check("reducing", ReasonCode.TradingReducing);
            tracker.Halt(ReasonCode.DailyLossLimit);
            Check("halted", ReasonCode.TradingHalted);
            Assert.That(TradingStateGate.ForEntry(default).Reason, Is.EqualTo(ReasonCode.NotStarted));
        }

        [Test]
        public void Plan_RefusedByARule_MessageBuiltFromTheRuleWhenRead()
        {
            // Spread 30 against a 20 (absolute) maximum: the message is the rule's own sentence (ReasonText).
            var tracker = PipelineFixtures.StartedTracker(_clock);
            var planner = Planner(new MarketFilterOptions
            {
                RolloverBlackoutBefore = TimeSpan.Zero,
                RolloverBlackoutAfter = TimeSpan.Zero,
                SpreadKind = SpreadLimitKind.Absolute,
                MaxSpread = 20,
            });

            var d = planner.Plan(Context(tracker.Status, bid: 59_970, ask: 60_000));

            Assert.That(d.Accepted, Is.False);
            Assert.That(d.Reason, Is.EqualTo(nameof(ReasonCode.SpreadTooWide)));
            Assert.That(d.Gate.Reason, Is.EqualTo(ReasonCode.SpreadTooWide));
            Assert.That(d.Message, Is.EqualTo("spread 30 is wider than the maximum 20"));
        }

        [Test]
        public void Plan_RefusedBySizing_ReasonCodeAndLibraryTextWithItsNumbers()
        {
            // Issue 2's trade (1 % of 10,000 = 100; c = 300 + 30 + 29.85 = 359.85 per BTC) at a 1 BTC broker minimum:
            // 100 / 359.85 = 0.277893566… BTC, and the minimum would risk 1 × 359.85.
            var tracker = PipelineFixtures.StartedTracker(_clock);
            var planner = Planner(new MarketFilterOptions { RolloverBlackoutBefore = TimeSpan.Zero, RolloverBlackoutAfter = TimeSpan.Zero }, PipelineFixtures.BtcUsd(volumeMin: 1.0));

            var d = planner.Plan(Context(tracker.Status));

            Assert.That(d.Reason, Is.EqualTo("below-minimum-volume"));
            Assert.That(d.Message, Is.EqualTo("The risk money 100.00 buys 0.27789357 units, below the broker's minimum volume 1 "
                + "(which would risk 359.85 at this stop, fees included); the trade is refused, not rounded up."));
            Assert.That(d.Sizing.Refusal, Is.EqualTo(SizingRefusal.BelowMinimumVolume));
            Assert.That(d.ToString(), Does.StartWith("refused below-minimum-volume: "));
        }

        [Test]
        public void SetMessage_SizingRefusal_KeepsTheNumbersUntilRead()
        {
            // The journal keeps the refusal's numbers, not its ~200-character sentence (≥ 400 bytes as a string), until the
            // line is written out; read, the event tells the same sentence as the decision.
            var tracker = PipelineFixtures.StartedTracker(_clock);
            var planner = Planner(new MarketFilterOptions { RolloverBlackoutBefore = TimeSpan.Zero, RolloverBlackoutAfter = TimeSpan.Zero }, PipelineFixtures.BtcUsd(volumeMin: 1.0));
            var d = planner.Plan(Context(tracker.Status));
            var events = new PipelineEvent[100];
            for (var i = 0; i < events.Length; i++)
            {
                events[i] = new PipelineEvent(PipelineFixtures.Noon, PipelineEventKind.EntryRefused, d.Reason);
            }

            events[0].SetMessage(d);
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 1; i < events.Length; i++)
            {
                events[i].SetMessage(d);
            }

            var perEvent = (GC.GetAllocatedBytesForCurrentThread() - before) / (events.Length - 1);

            Assert.That(perEvent, Is.LessThan(200), "bytes kept per journaled refusal");
            Assert.That(events[7].Message, Is.EqualTo(d.Message));
            Assert.That(d.Message.Length, Is.GreaterThan(150));
        }

        [Test]
        public void PlanAndCount_RepeatedRefusals_AllocateNothing()
        {
            // Halted day (state gate), too-wide spread (market rule), below the broker minimum and no risk money left (sizing):
            // once each reason has been seen, planning and counting a refusal allocates no byte.
            var halted = PipelineFixtures.StartedTracker(_clock);
            halted.Halt(ReasonCode.DailyLossLimit);
            var active = PipelineFixtures.StartedTracker(_clock).Status;
            var spreadPlanner = Planner(new MarketFilterOptions { RolloverBlackoutBefore = TimeSpan.Zero, RolloverBlackoutAfter = TimeSpan.Zero, SpreadKind = SpreadLimitKind.Absolute, MaxSpread = 20 });
            var minimumPlanner = Planner(new MarketFilterOptions { RolloverBlackoutBefore = TimeSpan.Zero, RolloverBlackoutAfter = TimeSpan.Zero }, PipelineFixtures.BtcUsd(volumeMin: 1.0));
            var budgetPlanner = Planner(new MarketFilterOptions { RolloverBlackoutBefore = TimeSpan.Zero, RolloverBlackoutAfter = TimeSpan.Zero });
            var spent = PipelineFixtures.StartedTracker(_clock, options: new DailyLimitsOptions { CooldownAfterLoss = TimeSpan.Zero, MaxCooldown = TimeSpan.Zero, ReducingAtShareOfLimit = 1.0 });
            spent.UpdateAmounts(9_800.50, 9_800.50);
            var spentStatus = spent.Status;
            var spentContext = Context(spentStatus);
            var spentTally = new RefusalTally();
            var haltedStatus = halted.Status;
            var haltedContext = Context(haltedStatus);
            var wideContext = Context(active, bid: 59_970, ask: 60_000);
            var normalContext = Context(active);
            var haltedTally = new RefusalTally();
            var tally = new RefusalTally();
            var journaled = 0;

            void Run(int n)
            {
                for (var i = 0; i < n; i++)
                {
                    var gate = TradingStateGate.ForEntry(haltedStatus);
                    journaled += haltedTally.Count(EntryDecision.Refuse(gate).Reason, haltedStatus) ? 1 : 0;
                    journaled += haltedTally.Count(spreadPlanner.Plan(haltedContext).Reason, haltedStatus) ? 1 : 0;
                    journaled += tally.Count(spreadPlanner.Plan(wideContext).Reason, active) ? 1 : 0;
                    journaled += tally.Count(minimumPlanner.Plan(normalContext).Reason, active) ? 1 : 0;

                    // Below the minimum only for the day's 0.50 left: sized again without the budget to name it.
                    journaled += spentTally.Count(budgetPlanner.Plan(spentContext).Reason, spentStatus) ? 1 : 0;
                }
            }

            Run(100);
            var before = GC.GetAllocatedBytesForCurrentThread();
            Run(10_000);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.That(allocated, Is.EqualTo(0), "bytes allocated by 50,000 refusals");
            Assert.That(haltedTally.CountOf(nameof(ReasonCode.TradingHalted)), Is.EqualTo(2 * 10_100));
            Assert.That(tally.CountOf(nameof(ReasonCode.SpreadTooWide)), Is.EqualTo(10_100));
            Assert.That(tally.CountOf("below-minimum-volume"), Is.EqualTo(10_100));
            Assert.That(spentTally.CountOf("no-risk-budget"), Is.EqualTo(10_100));
            Assert.That(journaled, Is.EqualTo(4), "one journal line per reason and episode");
        }

        [Test]
        public void Describe_RefusalWithSide_SideNamedInTheLine()
        {
            var e = new PipelineEvent(PipelineFixtures.Noon, PipelineEventKind.EntryRefused, "TradingHalted") { Side = TradeSide.Short, Price = 59_999 };

            Assert.That(PipelineEventText.Format(e), Is.EqualTo("2022-01-10 12:00:00Z EntryRefused TradingHalted side=Short price=59999"));
            Assert.That(PipelineEventText.Describe(new PipelineEvent(PipelineFixtures.Noon, PipelineEventKind.EntryPlanned, string.Empty) { Side = TradeSide.Long }), Is.EqualTo("EntryPlanned side=Long"));
        }

        private static EntryPlanner Planner(MarketFilterOptions filters, InstrumentSpec? spec = null)
        {
            var o = new ScalperOptions();
            o.Stops.StopMode = StopMode.Fixed;
            o.Stops.FixedStopPips = 300;
            var rules = RiskPipelines.Standard(new DailyLimitsOptions { CooldownAfterLoss = TimeSpan.Zero, MaxCooldown = TimeSpan.Zero }, filters);
            return new EntryPlanner(o.Risk, o.Stops, rules, spec ?? PipelineFixtures.BtcUsd(), LibrarySizer.Instance);
        }

        private EntryContext Context(DailyStatus daily, double bid = 59_999, double ask = 60_000) =>
            new EntryContext(_clock.UtcNow, TradeSide.Long, bid, ask, double.NaN, 0, new Money(10_000, "USD"), new Money(10_000, "USD"), 0, 0, daily, ConversionRates.Identity);
    }
}
