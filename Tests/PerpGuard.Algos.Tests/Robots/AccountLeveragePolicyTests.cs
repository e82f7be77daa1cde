using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using PerpGuard.Risk.Pipeline;
using PerpGuard.Tests.Common;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>TradeGuardian's account-wide leverage cut (Σ notional ÷ equity), worked by hand and as a property.</summary>
    public class AccountLeveragePolicyTests
    {
        private static readonly long T0 = new DateTime(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc).Ticks;

        // BTCUSD: 0.01 BTC step and minimum, USD account (quote = account currency).
        private static AccountExposure Btc(int id, int minute, double units, double price = 60_000) =>
            new AccountExposure(id, T0 + minute * TimeSpan.TicksPerMinute, units, price, 1.0, 0.01, 0.01);

        [Test]
        public void Decide_TwoBtcPositionsAt4Point8xCap3x_NewestCutBy0Point3()
        {
            // Equity 10,000; two longs of 0.4 BTC at 60,000 = 24,000 each → 48,000 / 10,000 = 4.8x (each alone 2.4x,
            // under the cap). Cap 3x → at most 30,000 of notional: 18,000 too much = 18,000 / 60,000 = 0.3 BTC,
            // a multiple of the 0.01 step. The newer position (id 2, opened a minute later) is cut 0.4 → 0.1;
            // the older one is kept: 0.4 + 0.1 = 0.5 BTC × 60,000 = 30,000 → 3.0x.
            var positions = new[] { Btc(1, 0, 0.4), Btc(2, 1, 0.4) };

            Assert.That(AccountLeveragePolicy.Leverage(positions, 10_000), Is.EqualTo(4.8).Within(1e-12));
            var cuts = AccountLeveragePolicy.Decide(positions, 10_000, 3, OversizeAction.Reduce);

            Assert.That(cuts, Is.EqualTo(1));
            var newest = positions.Single(p => p.Id == 2);
            Assert.That(newest.Cut, Is.EqualTo(0.3).Within(1e-12));
            Assert.That(newest.CloseAll, Is.False);
            Assert.That(positions.Single(p => p.Id == 1).Cut, Is.EqualTo(0));
            Assert.That(RandomAccounts.LeverageAfterCuts(positions, 10_000), Is.EqualTo(3.0).Within(1e-9));
        }

        [Test]
        public void Decide_ExcessNotOnTheStep_CutRoundedUpSoTheAccountEndsUnderTheCap()
        {
            // Equity 9,999.2 (two 1-dollar spreads paid on 0.4 BTC each); 48,000 at the bid → 4.80038x.
            // Allowed 3 × 9,999.2 = 29,997.6 → excess 18,002.4 → 0.30004 BTC → rounded UP to the step: 0.31.
            // After: 0.4 + 0.09 = 0.49 × 60,000 = 29,400 → 2.94x ≤ 3 (rounding down to 0.30 would leave 3.0002x).
            var positions = new[] { Btc(1, 0, 0.4), Btc(2, 1, 0.4) };

            AccountLeveragePolicy.Decide(positions, 9_999.2, 3, OversizeAction.Reduce);

            Assert.That(positions.Single(p => p.Id == 2).Cut, Is.EqualTo(0.31).Within(1e-12));
            Assert.That(RandomAccounts.LeverageAfterCuts(positions, 9_999.2), Is.EqualTo(29_400 / 9_999.2).Within(1e-9));
        }

        [Test]
        public void Decide_RestBelowTheMinimum_NewestClosedThenTheNextReduced()
        {
            // Equity 10,000, cap 3x. Old 0.45 BTC (27,000) + new 0.1 BTC (6,000) at 60,000 = 33,000 → 3.3x.
            // Excess 3,000 = 0.05 BTC. With a 0.06 BTC minimum the new one cannot keep 0.05: closed whole
            // (−6,000 → 27,000 = 2.7x), and the older one is left alone.
            var positions = new[]
            {
                new AccountExposure(1, T0, 0.45, 60_000, 1.0, 0.06, 0.01),
                new AccountExposure(2, T0 + 1, 0.1, 60_000, 1.0, 0.06, 0.01),
            };

            AccountLeveragePolicy.Decide(positions, 10_000, 3, OversizeAction.Reduce);

            Assert.That(positions.Single(p => p.Id == 2).CloseAll, Is.True);
            Assert.That(positions.Single(p => p.Id == 1).Cut, Is.EqualTo(0));
        }

        [Test]
        public void Decide_NewestTooSmall_ItIsClosedAndTheOlderOneReducedForTheRest()
        {
            // Equity 10,000, cap 2.5x (25,000). Old 0.5 BTC (30,000) + new 0.05 BTC (3,000) = 33,000 → 3.3x;
            // excess 8,000 = 0.1333 BTC, more than the new position holds: it is closed whole (−3,000), then the
            // old one is cut 5,000 / 60,000 = 0.0833 → 0.09 BTC (up to the step) → 0.41 × 60,000 = 24,600 → 2.46x.
            var positions = new[] { Btc(1, 0, 0.5), Btc(2, 1, 0.05) };

            var cuts = AccountLeveragePolicy.Decide(positions, 10_000, 2.5, OversizeAction.Reduce);

            Assert.That(cuts, Is.EqualTo(2));
            Assert.That(positions.Single(p => p.Id == 2).CloseAll, Is.True);
            Assert.That(positions.Single(p => p.Id == 1).Cut, Is.EqualTo(0.09).Within(1e-12));
            Assert.That(RandomAccounts.LeverageAfterCuts(positions, 10_000), Is.EqualTo(2.46).Within(1e-9));
        }

        /// <summary>
        /// Review finding: minimum 0.1, step 0.01, equity 10,000, cap 5x, two 0.5 at 50,100 = 50,100 notional,
        /// 100 over the 50,000 allowed → 100 / 50,100 = 0.002 → 0.01 on the step, but a 0.01 close is below the
        /// broker's 0.1 minimum and would be refused on every tick: the cut is 0.1 (5.01x → 4.51x).
        /// </summary>
        [Test]
        public void Decide_CutSmallerThanTheBrokerMinimum_RaisedToTheMinimum()
        {
            var positions = new[]
            {
                new AccountExposure(1, T0, 0.5, 50_100, 1.0, 0.1, 0.01),
                new AccountExposure(2, T0 + 1, 0.5, 50_100, 1.0, 0.1, 0.01),
            };

            AccountLeveragePolicy.Decide(positions, 10_000, 5, OversizeAction.Reduce);

            var newest = positions.Single(p => p.Id == 2);
            Assert.That(newest.Cut, Is.EqualTo(0.1).Within(1e-12));
            Assert.That(newest.CloseAll, Is.False);
            Assert.That(positions.Single(p => p.Id == 1).Cut, Is.Zero);
        }

        [Test]
        public void Decide_CloseAction_ClosesWholePositionsNewestFirst()
        {
            // 4.8x vs 3x with "Close": the newest 0.4 BTC goes (→ 24,000 = 2.4x); the older one stays.
            var positions = new[] { Btc(1, 0, 0.4), Btc(2, 1, 0.4) };

            AccountLeveragePolicy.Decide(positions, 10_000, 3, OversizeAction.Close);

            Assert.That(positions.Single(p => p.Id == 2).CloseAll, Is.True);
            Assert.That(positions.Single(p => p.Id == 1).Cut, Is.EqualTo(0));
        }

        [Test]
        public void Decide_WarnOnly_NothingCut()
        {
            var positions = new[] { Btc(1, 0, 0.4), Btc(2, 1, 0.4) };

            var cuts = AccountLeveragePolicy.Decide(positions, 10_000, 3, OversizeAction.WarnOnly);

            Assert.That(cuts, Is.EqualTo(0));
            Assert.That(positions.All(p => p.Cut == 0), Is.True);
        }

        [Test]
        public void Leverage_MixedSymbolsAndHedgedSides_SumOfNotionalsInAccountCurrency()
        {
            // EUR account: 0.2 BTC at 50,000 USD (USD→EUR 0.9) = 9,000 EUR; a short 1.5 ETH at 3,000 USD = 4,050 EUR
            // (both sides count). Σ 13,050 / equity 4,350 = 3.0x.
            var positions = new[]
            {
                new AccountExposure(1, T0, 0.2, 50_000, 0.9, 0.01, 0.01),
                new AccountExposure(2, T0, 1.5, 3_000, 0.9, 0.1, 0.1),
            };

            Assert.That(AccountLeveragePolicy.Leverage(positions, 4_350), Is.EqualTo(3.0).Within(1e-12));
        }

        [Test]
        public void Decide_AnyAccount_AfterTheCutsLeverageAtOrUnderTheCapOrWarnOnlyChangedNothing()
        {
            Prop.ForAll(
                    Gen.Choose(0, int.MaxValue).ToArbitrary(),
                    seed =>
                    {
                        var rng = new Random(seed);
                        var positions = RandomAccounts.Exposures(rng, T0);

                        var equity = 100 + rng.NextDouble() * 100_000;
                        var cap = 1 + rng.Next(0, 19) * 0.5;
                        var action = (OversizeAction)rng.Next(3);
                        var before = AccountLeveragePolicy.Leverage(positions, equity);

                        AccountLeveragePolicy.Decide(positions, equity, cap, action);

                        if (action == OversizeAction.WarnOnly || before <= cap)
                        {
                            return positions.All(p => p.Cut == 0);
                        }

                        // Every kept position is still a valid order size; cuts go newest first: at most the oldest
                        // position touched keeps some volume, every newer one is closed whole.
                        var ordered = positions.OrderByDescending(p => p.OpenedTicks).ThenByDescending(p => p.Id).ToArray();
                        var lastCut = Array.FindLastIndex(ordered, p => p.Cut > 0);
                        for (var i = 0; i < ordered.Length; i++)
                        {
                            var p = ordered[i];
                            var rest = p.Units - p.Cut;
                            var partialBelowMinimum = p.Cut > 0 && !p.CloseAll && p.Cut < p.VolumeMin - p.VolumeStep * 1e-6;
                            if (p.Cut < 0 || rest < -1e-9 || (rest > 1e-9 && rest < p.VolumeMin - p.VolumeStep * 1e-6) || partialBelowMinimum)
                            {
                                return false;
                            }

                            if (i < lastCut && !p.CloseAll)
                            {
                                return false;
                            }

                            if (i > lastCut && p.Cut != 0)
                            {
                                return false;
                            }
                        }

                        return RandomAccounts.LeverageAfterCuts(positions, equity) <= cap * (1 + 1e-9);
                    })
                .Check(PropertyBudget.Config);
        }

        [Test]
        public void PerTickChecks_AccountLeverageAndExcursions_AllocateNothing()
        {
            // The guardian runs both on every tick: the account check over a reused array, the MAE/MFE update per position.
            var positions = new[] { Btc(1, 0, 0.4), Btc(2, 1, 0.4), Btc(3, 2, 0.1) };
            var tracked = new TrackedPosition(1, PerpGuard.Risk.Primitives.TradeSide.Long, 60_001, 59_901, 10, new DateTime(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc));
            AccountLeveragePolicy.Decide(positions, 10_000, 3, OversizeAction.Reduce);
            tracked.TrackExcursion(60_000, 60_001);

            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 1_000; i++)
            {
                AccountLeveragePolicy.Leverage(positions, 10_000);
                AccountLeveragePolicy.Decide(positions, 10_000, 3, OversizeAction.Reduce);
                tracked.TrackExcursion(59_900 + i % 200, 59_901 + i % 200);
            }

            Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.EqualTo(0));
        }

        /// <summary>Account leverage after the cuts are applied.</summary>
    }
}
