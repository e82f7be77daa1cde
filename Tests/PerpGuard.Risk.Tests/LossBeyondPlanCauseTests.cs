using PerpGuard.Risk.Rules;

namespace PerpGuard.Risk.Tests
{
    /// <summary>
    /// Why a loss went beyond its plan. Numbers from the scalper on the freqtrade XRP 1h file with its 8h funding
    /// (position 3, 2021-11-18): stopped at its stop price 1.08461 exactly, after the 08:00 funding.
    /// </summary>
    public class LossBeyondPlanCauseTests
    {
        [Test]
        public void Of_StopFilledAtItsPriceAfterFunding_IsSwapNotGap()
        {
            // Gross -101.23, commissions -0.23, funding -0.38: net -101.84 against a plan of 101.49 (0.35 beyond).
            // Without the funding: -101.84 + 0.38 = -101.46, within 101.49 × 1.0001 + 0.01 = 101.50: the swap did it.
            Assert.That(LossBeyondPlanCause.Of(-101.84, -0.38, 101.49, closedByStop: true), Is.EqualTo(ReasonCode.SwapBeyondPlan));
        }

        [Test]
        public void Of_GapThroughTheStop_IsGapEvenWithSomeSwap()
        {
            // A gap: -150.00 with -1.00 of swap on a plan of 100.00; without the swap still -149.00, far beyond 100.02.
            Assert.That(LossBeyondPlanCause.Of(-150, -1, 100, closedByStop: true), Is.EqualTo(ReasonCode.GapThroughStop));
            Assert.That(LossBeyondPlanCause.Of(-150, 0, 100, closedByStop: true), Is.EqualTo(ReasonCode.GapThroughStop));
        }

        [Test]
        public void Of_SwapCreditedNotCharged_IsNeverTheCause()
        {
            // A swap received (+0.50) cannot make a loss larger: -101.00 on a plan of 100.00 is the fill's doing.
            Assert.That(LossBeyondPlanCause.Of(-101, 0.5, 100, closedByStop: true), Is.EqualTo(ReasonCode.GapThroughStop));
        }

        // The loss without the swap is held to the loss test's tolerance, 0.01 % and a cent: on a plan of 100.00,
        // 100 × 1.0001 + 0.01 = 100.02. Swap −0.50 in both: −100.51 is −100.01 without it (within: the swap did it);
        // −100.54 is −100.04 without it (beyond: the fill lost more than the plan as well).
        [TestCase(-100.51, ReasonCode.SwapBeyondPlan)]
        [TestCase(-100.54, ReasonCode.GapThroughStop)]
        public void Of_LossWithoutTheSwapNearThePlan_HeldToTheLossTestsTolerance(double netProfit, ReasonCode expected)
        {
            Assert.That(LossBeyondPlanCause.Of(netProfit, -0.50, 100, closedByStop: true), Is.EqualTo(expected));
        }

        [Test]
        public void Of_OtherCloseBeyondPlan_NamesSwapOrLeavesTheCloseReason()
        {
            // Closed by code (a flatten) at -100.40 with -0.60 funding on a plan of 100.00: -99.80 without it → swap.
            Assert.That(LossBeyondPlanCause.Of(-100.40, -0.60, 100, closedByStop: false), Is.EqualTo(ReasonCode.SwapBeyondPlan));
            // The same close without swap: the caller names its close reason.
            Assert.That(LossBeyondPlanCause.Of(-100.40, 0, 100, closedByStop: false), Is.EqualTo(ReasonCode.None));
        }
    }
}
