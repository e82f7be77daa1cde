using System;
using System.Collections.Generic;
using cAlgo.API;
using cAlgo.API.Internals;
using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Margin;
using PerpGuard.Risk.Primitives;
using RiskTier = PerpGuard.Risk.Margin.LeverageTier;

namespace PerpGuard.Algos.Glue
{
    /// <summary>Converts cAlgo's Symbol and Account into the risk library's types, once, at the edge.</summary>
    public static class SymbolSpecs
    {
        public static InstrumentSpec From(Symbol symbol)
        {
            var tiers = new List<RiskTier>();
            var dynamic = symbol.DynamicLeverage;
            if (dynamic is not null)
            {
                for (var i = 0; i < dynamic.Count; i++)
                {
                    var tier = dynamic[i];
                    if (tier.Leverage > 0)
                    {
                        tiers.Add(new RiskTier(tier.Volume > 0 ? tier.Volume : double.MaxValue, tier.Leverage));
                    }
                }
            }

            var margin = tiers.Count > 0 ? MarginSchedule.Tiered(tiers) : MarginSchedule.Fixed(1);
            return new InstrumentSpec(
                symbol.Name,
                symbol.TickSize,
                symbol.VolumeInUnitsMin,
                symbol.VolumeInUnitsStep,
                symbol.VolumeInUnitsMax > 0 ? symbol.VolumeInUnitsMax : double.PositiveInfinity,
                symbol.PipSize,
                symbol.LotSize > 0 ? symbol.LotSize : 1,
                Commission(symbol),
                default,
                margin,
                symbol.BaseAsset?.Name ?? string.Empty,
                symbol.QuoteAsset?.Name ?? string.Empty);
        }

        /// <summary>
        /// cTrader's commission per side. Assumption (not stated by the API docs): for the percentage
        /// type <c>Symbol.Commission</c> is in percent (0.05 = 0.05 %).
        /// </summary>
        public static CommissionModel Commission(Symbol symbol)
        {
            var rate = symbol.Commission;
            if (!(rate > 0))
            {
                return CommissionModel.None;
            }

            switch (symbol.CommissionType)
            {
                case SymbolCommissionType.UsdPerMillionUsdVolume:
                    return CommissionModel.UsdPerMillion(rate);
                case SymbolCommissionType.UsdPerOneLot:
                    return CommissionModel.UsdPerLot(rate);
                case SymbolCommissionType.QuoteCurrencyPerOneLot:
                    return CommissionModel.QuotePerLot(rate);
                case SymbolCommissionType.PercentageOfTradingVolume:
                    return CommissionModel.PercentOfVolume(Fraction.FromPercent(rate));
                default:
                    return CommissionModel.None;
            }
        }

        /// <summary>Quote→account, quote→USD and USD→account rates from the platform's converter (1 when the assets match; throws when the platform cannot convert).</summary>
        public static ConversionRates Rates(Symbol symbol, IAccount account, IAssetConverter converter)
        {
            var quote = symbol.QuoteAsset?.Name ?? string.Empty;
            var deposit = account.Asset?.Name ?? string.Empty;
            var quoteToAccount = Convert(converter, quote, deposit);
            var quoteToUsd = Convert(converter, quote, "USD");
            var usdToAccount = Convert(converter, "USD", deposit);
            return new ConversionRates(quoteToAccount, quoteToUsd, usdToAccount);
        }

        private static double Convert(IAssetConverter converter, string from, string to)
        {
            if (from.Length == 0 || to.Length == 0 || string.Equals(from, to, StringComparison.OrdinalIgnoreCase))
            {
                return 1;
            }

            try
            {
                var rate = converter.Convert(1.0, from, to);
                if (rate > 0 && !double.IsInfinity(rate))
                {
                    return rate;
                }
            }
            catch (ArgumentException)
            {
            }

            // Never guess a rate: sizing with a wrong one would misstate every risk number.
            throw new InvalidOperationException("Cannot convert " + from + " to " + to + " with the platform's asset converter.");
        }
    }
}
