using System;
using System.Collections.Generic;
using cAlgo.API;
using cAlgo.API.Internals;
using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Margin;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Stops;
using RiskTier = PerpGuard.Risk.Margin.LeverageTier;

namespace PerpGuard.Algos.Glue
{
    /// <summary>Converts cAlgo's Symbol and Account into the risk library's types, once, at the edge.</summary>
    internal static class SymbolSpecs
    {
        /// <summary>
        /// The symbol's spec. Margin: its dynamic-leverage tiers, each capped by the account leverage
        /// (cTrader uses the lower of the two); the account leverage alone when the symbol lists none.
        /// </summary>
        public static InstrumentSpec From(Symbol symbol, string symbolName, double accountLeverage)
        {
            var margin = Schedule(symbol, accountLeverage);
            return new InstrumentSpec(
                symbolName,
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
        /// The symbol's own margin: its dynamic-leverage tiers, each capped by the account leverage
        /// (cTrader uses the lower of the two); the account leverage alone when the symbol lists none.
        /// </summary>
        public static MarginSchedule Schedule(Symbol symbol, double accountLeverage)
        {
            var tiers = new List<RiskTier>();
            var dynamic = symbol.DynamicLeverage;
            if (dynamic is not null)
            {
                // foreach: the enumerator is the part every build of the API agrees on.
                foreach (var tier in dynamic)
                {
                    if (tier.Leverage > 0)
                    {
                        var leverage = accountLeverage > 0 ? Math.Min(tier.Leverage, accountLeverage) : tier.Leverage;
                        tiers.Add(new RiskTier(tier.Volume > 0 ? tier.Volume : double.MaxValue, leverage));
                    }
                }
            }

            return tiers.Count > 0 ? MarginSchedule.Tiered(tiers) : MarginSchedule.Fixed(accountLeverage > 0 ? accountLeverage : 1);
        }

        /// <summary>
        /// cTrader's commission per side, with the symbol's minimum per side (<see cref="MinimumPerSide(Symbol)"/>).
        /// For the percentage type <c>Symbol.Commission</c> is in percent (0.05 = 0.05 %): help.ctrader.com's
        /// SymbolCommissionType example prints it as "Commission is {0}% of the trading volume".
        /// </summary>
        public static CommissionModel Commission(Symbol symbol)
        {
            var model = RateCommission(symbol);
            var minimum = MinimumPerSide(symbol);
            return minimum.IsNone ? model : model.WithMinimum(minimum);
        }

        /// <summary>
        /// <c>Symbol.MinCommission</c> with its currency. <c>MinCommissionType.QuoteAsset</c>, or a
        /// <c>MinCommissionAsset</c> that is the quote asset, is in quote currency; USD is USD; both are
        /// converted to the account currency by the same rates as the P&amp;L (<see cref="Rates"/>), so
        /// they follow the market. Any other asset is converted into the quote asset once, here, with
        /// <c>Asset.Convert</c>; when that is not possible this throws (the bot refuses to start):
        /// sizing without the minimum would put more than the planned risk at the stop.
        /// </summary>
        public static MinimumCommission MinimumPerSide(Symbol symbol)
        {
            var amount = symbol.MinCommission;
            if (!(amount > 0))
            {
                return PerpGuard.Risk.Instruments.MinimumCommission.None;
            }

            if (double.IsInfinity(amount))
            {
                throw new InvalidOperationException("The symbol's minimum commission is not a finite number.");
            }

            var quote = symbol.QuoteAsset;
            if (symbol.MinCommissionType == SymbolMinCommissionType.QuoteAsset)
            {
                return PerpGuard.Risk.Instruments.MinimumCommission.InQuote(amount);
            }

            var asset = symbol.MinCommissionAsset;
            var name = asset?.Name ?? string.Empty;
            if (name.Length == 0 || Same(name, "USD"))
            {
                // cTrader quotes minimum commissions in USD unless it says otherwise.
                return PerpGuard.Risk.Instruments.MinimumCommission.InUsd(amount);
            }

            if (quote is not null && Same(name, quote.Name))
            {
                return PerpGuard.Risk.Instruments.MinimumCommission.InQuote(amount);
            }

            double inQuote;
            try
            {
                inQuote = quote is null ? double.NaN : asset!.Convert(quote, amount);
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                throw new InvalidOperationException("Cannot convert the minimum commission from " + name + " to " + (quote?.Name ?? "the quote currency") + ": " + ex.Message);
            }

            if (!(inQuote > 0) || double.IsInfinity(inQuote))
            {
                throw new InvalidOperationException("Cannot convert the minimum commission from " + name + " to " + (quote?.Name ?? "the quote currency") + ".");
            }

            return PerpGuard.Risk.Instruments.MinimumCommission.InQuote(inQuote);
        }

        private static CommissionModel RateCommission(Symbol symbol)
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

        /// <summary>
        /// Quote→account, quote→USD and USD→account rates. Quote→account is the rate of the moment,
        /// <c>QuoteAsset.Convert(Account.Asset, 1)</c>; only when the platform cannot convert, the symbol's
        /// tick value (deposit money per unit per tick ÷ tick size) — which cTrader fixes when the algo starts
        /// and never updates (help.ctrader.com, Symbol.TickValue/PipValue), so it is the rate at the start.
        /// USD legs are derived when either the quote or the deposit asset is USD. Anything else throws: sizing
        /// with a guessed rate would misstate every risk number.
        /// </summary>
        public static ConversionRates Rates(Symbol symbol, IAccount account) => Rates(symbol, account, true);

        // startValueFallback: false when re-reading (RefreshRates): the tick value is the rate at the start, never newer
        // than the last good live rate, so falling back to it would undo a rate that moved.
        private static ConversionRates Rates(Symbol symbol, IAccount account, bool startValueFallback)
        {
            var quote = symbol.QuoteAsset?.Name ?? string.Empty;
            var deposit = account.Asset?.Name ?? string.Empty;
            double quoteToAccount;
            if (quote.Length == 0 || deposit.Length == 0 || Same(quote, deposit))
            {
                quoteToAccount = 1;
            }
            else if (LiveRate(symbol.QuoteAsset!, account.Asset!) is var live && live > 0 && !double.IsInfinity(live))
            {
                quoteToAccount = live;
            }
            else if (startValueFallback && symbol.TickValue > 0 && symbol.TickSize > 0)
            {
                quoteToAccount = symbol.TickValue / symbol.TickSize;
            }
            else
            {
                throw new InvalidOperationException("Cannot convert " + quote + " to " + deposit + ": the platform has no rate and the symbol no tick value.");
            }

            double quoteToUsd;
            double usdToAccount;
            if (quote.Length == 0 || Same(quote, "USD"))
            {
                quoteToUsd = 1;
                usdToAccount = quoteToAccount;
            }
            else if (deposit.Length == 0 || Same(deposit, "USD"))
            {
                quoteToUsd = quoteToAccount;
                usdToAccount = 1;
            }
            else
            {
                throw new InvalidOperationException("Cannot derive USD rates for " + quote + " on a " + deposit + " account.");
            }

            return new ConversionRates(quoteToAccount, quoteToUsd, usdToAccount);
        }

        /// <summary>
        /// The smallest amount the account books, 10^-<c>Asset.Digits</c> (0.01 for a USD account); 0 (money taken
        /// as exact) when the platform gives no deposit asset. Sizing keeps a reserve of a few of these for the
        /// broker's rounding (<see cref="FeeCoefficients.BookingReserve"/>).
        /// </summary>
        public static double MoneyStep(IAccount account)
        {
            var asset = account.Asset;
            if (asset is null || asset.Digits < 0 || asset.Digits > 10)
            {
                return 0;
            }

            return 1.0 / Math.Pow(10, asset.Digits);
        }

        /// <summary>The symbol's fees on this account: its rates, and the account's money step for the booking reserve.</summary>
        public static FeeCoefficients Fees(InstrumentSpec spec, in ConversionRates rates, IAccount account)
            => FeeCoefficients.For(spec, rates, MoneyStep(account));

        /// <summary>
        /// Re-reads the quote→account rate: on an account whose currency is not the quote's (EUR on BTCUSD) it
        /// moves, and risk, fees and notional in account currency move with it (read through Asset.Convert: the
        /// symbol's tick value stays at its start value). Keeps the last good rate when no rate can be read at this
        /// moment. True when the rate moved (and the fees were rebuilt).
        /// </summary>
        public static bool RefreshRates(Symbol symbol, IAccount account, InstrumentSpec spec, ref ConversionRates rates, ref FeeCoefficients fees)
        {
            ConversionRates now;
            try
            {
                now = Rates(symbol, account, false);
            }
            catch (InvalidOperationException)
            {
                return false;
            }

            if (!(now.QuoteToAccount > 0) || now.QuoteToAccount == rates.QuoteToAccount)
            {
                return false;
            }

            rates = now;
            fees = Fees(spec, now, account);
            return true;
        }

        /// <summary>1 unit of <paramref name="from"/> in <paramref name="to"/> now; NaN when the platform cannot convert.</summary>
        private static double LiveRate(Asset from, Asset to)
        {
            try
            {
                return from.Convert(to, 1.0);
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                return double.NaN;
            }
        }

        private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }
}
