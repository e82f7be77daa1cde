namespace PerpGuard.Risk.Margin
{
    /// <summary>Effective leverage: how many times equity the position's notional is.</summary>
    public static class EffectiveLeverage
    {
        /// <summary>notional / equity (both in account currency); infinity when equity is not positive.</summary>
        public static double Of(double notionalAccount, double equityAccount)
            => equityAccount > 0 ? notionalAccount / equityAccount : double.PositiveInfinity;

        /// <summary>The most units a leverage cap allows at <paramref name="price"/>.</summary>
        public static double MaxUnits(double leverageCap, double equityAccount, double price, double quoteToAccount)
            => price > 0 && quoteToAccount > 0 && equityAccount > 0 ? leverageCap * equityAccount / (price * quoteToAccount) : 0;
    }
}
