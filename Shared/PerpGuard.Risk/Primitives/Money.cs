using System;
using System.Globalization;

namespace PerpGuard.Risk.Primitives
{
    /// <summary>
    /// An amount of one currency (asset). Arithmetic between two currencies throws: converting is an
    /// explicit step with a rate, never an accident. Doubles, like cAlgo, so hot paths stay cheap.
    /// </summary>
    public readonly struct Money : IEquatable<Money>, IComparable<Money>
    {
        public Money(double amount, string currency)
        {
            if (double.IsNaN(amount))
            {
                throw new ArgumentException("Money cannot be NaN.", nameof(amount));
            }

            if (string.IsNullOrWhiteSpace(currency))
            {
                throw new ArgumentException("Money needs a currency.", nameof(currency));
            }

            Amount = amount;
            Currency = currency;
        }

        public double Amount { get; }

        public string Currency { get; }

        public static Money Zero(string currency) => new Money(0, currency);

        public bool IsNegative => Amount < 0;

        public Money Abs() => new Money(Math.Abs(Amount), Currency);

        /// <summary>Converts with an explicit rate: 1 unit of this currency = <paramref name="rate"/> of <paramref name="to"/>.</summary>
        public Money ConvertTo(string to, double rate)
        {
            if (!(rate > 0) || double.IsInfinity(rate))
            {
                throw new ArgumentOutOfRangeException(nameof(rate), rate, "A conversion rate must be positive and finite.");
            }

            return new Money(Amount * rate, to);
        }

        public static Money operator +(Money a, Money b) => new Money(a.Amount + b.Amount, Same(a, b));

        public static Money operator -(Money a, Money b) => new Money(a.Amount - b.Amount, Same(a, b));

        public static Money operator -(Money a) => new Money(-a.Amount, a.Currency);

        public static Money operator *(Money a, double factor) => new Money(a.Amount * factor, a.Currency);

        public static Money operator *(double factor, Money a) => a * factor;

        public static Money operator *(Money a, Fraction f) => new Money(a.Amount * f.Value, a.Currency);

        public static Money operator /(Money a, double divisor) => new Money(a.Amount / divisor, a.Currency);

        /// <summary>The ratio of two amounts of one currency.</summary>
        public static double operator /(Money a, Money b)
        {
            Same(a, b);
            return a.Amount / b.Amount;
        }

        public static bool operator <(Money a, Money b) => a.CompareTo(b) < 0;

        public static bool operator >(Money a, Money b) => a.CompareTo(b) > 0;

        public static bool operator <=(Money a, Money b) => a.CompareTo(b) <= 0;

        public static bool operator >=(Money a, Money b) => a.CompareTo(b) >= 0;

        public static bool operator ==(Money a, Money b) => a.Equals(b);

        public static bool operator !=(Money a, Money b) => !a.Equals(b);

        public static Money Min(Money a, Money b) => a <= b ? a : b;

        public static Money Max(Money a, Money b) => a >= b ? a : b;

        public int CompareTo(Money other)
        {
            Same(this, other);
            return Amount.CompareTo(other.Amount);
        }

        public bool Equals(Money other) => Amount.Equals(other.Amount) && string.Equals(Currency, other.Currency, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is Money other && Equals(other);

        public override int GetHashCode() => HashCode.Combine(Amount, Currency);

        public override string ToString() => Amount.ToString("0.00", CultureInfo.InvariantCulture) + " " + Currency;

        private static string Same(Money a, Money b)
        {
            if (!string.Equals(a.Currency, b.Currency, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Cannot mix {a.Currency} and {b.Currency}; convert first.");
            }

            return a.Currency;
        }
    }
}
