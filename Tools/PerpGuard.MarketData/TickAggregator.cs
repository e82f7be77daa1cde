using System;
using System.Collections.Generic;

namespace PerpGuard.MarketData
{
    /// <summary>Builds bid/ask bars from ticks: bid OHLC, ask OHLC, volume = number of ticks.</summary>
    public static class TickAggregator
    {
        public static MarketBar[] ToBars(IReadOnlyList<QuoteTick> ticks, TimeSpan timeframe)
        {
            if (timeframe <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(timeframe), "timeframe must be positive");
            }

            var bars = new List<MarketBar>();
            var i = 0;
            while (i < ticks.Count)
            {
                var start = new DateTime(ticks[i].TimeUtc.Ticks - (ticks[i].TimeUtc.Ticks % timeframe.Ticks), DateTimeKind.Utc);
                var end = start + timeframe;
                double bo = ticks[i].Bid, bh = bo, bl = bo, bc = bo;
                double ao = ticks[i].Ask, ah = ao, al = ao, ac = ao;
                var n = 0;
                while (i < ticks.Count && ticks[i].TimeUtc < end)
                {
                    var t = ticks[i];
                    bh = Math.Max(bh, t.Bid);
                    bl = Math.Min(bl, t.Bid);
                    bc = t.Bid;
                    ah = Math.Max(ah, t.Ask);
                    al = Math.Min(al, t.Ask);
                    ac = t.Ask;
                    n++;
                    i++;
                }

                bars.Add(new MarketBar(start, bo, bh, bl, bc, n, ao, ah, al, ac));
            }

            return bars.ToArray();
        }
    }
}
