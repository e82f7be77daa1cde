using System;
using System.Linq;
using MathNet.Numerics.Statistics;
using PerpGuard.Review;

namespace PerpGuard.Risk.Tests.Review
{
    /// <summary>
    /// Review statistics on a hand-worked ledger of five trades (numbers worked on paper; see each
    /// comment). Balance 10,000 → 10,200 → 10,100 → 10,050 → 10,200 → 10,120.
    /// </summary>
    public class ReviewCalculatorTests
    {
        /// <summary>A USD account: Asset.Digits 2 (cents).</summary>
        private const int UsdDigits = 2;

        private static DateTime T(int day, int hour, int minute = 0) => new DateTime(2024, 1, day, hour, minute, 0, DateTimeKind.Utc);

        private static ClosedTrade Trade(long id, int day, int hour, double gross, double commission, double swap, double risk) => new ClosedTrade
        {
            Id = id,
            Symbol = "BTCUSD",
            Side = "Buy",
            EntryTimeUtc = T(day, hour - 1),
            ExitTimeUtc = T(day, hour),
            GrossProfit = gross,
            Commission = commission,
            Swap = swap,
            PlannedRisk = risk,
        };

        private static ReviewInput Ledger()
        {
            var trades = new[]
            {
                Trade(1, 1, 10, 210, -10, 0, 100),  // net +200, +2.0R
                Trade(2, 1, 12, -92, -8, 0, 100),   // net −100, −1.0R
                Trade(3, 2, 9, -44, -6, 0, 100),    // net −50,  −0.5R
                Trade(4, 2, 15, 160, -10, 0, 100),  // net +150, +1.5R
                Trade(5, 3, 11, -70, -6, -4, 80),   // net −80,  −1.0R
            };
            var curve = new[]
            {
                new EquityPoint(T(1, 9), 10_000, 9_950),
                new EquityPoint(T(1, 10), 10_200, 10_200),
                new EquityPoint(T(1, 12), 10_100, 10_100),
                new EquityPoint(T(1, 23, 59), 10_100, 10_080),
                new EquityPoint(T(2, 9), 10_050, 10_050),
                new EquityPoint(T(2, 14), 10_050, 9_900),
                new EquityPoint(T(2, 15), 10_200, 10_200),
                new EquityPoint(T(3, 11), 10_120, 10_120),
            };
            return new ReviewInput(10_000, trades, curve, UsdDigits);
        }

        [Test]
        public void Compute_HandLedger_CountsAndWinRate()
        {
            var s = ReviewCalculator.Compute(Ledger());

            Assert.That(s.Trades, Is.EqualTo(5));
            Assert.That(s.Wins, Is.EqualTo(2));
            Assert.That(s.Losses, Is.EqualTo(3));
            Assert.That(s.WinRate, Is.EqualTo(0.4));
            Assert.That(s.MaxConsecutiveWins, Is.EqualTo(1));
            Assert.That(s.MaxConsecutiveLosses, Is.EqualTo(2));
        }

        [Test]
        public void Compute_HandLedger_ProfitNumbers()
        {
            var s = ReviewCalculator.Compute(Ledger());

            // Wins 200 + 150 = 350; losses −100 − 50 − 80 = −230; net 120; PF 350 / 230.
            Assert.That(s.GrossProfit, Is.EqualTo(350).Within(1e-9));
            Assert.That(s.GrossLoss, Is.EqualTo(-230).Within(1e-9));
            Assert.That(s.NetProfit, Is.EqualTo(120).Within(1e-9));
            Assert.That(s.ProfitFactor, Is.EqualTo(1.5217391304347827).Within(1e-12));
            Assert.That(s.AverageTrade, Is.EqualTo(24).Within(1e-9));
            Assert.That(s.AverageWin, Is.EqualTo(175).Within(1e-9));
            Assert.That(s.AverageLoss, Is.EqualTo(-230.0 / 3).Within(1e-9));
            Assert.That(s.LargestWin, Is.EqualTo(200).Within(1e-9));
            Assert.That(s.LargestLoss, Is.EqualTo(-100).Within(1e-9));
            // Commissions −10 −8 −6 −10 −6 = −40; swaps −4 (cTrader sign: negative = paid).
            Assert.That(s.Commissions, Is.EqualTo(-40).Within(1e-9));
            Assert.That(s.Swaps, Is.EqualTo(-4).Within(1e-9));
            Assert.That(s.EndingBalance, Is.EqualTo(10_120).Within(1e-9));
        }

