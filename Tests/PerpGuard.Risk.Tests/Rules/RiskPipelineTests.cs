using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Filters;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Rules;
using PerpGuard.Risk.Time;

namespace PerpGuard.Risk.Tests.Rules
{
    public class RiskPipelineTests
    {
        internal static readonly DateTime Now = new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);

        /// <summary>A day that started at 10,000 with a 2 % limit on the start balance.</summary>
        internal static DailyStatus Day(
            double equity = 10_000,
            TradingState state = TradingState.Active,
            bool onHold = false,
            int trades = 0,
            int streak = 0,
            DateTime cooldownUntil = default,
            bool started = true) =>
            new DailyStatus(started, TradingDay.Parse("2026-11-25"), state, ReasonCode.None, onHold, 10_000, 10_000, 10_000, equity, 10_000, 200, 300, trades, streak, cooldownUntil, Now.Date.AddDays(1));

        internal static RiskContext Entry(DailyStatus daily, double plannedRisk = double.NaN, MarketSnapshot market = default, double stop = double.NaN, DateTime? now = null) =>
            new RiskContext(now ?? Now, OrderIntent.Entry, daily, market, stop, plannedRisk);

        private sealed class FixedRule : IRiskRule
        {
            private readonly RiskDecision _decision;

            public FixedRule(string name, RiskDecision decision)
            {
                Name = name;
                _decision = decision;
            }

            public string Name { get; }

            public int Calls { get; private set; }

            public RiskDecision Evaluate(in RiskContext context)
            {
                Calls++;
                return _decision;
            }
        }

        [Test]
        public void Evaluate_FirstDenyWins_LaterRulesNotAsked()
        {
            var first = new FixedRule("A", RiskDecision.Deny(ReasonCode.SpreadTooWide, "A"));
            var second = new FixedRule("B", RiskDecision.Deny(ReasonCode.MaxTradesPerDay, "B"));
            var pipeline = RiskPipeline.Builder().Add(first).Add(second).Build();

            var decision = pipeline.Evaluate(Entry(Day()));

            Assert.That(decision.Reason, Is.EqualTo(ReasonCode.SpreadTooWide));
            Assert.That(second.Calls, Is.EqualTo(0));
        }

        [Test]
        public void Evaluate_TwoReductions_KeepsTheSmallerScale()
        {
            var pipeline = RiskPipeline.Builder()
                .Add(new FixedRule("A", RiskDecision.Reduce(ReasonCode.DailyBudgetExceeded, "A", 0.5)))
                .Add(new FixedRule("B", RiskDecision.Reduce(ReasonCode.SpreadTooWide, "B", 0.25)))
                .Add(new FixedRule("C", RiskDecision.Allow()))
                .Build();

            var decision = pipeline.Evaluate(Entry(Day()));

            Assert.That(decision.Verdict, Is.EqualTo(Verdict.Reduce));
            Assert.That(decision.Scale, Is.EqualTo(0.25));
            Assert.That(decision.RuleName, Is.EqualTo("B"));
        }

        [Test]
        public void Standard_Defaults_ListsRulesInOrder()
        {
            var pipeline = RiskPipelines.Standard(new DailyLimitsOptions(), new MarketFilterOptions());

            Assert.That(pipeline.Rules.Select(r => r.Name), Is.EqualTo(new[]
            {
                "TradingStateGate", "MaxDailyLossFraction", "DailyProfitTarget", "MaxTradesPerDay",
                "MaxConsecutiveLosses", "CooldownAfterLosses", "RolloverBlackout", "MaxSpread",
            }));
            Assert.That(pipeline.Describe(), Does.StartWith("Standard: TradingStateGate -> MaxDailyLossFraction"));
        }

        [Test]
        public void Standard_SettingsOff_LeaveRulesOut()
        {
            var daily = new DailyLimitsOptions { DailyProfitTarget = null, MaxTradesPerDay = 0, MaxConsecutiveLosses = 0, CooldownAfterLoss = TimeSpan.Zero };
            var market = new MarketFilterOptions { MaxSpread = 0, RolloverBlackoutBefore = TimeSpan.Zero, RolloverBlackoutAfter = TimeSpan.Zero };

            var pipeline = RiskPipelines.Standard(daily, market);

            Assert.That(pipeline.Rules.Select(r => r.Name), Is.EqualTo(new[] { "TradingStateGate", "MaxDailyLossFraction" }));
        }

        [Test]
        public void Standard_InvalidDailyAndMarketOptions_OneMessageWithBoth()
        {
            var daily = new DailyLimitsOptions { MaxConsecutiveLosses = -2 };
            var market = new MarketFilterOptions { MaxSpread = -1 };

            Assert.That(
                () => RiskPipelines.Standard(daily, market),
                Throws.ArgumentException.With.Message.Contains("2 problems").And.Message.Contains("MaxConsecutiveLosses").And.Message.Contains("MaxSpread"));
        }

        [Test]
        public void Validate_Defaults_IsNull()
        {
            Assert.That(RiskPipelines.Validate(new DailyLimitsOptions(), new MarketFilterOptions()), Is.Null);
        }

        [TestCase(TradingState.Active, false, ReasonCode.None)]
        [TestCase(TradingState.Reducing, false, ReasonCode.TradingReducing)]
        [TestCase(TradingState.Halted, false, ReasonCode.TradingHalted)]
        [TestCase(TradingState.Active, true, ReasonCode.ManualHold)]
        public void TradingStateGate_Entry_DeniedUnlessActive(TradingState state, bool hold, ReasonCode expected)
        {
            var decision = new TradingStateGate().Evaluate(Entry(Day(state: state, onHold: hold)));

            Assert.That(decision.Reason, Is.EqualTo(expected));
            Assert.That(decision.IsDenied, Is.EqualTo(expected != ReasonCode.None));
        }

