using System;

namespace PerpGuard.Risk.Instruments
{
    /// <summary>
    /// The exchange rates a calculation needs, as market inputs (they move, so they are not part of
    /// the symbol spec). Each is "1 unit of the first = rate units of the second".
    /// For BTCUSD on a USD account all three are 1.
    /// </summary>
    public readonly struct ConversionRates
    {
        public ConversionRates(double quoteToAccount, double quoteToUsd, double usdToAccount)
        {
            QuoteToAccount = Check(quoteToAccount, nameof(quoteToAccount));
            QuoteToUsd = Check(quoteToUsd, nameof(quoteToUsd));
            UsdToAccount = Check(usdToAccount, nameof(usdToAccount));
        }

        /// <summary>All rates 1: quote currency = USD = account currency.</summary>
        public static ConversionRates Identity => new ConversionRates(1, 1, 1);

        /// <summary>Converts P&amp;L in the quote currency into the account currency.</summary>
        public double QuoteToAccount { get; }

        /// <summary>Used for USD-denominated commissions and USD volume bands (dynamic leverage).</summary>
        public double QuoteToUsd { get; }

        public double UsdToAccount { get; }

        /// <summary>True for the default (all zero) value, which is never a valid set of rates.</summary>
        public bool IsUnset => QuoteToAccount == 0 || QuoteToUsd == 0 || UsdToAccount == 0;

        private static double Check(double rate, string name)
        {
            if (!(rate > 0) || double.IsInfinity(rate))
            {
                throw new ArgumentOutOfRangeException(name, rate, "A conversion rate must be positive and finite.");
            }

            return rate;
        }
    }
}
