using System;

namespace PerpGuard.MarketData.Readers
{
    /// <summary>Checks one bar's prices: finite, positive, low ≤ open/close ≤ high, ask not below bid.</summary>
    internal static class BarValidator
    {
        /// <summary>Null when valid, else the reason.</summary>
        public static string? Check(in MarketBar bar)
        {
            var ohlc = CheckOhlc(bar.Open, bar.High, bar.Low, bar.Close, "");
            if (ohlc != null)
            {
                return ohlc;
            }

            if (double.IsNaN(bar.Volume) || bar.Volume < 0)
            {
                // NaN volume is written by readers only on purpose (never from text), so this is a negative volume.
                if (bar.Volume < 0)
                {
                    return "negative volume";
                }
            }

            if (bar.HasAsk)
            {
                var ask = CheckOhlc(bar.AskOpen, bar.AskHigh, bar.AskLow, bar.AskClose, "ask ");
                if (ask != null)
                {
                    return ask;
                }

                if (bar.AskClose < bar.Close || bar.AskOpen < bar.Open)
                {
                    return "ask below bid (crossed quote)";
                }
            }

            return null;
        }

        private static string? CheckOhlc(double open, double high, double low, double close, string label)
        {
            if (!(open > 0) || !(high > 0) || !(low > 0) || !(close > 0)
                || double.IsInfinity(open) || double.IsInfinity(high) || double.IsInfinity(low) || double.IsInfinity(close))
            {
                return label + "prices must be positive finite numbers";
            }

            if (low > Math.Min(open, close) || high < Math.Max(open, close) || low > high)
            {
                return FormattableString.Invariant($"{label}OHLC inconsistent (open {open}, high {high}, low {low}, close {close}): need low ≤ open, close ≤ high");
            }

            return null;
        }
    }
}