        [Test]
        public void Compute_HandLedger_Drawdowns()
        {
            var s = ReviewCalculator.Compute(Ledger());

            // Balance: peak 10,200 → trough 10,050 = 150 = 1.4706 % of the peak.
            Assert.That(s.MaxBalanceDrawdown.Money, Is.EqualTo(150).Within(1e-9));
            Assert.That(s.MaxBalanceDrawdown.Percent, Is.EqualTo(150.0 / 10_200 * 100).Within(1e-9));
            // Equity: peak 10,200 → floating low 9,900 = 300 = 2.9412 %.
            Assert.That(s.MaxEquityDrawdown.Money, Is.EqualTo(300).Within(1e-9));
            Assert.That(s.MaxEquityDrawdown.Percent, Is.EqualTo(2.941176470588235).Within(1e-9));
        }

        [Test]
        public void Compute_HandLedger_RStatisticsMatchMathNetRunningStatistics()
        {
            var s = ReviewCalculator.Compute(Ledger());
            var reference = new RunningStatistics(new[] { 2.0, -1.0, -0.5, 1.5, -1.0 });

            // Mean R = (2 − 1 − 0.5 + 1.5 − 1) / 5 = 0.2; sample sd = √(8.3 / 4) = 1.44049.
            Assert.That(s.ExpectancyR, Is.EqualTo(0.2).Within(1e-12));
            Assert.That(s.RStandardDeviation, Is.EqualTo(Math.Sqrt(8.3 / 4)).Within(1e-12));
            Assert.That(s.RStandardDeviation, Is.EqualTo(reference.StandardDeviation).Within(1e-12));
            Assert.That(s.BestR, Is.EqualTo(2.0));
            Assert.That(s.WorstR, Is.EqualTo(-1.0));
            Assert.That(s.TradesWithR, Is.EqualTo(5));
        }

        [Test]
        public void Compute_HandLedger_RHistogram()
        {
            var s = ReviewCalculator.Compute(Ledger());
            var counts = s.RDistribution.ToDictionary(b => b.Label, b => b.Count);

            Assert.That(counts["[-1.0R, -0.5R)"], Is.EqualTo(2));
            Assert.That(counts["[-0.5R, 0.0R)"], Is.EqualTo(1));
            Assert.That(counts["[1.5R, 2.0R)"], Is.EqualTo(1));
            Assert.That(counts["[2.0R, 2.5R)"], Is.EqualTo(1));
            Assert.That(s.RDistribution.Sum(b => b.Count), Is.EqualTo(5));
            Assert.That(s.RDistribution[0].Label, Is.EqualTo("< -2.0R"));
            Assert.That(s.RDistribution[^1].Label, Is.EqualTo(">= 3.0R"));
        }

        [Test]
        public void Compute_StopHitExactlyAtPlan_CountsInMinusOneBucketDespiteRoundingNoise()
        {
            // Net −(0.1 + 0.2) on a planned risk of 0.3 is −1R by hand; in doubles it is
            // −1.0000000000000002, which must still land in [−1.0R, −0.5R), not in the "lost more
            // than planned" bucket below it.
            var input = Ledger();
            foreach (var t in input.Trades)
            {
                t.PlannedRisk = 0.3;
                t.GrossProfit = -(0.1 + 0.2);
                t.Commission = 0;
                t.Swap = 0;
            }

            var s = ReviewCalculator.Compute(input);
            var counts = s.RDistribution.ToDictionary(b => b.Label, b => b.Count);

            Assert.That(counts["[-1.0R, -0.5R)"], Is.EqualTo(input.Trades.Count));
            Assert.That(counts["[-1.5R, -1.0R)"], Is.EqualTo(0));
        }

        [Test]
        public void Compute_HandLedger_DailySharpeAndSortino()
        {
            var s = ReviewCalculator.Compute(Ledger());

            // Daily end equity 10,080 / 10,200 / 10,120 against 10,000 / 10,080 / 10,200:
            // r = 0.008, 0.0119048, −0.0078431; mean 0.00402054; sample sd 0.0104581;
            // downside √(0.0078431² / 3) = 0.00452824; × √365.
            Assert.That(s.ReturnDays, Is.EqualTo(3));
            Assert.That(s.SharpeRatio, Is.EqualTo(7.344766850722325).Within(1e-9));
            Assert.That(s.SortinoRatio, Is.EqualTo(16.96296628954198).Within(1e-9));
        }

