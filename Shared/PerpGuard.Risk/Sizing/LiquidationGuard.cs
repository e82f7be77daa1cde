using PerpGuard.Risk.Margin;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Risk.Sizing
{
    /// <summary>
    /// Which liquidation price the sizer keeps the stop inside of, and with what buffer
    /// (a fraction of the entry-to-liquidation distance: 0.05 → the stop must trigger before the
    /// last 5 % of the way to liquidation).
    /// </summary>
    public readonly struct LiquidationGuard
    {
        private LiquidationGuard(LiquidationGuardKind kind, Fraction buffer, Fraction stopOutLevel, MarginPricing pricing, double leverage, double mmr)
        {
            Kind = kind;
            Buffer = buffer;
            StopOutLevel = stopOutLevel;
            Pricing = pricing;
            Leverage = leverage;
            Mmr = mmr;
        }

        public LiquidationGuardKind Kind { get; }

        public Fraction Buffer { get; }

        /// <summary>cTrader stop-out level (50 % → 0.5).</summary>
        public Fraction StopOutLevel { get; }

        public MarginPricing Pricing { get; }

        /// <summary>Isolated leverage (Bybit guard).</summary>
        public double Leverage { get; }

        /// <summary>Maintenance margin rate as a fraction (Bybit guard).</summary>
        public double Mmr { get; }

        public static LiquidationGuard None => default;

        /// <summary>
        /// cTrader account stop-out with the symbol's own margin schedule; the request's
        /// <see cref="SizingRequest.UsedMargin"/> is the margin of everything else.
        /// </summary>
        public static LiquidationGuard CTrader(Fraction stopOutLevel, Fraction buffer, MarginPricing pricing = MarginPricing.FrozenAtOpen)
            => new LiquidationGuard(LiquidationGuardKind.CTraderStopOut, buffer, stopOutLevel, pricing, 0, 0);

        public static LiquidationGuard BybitIsolated(double leverage, Fraction mmr, Fraction buffer)
            => new LiquidationGuard(LiquidationGuardKind.BybitIsolated, buffer, Fraction.Zero, MarginPricing.FrozenAtOpen, leverage, mmr.Value);
    }
}