        [Test]
        public void TradingStateGate_ReduceWhileHalted_Allowed()
        {
            var context = new RiskContext(Now, OrderIntent.Reduce, Day(state: TradingState.Halted), default);

            Assert.That(new TradingStateGate().Evaluate(context).IsAllowed, Is.True);
        }

        [Test]
        public void TradingStateGate_NotStarted_Denied()
        {
            Assert.That(new TradingStateGate().Evaluate(Entry(Day(started: false))).Reason, Is.EqualTo(ReasonCode.NotStarted));
        }

        // Limit 2 % of 10,000 = 200.
        [TestCase(9_800.01, Verdict.Allow)] // loss 199.99
        [TestCase(9_800.00, Verdict.Deny)]  // loss 200.00
        public void MaxDailyLossFraction_LossAroundLimit_DeniesAtLimit(double equity, Verdict expected)
        {
            var decision = new MaxDailyLossFraction(Fraction.FromPercent(2)).Evaluate(Entry(Day(equity)));

            Assert.That(decision.Verdict, Is.EqualTo(expected));
        }

        [Test]
        public void MaxDailyLossFraction_PlannedRiskAboveBudget_ReducesToFit()
        {
            // Loss so far 150, so 50 of the 200 is left; a trade planning to risk 100 is cut to 50 %.
            var decision = new MaxDailyLossFraction(Fraction.FromPercent(2)).Evaluate(Entry(Day(9_850), plannedRisk: 100));

            Assert.That(decision.Verdict, Is.EqualTo(Verdict.Reduce));
            Assert.That(decision.Scale, Is.EqualTo(0.5).Within(1e-12));
            Assert.That(decision.Reason, Is.EqualTo(ReasonCode.DailyBudgetExceeded));
        }

        [Test]
        public void MaxDailyLossFraction_PlannedRiskWithinBudget_Allows()
        {
            var decision = new MaxDailyLossFraction(Fraction.FromPercent(2)).Evaluate(Entry(Day(9_850), plannedRisk: 50));

            Assert.That(decision.Verdict, Is.EqualTo(Verdict.Allow));
        }

        // Target 3 % of 10,000 = 300.
        [TestCase(10_299.99, Verdict.Allow)]
        [TestCase(10_300.00, Verdict.Deny)]
        public void DailyProfitTarget_ProfitAroundTarget_DeniesAtTarget(double equity, Verdict expected)
        {
            Assert.That(new DailyProfitTarget(Fraction.FromPercent(3)).Evaluate(Entry(Day(equity))).Verdict, Is.EqualTo(expected));
        }

        [TestCase(4, Verdict.Allow)]
        [TestCase(5, Verdict.Deny)]
        public void MaxTradesPerDay_AroundFive_DeniesTheSixth(int tradesSoFar, Verdict expected)
        {
            Assert.That(new MaxTradesPerDay(5).Evaluate(Entry(Day(trades: tradesSoFar))).Verdict, Is.EqualTo(expected));
        }

        [TestCase(2, Verdict.Allow)]
        [TestCase(3, Verdict.Deny)]
        public void MaxConsecutiveLosses_AroundThree_DeniesAfterTheThird(int streak, Verdict expected)
        {
            Assert.That(new MaxConsecutiveLosses(3).Evaluate(Entry(Day(streak: streak))).Verdict, Is.EqualTo(expected));
        }

        [TestCase(-1, Verdict.Allow)] // cool-down ended a second ago
        [TestCase(0, Verdict.Allow)]  // ends exactly now
        [TestCase(1, Verdict.Deny)]   // one more second
        public void CooldownAfterLosses_AroundEnd_AllowsFromTheEnd(int secondsLeft, Verdict expected)
        {
            var decision = new CooldownAfterLosses().Evaluate(Entry(Day(cooldownUntil: Now.AddSeconds(secondsLeft))));

            Assert.That(decision.Verdict, Is.EqualTo(expected));
        }

        [Test]
        public void Message_CommaDecimalCulture_StillUsesInvariantDigits()
        {
            var previous = Thread.CurrentThread.CurrentCulture;
            try
            {
                Thread.CurrentThread.CurrentCulture = new CultureInfo("de-DE");
                var decision = RiskDecision.Deny(ReasonCode.DailyLossLimit, "MaxDailyLossFraction", 200.5, 200);

                Assert.That(decision.Message, Is.EqualTo("daily loss 200.50 reached the limit 200.00"));
            }
            finally
            {
                Thread.CurrentThread.CurrentCulture = previous;
            }
        }

        [Test]
        public void Reduce_ScaleAtOrAboveOne_IsAllow()
        {
            Assert.That(RiskDecision.Reduce(ReasonCode.DailyBudgetExceeded, "X", 1.0).Verdict, Is.EqualTo(Verdict.Allow));
        }

        [Test]
        public void Reduce_ScaleZero_IsDeny()
        {
            Assert.That(RiskDecision.Reduce(ReasonCode.DailyBudgetExceeded, "X", 0).Verdict, Is.EqualTo(Verdict.Deny));
        }

        [Test]
        public void ReasonText_EveryCode_HasItsOwnSentence()
        {
            foreach (ReasonCode code in Enum.GetValues(typeof(ReasonCode)))
            {
                Assert.That(ReasonText.Describe(code, 1, 2), Is.Not.EqualTo(code.ToString()), code.ToString());
            }
        }
    }
}
