using System;
using cAlgo.API;

namespace PerpGuard.Headless.Runtime
{
    /// <summary>MarketData.GetBars: the algo's own bars for its time frame, else bars the engine aggregates.</summary>
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
                throw new NotSupportedException("Headless runs carry one symbol (" + _own.SymbolName + "); " + symbolName + " has no data.");
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
