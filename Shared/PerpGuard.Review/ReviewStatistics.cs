using System;
using System.Collections.Generic;

namespace PerpGuard.Review
{
    /// <summary>A drawdown: the largest fall from a running peak, in money and as a percentage of that peak.</summary>
    public readonly struct Drawdown
    {
        public Drawdown(double money, double percent)
        {
            Money = money;
            Percent = percent;
        }

        /// <summary>Largest peak-to-trough fall in account currency (≥ 0).</summary>
        public double Money { get; }

        /// <summary>Largest peak-to-trough fall relative to its peak, in percent (≥ 0); may come from another trough than <see cref="Money"/>.</summary>
        public double Percent { get; }
    }

    /// <summary>How many trades' R multiple fell in [<see cref="Lower"/>, <see cref="Upper"/>).</summary>
    public sealed class RBucket
    {
        public RBucket(double lower, double upper, int count)
        {
            Lower = lower;
            Upper = upper;
            Count = count;
        }

        /// <summary>Inclusive lower edge; negative infinity for the first bucket.</summary>
        public double Lower { get; }

        /// <summary>Exclusive upper edge; positive infinity for the last bucket.</summary>
        public double Upper { get; }

        public int Count { get; }

        public string Label => double.IsNegativeInfinity(Lower)
            ? FormattableString.Invariant($"< {Upper:0.0#}R")
            : double.IsPositiveInfinity(Upper)
                ? FormattableString.Invariant($">= {Lower:0.0#}R")
                : FormattableString.Invariant($"[{Lower:0.0#}R, {Upper:0.0#}R)");
    }

    /// <summary>One UTC day of trading: trades closed that day and where balance and equity ended.</summary>
    public sealed class DaySummary
    {
        public DateTime DateUtc { get; set; }
        public int Trades { get; set; }
        public int Wins { get; set; }
        public double NetProfit { get; set; }
        public double RSum { get; set; }
        public double EndBalance { get; set; }
        public double EndEquity { get; set; }
    }

    /// <summary>The review numbers (see <see cref="ReviewCalculator"/> for every formula).</summary>
    public sealed class ReviewStatistics
    {
        public int Trades { get; set; }
        public int Wins { get; set; }
        public int Losses { get; set; }
        public double WinRate { get; set; }
        public double NetProfit { get; set; }
        public double GrossProfit { get; set; }
        public double GrossLoss { get; set; }
        public double? ProfitFactor { get; set; }
        public double AverageTrade { get; set; }
        public double AverageWin { get; set; }
        public double AverageLoss { get; set; }
        public double LargestWin { get; set; }
        public double LargestLoss { get; set; }
        public int MaxConsecutiveWins { get; set; }
        public int MaxConsecutiveLosses { get; set; }
        public double Commissions { get; set; }
        public double Swaps { get; set; }
        public double EndingBalance { get; set; }
        public Drawdown MaxBalanceDrawdown { get; set; }
        public Drawdown MaxEquityDrawdown { get; set; }

        /// <summary>Trades with a known planned risk (the R statistics use only these).</summary>
        public int TradesWithR { get; set; }

        /// <summary>Mean R multiple (expectancy in R); null without R trades.</summary>
        public double? ExpectancyR { get; set; }

        public double? RStandardDeviation { get; set; }
        public double? BestR { get; set; }
        public double? WorstR { get; set; }
        public double? SharpeRatio { get; set; }
        public double? SortinoRatio { get; set; }

        /// <summary>Daily returns the ratios were computed from.</summary>
        public int ReturnDays { get; set; }

        public IReadOnlyList<RBucket> RDistribution { get; set; } = Array.Empty<RBucket>();
        public IReadOnlyList<DaySummary> Days { get; set; } = Array.Empty<DaySummary>();
    }
}
