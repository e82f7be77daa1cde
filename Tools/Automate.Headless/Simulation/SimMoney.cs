using System;
using System.Collections.Generic;

namespace PerpGuard.Headless.Simulation
{
    /// <summary>Pure money formulas of the simulator (commission, margin, swap), account currency unless named.</summary>
    public static class SimMoney
    {
        /// <summary>10^<paramref name="moneyDigits"/>: whole money units per unit of account currency (100 for cents).</summary>
        public static double MoneyScale(int moneyDigits)
        {
            double scale = 1;
            for (int i = 0; i < moneyDigits; i++) scale *= 10;
            return scale;
        }

        /// <summary>Commission of one side of a deal, positive (a cost), account currency.</summary>
        public static double CommissionPerSide(SimSymbolSpec spec, double volumeInUnits, double price, double usdToAccountRate)
        {
            double c;
            switch (spec.CommissionType)
            {
                case SimCommissionType.UsdPerMillionUsdVolume:
                    c = volumeInUnits * price * spec.QuoteToUsdRate / 1_000_000.0 * spec.Commission * usdToAccountRate;
                    break;
                case SimCommissionType.UsdPerOneLot:
                    c = volumeInUnits / spec.LotSize * spec.Commission * usdToAccountRate;
                    break;
                case SimCommissionType.PercentageOfTradingVolume:
                    c = volumeInUnits * price * spec.Commission / 100.0 * spec.QuoteToAccountRate;
                    break;
                case SimCommissionType.QuoteCurrencyPerOneLot:
                    c = volumeInUnits / spec.LotSize * spec.Commission * spec.QuoteToAccountRate;
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(spec), "unknown commission type");
            }

            // The minimum is in USD (the symbol reports MinCommissionAsset = USD, as brokers commonly set it).
            double minimum = spec.MinCommission * usdToAccountRate;
            return c < minimum ? minimum : c;
        }

        /// <summary>
        /// Margin in USD for a USD notional under dynamic leverage tiers (each band of the notional
        /// at its own leverage, capped by the account leverage), or flat symbol leverage without tiers.
        /// </summary>
        public static double TieredMarginUsd(double notionalUsd, IReadOnlyList<SimLeverageTier> tiers, double symbolLeverage, double accountLeverage)
        {
            if (notionalUsd <= 0) return 0;
            int n = tiers.Count;
            if (n == 0) return notionalUsd / Math.Min(symbolLeverage, accountLeverage);
            double margin = 0;
            double lower = 0;
            for (int i = 0; i < n; i++)
            {
                var tier = tiers[i];
                double lev = Math.Min(tier.Leverage, accountLeverage);
                bool last = i == n - 1;
                double upper = last ? double.PositiveInfinity : tier.Volume;
                double band = Math.Min(notionalUsd, upper) - lower;
                if (band <= 0) break;
                margin += band / lev;
                lower = upper;
            }

            return margin;
        }

        /// <summary>Swap of one rollover for one position (signed: negative = charged), before the triple-day factor.</summary>
        public static double SwapPerRollover(SimSymbolSpec spec, bool isLong, double volumeInUnits, double price)
        {
            double rate = isLong ? spec.SwapLong : spec.SwapShort;
            switch (spec.SwapType)
            {
                case SimSwapType.Pips:
                    return rate * spec.PipSize * volumeInUnits * spec.QuoteToAccountRate;
                case SimSwapType.Points:
                    return rate * Math.Pow(10, -spec.Digits) * volumeInUnits * spec.QuoteToAccountRate;
                case SimSwapType.Percentage:
                    return rate / 100.0 / spec.SwapDaysPerYear * volumeInUnits * price * spec.QuoteToAccountRate;
                default:
                    throw new ArgumentOutOfRangeException(nameof(spec), "unknown swap type");
            }
        }

        /// <summary>How many days of swap a rollover at <paramref name="rolloverUtc"/> charges (0, 1 or 3).</summary>
        public static int SwapDays(SimSymbolSpec spec, DateTime rolloverUtc)
        {
            var day = rolloverUtc.DayOfWeek;
            if (spec.SkipWeekendRollovers && (day == DayOfWeek.Saturday || day == DayOfWeek.Sunday)) return 0;
            return spec.Swap3DaysRollover.HasValue && spec.Swap3DaysRollover.Value == day ? 3 : 1;
        }
    }
}
