using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.Statistics;

namespace PerpGuard.Review
{
    /// <summary>
    /// Computes the review statistics. Conventions (also in docs/backtest.md):
    /// <list type="bullet">
    /// <item>A win is a trade with net profit &gt; 0, a loss one with net profit &lt; 0, both to the account currency's decimals (<see cref="ReviewInput.MoneyDecimals"/>, its Asset.Digits: cents for USD, whole yen for JPY; break-even counts as neither but as a trade). Win rate = wins / trades.</item>
    /// <item>Gross profit = Σ net profit of wins; gross loss = Σ net profit of losses (≤ 0); profit factor = gross profit / |gross loss|, null when there is no loss.</item>
    /// <item>Balance drawdown from the balance after each closed trade (starting at the initial balance); equity drawdown from the equity curve. Percent = fall / running peak.</item>
    /// <item>R multiple = net profit / planned risk money; expectancy = mean R.</item>
    /// <item>Sharpe and Sortino on daily returns: equity at the end of each UTC day versus the previous day's end (the first day versus the initial balance; a calendar day without a point is a 0 % day), risk-free rate 0, annualised × √365 (crypto trades every day). Sharpe = mean / sample standard deviation; Sortino = mean / downside deviation √(Σ min(r, 0)² / n). Null with fewer than two days or zero deviation.</item>
    /// </list>
    /// </summary>
    public static class ReviewCalculator
    {
        public const double DaysPerYear = 365.0;

        /// <summary>Bucket edges of the R distribution: below −2R, half-R steps up to 3R, then 3R and above.</summary>
        public static readonly double[] REdges = { -2.0, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0 };

        public static ReviewStatistics Compute(ReviewInput input)
        {
            var trades = input.Trades.OrderBy(t => t.ExitTimeUtc).ThenBy(t => t.Id).ToList();
            var stats = new ReviewStatistics { Trades = trades.Count };

            var digits = input.MoneyDecimals;
            var wins = trades.Where(t => Sign(t, digits) > 0).ToList();
            var losses = trades.Where(t => Sign(t, digits) < 0).ToList();
            stats.Wins = wins.Count;
            stats.Losses = losses.Count;
            stats.WinRate = trades.Count == 0 ? 0 : (double)wins.Count / trades.Count;
            stats.GrossProfit = wins.Sum(t => t.NetProfit);
            stats.GrossLoss = losses.Sum(t => t.NetProfit);
            stats.NetProfit = trades.Sum(t => t.NetProfit);
            stats.ProfitFactor = stats.GrossLoss < 0 ? stats.GrossProfit / -stats.GrossLoss : (double?)null;
            stats.AverageTrade = trades.Count == 0 ? 0 : stats.NetProfit / trades.Count;
            stats.AverageWin = wins.Count == 0 ? 0 : stats.GrossProfit / wins.Count;
            stats.AverageLoss = losses.Count == 0 ? 0 : stats.GrossLoss / losses.Count;
            stats.LargestWin = wins.Count == 0 ? 0 : wins.Max(t => t.NetProfit);
            stats.LargestLoss = losses.Count == 0 ? 0 : losses.Min(t => t.NetProfit);
            stats.Commissions = trades.Sum(t => t.Commission);
            stats.Swaps = trades.Sum(t => t.Swap);
            (stats.MaxConsecutiveWins, stats.MaxConsecutiveLosses) = Streaks(trades, digits);

            var balances = new List<double> { input.InitialBalance };
            foreach (var t in trades)
            {
                balances.Add(balances[balances.Count - 1] + t.NetProfit);
            }

            stats.EndingBalance = balances[balances.Count - 1];
            stats.MaxBalanceDrawdown = MaxDrawdown(balances);
            var equities = new List<double> { input.InitialBalance };
            equities.AddRange(input.EquityCurve.Select(p => p.Equity));
            stats.MaxEquityDrawdown = MaxDrawdown(equities);

            var rs = trades.Where(t => t.RMultiple.HasValue).Select(t => t.RMultiple!.Value).ToArray();
            stats.TradesWithR = rs.Length;
            if (rs.Length > 0)
            {
                var running = new RunningStatistics(rs);
                stats.ExpectancyR = running.Mean;
                stats.RStandardDeviation = rs.Length > 1 ? running.StandardDeviation : (double?)null;
                stats.BestR = running.Maximum;
                stats.WorstR = running.Minimum;
            }

            stats.RDistribution = Histogram(rs);

            var daily = DailyReturns(input.InitialBalance, input.EquityCurve);
            stats.ReturnDays = daily.Length;
            stats.SharpeRatio = Sharpe(daily);
            stats.SortinoRatio = Sortino(daily);
            stats.Days = DaySummaries(input, trades);
            return stats;
        }

        /// <summary>Largest fall from a running peak in money, and the largest fall relative to its peak in percent.</summary>
        public static Drawdown MaxDrawdown(IEnumerable<double> values)
        {
            var peak = double.NegativeInfinity;
            double money = 0, percent = 0;
            foreach (var v in values)
            {
                if (v > peak)
                {
                    peak = v;
                }

                var fall = peak - v;
                money = Math.Max(money, fall);
                if (peak > 0)
                {
                    percent = Math.Max(percent, fall / peak * 100.0);
                }
            }

            return new Drawdown(money, percent);
        }

