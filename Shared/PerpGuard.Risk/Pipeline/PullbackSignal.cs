using PerpGuard.Risk.Primitives;

namespace PerpGuard.Risk.Pipeline
{
    /// <summary>The closed bar and indicator values the entry rule reads (no platform types).</summary>
    public readonly struct ClosedBar
    {
        public ClosedBar(double open, double high, double low, double close, double fastEma, double trendEma, double previousTrendEma)
        {
            Open = open;
            High = high;
            Low = low;
            Close = close;
            FastEma = fastEma;
            TrendEma = trendEma;
            PreviousTrendEma = previousTrendEma;
        }

        public double Open { get; }

        public double High { get; }

        public double Low { get; }

        public double Close { get; }

        public double FastEma { get; }

        public double TrendEma { get; }

        public double PreviousTrendEma { get; }
    }

    /// <summary>
    /// The scalper's entry rule, on a closed bar:
    /// long when the trend is up (fast EMA above trend EMA, trend EMA rising), the bar dipped to or
    /// through the fast EMA (low ≤ fast EMA) and closed back above it as an up bar (close &gt; open);
    /// short is the mirror image. Anything else, or indicator values not yet warmed up: no signal.
    /// </summary>
    public static class PullbackSignal
    {
        public static TradeSide? Evaluate(in ClosedBar bar)
        {
            if (!IsFinite(bar.FastEma) || !IsFinite(bar.TrendEma) || !IsFinite(bar.PreviousTrendEma)
                || !IsFinite(bar.Close) || !IsFinite(bar.Open))
            {
                return null;
            }

            var upTrend = bar.FastEma > bar.TrendEma && bar.TrendEma > bar.PreviousTrendEma;
            var downTrend = bar.FastEma < bar.TrendEma && bar.TrendEma < bar.PreviousTrendEma;

            if (upTrend && bar.Low <= bar.FastEma && bar.Close > bar.FastEma && bar.Close > bar.Open)
            {
                return TradeSide.Long;
            }

            if (downTrend && bar.High >= bar.FastEma && bar.Close < bar.FastEma && bar.Close < bar.Open)
            {
                return TradeSide.Short;
            }

            return null;
        }

        /// <summary>
        /// The part of the rule that needs only the bar and the fast EMA: an up bar that dipped to the fast EMA
        /// and closed above it, or the mirror image. False means <see cref="Evaluate"/> gives no signal whatever
        /// the trend EMA says, so a bot can skip reading the trend EMA on most bars.
        /// </summary>
        public static bool CanSignal(double open, double high, double low, double close, double fastEma) =>
            (close > open && low <= fastEma && close > fastEma) || (close < open && high >= fastEma && close < fastEma);

        private static bool IsFinite(double x) => !double.IsNaN(x) && !double.IsInfinity(x);
    }
}
