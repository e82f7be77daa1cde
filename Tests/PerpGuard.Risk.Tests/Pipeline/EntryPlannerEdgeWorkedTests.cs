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
    /// <summary>
    /// The entry planner on the cases the older tests left open (each written for a mutant that survived them): a
    /// short, the ATR stop and the ATR target limit, pips of another size, what reaches the sizer (risk scale, mode,
    /// daily allowance, average ATR, stop-out guard), the cap that bound the size, and the refusal's reason after a
    /// size cut. BTCUSD: tick 0.01, step and minimum 0.01 BTC, 0.05 % per side; equity 10,000 USD, 1 % risk.
    /// </summary>
    public class EntryPlannerEdgeWorkedTests
    {
        private static readonly ManualClock Clock = new ManualClock(PipelineFixtures.Noon);

        private static IRiskRule Rules() => RiskPipelines.Standard(
            new DailyLimitsOptions { CooldownAfterLoss = TimeSpan.Zero, MaxCooldown = TimeSpan.Zero },
            new MarketFilterOptions { RolloverBlackoutBefore = TimeSpan.Zero, RolloverBlackoutAfter = TimeSpan.Zero });

        private static EntryPlanner Planner(Action<ScalperOptions>? configure = null, InstrumentSpec? spec = null, IPositionSizer? sizer = null, IRiskRule? rules = null)
        {
            var o = new ScalperOptions();
            o.Stops.StopMode = StopMode.Fixed;
            o.Stops.FixedStopPips = 300;
            configure?.Invoke(o);
            return new EntryPlanner(o.Risk, o.Stops, rules ?? Rules(), spec ?? PipelineFixtures.BtcUsd(), sizer ?? LibrarySizer.Instance);
        }

        private static EntryContext Context(TradeSide side = TradeSide.Long, double atr = double.NaN, double averageAtr = 0, double stopOutLevel = 0, DailyStatus? daily = null) =>
            new EntryContext(PipelineFixtures.Noon, side, 59_999, 60_000, atr, averageAtr, new Money(10_000, "USD"), new Money(10_000, "USD"), 0, stopOutLevel,
                daily ?? PipelineFixtures.StartedTracker(Clock).Status, ConversionRates.Identity);

        /// <summary>Plans with a sizer that only records the request (and refuses), and returns that request.</summary>
        private static SizingRequest Seen(Action<ScalperOptions>? configure = null, InstrumentSpec? spec = null, IRiskRule? rules = null, EntryContext? ctx = null)
        {
            var sizer = new Mock<IPositionSizer>();
            sizer.Setup(s => s.Size(It.IsAny<SizingRequest>())).Returns(PositionSizer.Decide(new SizingRequest()));
            Planner(configure, spec, sizer.Object, rules).Plan(ctx ?? Context());
            Assert.That(sizer.Invocations, Has.Count.EqualTo(1));
            return (SizingRequest)sizer.Invocations[0].Arguments[0];
        }

        /// <summary>A rule that lets every entry through at <see cref="Scale"/> of its size, for <see cref="Reason"/>.</summary>
        private sealed class ScalingRule : IRiskRule
        {
            public ScalingRule(double scale, ReasonCode reason)
            {
                Scale = scale;
                Reason = reason;
            }

            public double Scale { get; }

            public ReasonCode Reason { get; }

            public string Name => nameof(ScalingRule);

            public RiskDecision Evaluate(in RiskContext context) => RiskDecision.Reduce(Reason, Name, Scale);
        }

        [Test]
        public void Plan_Short_EntersAtTheBidStopAboveTargetBelow()
        {
            // Short at the bid 59,999; stop 59,999 + 300 = 60,299. Per BTC: 300 + 29.9995 + 30.1495 = 360.149;
            // 100 / 360.149 = 0.2777 → 0.27 BTC. Target T: (59,999 − T) − 29.9995 − 0.0005 T = 1.5 × 360.149
            // → T = (59,999 − 29.9995 − 540.2235) / 1.0005 = 59,399.0775 → 59,399.07 (down, away from the market).
            var d = Planner().Plan(Context(TradeSide.Short));

            Assert.That(d.Accepted, Is.True, d.ToString());
            Assert.That(d.EntryPrice, Is.EqualTo(59_999));
            Assert.That(d.StopPrice, Is.EqualTo(60_299).Within(1e-9));
            Assert.That(d.Volume, Is.EqualTo(0.27).Within(1e-9));
            Assert.That(d.TargetPrice, Is.EqualTo(59_399.07).Within(1e-9));
        }

        [Test]
        public void Plan_AtrStop_OnePointFiveAtrBelowTheAsk()
        {
            // ATR 100: stop 60,000 − 150 = 59,850. Per BTC 150 + 30 + 29.925 = 209.925; 100 / 209.925 = 0.476 → 0.47 BTC.
            // Target (1.5 × 209.925 + 60,030) / 0.9995 = 60,375.075 → 60,375.08: 375.08 from the entry, within 8 ATR = 800.
            var d = Planner(o => o.Stops.StopMode = StopMode.Atr).Plan(Context(atr: 100));

            Assert.That(d.Accepted, Is.True, d.ToString());
            Assert.That(d.StopPrice, Is.EqualTo(59_850).Within(1e-9));
            Assert.That(d.Volume, Is.EqualTo(0.47).Within(1e-9));
            Assert.That(d.TargetPrice, Is.EqualTo(60_375.08).Within(1e-9));
        }

        [Test]
        public void Plan_AtrSoSmallTheFeesPushTheTargetBeyondEightAtr_Refused()
        {
            // ATR 20: stop 30 below. Per BTC 30 + 30 + 29.985 = 89.985; target (1.5 × 89.985 + 60,030) / 0.9995 = 60,195.076
            // → 60,195.08: 195.08 from the entry, beyond 8 × 20 = 160.
            var d = Planner(o => o.Stops.StopMode = StopMode.Atr).Plan(Context(atr: 20));

            Assert.That(d.Accepted, Is.False);
            Assert.That(d.Reason, Is.EqualTo("target-beyond-atr-limit"));
        }

        [Test]
        public void Plan_TenthOfADollarPip_StopAndSlippageInThatPip()
        {
            // Pip 0.1 USD: 300 pips = 30 USD → stop 59,970; 5 pips of slippage = 0.5 USD.
            var spec = new InstrumentSpec("BTCUSD", tickSize: 0.01, volumeMin: 0.01, volumeStep: 0.01, volumeMax: 100, pipSize: 0.1, lotSize: 1,
                commission: CommissionModel.PercentOfVolume(Fraction.FromPercent(0.05)), baseAsset: "BTC", quoteAsset: "USD");

            var seen = Seen(o => o.Stops.SlippageAllowancePips = 5, spec);

            Assert.That(seen.Stop!.Value.Value, Is.EqualTo(59_970).Within(1e-9));
            Assert.That(seen.SlippageAllowance, Is.EqualTo(0.5).Within(1e-12));
        }

        [Test]
        public void Plan_RulesCutTheSizeToHalf_SizerGetsHalfTheRisk()
        {
            // 1 % × 0.5 = 0.5 % of equity.
            var seen = Seen(rules: new ScalingRule(0.5, ReasonCode.DailyBudgetExceeded));

            Assert.That(seen.RiskFraction.Value, Is.EqualTo(0.005).Within(1e-12));
        }

        [Test]
        public void Plan_CombinedSizingWithAverageAtr_SizerGetsCombinedModeAndTheAverage()
        {
            var seen = Seen(o => o.Risk.SizingMode = PerpGuard.Risk.Pipeline.SizingMode.Combined, ctx: Context(averageAtr: 150));

            Assert.That(seen.Mode, Is.EqualTo(PerpGuard.Risk.Sizing.SizingMode.Combined));
            Assert.That(seen.AverageAtr, Is.EqualTo(150));
        }

        [TestCase(double.NaN)]
        [TestCase(-5.0)]
        public void Plan_AverageAtrUnknown_SizerGetsZero(double averageAtr)
        {
            Assert.That(Seen(ctx: Context(averageAtr: averageAtr)).AverageAtr, Is.EqualTo(0));
        }

        [Test]
        public void Plan_DayNotStarted_NoDailyAllowanceSent()
        {
            // Only the rules gate a day that has not started; the sizer is not handed a budget of 0.
            var rules = new ScalingRule(1.0, ReasonCode.None);

            Assert.That(Seen(rules: rules, ctx: Context(daily: default(DailyStatus))).RemainingDailyAllowance, Is.Null);
        }

        [Test]
        public void Plan_StopOutLevelKnown_CTraderGuardWithTheBuffer()
        {
            // Stop-out 50 %, buffer 5 % (default).
            var guard = Seen(ctx: Context(stopOutLevel: 50)).Guard;

            Assert.That(guard.Kind, Is.EqualTo(LiquidationGuardKind.CTraderStopOut));
            Assert.That(guard.StopOutLevel.Value, Is.EqualTo(0.50).Within(1e-12));
            Assert.That(guard.Buffer.Value, Is.EqualTo(0.05).Within(1e-12));
        }

        [Test]
        public void Plan_StopOutLevelUnknown_NoGuard()
        {
            Assert.That(Seen(ctx: Context(stopOutLevel: 0)).Guard.Kind, Is.EqualTo(LiquidationGuardKind.None));
        }

        [Test]
        public void Plan_AtrModeWithAtr_SizerGetsTheAtrAndTheTargetLimit()
        {
            var seen = Seen(o => o.Stops.StopMode = StopMode.Atr, ctx: Context(atr: 100));

            Assert.That(seen.Atr, Is.EqualTo(100));
            Assert.That(seen.MaxTargetAtrMultiple, Is.EqualTo(8));
        }

        [Test]
        public void Plan_LeverageCapBinds_DecisionSaysSoNothingBindsSaysNothing()
        {
            // Cap 1x: the 1 % risk would buy 0.27 BTC = 1.62x; 1x allows 10,000 / 60,000 = 0.1667 → 0.16 BTC, bound by leverage.
            var capped = Planner(o => o.Risk.MaxLeverage = 1).Plan(Context());
            var free = Planner().Plan(Context());

            Assert.That((capped.Accepted, capped.Volume, capped.BoundBy), Is.EqualTo((true, 0.16, "Leverage")));
            Assert.That((free.Accepted, free.BoundBy), Is.EqualTo((true, string.Empty)));
        }

        [Test]
        public void Plan_DayBudgetHalvesTheSizeBelowTheMinimum_RefusedNoRiskBudget()
        {
            // Minimum 0.2 BTC. Halved by the day's budget: 50 / 359.85 = 0.139 BTC < 0.2. The trade's own 1 % (100) would buy
            // 0.2779 → 0.27 ≥ 0.2: the day's budget is the reason, not the instrument's minimum.
            var d = Planner(spec: PipelineFixtures.BtcUsd(volumeMin: 0.2), rules: new ScalingRule(0.5, ReasonCode.DailyBudgetExceeded)).Plan(Context());

            Assert.That(d.Reason, Is.EqualTo("no-risk-budget"));
        }

        [Test]
        public void Plan_SizeHalvedForAnotherReasonBelowTheMinimum_StaysBelowMinimumVolume()
        {
            // The same halving for a reason that is not the day's budget: the budget is not blamed.
            var d = Planner(spec: PipelineFixtures.BtcUsd(volumeMin: 0.2), rules: new ScalingRule(0.5, ReasonCode.SpreadTooWide)).Plan(Context());

            Assert.That(d.Reason, Is.EqualTo("below-minimum-volume"));
        }
    }
}
