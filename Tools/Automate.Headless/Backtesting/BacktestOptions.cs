using System;
using System.Collections.Generic;
using cAlgo.API;
using PerpGuard.Headless.Simulation;
using PerpGuard.MarketData;

namespace PerpGuard.Headless.Backtesting
{
    /// <summary>One algo to run: its type and parameter overrides by property name (invariant-culture strings).</summary>
    public sealed class AlgoSpec
    {
        public AlgoSpec(Type type, IReadOnlyDictionary<string, string>? parameters = null)
        {
            Type = type ?? throw new ArgumentNullException(nameof(type));
            Parameters = parameters;
        }

        public Type Type { get; }

        public IReadOnlyDictionary<string, string>? Parameters { get; }

        public static AlgoSpec Of<T>(IReadOnlyDictionary<string, string>? parameters = null) => new AlgoSpec(typeof(T), parameters);
    }

    /// <summary>Everything a headless backtest needs. Bars (m1, UTC) or ticks; one symbol; one account.</summary>
    public sealed class BacktestOptions
    {
        /// <summary>m1 bars in UTC, ascending; each becomes four quotes (open → nearer extreme → farther extreme → close).</summary>
        public MarketBar[]? Bars { get; set; }

        /// <summary>Tick data (bid/ask) in UTC, ascending; bars of <see cref="TimeFrame"/> are built from them.</summary>
        public QuoteTick[]? Ticks { get; set; }

        public SimSymbolSpec Symbol { get; set; } = new SimSymbolSpec();

        /// <summary>
        /// Symbols quoted beside the chart symbol <see cref="Symbol"/> (bar data only), each from its own m1 bars: listed in
        /// <c>Symbols</c>, tradable by name, with <c>Symbol.Tick</c> raised on their quotes and <c>MarketData.GetBars</c> for the
        /// run's time frame. Their quotes interleave with the chart's in time order (the chart's first at equal times), also
        /// inside gaps of the chart's data (a weekend on an FX chart), and advance the robots' timers; quotes after the
        /// chart's last bar are not simulated. See docs/headless-runtime.md.
        /// </summary>
        public IList<OtherSymbolData>? OtherSymbols { get; set; }

        public SimAccountSettings Account { get; set; } = new SimAccountSettings();

        /// <summary>Spread when the bars carry no ask prices (default: fixed, one tick size).</summary>
        public SimSpreadModel? Spread { get; set; }

        public SimSlippageModel? Slippage { get; set; }

        public ISimFaultInjector? Faults { get; set; }

        public FundingRate[]? Funding { get; set; }

        /// <summary>A bar touching both stop and target fills the stop.</summary>
        public bool Pessimistic { get; set; }

        /// <summary>Bar period the algos see (Minute for m1 data).</summary>
        public TimeFrame TimeFrame { get; set; } = TimeFrame.Minute;

        /// <summary>First bars given to the algos as history before the simulation starts (no trading on them).</summary>
        public int WarmupBars { get; set; }

        /// <summary>Overrides every algo's attribute time zone (null: per attribute, UTC when unset).</summary>
        public string? TimeZone { get; set; }

        /// <summary>LocalStorage folder (null: in memory for the run only, like cTrader's backtests; give a folder to restart from it).</summary>
        public string? StorageDirectory { get; set; }

        public RunningMode RunningMode { get; set; } = RunningMode.SilentBacktesting;

        /// <summary>Seed for the default random parts (spread/slippage models built from it by callers).</summary>
        public ulong Seed { get; set; } = 1;

        /// <summary>Print lines go here too (null: only into the result).</summary>
        public Action<string>? Log { get; set; }

        /// <summary>
        /// A partial close raises Positions.Closed instead of Modified (cTrader does not document which; see
        /// <see cref="PerpGuard.Headless.Runtime.TradingServices.PartialCloseRaisesClosed"/>).
        /// </summary>
        public bool PartialCloseRaisesClosed { get; set; }

        /// <summary>
        /// The first this-many market orders execute but answer Timeout (a lost reply; see
        /// <see cref="PerpGuard.Headless.Runtime.TradingServices.LoseMarketOrderReplies"/>).
        /// </summary>
        public int LostMarketOrderReplies { get; set; }

        /// <summary>The error those orders answer: Timeout by default, or TechnicalError / Disconnected.</summary>
        public ErrorCode LostMarketOrderReplyError { get; set; } = ErrorCode.Timeout;

        /// <summary>
        /// LocalStorage refuses keys outside cTrader's documented form (at most 50 letters, digits and inner spaces),
        /// the default. False models a platform that took such keys, as PerpGuard versions before 2026-11-26 used.
        /// </summary>
        public bool StrictLocalStorageKeys { get; set; } = true;

        /// <summary>Called after each simulated bar with (bars done, bars total); keep it cheap.</summary>
        public Action<long, long>? Progress { get; set; }
    }

    /// <summary>Another symbol of a run (<see cref="BacktestOptions.OtherSymbols"/>): its spec, m1 bars (UTC, ascending) and spread.</summary>
    public sealed class OtherSymbolData
    {
        public OtherSymbolData(SimSymbolSpec symbol, MarketBar[] bars, SimSpreadModel? spread = null)
        {
            Symbol = symbol ?? throw new ArgumentNullException(nameof(symbol));
            Bars = bars ?? throw new ArgumentNullException(nameof(bars));
            Spread = spread;
        }

        public SimSymbolSpec Symbol { get; }

        public MarketBar[] Bars { get; }

        /// <summary>Spread when the bars carry no ask prices (default: fixed, one tick size).</summary>
        public SimSpreadModel? Spread { get; }
    }
}
