using System;

namespace PerpGuard.Risk.Instruments
{
    /// <summary>The currency a minimum commission is quoted in, as far as <see cref="ConversionRates"/> can convert it.</summary>
    public enum MinimumCommissionCurrency
    {
        /// <summary>Already in the account (deposit) currency.</summary>
        Account = 0,

        /// <summary>US dollars (cTrader's usual <c>MinCommissionAsset</c>), converted with <see cref="ConversionRates.UsdToAccount"/>.</summary>
        Usd = 1,

        /// <summary>The symbol's quote currency (<c>SymbolMinCommissionType.QuoteAsset</c>), converted with <see cref="ConversionRates.QuoteToAccount"/>.</summary>
        Quote = 2,
    }

    /// <summary>
    /// The broker's minimum commission per side of a deal (cTrader <c>Symbol.MinCommission</c>): a side
    /// whose rate-based fee is smaller is charged this amount instead. A value: the amount in the
    /// currency it is quoted in, converted to the account currency with the rates of the moment
    /// (they move, so the conversion is not frozen into the spec).
    /// </summary>
    public readonly struct MinimumCommission : IEquatable<MinimumCommission>
    {
        public MinimumCommission(double amount, MinimumCommissionCurrency currency)
        {
            if (!(amount >= 0) || double.IsInfinity(amount))
            {
                throw new ArgumentOutOfRangeException(nameof(amount), amount, "A minimum commission must be finite and not negative.");
            }

            if (currency != MinimumCommissionCurrency.Account && currency != MinimumCommissionCurrency.Usd && currency != MinimumCommissionCurrency.Quote)
            {
                throw new ArgumentOutOfRangeException(nameof(currency), currency, "Unknown minimum-commission currency.");
            }

            Amount = amount;

            // A zero minimum is "none" whatever it was quoted in, so all of them compare equal.
            Currency = amount == 0 ? MinimumCommissionCurrency.Account : currency;
        }

        /// <summary>No minimum (the default).</summary>
        public static MinimumCommission None => default;

        /// <summary>Per side, in <see cref="Currency"/>.</summary>
        public double Amount { get; }

        public MinimumCommissionCurrency Currency { get; }

        public bool IsNone => Amount == 0;

        public static MinimumCommission InAccountCurrency(double amount) => new MinimumCommission(amount, MinimumCommissionCurrency.Account);

        public static MinimumCommission InUsd(double amount) => new MinimumCommission(amount, MinimumCommissionCurrency.Usd);

        public static MinimumCommission InQuote(double amount) => new MinimumCommission(amount, MinimumCommissionCurrency.Quote);

        /// <summary>The minimum per side in account currency at <paramref name="rates"/> (unset rates count as 1).</summary>
        public double InAccount(in ConversionRates rates)
        {
            if (Amount == 0)
            {
                return 0;
            }

            var r = rates.IsUnset ? ConversionRates.Identity : rates;
            switch (Currency)
            {
                case MinimumCommissionCurrency.Usd:
                    return Amount * r.UsdToAccount;
                case MinimumCommissionCurrency.Quote:
                    return Amount * r.QuoteToAccount;
                default:
                    return Amount;
            }
        }

        public bool Equals(MinimumCommission other) => Amount.Equals(other.Amount) && Currency == other.Currency;

        public override bool Equals(object? obj) => obj is MinimumCommission other && Equals(other);

        public override int GetHashCode() => HashCode.Combine(Amount, Currency);
    }
}