        [Test]
        public void Compute_HandLedger_PerDaySummary()
        {
            var s = ReviewCalculator.Compute(Ledger());

            Assert.That(s.Days.Select(d => d.DateUtc.Day), Is.EqualTo(new[] { 1, 2, 3 }));
            Assert.That(s.Days.Select(d => d.Trades), Is.EqualTo(new[] { 2, 2, 1 }));
            Assert.That(s.Days.Select(d => d.Wins), Is.EqualTo(new[] { 1, 1, 0 }));
            Assert.That(s.Days.Select(d => d.NetProfit), Is.EqualTo(new[] { 100.0, 100.0, -80.0 }).Within(1e-9));
            Assert.That(s.Days.Select(d => d.RSum), Is.EqualTo(new[] { 1.0, 1.0, -1.0 }).Within(1e-9));
            Assert.That(s.Days.Select(d => d.EndEquity), Is.EqualTo(new[] { 10_080.0, 10_200.0, 10_120.0 }));
            Assert.That(s.Days.Select(d => d.EndBalance), Is.EqualTo(new[] { 10_100.0, 10_200.0, 10_120.0 }));
        }

        [Test]
        public void Compute_NoLosses_ProfitFactorIsNull()
        {
            var input = new ReviewInput(1_000, new[] { Trade(1, 1, 10, 50, 0, 0, 25) }, Array.Empty<EquityPoint>(), UsdDigits);

            var s = ReviewCalculator.Compute(input);

            Assert.That(s.ProfitFactor, Is.Null);
            Assert.That(s.ExpectancyR, Is.EqualTo(2.0));
            Assert.That(s.SharpeRatio, Is.Null, "no equity curve → no daily returns");
            Assert.That(s.Days.Single().EndBalance, Is.EqualTo(1_050));
        }

        [Test]
        public void Compute_NoTrades_AllZeroAndNoRatios()
        {
            var s = ReviewCalculator.Compute(new ReviewInput(10_000, Array.Empty<ClosedTrade>(), Array.Empty<EquityPoint>(), UsdDigits));

            Assert.That(s.Trades, Is.EqualTo(0));
            Assert.That(s.WinRate, Is.EqualTo(0));
            Assert.That(s.ExpectancyR, Is.Null);
            Assert.That(s.MaxBalanceDrawdown.Money, Is.EqualTo(0));
            Assert.That(s.EndingBalance, Is.EqualTo(10_000));
        }

        [Test]
        public void Compute_UnknownPlannedRisk_LeftOutOfRStatistics()
        {
            var input = new ReviewInput(1_000, new[] { Trade(1, 1, 10, 50, 0, 0, 0), Trade(2, 1, 11, -20, 0, 0, 40) }, Array.Empty<EquityPoint>(), UsdDigits);

            var s = ReviewCalculator.Compute(input);

            Assert.That(s.TradesWithR, Is.EqualTo(1));
            Assert.That(s.ExpectancyR, Is.EqualTo(-0.5));
        }

        [Test]
        public void Sharpe_ConstantReturns_IsNullNotInfinite()
        {
            Assert.That(ReviewCalculator.Sharpe(new[] { 0.01, 0.01, 0.01 }), Is.Null);
            Assert.That(ReviewCalculator.Sortino(new[] { 0.01, 0.02 }), Is.Null, "no losing day → downside deviation 0");
        }

        [Test]
        public void MaxDrawdown_DeepestPercentFromEarlierSmallerPeak()
        {
            // 100 → 50 is −50 (50 %); 1,000 → 800 is −200 (20 %): money and percent come from different falls.
            var dd = ReviewCalculator.MaxDrawdown(new[] { 100.0, 50, 1_000, 800 });

            Assert.That(dd.Money, Is.EqualTo(200));
            Assert.That(dd.Percent, Is.EqualTo(50));
        }

        [Test]
        public void NetProfit_IsGrossPlusCostsInCTraderSignConvention()
        {
            var t = new ClosedTrade { GrossProfit = 100, Commission = -7.5, Swap = -2.5, PlannedRisk = 45 };

            Assert.That(t.NetProfit, Is.EqualTo(90));
            Assert.That(t.RMultiple, Is.EqualTo(2.0));
        }
    }
}
