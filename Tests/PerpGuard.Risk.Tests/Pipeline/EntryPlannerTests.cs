using System;
using Moq;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Filters;
using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Pipeline;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Rules;
using PerpGuard.Risk.Sizing;

namespace PerpGuard.Risk.Tests.Pipeline
{
    public class EntryPlannerTests
    {
        private ManualClock _clock = null!;

        [SetUp]
        public void SetUp() => _clock = new ManualClock(PipelineFixtures.Noon);

        private static RiskPipeline Rules() => RiskPipelines.Standard(
            new DailyLimitsOptions { CooldownAfterLoss = TimeSpan.Zero, MaxCooldown = TimeSpan.Zero },
            new MarketFilterOptions { RolloverBlackoutBefore = TimeSpan.Zero, RolloverBlackoutAfter = TimeSpan.Zero });

        private static EntryPlanner Planner(InstrumentSpec? spec = null, IPositionSizer? sizer = null, Action<ScalperOptions>? configure = null)
        {
            var o = new ScalperOptions();
            o.Stops.StopMode = StopMode.Fixed;
            o.Stops.FixedStopPips = 300;
            configure?.Invoke(o);
            return new EntryPlanner(o.Risk, o.Stops, Rules(), spec ?? PipelineFixtures.BtcUsd(), sizer ?? LibrarySizer.Instance);
        }

        // The bots' day: no early Reducing band (OptionsMapping.ToDailyLimits), no cool-down.
        private static DailyLimitsOptions AsTheBotsRunIt() =>
            new DailyLimitsOptions { CooldownAfterLoss = TimeSpan.Zero, MaxCooldown = TimeSpan.Zero, ReducingAtShareOfLimit = 1.0 };

        private static EntryPlanner BudgetPlanner(InstrumentSpec? spec = null)
        {
            var o = new ScalperOptions();
            o.Stops.StopMode = StopMode.Fixed;
            o.Stops.FixedStopPips = 300;
            var rules = RiskPipelines.Standard(AsTheBotsRunIt(), new MarketFilterOptions { RolloverBlackoutBefore = TimeSpan.Zero, RolloverBlackoutAfter = TimeSpan.Zero });
            return new EntryPlanner(o.Risk, o.Stops, rules, spec ?? PipelineFixtures.BtcUsd(), LibrarySizer.Instance);
        }

        private EntryContext Context(DailyStatus daily, TradeSide side = TradeSide.Long, double bid = 59_999, double ask = 60_000) =>
            new EntryContext(_clock.UtcNow, side, bid, ask, double.NaN, 0, new Money(10_000, "USD"), new Money(10_000, "USD"), 0, 0, daily, ConversionRates.Identity);

        [Test]
        public void Plan_Issue2WorkedExample_027BtcRisk9716Target6060008()
        {
            // Issue 2: equity 10,000, 1 %, long 60,000, stop 59,700, 0.05 %/side, step 0.01
            // → 0.27 BTC, realised risk 97.16, leverage 1.62x, net-1.5R target 60,600.08.
            var daily = PipelineFixtures.StartedTracker(_clock).Status;

            var d = Planner().Plan(Context(daily));

            Assert.That(d.Accepted, Is.True, d.ToString());
            Assert.That(d.Volume, Is.EqualTo(0.27).Within(1e-9));
            Assert.That(d.PlannedRisk, Is.EqualTo(97.16).Within(0.005));
            Assert.That(d.Leverage, Is.EqualTo(1.62).Within(0.005));
            Assert.That(d.StopPrice, Is.EqualTo(59_700).Within(1e-9));
            Assert.That(d.TargetPrice, Is.EqualTo(60_600.08).Within(1e-9));
            Assert.That(d.StopPips, Is.EqualTo(300).Within(1e-9));
        }

        [Test]
        public void Plan_DayHalted_RefusedWithTradingHalted()
        {
            var tracker = PipelineFixtures.StartedTracker(_clock);
            tracker.Halt(ReasonCode.DailyLossLimit);

            var d = Planner().Plan(Context(tracker.Status));

            Assert.That(d.Accepted, Is.False);
            Assert.That(d.Reason, Is.EqualTo(nameof(ReasonCode.TradingHalted)));
        }

