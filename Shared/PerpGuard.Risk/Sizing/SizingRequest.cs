using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Risk.Sizing
{
    /// <summary>
    /// Everything one sizing decision needs. A value: build it with an object initializer; unset
    /// optional fields keep the defaults from the constructor (<see cref="SizingDefaults"/>).
    /// Money is in the account currency (the currency of <see cref="Equity"/>).
    /// </summary>
    public readonly struct SizingRequest
    {
        public SizingRequest()
        {
            Symbol = null!;
            Side = TradeSide.Long;
            Entry = default;
            Stop = null;
            Mode = SizingMode.FixedFraction;
            Base = RiskBase.Equity;
            Equity = default;
            Balance = null;
            StartOfDayBalance = null;
            RiskFraction = Fraction.FromPercent(1);
            FixedRisk = null;
            RemainingDailyAllowance = null;
            DailyAllowanceShare = Fraction.FromFraction(1);
            AllowRiskAboveTwoPercent = false;
            Atr = 0;
            AverageAtr = 0;
            AtrStopMultiple = SizingDefaults.AtrStopMultiple;
            VolatilityThreshold = SizingDefaults.VolatilityThreshold;
            SlippageAllowance = 0;
            MoneyStep = 0;
            MaxLeverage = SizingDefaults.MaxLeverage;
            AllowLeverageAboveHardMax = false;
            MaxMarginUtilisation = Fraction.FromFraction(SizingDefaults.MaxMarginUtilisation);
            UsedMargin = 0;
            RewardRisk = TargetCaps.DefaultRewardRisk;
            MaxTargetAtrMultiple = 0;
            Rates = ConversionRates.Identity;
            Guard = LiquidationGuard.None;
        }

        public InstrumentSpec Symbol { get; init; }

        public TradeSide Side { get; init; }

        /// <summary>Expected fill price.</summary>
        public Price Entry { get; init; }

        /// <summary>The stop; required for fixed modes, optional in combined mode, ignored in volatility mode.</summary>
        public Price? Stop { get; init; }

        public SizingMode Mode { get; init; }

        public RiskBase Base { get; init; }

        /// <summary>Equity now (also the denominator of effective leverage and margin utilisation).</summary>
        public Money Equity { get; init; }

        public Money? Balance { get; init; }

        public Money? StartOfDayBalance { get; init; }

        /// <summary>r: the fraction of the base risked per trade (default 1 %).</summary>
        public Fraction RiskFraction { get; init; }

        /// <summary>The risk money in <see cref="SizingMode.FixedMoney"/> mode.</summary>
        public Money? FixedRisk { get; init; }

        /// <summary>What is left of today's loss budget (from the daily limits); null = no daily limit.</summary>
        public Money? RemainingDailyAllowance { get; init; }

        /// <summary>λ: the share of the remaining daily allowance one trade may use (default 100 %).</summary>
        public Fraction DailyAllowanceShare { get; init; }

        /// <summary>Explicit override: allows risk above 2 % of the base (warned).</summary>
        public bool AllowRiskAboveTwoPercent { get; init; }

        /// <summary>Current ATR in price units (0 = unknown).</summary>
        public double Atr { get; init; }

        /// <summary>Usual ATR level (e.g. a moving average of ATR) for combined mode.</summary>
        public double AverageAtr { get; init; }

        /// <summary>m in stop = entry ∓ m × ATR (default 2).</summary>
        public double AtrStopMultiple { get; init; }

        /// <summary>Combined mode: ATR / average above this scales the risk down (default 1.5).</summary>
        public double VolatilityThreshold { get; init; }

        /// <summary>Expected adverse slippage on the stop fill, price units per unit (added to c).</summary>
        public double SlippageAllowance { get; init; }

        /// <summary>
        /// The smallest amount the broker books in account currency (0.01 on a USD account: Account.Asset.Digits
        /// = 2); 0 = money is exact. Above 0, sizing, target and risk keep a booking reserve of three units
        /// (see <see cref="Stops.FeeCoefficients.BookingReserve"/>), so the booked loss at the stop stays within the risk.
        /// </summary>
        public double MoneyStep { get; init; }

        /// <summary>Effective-leverage cap, notional / equity (default 5; above 10 needs the override).</summary>
        public double MaxLeverage { get; init; }

        public bool AllowLeverageAboveHardMax { get; init; }

        /// <summary>Most of equity that margin (existing + this trade) may use (default 100 %).</summary>
        public Fraction MaxMarginUtilisation { get; init; }

        /// <summary>Margin already used by open positions, account currency.</summary>
        public double UsedMargin { get; init; }

        /// <summary>ρ: minimum reward:risk net of fees for the take-profit (default 1.5; 0 = no target).</summary>
        public double RewardRisk { get; init; }

        /// <summary>Refuse when the net target is further than this many ATRs from entry (0 = off).</summary>
        public double MaxTargetAtrMultiple { get; init; }

        public ConversionRates Rates { get; init; }

        public LiquidationGuard Guard { get; init; }
    }

    /// <summary>Defaults and hard limits of sizing, in one place.</summary>
    public static class SizingDefaults
    {
        public const double MaxLeverage = 5.0;
        public const double HardMaxLeverage = 10.0;
        public const double MaxRiskFractionWithoutOverride = 0.02;
        public const double AtrStopMultiple = 2.0;
        public const double VolatilityThreshold = 1.5;
        public const double MaxMarginUtilisation = 1.0;
    }

    internal static class TargetCaps
    {
        public const double DefaultRewardRisk = Stops.TargetCalculator.DefaultRewardRisk;
    }
}
