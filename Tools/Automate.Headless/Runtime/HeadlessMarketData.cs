using System;
using cAlgo.API;

namespace PerpGuard.Headless.Runtime
{
    /// <summary>MarketData.GetBars: the algo's own bars for its time frame, else bars the engine aggregates; another symbol's from its feed.</summary>
    public sealed class HeadlessMarketData : cAlgo.API.Internals.MarketData
    {
        private readonly AlgoEnvironment _env;
        private readonly HeadlessBars _own;
        private readonly ZoneClock _zone;

        internal HeadlessMarketData(AlgoEnvironment env, HeadlessBars own, ZoneClock zone)
        {
            _env = env;
            _own = own;
            _zone = zone;
        }

        public Bars GetBars(TimeFrame timeFrame) => GetBars(timeFrame, _own.SymbolName);

        public Bars GetBars(TimeFrame timeFrame, string symbolName)
        {
            if (!string.Equals(symbolName, _own.SymbolName, StringComparison.Ordinal))
            {
                // Another symbol the run quotes (BacktestOptions.OtherSymbols): its bars, in this algo's time zone.
                var bars = _env.OtherSymbolBars?.Invoke(timeFrame, symbolName)
                    ?? throw new NotSupportedException("This headless run has no " + timeFrame.Name + " bars for " + symbolName + " (chart symbol " + _own.SymbolName + ").");
                return new HeadlessBars(bars.Buffer, bars.TimeFrame, bars.SymbolName, _zone);
            }

            if (timeFrame.Equals(_own.TimeFrame))
            {
                return _own;
            }

            var other = _env.OtherTimeFrames?.Invoke(timeFrame) as HeadlessBars
                ?? throw new NotSupportedException("No bars for time frame " + timeFrame.Name + " in this run.");
            return new HeadlessBars(other.Buffer, other.TimeFrame, other.SymbolName, _zone);
        }
    }
}