        [Test]
        public void Plan_CoolingDownAfterLoss_Refused()
        {
            var options = new DailyLimitsOptions { CooldownAfterLoss = TimeSpan.FromMinutes(15), MaxCooldown = TimeSpan.FromMinutes(15) };
            var tracker = PipelineFixtures.StartedTracker(_clock, options: options);
            tracker.RecordClosedTrade(new Money(-50, "USD"));
            _clock.Advance(TimeSpan.FromMinutes(10));
            var rules = RiskPipelines.Standard(options, new MarketFilterOptions { RolloverBlackoutBefore = TimeSpan.Zero, RolloverBlackoutAfter = TimeSpan.Zero });
            var o = new ScalperOptions();
            o.Stops.StopMode = StopMode.Fixed;
            var planner = new EntryPlanner(o.Risk, o.Stops, rules, PipelineFixtures.BtcUsd(), LibrarySizer.Instance);

            var d = planner.Plan(Context(tracker.Status));

            Assert.That(d.Accepted, Is.False);
            Assert.That(d.Reason, Is.EqualTo(nameof(ReasonCode.CooldownAfterLoss)));
        }

        [Test]
        public void Plan_SizeBelowBrokerMinimum_RefusedNotRoundedUp()
        {
            // 0.27 BTC allowed, broker minimum 1 BTC.
            var daily = PipelineFixtures.StartedTracker(_clock).Status;

            var d = Planner(PipelineFixtures.BtcUsd(volumeMin: 1.0)).Plan(Context(daily));

            Assert.That(d.Accepted, Is.False);
            Assert.That(d.Reason, Is.EqualTo("below-minimum-volume"));
        }

        [Test]
        public void Plan_DayLeavesLessThanTheMinimumRisks_RefusedNoRiskBudgetNotBelowMinimum()
        {
            // Worked by hand: limit 2 % of 10,000 = 200; after a 199.50 loss 0.50 is left. Long 60,000, stop 300 pips
            // (59,700), 0.05 %/side: c = 300 + 30 + 29.85 = 359.85 per BTC, so the 0.01 BTC minimum would risk 3.60,
            // more than the 0.50 left; the trade's own 1 % (100) would buy 0.27 BTC. The reason is the day's budget.
            var tracker = PipelineFixtures.StartedTracker(_clock, options: AsTheBotsRunIt());
            tracker.UpdateAmounts(9_800.50, 9_800.50);
            Assert.That(tracker.Status.RemainingBudget, Is.EqualTo(0.50).Within(1e-9), "premise");

            var d = BudgetPlanner().Plan(Context(tracker.Status));

            Assert.That(d.Accepted, Is.False);
            Assert.That(d.Reason, Is.EqualTo("no-risk-budget"));
            Assert.That(d.Message, Does.Contain("daily loss limit leaves"));
        }

        [Test]
        public void Plan_DayLeavesLessThanTheMinimumRisks_MessageTellsBothAmounts()
        {
            // As above (0.50 left of the 200 limit; c = 359.85 per BTC) with a 0.02 BTC broker minimum: it would risk
            // 0.02 × 359.85 = 7.197 → 7.20. The rules cut the trade's 100 to the 0.50 left, so "of which" is not told.
            var tracker = PipelineFixtures.StartedTracker(_clock, options: AsTheBotsRunIt());
            tracker.UpdateAmounts(9_800.50, 9_800.50);

            var d = BudgetPlanner(PipelineFixtures.BtcUsd(volumeMin: 0.02)).Plan(Context(tracker.Status));

            Assert.That(d.Reason, Is.EqualTo("no-risk-budget"));
            Assert.That(d.Sizing.DailyLossLeft, Is.EqualTo(0.50).Within(1e-9));
            Assert.That(d.Sizing.MinimumVolumeRisk, Is.EqualTo(7.197).Within(1e-9));
            Assert.That(d.Message, Is.EqualTo(
                "No risk money is left for a trade today: the daily loss limit leaves 0.50, less than the 7.20 the broker's minimum volume 0.02 "
                + "would risk at this stop (fees included); the trade is refused, not rounded up."));

            // Journaled as the scalper does it: the event tells the same sentence when written out.
            var refused = new PipelineEvent(PipelineFixtures.Noon, PipelineEventKind.EntryRefused, d.Reason);
            refused.SetMessage(d);
            Assert.That(refused.Message, Is.EqualTo(d.Message));
            Assert.That(PipelineEventText.Describe(refused), Does.EndWith("| " + d.Message));
        }

