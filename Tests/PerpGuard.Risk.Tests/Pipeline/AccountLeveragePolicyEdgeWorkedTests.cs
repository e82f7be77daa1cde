using System;
using System.Linq;
using PerpGuard.Risk.Pipeline;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Risk.Tests.Pipeline
{
    /// <summary>
    /// TradeGuardian's account-wide leverage pass on the cases the older tests left open (each written for a mutant
    /// that survived them): leverage of a flat or negative account, cuts left over from a previous call, an account
    /// exactly at the cap, positions without a quote or volume, a rest below the broker minimum and positions opened
    /// at the same instant. BTC positions at 60,000 USD on a USD account unless said; every number worked by hand.
    /// </summary>
    public class AccountLeveragePolicyEdgeWorkedTests
    {
        private static readonly long T0 = new DateTime(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc).Ticks;

        private static AccountExposure Btc(int id, int minute, double units, double price = 60_000, double volumeMin = 0.01) =>
            new AccountExposure(id, T0 + minute * TimeSpan.TicksPerMinute, units, price, 1.0, volumeMin, 0.01);

        private static double CutOf(AccountExposure[] positions, int id) => positions.Single(p => p.Id == id).Cut;

        [Test]
        public void Leverage_FlatAccountWithZeroEquity_Zero()
        {
            // Nothing open: no leverage, whatever the equity.
            Assert.That(AccountLeveragePolicy.Leverage(ReadOnlySpan<AccountExposure>.Empty, 0), Is.EqualTo(0));
        }

        [Test]
        public void Leverage_OpenPositionNegativeEquity_Infinite()
        {
            // 60,000 USD open against −100 equity: not −600x but unbounded.
            var positions = new[] { Btc(1, 0, 1.0) };

            Assert.That(AccountLeveragePolicy.Leverage(positions, -100), Is.EqualTo(double.PositiveInfinity));
        }

        [Test]
        public void Decide_WithinTheCap_CutsLeftFromAnEarlierCallCleared()
        {
            // The caller reuses its array: 0.5 BTC = 3x is under the 5x cap, so the 0.3 left in Cut must not stay.
            var positions = new[] { Btc(1, 0, 0.5) };
            positions[0].Cut = 0.3;

            var cuts = AccountLeveragePolicy.Decide(positions, 10_000, 5, OversizeAction.Reduce);

            Assert.That(cuts, Is.EqualTo(0));
            Assert.That(positions[0].Cut, Is.EqualTo(0));
        }

        [Test]
        public void Decide_ExactlyAtTheCapWithABand_NothingCut()
        {
            // 1 BTC × 60,000 / 12,000 = 5.0x: at the 5x cap, not above it, so the 4.5x target is not sought.
            var positions = new[] { Btc(1, 0, 1.0) };

            Assert.That(AccountLeveragePolicy.Decide(positions, 12_000, 5, 4.5, OversizeAction.Reduce), Is.EqualTo(0));
            Assert.That(positions[0].Cut, Is.EqualTo(0));
        }

        [Test]
        public void Decide_NewestWithoutQuoteOrVolume_SkippedTheOlderOneCut()
        {
            // Counted: only the 1 BTC with a price, 60,000 / 10,000 = 6x > 5x; excess 60,000 − 50,000 = 10,000 USD.
            // The two newer entries (0.5 BTC with no quote, a position of 0 units) cannot reduce it and are not touched;
            // the older one is cut by 10,000 / 60,000 = 0.1667 → 0.17 BTC (rounded up). One position cut.
            var positions = new[] { Btc(1, 0, 1.0), Btc(2, 5, 0.5, price: 0), Btc(3, 6, 0) };

            var cuts = AccountLeveragePolicy.Decide(positions, 10_000, 5, OversizeAction.Reduce);

            Assert.That(cuts, Is.EqualTo(1));
            Assert.That(CutOf(positions, 2), Is.EqualTo(0));
            Assert.That(CutOf(positions, 3), Is.EqualTo(0));
            Assert.That(CutOf(positions, 1), Is.EqualTo(0.17).Within(1e-9));
        }

        [Test]
        public void Decide_CutLeavesLessThanTheBrokerMinimum_ClosedWhole()
        {
            // 1 BTC at 60,000 on 4,800 equity = 12.5x; 5x allows 24,000 → excess 36,000 = 0.6 BTC. Keeping 0.4 is below the
            // 0.5 minimum, so the whole 1 BTC closes.
            var positions = new[] { Btc(1, 0, 1.0, volumeMin: 0.5) };

            AccountLeveragePolicy.Decide(positions, 4_800, 5, OversizeAction.Reduce);

            Assert.That(positions[0].Cut, Is.EqualTo(1.0));
            Assert.That(positions[0].CloseAll, Is.True);
        }

        [Test]
        public void Decide_TwoOpenedAtTheSameInstant_TheHigherIdIsTheNewerAndIsCut()
        {
            // 2 × 0.5 BTC = 60,000 / 10,000 = 6x; excess 10,000 → 0.17 BTC off one position: id 2 (higher id, same instant),
            // whatever order the caller lists them in.
            var positions = new[] { Btc(2, 0, 0.5), Btc(1, 0, 0.5) };

            var cuts = AccountLeveragePolicy.Decide(positions, 10_000, 5, OversizeAction.Reduce);

            Assert.That(cuts, Is.EqualTo(1));
            Assert.That(CutOf(positions, 2), Is.EqualTo(0.17).Within(1e-9));
            Assert.That(CutOf(positions, 1), Is.EqualTo(0));
        }
    }
}
