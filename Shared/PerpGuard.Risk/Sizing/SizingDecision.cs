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
            SizingWarnings warnings,
            in RefusalNumbers numbers)
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
            Measured = numbers.Measured;
            Limit = numbers.Limit;
            MinimumVolume = numbers.MinimumVolume;
            MinimumVolumeRisk = numbers.MinimumVolumeRisk;
            DailyLossLeft = numbers.DailyLossLeft;
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

        /// <summary>
        /// A refusal's measured number, in its reason's unit (NaN when it has none): risk-above-limit R;
        /// leverage-above-hard-max the cap asked; stop-on-wrong-side the stop; below-minimum-volume the volume after
        /// the caps, before flooring (units); fees-above-risk both sides' minimum commission plus the booking reserve;
        /// target-beyond-atr-limit the needed target's distance from the entry in ATR; stop-beyond-liquidation the stop.
        /// </summary>
        public double Measured { get; }

        /// <summary>
        /// What <see cref="Measured"/> was compared with (NaN when nothing): 2 % of the base; the 10x hard maximum; the
        /// entry; the broker's minimum volume; R; the allowed ATR multiple; the buffered liquidation price (NaN when
        /// the position would be liquidated at once).
        /// </summary>
        public double Limit { get; }

        /// <summary>The broker's minimum volume, units (NaN when the symbol is missing).</summary>
        public double MinimumVolume { get; }

        /// <summary>
        /// Below-minimum-volume and no-risk-budget: what the broker's minimum volume would lose at this stop, account
        /// currency — the move and slippage plus both fees as charged (a minimum commission included) and the booking
        /// reserve, as the sizer counts a trade's risk. NaN otherwise, or when the stop itself is invalid.
        /// </summary>
        public double MinimumVolumeRisk { get; }

        /// <summary>What the daily loss limit leaves today as the request told (never below 0); NaN when not told.</summary>
        public double DailyLossLeft { get; }

        /// <summary>The numbers behind a refusal (a value: nothing is built until its message is read).</summary>
        public SizingRefusalFacts RefusalFacts => new SizingRefusalFacts(Refusal, PlannedRisk.Amount, RawUnits, Measured, Limit, MinimumVolume, MinimumVolumeRisk, DailyLossLeft, BindingCaps);

        /// <summary>The trader-facing explanation of a refusal with its numbers (built on each read); empty when not refused.</summary>
        public string Message => IsRefused ? SizingRefusalText.Describe(RefusalFacts) : string.Empty;
    }

    /// <summary>The extra numbers a decision carries for its refusal text (NaN when none).</summary>
    internal readonly struct RefusalNumbers
    {
        public RefusalNumbers(double measured, double limit, double minimumVolume, double minimumVolumeRisk, double dailyLossLeft)
        {
            Measured = measured;
            Limit = limit;
            MinimumVolume = minimumVolume;
            MinimumVolumeRisk = minimumVolumeRisk;
            DailyLossLeft = dailyLossLeft;
        }

        public static RefusalNumbers None => new RefusalNumbers(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);

        public double Measured { get; }

        public double Limit { get; }

        public double MinimumVolume { get; }

        public double MinimumVolumeRisk { get; }

        public double DailyLossLeft { get; }

        public RefusalNumbers With(double measured, double limit) => new RefusalNumbers(measured, limit, MinimumVolume, MinimumVolumeRisk, DailyLossLeft);

        public RefusalNumbers WithMinimumRisk(double minimumVolumeRisk) => new RefusalNumbers(Measured, Limit, MinimumVolume, minimumVolumeRisk, DailyLossLeft);
    }
}
