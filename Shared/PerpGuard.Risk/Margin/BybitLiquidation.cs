using PerpGuard.Risk.Primitives;

namespace PerpGuard.Risk.Margin
{
    /// <summary>
    /// Bybit USDT perpetual, isolated margin (Bybit help centre, "Liquidation Price (USDT Contract)"):
    /// long <c>LP = entry × (1 − 1/L + MMR)</c>, short <c>LP = entry × (1 + 1/L − MMR)</c>.
    /// Example from the help centre: long 1 BTC at 10,000, 50×, MMR 0.5 % → 9,850.
    /// </summary>
    public static class BybitLiquidation
    {
        public static LiquidationResult Isolated(TradeSide side, double entry, double leverage, double mmr)
        {
            if (!(entry > 0) || !(leverage > 0))
            {
                return LiquidationResult.Never;
            }

            var raw = side == TradeSide.Long
                ? entry * (1 - 1 / leverage + mmr)
                : entry * (1 + 1 / leverage - mmr);
            return LiquidationResult.Classify(side, raw, entry);
        }
    }
}