        [Test]
        public void Plan_DayBudgetCutAndMinimumTooLargeAnyway_StaysBelowMinimumVolume()
        {
            // Same day (0.50 left), broker minimum 1 BTC: even the trade's own 100 buys only 0.27 BTC, so the
            // instrument's minimum is the reason, whatever the day has left.
            var tracker = PipelineFixtures.StartedTracker(_clock, options: AsTheBotsRunIt());
            tracker.UpdateAmounts(9_800.50, 9_800.50);

            var d = BudgetPlanner(PipelineFixtures.BtcUsd(volumeMin: 1.0)).Plan(Context(tracker.Status));

            Assert.That(d.Reason, Is.EqualTo("below-minimum-volume"));
        }

        [Test]
        public void Plan_DayLeavesEnoughForASmallerTrade_AcceptedAtTheReducedSize()
        {
            // 40 left: 40 / 359.85 = 0.111 → 0.11 BTC (risk 39.58 ≤ 40): the budget cuts the size, nothing is refused.
            var tracker = PipelineFixtures.StartedTracker(_clock, options: AsTheBotsRunIt());
            tracker.UpdateAmounts(9_840, 9_840);

            var d = BudgetPlanner().Plan(Context(tracker.Status));

            Assert.That(d.Accepted, Is.True, d.ToString());
            Assert.That(d.Volume, Is.EqualTo(0.11).Within(1e-9));
            Assert.That(d.PlannedRisk, Is.LessThanOrEqualTo(40));
        }

        [Test]
        public void Plan_NoQuote_RefusedMarketDataMissing()
        {
            var daily = PipelineFixtures.StartedTracker(_clock).Status;

            var d = Planner().Plan(Context(daily, bid: 0, ask: 0));

            Assert.That(d.Reason, Is.EqualTo(nameof(ReasonCode.MarketDataMissing)));
        }

        [Test]
        public void Plan_AtrModeWithoutAtr_RefusedMarketDataMissing()
        {
            var daily = PipelineFixtures.StartedTracker(_clock).Status;

            var d = Planner(configure: o => o.Stops.StopMode = StopMode.Atr).Plan(Context(daily));

            Assert.That(d.Accepted, Is.False);
            Assert.That(d.Reason, Is.EqualTo(nameof(ReasonCode.MarketDataMissing)));
        }

        [Test]
        public void Plan_PassesCapsAndDailyBudgetToTheSizer()
        {
            var tracker = PipelineFixtures.StartedTracker(_clock);
            tracker.Update(new Money(10_000, "USD"), new Money(9_950, "USD"));
            var sizer = new Mock<IPositionSizer>();
            sizer.Setup(s => s.Size(It.IsAny<SizingRequest>())).Returns(PositionSizer.Decide(new SizingRequest()));

            Planner(sizer: sizer.Object, configure: o => { o.Risk.MaxLeverage = 3; o.Stops.SlippageAllowancePips = 5; })
                .Plan(Context(tracker.Status));

            Assert.That(sizer.Invocations, Has.Count.EqualTo(1));
            var seen = (SizingRequest)sizer.Invocations[0].Arguments[0];

            Assert.That(seen.MaxLeverage, Is.EqualTo(3));
            Assert.That(seen.RiskFraction.Value, Is.EqualTo(0.01).Within(1e-12));
            // Budget: floor 9,800 (−2 % of 10,000); equity 9,950 → 150 left.
            Assert.That(seen.RemainingDailyAllowance!.Value.Amount, Is.EqualTo(150).Within(1e-9));
            Assert.That(seen.SlippageAllowance, Is.EqualTo(5).Within(1e-12));
            Assert.That(seen.Stop!.Value.Value, Is.EqualTo(59_700).Within(1e-9));
        }
    }
}
