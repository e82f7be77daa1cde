namespace PerpGuard.Risk.Rules
{
    /// <summary>
    /// The market at the moment of a decision, in quote-currency prices. ATR is the current average
    /// true range in price units; NaN when the indicator is not warmed up yet.
    /// </summary>
    public readonly struct MarketSnapshot
    {
        public MarketSnapshot(double bid, double ask, double atr)
        {
            Bid = bid;
            Ask = ask;
            Atr = atr;
        }

        public double Bid { get; }

        public double Ask { get; }

        public double Atr { get; }

        public double Spread => Ask - Bid;

        public double Mid => (Ask + Bid) * 0.5;

        /// <summary>True when bid and ask are positive, finite and not crossed.</summary>
        public bool HasQuote => Bid > 0 && Ask >= Bid && !double.IsInfinity(Ask);

        public bool HasAtr => Atr > 0 && !double.IsInfinity(Atr);
    }
}
