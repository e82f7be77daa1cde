using System;
using System.Collections.Generic;
using System.Threading;
using cAlgo.API;
using PerpGuard.Headless.Runtime;

namespace PerpGuard.Headless.Backtesting
{
    /// <summary>One closing deal (a partial close is its own record), money in account currency.</summary>
    public sealed class ClosedTradeRecord
    {
        public int PositionId { get; init; }
        public int ClosingDealId { get; init; }
        public string Symbol { get; init; } = string.Empty;
        public TradeType Side { get; init; }
        public DateTime EntryTimeUtc { get; init; }
        public double EntryPrice { get; init; }
        public DateTime ExitTimeUtc { get; init; }
        public double ExitPrice { get; init; }
        public double VolumeInUnits { get; init; }
        public double? StopLoss { get; init; }
        public double? TakeProfit { get; init; }
        public double GrossProfit { get; init; }

        /// <summary>All commission charged for this deal (entry share + exit), negative = cost.</summary>
        public double Commission { get; init; }
        public double Swap { get; init; }
        public double NetProfit { get; init; }
        public double BalanceAfter { get; init; }
        public PositionCloseReason CloseReason { get; init; }
        public bool IsPartial { get; init; }
        public string Label { get; init; } = string.Empty;
        public string Comment { get; init; } = string.Empty;
    }

    /// <summary>An indicator that ran in the backtest, with its output series (values for every bar).</summary>
    public sealed class IndicatorOutputs
    {
        internal IndicatorOutputs(Indicator indicator, IReadOnlyList<(string Name, string Property, IndicatorDataSeries Series)> outputs, IndicatorRunner runner)
        {
            Indicator = indicator;
            Outputs = outputs;
            Runner = runner;
        }

        public Indicator Indicator { get; }

        /// <summary>Output display name ([Output("...")]), property name and series.</summary>
        public IReadOnlyList<(string Name, string Property, IndicatorDataSeries Series)> Outputs { get; }

        public IndicatorRunner Runner { get; }
    }

    public sealed class BacktestResult
    {
        public IReadOnlyList<ClosedTradeRecord> Trades { get; internal set; } = Array.Empty<ClosedTradeRecord>();

        // A bar run's times are its bars' own, which the chart's bar buffer already holds: the array is made from
        // them when first read (null until then), instead of the loop storing each bar's time a second time.
        private DateTime[]? _barTimesUtc = Array.Empty<DateTime>();
        private long[] _openTimeUtcTicks = Array.Empty<long>();
        private int _firstBar;
        private int _barCount;

        /// <summary>Open time (UTC) of each simulated bar; curves have one point per bar, taken at its close.</summary>
        public DateTime[] BarTimesUtc
        {
            get
            {
                var times = Volatile.Read(ref _barTimesUtc);
                if (times != null)
                {
                    return times;
                }

                // Readers on several threads may each build it; all get the one published first.
                var built = new DateTime[_barCount];
                for (var k = 0; k < built.Length; k++)
                {
                    built[k] = new DateTime(_openTimeUtcTicks[_firstBar + k], DateTimeKind.Utc);
                }

                return Interlocked.CompareExchange(ref _barTimesUtc, built, null) ?? built;
            }

            internal set => Volatile.Write(ref _barTimesUtc, value);
        }

        public double[] BalanceCurve { get; internal set; } = Array.Empty<double>();
        public double[] EquityCurve { get; internal set; } = Array.Empty<double>();

        /// <summary>
        /// The bar times are <paramref name="count"/> open times from <paramref name="openTimeUtcTicks"/>, starting at
        /// <paramref name="first"/> (a bar buffer's, which no longer changes).
        /// </summary>
        internal void SetBarTimes(long[] openTimeUtcTicks, int first, int count)
        {
            if (first < 0 || count < 0 || first + count > openTimeUtcTicks.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(count), "the bar times lie outside the buffer");
            }

            _openTimeUtcTicks = openTimeUtcTicks;
            _firstBar = first;
            _barCount = count;
            Volatile.Write(ref _barTimesUtc, null);
        }

        public double InitialBalance { get; internal set; }

        /// <summary>
        /// Decimals of the account currency (the account's Asset.Digits: 2 for USD, 0 for JPY): the broker booked every
        /// amount to them, and a review judges a trade a win or a loss to them.
        /// </summary>
        public int MoneyDigits { get; internal set; } = 2;
        public double FinalBalance { get; internal set; }
        public double FinalEquity { get; internal set; }
        public IReadOnlyList<string> Log { get; internal set; } = Array.Empty<string>();

        /// <summary>Errors thrown by algos (an algo without OnException is stopped on its first error).</summary>
        public IReadOnlyList<string> Errors { get; internal set; } = Array.Empty<string>();
        public long BarsSimulated { get; internal set; }
        public long QuotesSimulated { get; internal set; }

        /// <summary>Wall time of the simulation loop only (data loading and setup excluded).</summary>
        public double EngineSeconds { get; internal set; }
        /// <summary>The LocalStorage folder the run used; empty when it kept LocalStorage in memory.</summary>
        public string StorageDirectory { get; internal set; } = string.Empty;
        public IReadOnlyList<Robot> Robots { get; internal set; } = Array.Empty<Robot>();
        public IReadOnlyList<IndicatorOutputs> Indicators { get; internal set; } = Array.Empty<IndicatorOutputs>();
        public HeadlessChart Chart { get; internal set; } = new HeadlessChart();
        public Bars Bars { get; internal set; } = null!;

        /// <summary>Positions still open at the end (not closed by the engine).</summary>
        public int OpenPositionsAtEnd { get; internal set; }
    }
}
