using System;
using System.Collections.Generic;
using PerpGuard.Review;

namespace PerpGuard.Cli.Backtest
{
    /// <summary>The risk side of a run, read from the robot's journal.</summary>
    public sealed class RiskView
    {
        /// <summary>Entries the risk pipeline refused, counted by stable reason code (sorted by code name).</summary>
        public SortedDictionary<string, int> RefusedByReason { get; } = new SortedDictionary<string, int>(StringComparer.Ordinal);

        /// <summary>Trading days (UTC dates) on which the robot halted trading.</summary>
        public SortedSet<DateTime> HaltedDays { get; } = new SortedSet<DateTime>();

        /// <summary>Journal records as JSON-ready objects, one per line of journal.jsonl, in time order.</summary>
        public List<object> JournalRecords { get; } = new List<object>();
    }

    /// <summary>Everything report.json, the console table and the files are written from.</summary>
    public sealed class BacktestReport
    {
        public const int SchemaVersion = 1;

        public string Robot { get; set; } = string.Empty;
        public string Symbol { get; set; } = string.Empty;
        public string DataSource { get; set; } = string.Empty;

        /// <summary>Gaps in the data's timestamps (the data-quality line's count), and the bars they leave out.</summary>
        public int DataGaps { get; set; }

        public long DataMissingBars { get; set; }

        /// <summary>Rows dropped as repeats of an earlier timestamp (only with --lenient-timestamps; otherwise the file is refused).</summary>
        public int DataDuplicateTimestamps { get; set; }

        /// <summary>Rows found out of time order and sorted into place (only with --lenient-timestamps).</summary>
        public int DataOutOfOrderTimestamps { get; set; }

        /// <summary>Funding rates (from --funding) timed within the run's bars; 0 without a funding file.</summary>
        public int FundingEvents { get; set; }

        public string AccountCurrency { get; set; } = "USD";

        /// <summary>Decimals of the account currency the statistics judged wins and losses to (2 for USD).</summary>
        public int MoneyDigits { get; set; } = 2;
        public long Bars { get; set; }
        public DateTime? FirstBarUtc { get; set; }
        public DateTime? LastBarUtc { get; set; }
        public double InitialBalance { get; set; }
        public double FinalEquity { get; set; }
        public int OpenPositionsAtEnd { get; set; }
        public IReadOnlyList<ClosedTrade> Trades { get; set; } = Array.Empty<ClosedTrade>();
        public IReadOnlyList<EquityPoint> EquityCurve { get; set; } = Array.Empty<EquityPoint>();
        public ReviewStatistics Statistics { get; set; } = new ReviewStatistics();
        public RiskView Risk { get; set; } = new RiskView();
        public IReadOnlyList<string> Errors { get; set; } = Array.Empty<string>();

        /// <summary>The robots' printed lines, stamped with server time and instance (cTrader's backtest Log tab): log.txt.</summary>
        public IReadOnlyList<string> Log { get; set; } = Array.Empty<string>();

        /// <summary>Robot parameters given to the run (user --param values and the CLI's backtest defaults).</summary>
        public SortedDictionary<string, string> Parameters { get; set; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

        /// <summary>Wall time of the simulation loop (data loading excluded). The only non-deterministic number.</summary>
        public double EngineSeconds { get; set; }

        /// <summary>
        /// Builds the report: review statistics from the trades and equity curve, plus the risk view. Wins and losses are
        /// judged to <paramref name="moneyDigits"/>, the account currency's decimals (the run's Account.Asset.Digits).
        /// </summary>
        public static BacktestReport Create(
            string robot, string symbol, string dataSource, double initialBalance,
            IReadOnlyList<ClosedTrade> trades, IReadOnlyList<EquityPoint> curve, RiskView risk, long bars, double engineSeconds, int moneyDigits)
        {
            var stats = ReviewCalculator.Compute(new ReviewInput(initialBalance, trades, curve, moneyDigits));
            return new BacktestReport
            {
                Robot = robot,
                Symbol = symbol,
                DataSource = dataSource,
                InitialBalance = initialBalance,
                Trades = trades,
                EquityCurve = curve,
                Statistics = stats,
                Risk = risk,
                Bars = bars,
                FirstBarUtc = curve.Count > 0 ? curve[0].TimeUtc : (DateTime?)null,
                LastBarUtc = curve.Count > 0 ? curve[curve.Count - 1].TimeUtc : (DateTime?)null,
                FinalEquity = curve.Count > 0 ? curve[curve.Count - 1].Equity : stats.EndingBalance,
                EngineSeconds = engineSeconds,
                MoneyDigits = moneyDigits,
            };
        }
    }
}
