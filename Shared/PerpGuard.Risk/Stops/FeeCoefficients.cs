using PerpGuard.Risk.Instruments;

namespace PerpGuard.Risk.Stops
{
    /// <summary>
    /// A symbol's per-side fee per unit as <c>Fixed + Proportional × price</c> (account currency), with
    /// the quote→account rate that turns price moves into account money. Resolved once per decision.
    /// </summary>
    public readonly struct FeeCoefficients
    {
        public FeeCoefficients(double fixedPerUnit, double proportional, double quoteToAccount)
        {
            Fixed = fixedPerUnit;
            Proportional = proportional;
            QuoteToAccount = quoteToAccount;
        }

        public double Fixed { get; }

        public double Proportional { get; }

        public double QuoteToAccount { get; }

        /// <summary>No fees, quote = account.</summary>
        public static FeeCoefficients Free => new FeeCoefficients(0, 0, 1);

        public static FeeCoefficients For(InstrumentSpec spec, in ConversionRates rates)
        {
            spec.Commission.Coefficients(rates, spec.LotSize, false, out var f0, out var f1);
            return new FeeCoefficients(f0, f1, rates.QuoteToAccount);
        }

        /// <summary>One side's fee per unit at <paramref name="price"/>, account currency.</summary>
        public double PerUnit(double price) => Fixed + Proportional * price;

        /// <summary>Entry fee at the entry plus exit fee at the exit price, per unit.</summary>
        public double RoundTrip(double entry, double exit) => PerUnit(entry) + PerUnit(exit);
    }
}
