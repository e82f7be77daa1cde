using System;
using System.Linq;
using PerpGuard.Review;

namespace PerpGuard.Risk.Tests.Review
{
    /// <summary>
    /// Wins and losses are judged to the account currency's decimals (cTrader's Account.Asset.Digits), not to cents:
    /// a JPY account books whole yen (0 digits), a KWD or BHD account thousandths (3 digits; ISO 4217 minor units).
    /// Every net below worked by hand: net = gross + commission + swap, rounded half away from zero to the digits.
    /// </summary>
    public class ReviewMoneyDigitsTests
    {
        private static ClosedTrade Trade(long id, int hour, double gross, double commission) => new ClosedTrade
        {
            Id = id,
            EntryTimeUtc = new DateTime(2024, 1, 1, hour - 1, 0, 0, DateTimeKind.Utc),
            ExitTimeUtc = new DateTime(2024, 1, 1, hour, 0, 0, DateTimeKind.Utc),
            GrossProfit = gross,
            Commission = commission,
        };

        // Nets: +0.004 (2.848 − 2.844), −0.004 (2.840 − 2.844), +0.0004 (2.8444 − 2.844).
        private static readonly ClosedTrade[] Thousandths =
        {
            Trade(1, 10, 2.848, -2.844), Trade(2, 11, 2.840, -2.844), Trade(3, 12, 2.8444, -2.844),
        };

        [Test]
        public void Compute_ThreeDigitAccount_FourThousandthsWinAndLoseNotBreakEven()
        {
            // To 3 digits: +0.004 a win, −0.004 a loss, +0.0004 → 0.000 break-even. Gross profit 0.004, gross loss −0.004,
            // profit factor 0.004 / 0.004 = 1, win rate 1/3.
            var s = ReviewCalculator.Compute(new ReviewInput(10_000, Thousandths, Array.Empty<EquityPoint>(), 3));

            Assert.That((s.Wins, s.Losses), Is.EqualTo((1, 1)));
            Assert.That(s.GrossProfit, Is.EqualTo(0.004).Within(1e-12));
            Assert.That(s.GrossLoss, Is.EqualTo(-0.004).Within(1e-12));
            Assert.That(s.ProfitFactor, Is.EqualTo(1.0).Within(1e-9));
            Assert.That(s.WinRate, Is.EqualTo(1.0 / 3.0).Within(1e-12));
            Assert.That(s.Days.Single().Wins, Is.EqualTo(1));
        }

        [Test]
        public void Compute_SameTradesOnATwoDigitAccount_AllBreakEven()
        {
            // To cents all three are 0.00: no win, no loss (what a 3-digit account was judged by before).
            var s = ReviewCalculator.Compute(new ReviewInput(10_000, Thousandths, Array.Empty<EquityPoint>(), 2));

            Assert.That((s.Wins, s.Losses), Is.EqualTo((0, 0)));
            Assert.That(s.ProfitFactor, Is.Null);
        }

        [Test]
        public void Compute_ZeroDigitAccount_LessThanHalfAYenIsBreakEven()
        {
            // JPY, whole yen: nets +0.4 (1,000.4 − 1,000), −0.4 (999.6 − 1,000), +0.5 (1,000.5 − 1,000: half away from
            // zero → 1), −0.6 (999.4 − 1,000 → −1), +1,500 (2,500 − 1,000). Wins: 0.5 and 1,500 → 2; losses: −0.6 → 1;
            // the ±0.4 trades break even (to cents they were a win and a loss). Win streak: +0.5 then +1,500 → 2.
            var trades = new[]
            {
                Trade(1, 10, 1_000.4, -1_000), Trade(2, 11, 999.6, -1_000), Trade(3, 12, 999.4, -1_000),
                Trade(4, 13, 1_000.5, -1_000), Trade(5, 14, 2_500, -1_000),
            };

            var s = ReviewCalculator.Compute(new ReviewInput(1_000_000, trades, Array.Empty<EquityPoint>(), 0));

            Assert.That((s.Wins, s.Losses), Is.EqualTo((2, 1)));
            Assert.That(s.GrossProfit, Is.EqualTo(1_500.5).Within(1e-9));
            Assert.That(s.GrossLoss, Is.EqualTo(-0.6).Within(1e-9));
            Assert.That(s.LargestLoss, Is.EqualTo(-0.6).Within(1e-9));
            Assert.That(s.MaxConsecutiveWins, Is.EqualTo(2));
            Assert.That(s.MaxConsecutiveLosses, Is.EqualTo(1));

            var cents = ReviewCalculator.Compute(new ReviewInput(1_000_000, trades, Array.Empty<EquityPoint>(), 2));
            Assert.That((cents.Wins, cents.Losses), Is.EqualTo((3, 2)), "to cents the ±0.4 trades count");
        }

        [TestCase(-1)]
        [TestCase(9)]
        public void ReviewInput_DigitsOutsideZeroToEight_Refused(int digits)
        {
            Assert.That(() => new ReviewInput(10_000, Array.Empty<ClosedTrade>(), Array.Empty<EquityPoint>(), digits),
                Throws.TypeOf<ArgumentOutOfRangeException>());
        }
    }
}
