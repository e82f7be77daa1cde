namespace PerpGuard.Risk.Filters
{
    /// <summary>How <see cref="MaxSpread"/> measures the spread.</summary>
    public enum SpreadLimitKind
    {
        /// <summary>Ask − bid in price units (e.g. 15 USD on BTCUSD).</summary>
        Absolute = 0,

        /// <summary>(ask − bid) / mid × 10,000.</summary>
        BasisPoints = 1,

        /// <summary>(ask − bid) / planned stop distance (0.1 = the spread eats a tenth of the stop).</summary>
        FractionOfStop = 2,
    }
}
