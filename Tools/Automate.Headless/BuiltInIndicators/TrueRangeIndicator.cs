using System;
using cAlgo.API;
using PerpGuard.Headless.Runtime;

namespace PerpGuard.Headless.BuiltInIndicators
{
    /// <summary>
    /// cTrader's True Range: TR[i] = max(High[i], Close[i-1]) − min(Low[i], Close[i-1]).
    /// At i = 0 the previous close reads as NaN, and Math.Max/Min propagate NaN, so TR[0] is NaN (REFERENCE §14).
    /// </summary>
    [Indicator(IsOverlay = false, AccessRights = AccessRights.None)]
    public sealed class TrueRangeIndicator : Indicator, cAlgo.API.Indicators.TrueRange, IPureIndicator
    {
        [Output("Main")]
        public IndicatorDataSeries Result { get; set; } = null!;

        public override void Calculate(int index)
        {
            var previousClose = Bars.ClosePrices[index - 1];
            Result[index] = Math.Max(Bars.HighPrices[index], previousClose) - Math.Min(Bars.LowPrices[index], previousClose);
        }
    }
}
