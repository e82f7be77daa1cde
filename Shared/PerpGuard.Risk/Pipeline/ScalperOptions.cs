namespace PerpGuard.Risk.Pipeline
{
    /// <summary>Everything RiskManagedScalper is configured with; validated all at once.</summary>
    public sealed class ScalperOptions
    {
        /// <summary>Period of the fast EMA the price pulls back to.</summary>
        public int FastEmaPeriod { get; set; } = 9;

        /// <summary>Period of the slow EMA that sets the trend.</summary>
        public int TrendEmaPeriod { get; set; } = 50;

        public RiskOptions Risk { get; set; } = new RiskOptions();

        public StopOptions Stops { get; set; } = new StopOptions();

        public DailyLimitOptions Daily { get; set; } = new DailyLimitOptions();

        public FilterOptions Filters { get; set; } = new FilterOptions();

        public JournalOptions Journal { get; set; } = new JournalOptions();

        /// <summary>Failed order/modify attempts are retried at most this many times.</summary>
        public int MaxRetries { get; set; } = 2;

        /// <summary>
        /// Seconds of server time without new entries after a market order whose outcome is unknown, unless its fill
        /// appears sooner (<see cref="OrderOutcomeWait"/>).
        /// </summary>
        public int LateFillWaitSeconds { get; set; } = OrderOutcomeWait.DefaultSeconds;

        public OptionsValidation Validate()
        {
            var v = new OptionsValidation();
            v.Range(FastEmaPeriod, 2, 500, "Fast EMA period");
            v.Range(TrendEmaPeriod, 3, 1000, "Trend EMA period");
            v.Require(FastEmaPeriod < TrendEmaPeriod, "Fast EMA period must be shorter than Trend EMA period");
            v.Range(MaxRetries, 0, 5, "Max retries");
            v.Range(LateFillWaitSeconds, OrderOutcomeWait.MinSeconds, OrderOutcomeWait.MaxSeconds, "Late fill wait (s)");
            BotOptionsValidator.Validate(Risk, v);
            BotOptionsValidator.Validate(Stops, v);
            BotOptionsValidator.Validate(Daily, v);
            BotOptionsValidator.Validate(Filters, v);
            BotOptionsValidator.Validate(Journal, v);
            return v;
        }
    }

    /// <summary>What the guardian does with a position above the leverage or risk cap.</summary>
    public enum OversizeAction
    {
        /// <summary>Close the part above the cap (volume floored to the step); close all if the rest is below the minimum.</summary>
        Reduce = 0,

        Close = 1,

        /// <summary>Only journal and print a warning.</summary>
        WarnOnly = 2,
    }

    /// <summary>Everything TradeGuardian is configured with; validated all at once.</summary>
    public sealed class GuardianOptions
    {
        public RiskOptions Risk { get; set; } = new RiskOptions();

        public StopOptions Stops { get; set; } = new StopOptions();

        public DailyLimitOptions Daily { get; set; } = new DailyLimitOptions();

        public JournalOptions Journal { get; set; } = new JournalOptions();

        /// <summary>A position whose stop puts more than this % of equity at risk is oversize (0 = no risk cap).</summary>
        public double MaxRiskPercentPerPosition { get; set; } = BotDefaults.HardRiskPercent;

        public OversizeAction OversizeAction { get; set; } = OversizeAction.Reduce;

        /// <summary>
        /// Hysteresis of the oversize cut: a position (or the account) is cut only once it is ABOVE a cap (leverage or
        /// risk), but then down to this percentage of that cap, so the ordinary drift of a position held near the cap
        /// (a small loss shrinking equity) does not trigger another cut — and another deal with its commission and
        /// spread — minutes later. 100 = cut to the cap itself (the old behaviour).
        /// </summary>
        public double CutToPercentOfCap { get; set; } = DefaultCutToPercentOfCap;

        /// <summary>Default of <see cref="CutToPercentOfCap"/>, chosen by measurement (docs/robots.md, TradeGuardian).</summary>
        public const double DefaultCutToPercentOfCap = 90;

        /// <summary>Lowest <see cref="CutToPercentOfCap"/>: a band wider than half the cap would throw away more than it saves.</summary>
        public const double MinCutToPercentOfCap = 50;

        /// <summary>The cut's target as a fraction of the cap (0.9 for 90 %).</summary>
        public double CutToFraction => CutToPercentOfCap / 100.0;

        /// <summary>On a daily-limit breach, close everything open (otherwise only new positions are closed).</summary>
        public bool FlattenOnBreach { get; set; } = true;

        public bool ShowPanel { get; set; } = true;

        public int MaxRetries { get; set; } = 2;

        public OptionsValidation Validate()
        {
            var v = new OptionsValidation();
            v.Range(MaxRiskPercentPerPosition, 0, 100, "Max risk per position % (0 = off)");
            v.Require(System.Enum.IsDefined(typeof(OversizeAction), OversizeAction), "Oversize action is unknown");
            v.Range(CutToPercentOfCap, MinCutToPercentOfCap, 100, "Cut to (% of cap)");
            v.Range(MaxRetries, 0, 5, "Max retries");
            BotOptionsValidator.Validate(Risk, v);
            BotOptionsValidator.Validate(Stops, v, plansEntries: false);
            BotOptionsValidator.Validate(Daily, v);
            BotOptionsValidator.Validate(Journal, v);
            return v;
        }
    }
}
