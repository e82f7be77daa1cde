using System;
using PerpGuard.Headless.Simulation;
using PerpGuard.MarketData;

namespace PerpGuard.Headless.Backtesting
{
    /// <summary>
    /// Puts market data on a symbol's price grid before a run: every price to the nearest tick (a tie away from
    /// zero). Returns the input itself when it is already on the grid (the usual case: the CLI derives Digits from
    /// the data), else a snapped copy — the caller's array is never changed.
    /// </summary>
    public static class PriceGridSnapper
    {
        public static MarketBar[] Snap(MarketBar[] bars, SimPriceGrid grid)
        {
            if (bars == null) throw new ArgumentNullException(nameof(bars));
            if (grid.IsNone || AllOnGrid(bars, grid)) return bars;
            var copy = new MarketBar[bars.Length];
            for (int i = 0; i < bars.Length; i++)
            {
                var b = bars[i];
                copy[i] = new MarketBar(
                    b.OpenTimeUtc, grid.Snap(b.Open), grid.Snap(b.High), grid.Snap(b.Low), grid.Snap(b.Close), b.Volume,
                    grid.Snap(b.AskOpen), grid.Snap(b.AskHigh), grid.Snap(b.AskLow), grid.Snap(b.AskClose));
            }

            return copy;
        }

        public static QuoteTick[] Snap(QuoteTick[] ticks, SimPriceGrid grid)
        {
            if (ticks == null) throw new ArgumentNullException(nameof(ticks));
            if (grid.IsNone) return ticks;
            bool onGrid = true;
            for (int i = 0; i < ticks.Length && onGrid; i++)
            {
                onGrid = grid.IsOnGrid(ticks[i].Bid) && grid.IsOnGrid(ticks[i].Ask);
            }

            if (onGrid) return ticks;
            var copy = new QuoteTick[ticks.Length];
            for (int i = 0; i < ticks.Length; i++)
            {
                copy[i] = new QuoteTick(ticks[i].TimeUtc, grid.Snap(ticks[i].Bid), grid.Snap(ticks[i].Ask));
            }

            return copy;
        }

        private static bool AllOnGrid(MarketBar[] bars, SimPriceGrid grid)
        {
            for (int i = 0; i < bars.Length; i++)
            {
                var b = bars[i];
                if (!grid.IsOnGrid(b.Open) || !grid.IsOnGrid(b.High) || !grid.IsOnGrid(b.Low) || !grid.IsOnGrid(b.Close)) return false;
                if (b.HasAsk && (!grid.IsOnGrid(b.AskOpen) || !grid.IsOnGrid(b.AskHigh) || !grid.IsOnGrid(b.AskLow) || !grid.IsOnGrid(b.AskClose))) return false;
            }

            return true;
        }
    }
}
