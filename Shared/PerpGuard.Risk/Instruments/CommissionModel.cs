using System;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Risk.Instruments
{
    /// <summary>How a fee is charged. The first four are cTrader's <c>SymbolCommissionType</c>.</summary>
    public enum CommissionKind
    {
        None = 0,

        /// <summary>cTrader: USD per 1,000,000 USD of traded volume, per side.</summary>
        UsdPerMillionUsdVolume = 1,

        /// <summary>cTrader: USD per lot, per side.</summary>
        UsdPerOneLot = 2,

        /// <summary>cTrader: quote currency per lot, per side.</summary>
        QuoteCurrencyPerOneLot = 3,

        /// <summary>cTrader: percentage of the traded notional, per side.</summary>
        PercentageOfTradingVolume = 4,

        /// <summary>Exchange style: maker or taker percentage of notional, per side.</summary>
        ExchangeMakerTaker = 5,
    }

    /// <summary>
    /// A per-side commission. The rate part of every kind is affine in the fill price: fee per unit =
    /// <c>fixed + proportional × price</c> in account currency (see <see cref="Coefficients"/>). On top
    /// of it the broker may charge a minimum per side (cTrader's <c>Symbol.MinCommission</c>): one side
    /// of a deal of <c>u</c> units costs <c>max(u × (fixed + proportional × price), minimum)</c>.
    /// </summary>
    public readonly struct CommissionModel : IEquatable<CommissionModel>
    {
        private CommissionModel(CommissionKind kind, double rate, double makerRate)
            : this(kind, rate, makerRate, MinimumCommission.None)
        {
        }

        private CommissionModel(CommissionKind kind, double rate, double makerRate, MinimumCommission minimum)
        {
            if (double.IsNaN(rate) || double.IsInfinity(rate) || rate < 0 || double.IsNaN(makerRate) || double.IsInfinity(makerRate) || makerRate < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(rate), rate, "A commission rate must be finite and not negative.");
            }

            Kind = kind;
            Rate = rate;
            MakerRate = makerRate;
            Minimum = minimum;
        }

        public CommissionKind Kind { get; }

        /// <summary>
        /// The rate as the broker quotes it: USD per million, USD or quote per lot, or — for the two
        /// percentage kinds — a fraction (0.0005 for 0.05 %; the taker rate for exchanges).
        /// </summary>
        public double Rate { get; }

        /// <summary>Maker fraction, exchanges only (may be 0 or a rebate-free 0.0002 …).</summary>
        public double MakerRate { get; }

        /// <summary>The broker's minimum per side (zero when none). Charged even when <see cref="Kind"/> is None.</summary>
        public MinimumCommission Minimum { get; }

        public static CommissionModel None => default;

        /// <summary>This model with a minimum charge per side (replaces any earlier minimum).</summary>
        public CommissionModel WithMinimum(MinimumCommission minimum) => new CommissionModel(Kind, Rate, MakerRate, minimum);

        public static CommissionModel UsdPerMillion(double usdPerMillion) => new CommissionModel(CommissionKind.UsdPerMillionUsdVolume, usdPerMillion, 0);

        public static CommissionModel UsdPerLot(double usdPerLot) => new CommissionModel(CommissionKind.UsdPerOneLot, usdPerLot, 0);

        public static CommissionModel QuotePerLot(double quotePerLot) => new CommissionModel(CommissionKind.QuoteCurrencyPerOneLot, quotePerLot, 0);

        public static CommissionModel PercentOfVolume(Fraction perSide) => new CommissionModel(CommissionKind.PercentageOfTradingVolume, perSide.Value, 0);

        public static CommissionModel Exchange(Fraction maker, Fraction taker) => new CommissionModel(CommissionKind.ExchangeMakerTaker, taker.Value, maker.Value);

        /// <summary>
        /// Fee per unit of base asset for one side, in account currency: <c>fixedPerUnit + proportional × price</c>.
        /// Exchanges use the taker rate unless <paramref name="maker"/> (a resting limit order).
        /// </summary>
        public void Coefficients(in ConversionRates rates, double lotSize, bool maker, out double fixedPerUnit, out double proportional)
        {
            fixedPerUnit = 0;
            proportional = 0;
            switch (Kind)
            {
                case CommissionKind.UsdPerMillionUsdVolume:
                    proportional = Rate / 1_000_000.0 * rates.QuoteToUsd * rates.UsdToAccount;
                    break;
                case CommissionKind.UsdPerOneLot:
                    fixedPerUnit = lotSize > 0 ? Rate / lotSize * rates.UsdToAccount : 0;
                    break;
                case CommissionKind.QuoteCurrencyPerOneLot:
                    fixedPerUnit = lotSize > 0 ? Rate / lotSize * rates.QuoteToAccount : 0;
                    break;
                case CommissionKind.PercentageOfTradingVolume:
                    proportional = Rate * rates.QuoteToAccount;
                    break;
                case CommissionKind.ExchangeMakerTaker:
                    proportional = (maker ? MakerRate : Rate) * rates.QuoteToAccount;
                    break;
            }
        }

        /// <summary>Fee per unit for one side at <paramref name="price"/>, account currency (taker).</summary>
        public double PerUnit(double price, in ConversionRates rates, double lotSize)
        {
            Coefficients(rates, lotSize, false, out var f0, out var f1);
            return f0 + f1 * price;
        }

        /// <summary>
        /// Fee for one side of a fill of <paramref name="volume"/> at <paramref name="price"/>, the minimum
        /// included: <c>max(units × per-unit rate fee, minimum)</c> — what the broker charges.
        /// </summary>
        public Money ForFill(Volume volume, Price price, in ConversionRates rates, double lotSize, string accountCurrency)
        {
            var fee = volume.Units * PerUnit(price.Value, rates, lotSize);
            var minimum = volume.Units > 0 ? Minimum.InAccount(rates) : 0;
            return new Money(fee < minimum ? minimum : fee, accountCurrency);
        }

        public bool Equals(CommissionModel other) => Kind == other.Kind && Rate.Equals(other.Rate) && MakerRate.Equals(other.MakerRate) && Minimum.Equals(other.Minimum);

        public override bool Equals(object? obj) => obj is CommissionModel other && Equals(other);

        public override int GetHashCode() => HashCode.Combine(Kind, Rate, MakerRate, Minimum);
    }
}
