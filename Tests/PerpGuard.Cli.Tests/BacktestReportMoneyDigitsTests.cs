using System;
using PerpGuard.Cli.Backtest;
using PerpGuard.Review;

namespace PerpGuard.Cli.Tests
{
    /// <summary>
    /// The backtest report judges wins and losses to the run's account digits (Account.Asset.Digits, passed on by
    /// BacktestResult.MoneyDigits), not to cents. Nets worked by hand: gross + commission.
    /// </summary>
    public class BacktestReportMoneyDigitsTests
    {
        private static ClosedTrade Trade(long id, int hour, double gross, double commission) => new ClosedTrade
        {
            Id = id,
            Symbol = "BTCJPY",
            Side = "Buy",
            EntryTimeUtc = new DateTime(2024, 1, 1, hour - 1, 0, 0, DateTimeKind.Utc),
            ExitTimeUtc = new DateTime(2024, 1, 1, hour, 0, 0, DateTimeKind.Utc),
            GrossProfit = gross,
            Commission = commission,
        };

        private static BacktestReport Report(int moneyDigits, params ClosedTrade[] trades) =>
            BacktestReport.Create("RiskManagedScalper", "BTCJPY", "test data", 1_000_000, trades, Array.Empty<EquityPoint>(), new RiskView(), 10, 0, moneyDigits);

        [Test]
        public void Create_ZeroDigitAccount_SubYenNetsBreakEven()
        {
            // Nets +0.3 (100.3 − 100) and −0.2 (99.8 − 100) are 0 yen: no win, no loss; +250 (350 − 100) a win.
            var r = Report(0, Trade(1, 10, 100.3, -100), Trade(2, 11, 99.8, -100), Trade(3, 12, 350, -100));

            Assert.That(r.MoneyDigits, Is.EqualTo(0));
            Assert.That((r.Statistics.Wins, r.Statistics.Losses), Is.EqualTo((1, 0)));
            Assert.That(r.Statistics.WinRate, Is.EqualTo(1.0 / 3.0).Within(1e-12));
        }

        [Test]
        public void Create_ThreeDigitAccount_ThousandthsCount()
        {
            // Nets +0.003 (1.003 − 1) and −0.002 (0.998 − 1): to 3 digits a win and a loss (to cents both break even).
            var three = Report(3, Trade(1, 10, 1.003, -1), Trade(2, 11, 0.998, -1));
            var cents = Report(2, Trade(1, 10, 1.003, -1), Trade(2, 11, 0.998, -1));

            Assert.That((three.Statistics.Wins, three.Statistics.Losses), Is.EqualTo((1, 1)));
            Assert.That((cents.Statistics.Wins, cents.Statistics.Losses), Is.EqualTo((0, 0)));
        }
    }
}
