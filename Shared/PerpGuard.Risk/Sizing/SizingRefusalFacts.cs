namespace PerpGuard.Risk.Sizing
{
    /// <summary>
    /// The numbers behind one sizing refusal, kept as numbers: the sentence (<see cref="Message"/>) is built only
    /// when read, so deciding allocates nothing (a bot refuses thousands of signals a month). Money in account
    /// currency, volumes in units, prices in quote currency; NaN where the refusal has no such number.
    /// What <see cref="Measured"/> and <see cref="Limit"/> mean depends on the reason (docs/risk-sizing.md,
    /// "Refusals and their numbers").
    /// </summary>
    public readonly struct SizingRefusalFacts
    {
        internal SizingRefusalFacts(SizingRefusal refusal, double riskMoney, double rawUnits, double measured, double limit,
            double minimumVolume, double minimumVolumeRisk, double dailyLossLeft, SizingCaps caps)
        {
            Refusal = refusal;
            RiskMoney = riskMoney;
            RawUnits = rawUnits;
            Measured = measured;
            Limit = limit;
            MinimumVolume = minimumVolume;
            MinimumVolumeRisk = minimumVolumeRisk;
            DailyLossLeft = dailyLossLeft;
            BindingCaps = caps;
        }

        public SizingRefusal Refusal { get; }

        /// <summary>R: the risk money the trade was allowed (0 from a decision that refused before reaching it, NaN from <see cref="Of"/>).</summary>
        public double RiskMoney { get; }

        /// <summary>The volume R buys at this stop, fees included, before caps and flooring (0 from a decision that refused before reaching it, NaN from <see cref="Of"/>).</summary>
        public double RawUnits { get; }

        /// <summary>The number the refusal measured, in its unit (see the type's remarks).</summary>
        public double Measured { get; }

        /// <summary>What <see cref="Measured"/> was compared with, in the same unit.</summary>
        public double Limit { get; }

        /// <summary>The broker's minimum volume, units.</summary>
        public double MinimumVolume { get; }

        /// <summary>What the broker's minimum volume would lose at this stop: move, slippage, both fees as charged, booking reserve.</summary>
        public double MinimumVolumeRisk { get; }

        /// <summary>What the daily loss limit leaves today, as the sizer was told (never below 0; NaN when not told).</summary>
        public double DailyLossLeft { get; }

        /// <summary>The caps that bound before the refusal (which ones cut the volume, or the risk money).</summary>
        public SizingCaps BindingCaps { get; }

        /// <summary>The trader-facing sentence with these numbers (invariant culture; built on each read).</summary>
        public string Message => SizingRefusalText.Describe(this);

        /// <summary>A refusal with no numbers: its text is the fixed sentence of <see cref="ReasonCodes.Describe(SizingRefusal)"/>.</summary>
        public static SizingRefusalFacts Of(SizingRefusal refusal) =>
            new SizingRefusalFacts(refusal, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, SizingCaps.None);

        /// <summary>
        /// The same numbers told under another reason: the planner names a refusal below the broker's minimum
        /// <see cref="SizingRefusal.NoRiskBudget"/> when only the day's remaining budget made the size too small.
        /// </summary>
        public SizingRefusalFacts WithRefusal(SizingRefusal refusal) =>
            new SizingRefusalFacts(refusal, RiskMoney, RawUnits, Measured, Limit, MinimumVolume, MinimumVolumeRisk, DailyLossLeft, BindingCaps);

        public override string ToString() => ReasonCodes.Code(Refusal) + ": " + Message;
    }
}
