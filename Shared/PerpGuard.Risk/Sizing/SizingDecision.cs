using PerpGuard.Risk.Primitives;

namespace PerpGuard.Risk.Sizing
{
    /// <summary>
    /// The outcome of one sizing: a volume (zero when refused), the risk it plans and realises, its
    /// leverage and margin, the stop and target, and every cap that bound.
    /// </summary>
    public readonly struct SizingDecision
    {
        internal SizingDecision(
            SizingRefusal refusal,
            Volume volume,
            double rawUnits,
            Money plannedRisk,
            Money realisedRisk,
            double perUnitRisk,
            Price stop,
            Price? takeProfit,
            double leverage,
            Money margin,
            Money notional,
            Price? liquidationPrice,
            SizingCaps caps,
            SizingWarnings warnings)
        {
            Refusal = refusal;
            Volume = volume;
            RawUnits = rawUnits;
            PlannedRisk = plannedRisk;
            RealisedRisk = realisedRisk;
            PerUnitRisk = perUnitRisk;
            Stop = stop;
            TakeProfit = takeProfit;
            Leverage = leverage;
            Margin = margin;
            Notional = notional;
            LiquidationPrice = liquidationPrice;
            BindingCaps = caps;
            Warnings = warnings;
        }

        public SizingRefusal Refusal { get; }

        public bool IsRefused => Refusal != SizingRefusal.None;

        public string ReasonCode => ReasonCodes.Code(Refusal);

        /// <summary>The order size (floored to the step); zero when refused.</summary>
        public Volume Volume { get; }

        /// <summary>R / c before caps and flooring.</summary>
        public double RawUnits { get; }

        /// <summary>R: the risk money the trade was allowed.</summary>
        public Money PlannedRisk { get; }

        /// <summary>Volume × c: what hitting the stop really costs, fees and slippage included.</summary>
        public Money RealisedRisk { get; }

        /// <summary>c: stop distance + slippage + both fees, account currency per unit.</summary>
        public double PerUnitRisk { get; }

        /// <summary>The stop, rounded to the tick toward the market.</summary>
        public Price Stop { get; }

        /// <summary>Minimum net-of-fee target at the requested reward:risk, rounded away from the market.</summary>
        public Price? TakeProfit { get; }

        /// <summary>Effective leverage: notional / equity.</summary>
        public double Leverage { get; }

        /// <summary>Margin from the symbol's own schedule (0 when the symbol has none).</summary>
        public Money Margin { get; }

        public Money Notional { get; }

        /// <summary>Liquidation / stop-out price under the guard with this size (null: none or no guard).</summary>
        public Price? LiquidationPrice { get; }

        public SizingCaps BindingCaps { get; }

        public SizingWarnings Warnings { get; }
    }
}
