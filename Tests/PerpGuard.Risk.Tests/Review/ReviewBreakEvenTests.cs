using System;
using PerpGuard.Review;

namespace PerpGuard.Risk.Tests.Review
{
    /// <summary>
    /// A stop moved to break-even plus fees closes at a net of a fraction of a cent (the nautilus BTC-perp
    /// backtest has 11 such trades: gross 2.844, commission −2.84). cTrader keeps money in the deposit
    /// currency's cents, and the report prints it that way (netProfit "0.00" in trades.csv), so such a
    /// trade is break-even: neither a win nor a loss. Counting it as a win made the report say 91 winning
    /// trades while trades.csv showed 80 positive rows.
    /// </summary>
    public class ReviewBreakEvenTests
    {
        /// <summary>A USD account: Asset.Digits 2 (cents).</summary>
        private const int UsdDigits = 2;

        private static ClosedTrade Trade(long id, int hour, double gross, double commission) => new ClosedTrade
        {
            Id = id,
            EntryTimeUtc = new DateTime(2024, 1, 1, hour - 1, 0, 0, DateTimeKind.Utc),
            ExitTimeUtc = new DateTime(2024, 1, 1, hour, 0, 0, DateTimeKind.Utc),
            GrossProfit = gross,
            Commission = commission,
        };

        /// <summary>
        /// Nets +100, +0.004 (0.00 to the cent), −50: one win, one loss, one break-even of three trades →
        /// win rate 1/3, longest winning streak 1 (the break-even ends it), gross profit 100, that day 1 win.
        /// </summary>
        [Test]
        public void Compute_NetBelowHalfACent_CountsAsBreakEvenNotWin()
        {
            var trades = new[] { Trade(1, 10, 110, -10), Trade(2, 11, 2.844, -2.84), Trade(3, 12, -45, -5) };

            var s = ReviewCalculator.Compute(new ReviewInput(10_000, trades, Array.Empty<EquityPoint>(), UsdDigits));

            Assert.That(s.Wins, Is.EqualTo(1));
            Assert.That(s.Losses, Is.EqualTo(1));
            Assert.That(s.WinRate, Is.EqualTo(1.0 / 3.0).Within(1e-12));
            Assert.That(s.MaxConsecutiveWins, Is.EqualTo(1));
            Assert.That(s.GrossProfit, Is.EqualTo(100).Within(1e-9));
            Assert.That(s.Days[0].Wins, Is.EqualTo(1));
        }

        /// <summary>−0.004 is 0.00 to the cent as well: not a loss (no losing trade → profit factor null).</summary>
        [Test]
        public void Compute_LossBelowHalfACent_CountsAsBreakEvenNotLoss()
        {
            var trades = new[] { Trade(1, 10, 110, -10), Trade(2, 11, 2.836, -2.84) };

            var s = ReviewCalculator.Compute(new ReviewInput(10_000, trades, Array.Empty<EquityPoint>(), UsdDigits));

            Assert.That(s.Losses, Is.EqualTo(0));
            Assert.That(s.ProfitFactor, Is.Null);
            Assert.That(s.MaxConsecutiveLosses, Is.EqualTo(0));
        }

        /// <summary>One cent is a win: 0.01 rounds to 0.01.</summary>
        [Test]
        public void Compute_NetOfOneCent_IsAWin()
        {
            var s = ReviewCalculator.Compute(new ReviewInput(10_000, new[] { Trade(1, 10, 2.85, -2.84) }, Array.Empty<EquityPoint>(), UsdDigits));

            Assert.That(s.Wins, Is.EqualTo(1));
        }
    }
}