        /// <summary>
        /// Equity at each UTC day's last point versus the previous day's (first day versus the initial balance),
        /// for every calendar day from the first point's to the last point's: a day without a point (no trade
        /// closed that day in a journal review, a day missing from the data) kept the equity it had, a 0 %
        /// return. Skipping it would shrink the deviation and overstate the ×√365 annualised ratios.
        /// </summary>
        public static double[] DailyReturns(double initialBalance, IReadOnlyList<EquityPoint> curve)
        {
            var ends = new SortedDictionary<DateTime, double>();
            foreach (var p in curve)
            {
                ends[p.TimeUtc.Date] = p.Equity;
            }

            var returns = new List<double>(ends.Count);
            var previous = initialBalance;
            DateTime? previousDay = null;
            foreach (var e in ends)
            {
                if (previousDay.HasValue)
                {
                    for (var gap = previousDay.Value.AddDays(1); gap < e.Key; gap = gap.AddDays(1))
                    {
                        returns.Add(0.0);
                    }
                }

                returns.Add(previous > 0 ? (e.Value / previous) - 1.0 : 0.0);
                previous = e.Value;
                previousDay = e.Key;
            }

            return returns.ToArray();
        }

        /// <summary>Annualised Sharpe ratio of daily returns (risk-free 0, sample standard deviation).</summary>
        public static double? Sharpe(IReadOnlyList<double> daily)
        {
            if (daily.Count < 2)
            {
                return null;
            }

            var sd = daily.StandardDeviation();
            return sd > 0 ? daily.Mean() / sd * Math.Sqrt(DaysPerYear) : (double?)null;
        }

        /// <summary>Annualised Sortino ratio: mean over downside deviation √(Σ min(r,0)² / n), target 0.</summary>
        public static double? Sortino(IReadOnlyList<double> daily)
        {
            if (daily.Count < 2)
            {
                return null;
            }

            var downside = Math.Sqrt(daily.Select(r => Math.Min(r, 0) * Math.Min(r, 0)).Sum() / daily.Count);
            return downside > 0 ? daily.Mean() / downside * Math.Sqrt(DaysPerYear) : (double?)null;
        }

        private const double BucketTolerance = 1e-9;

        private static IReadOnlyList<RBucket> Histogram(IReadOnlyList<double> rs)
        {
            var counts = new int[REdges.Length + 1];
            foreach (var r in rs)
            {
                // A trade stopped out exactly at plan is -1R; division noise (-1.0000000000000002)
                // must not push it into the bucket of trades that lost more than planned.
                var i = 0;
                while (i < REdges.Length && r >= REdges[i] - BucketTolerance)
                {
                    i++;
                }

                counts[i]++;
            }

            var buckets = new List<RBucket>(counts.Length);
            for (var i = 0; i < counts.Length; i++)
            {
                var lower = i == 0 ? double.NegativeInfinity : REdges[i - 1];
                var upper = i == REdges.Length ? double.PositiveInfinity : REdges[i];
                buckets.Add(new RBucket(lower, upper, counts[i]));
            }

            return buckets;
        }

        /// <summary>+1 win, −1 loss, 0 break-even: the net profit's sign once rounded to the account currency's decimals.</summary>
        private static int Sign(ClosedTrade t, int moneyDecimals) =>
            Math.Sign(Math.Round(t.NetProfit, moneyDecimals, MidpointRounding.AwayFromZero));

        private static (int Wins, int Losses) Streaks(IEnumerable<ClosedTrade> trades, int moneyDecimals)
        {
            int maxW = 0, maxL = 0, w = 0, l = 0;
            foreach (var t in trades)
            {
                var sign = Sign(t, moneyDecimals);
                if (sign > 0)
                {
                    w++;
                    l = 0;
                }
                else if (sign < 0)
                {
                    l++;
                    w = 0;
                }
                else
                {
                    w = 0;
                    l = 0;
                }

                maxW = Math.Max(maxW, w);
                maxL = Math.Max(maxL, l);
            }

            return (maxW, maxL);
        }

        private static IReadOnlyList<DaySummary> DaySummaries(ReviewInput input, IReadOnlyList<ClosedTrade> trades)
        {
            var days = new SortedDictionary<DateTime, DaySummary>();
            DaySummary Day(DateTime d)
            {
                if (!days.TryGetValue(d, out var s))
                {
                    s = new DaySummary { DateUtc = d };
                    days[d] = s;
                }

                return s;
            }

            foreach (var p in input.EquityCurve)
            {
                var s = Day(p.TimeUtc.Date);
                s.EndBalance = p.Balance;
                s.EndEquity = p.Equity;
            }

            var balance = input.InitialBalance;
            foreach (var t in trades)
            {
                var s = Day(t.ExitTimeUtc.Date);
                s.Trades++;
                s.Wins += Sign(t, input.MoneyDecimals) > 0 ? 1 : 0;
                s.NetProfit += t.NetProfit;
                s.RSum += t.RMultiple ?? 0;
                balance += t.NetProfit;
                if (input.EquityCurve.Count == 0)
                {
                    s.EndBalance = balance;
                    s.EndEquity = balance;
                }
            }

            return days.Values.ToList();
        }
    }
}
