using PerpGuard.Risk.Primitives;

namespace PerpGuard.Risk.Margin
{
    /// <summary>
    /// Binance USDⓈ-M futures liquidation price, one-way mode (Binance help centre, "How to Calculate
    /// Liquidation Price of USDⓈ-M Futures Contracts"):
    /// <c>LP = (WB − TMM + UPNL + cum − side × Q × EP) / (Q × MMR − side × Q)</c>, side = +1 long, −1 short.
    /// Isolated: WB is the isolated margin and TMM = UPNL = 0. Cross: WB is the cross wallet balance,
    /// TMM and UPNL belong to the account's other positions.
    /// </summary>
    public static class BinanceLiquidation
    {
        private const int MaxBracketPasses = 8;

        /// <summary>The formula with one given bracket (no re-check).</summary>
        public static LiquidationResult WithBracket(TradeSide side, double entry, double quantity, double walletBalance, double mmr, double maintenanceAmount, double otherMaintenance = 0, double otherUnrealizedPnl = 0)
        {
            if (!(quantity > 0) || !(entry > 0))
            {
                return LiquidationResult.Never;
            }

            var s = side == TradeSide.Long ? 1.0 : -1.0;
            var numerator = walletBalance - otherMaintenance + otherUnrealizedPnl + maintenanceAmount - s * quantity * entry;
            var denominator = quantity * mmr - s * quantity;
            if (denominator == 0)
            {
                return LiquidationResult.Never;
            }

            return LiquidationResult.Classify(side, numerator / denominator, entry);
        }

        /// <summary>Isolated margin: the bracket is chosen by notional at entry, then re-checked at the computed price.</summary>
        public static LiquidationResult Isolated(TradeSide side, double entry, double quantity, double isolatedMargin, MaintenanceBrackets brackets)
            => Cross(side, entry, quantity, isolatedMargin, 0, 0, brackets);

        /// <summary>Cross margin with the other positions' maintenance margin and unrealised P&amp;L.</summary>
        public static LiquidationResult Cross(TradeSide side, double entry, double quantity, double walletBalance, double otherMaintenance, double otherUnrealizedPnl, MaintenanceBrackets brackets)
        {
            var index = brackets.IndexFor(quantity * entry);
            var result = LiquidationResult.Never;
            for (var pass = 0; pass < MaxBracketPasses; pass++)
            {
                var b = brackets[index];
                result = WithBracket(side, entry, quantity, walletBalance, b.Mmr, b.MaintenanceAmount, otherMaintenance, otherUnrealizedPnl);
                if (!result.HasPrice)
                {
                    return result;
                }

                // The bracket that applies is the one of the notional at the liquidation price.
                var next = brackets.IndexFor(quantity * result.PriceOrNaN);
                if (next == index)
                {
                    return result;
                }

                index = next;
            }

            return result;
        }
    }
}
