using System.Globalization;
using System.Text;

namespace PerpGuard.Risk.Sizing
{
    /// <summary>
    /// The sentence for a sizing refusal, built from the numbers that decided it (invariant culture): money to
    /// the cent as the rest of the journal (ReasonText), volumes and prices to 8 decimals, ATR and leverage
    /// multiples to 2. A refusal without numbers (invalid input, or numbers not known) keeps its fixed sentence
    /// (<see cref="ReasonCodes.Describe(SizingRefusal)"/>).
    /// </summary>
    public static class SizingRefusalText
    {
        private const string Money = "0.00";
        private const string Fine = "0.########";
        private const string NotRoundedUp = "; the trade is refused, not rounded up.";

        public static string Describe(in SizingRefusalFacts f)
        {
            switch (f.Refusal)
            {
                case SizingRefusal.NoRiskBudget:
                    return NoRiskBudget(f);
                case SizingRefusal.BelowMinimumVolume:
                    return BelowMinimum(f);
                case SizingRefusal.FeesAboveRisk when Known(f.Measured, f.Limit):
                    // When the day's remaining budget set the risk money, say so: the fees are then not the whole story.
                    return F("The broker's minimum commission on entry and exit, plus any reserve for its rounding to cents, comes to {0:0.00}: "
                        + ((f.BindingCaps & SizingCaps.DailyAllowance) != 0
                            ? "at least the risk money {1:0.00} (capped by what the daily loss limit leaves), so no size fits."
                            : "at least the risk money {1:0.00}, so no size fits."), f.Measured, f.Limit);
                case SizingRefusal.TargetBeyondAtrLimit when Known(f.Measured, f.Limit):
                    return F("The take-profit needed for the minimum reward:risk after fees is {0:0.00} ATR from the entry, "
                        + "further than the allowed {1:0.##} ATR.", f.Measured, f.Limit);
                case SizingRefusal.StopBeyondLiquidation when Known(f.Measured, f.Limit):
                    return F("The stop {0:0.########} is beyond the liquidation price with its safety buffer, {1:0.########}; "
                        + "reduce leverage or tighten the stop.", f.Measured, f.Limit);
                case SizingRefusal.StopBeyondLiquidation when Known(f.Measured):
                    return F("The stop {0:0.########} cannot sit inside the liquidation price: at this leverage the position would be "
                        + "liquidated at once; reduce leverage.", f.Measured, f.Limit);
                case SizingRefusal.StopOnWrongSide when Known(f.Measured, f.Limit) && !(f.Measured > 0):
                    // A long's ATR stop further below the entry than the price itself: on the losing side, but no price.
                    return F("The stop {0:0.########} is no price (at or below zero): the stop distance {1:0.########} is at least the entry {2:0.########}.",
                        f.Measured, f.Limit - f.Measured, f.Limit);
                case SizingRefusal.StopOnWrongSide when Known(f.Measured, f.Limit):
                    return F("The stop {0:0.########} is not on the losing side of the entry {1:0.########} (after rounding to the tick).", f.Measured, f.Limit);
                case SizingRefusal.RiskAboveLimitWithoutOverride when Known(f.Measured, f.Limit):
                    return F("Risk per trade {0:0.00} is above 2 % of the base ({1:0.00}); an explicit override is required.", f.Measured, f.Limit);
                case SizingRefusal.LeverageAboveHardMax when Known(f.Measured, f.Limit):
                    return F("The leverage cap {0:0.##}x is above the {1:0.##}x hard maximum; an explicit override is required.", f.Measured, f.Limit);
                default:
                    return ReasonCodes.Describe(f.Refusal);
            }
        }

        /// <summary>
        /// "the daily loss limit leaves X[, of which this trade may risk R], less than the M the broker's minimum
        /// volume V would risk at this stop": the day's money against the smallest trade the broker takes.
        /// </summary>
        private static string NoRiskBudget(in SizingRefusalFacts f)
        {
            var left = f.DailyLossLeft;
            var risk = f.RiskMoney;
            if (!Known(left) && !Known(risk))
            {
                return ReasonCodes.Describe(SizingRefusal.NoRiskBudget);
            }

            var b = new StringBuilder(256).Append("No risk money is left for a trade today: ");
            double compared;
            if (Known(left))
            {
                b.Append("the daily loss limit leaves ").Append(Text(left, Money));
                if (Known(risk) && !string.Equals(Text(risk, Money), Text(left, Money), System.StringComparison.Ordinal))
                {
                    b.Append(", of which this trade may risk ").Append(Text(risk, Money));
                }

                compared = Known(risk) ? risk : left;
            }
            else
            {
                b.Append("this trade may risk ").Append(Text(risk, Money));
                compared = risk;
            }

            if (Known(f.MinimumVolumeRisk, f.MinimumVolume))
            {
                b.Append(compared < f.MinimumVolumeRisk ? ", less than the " : "; the ")
                    .Append(Text(f.MinimumVolumeRisk, Money))
                    .Append(compared < f.MinimumVolumeRisk ? " the broker's minimum volume " : " is what the broker's minimum volume ")
                    .Append(Text(f.MinimumVolume, Fine))
                    .Append(" would risk at this stop (fees included)");
            }

            return b.Append(NotRoundedUp).ToString();
        }

        /// <summary>"The risk money R buys U units[, cut to A by the leverage cap], below the broker's minimum volume V (which would risk M …)".</summary>
        private static string BelowMinimum(in SizingRefusalFacts f)
        {
            if (!Known(f.RiskMoney, f.RawUnits, f.MinimumVolume))
            {
                return ReasonCodes.Describe(SizingRefusal.BelowMinimumVolume);
            }

            var b = new StringBuilder(256).Append("The risk money ").Append(Text(f.RiskMoney, Money));
            if ((f.BindingCaps & SizingCaps.DailyAllowance) != 0)
            {
                b.Append(" (capped by what the daily loss limit leaves)");
            }

            b.Append(" buys ").Append(Text(f.RawUnits, Fine)).Append(" units");
            var allowed = Known(f.Measured) ? f.Measured : f.RawUnits;
            var volumeCaps = f.BindingCaps & (SizingCaps.Leverage | SizingCaps.MarginUtilisation | SizingCaps.VolumeMax | SizingCaps.Liquidation);
            if (allowed < f.RawUnits && volumeCaps != SizingCaps.None)
            {
                b.Append(", cut to ").Append(Text(allowed, Fine)).Append(" by the ");
                AppendCaps(b, volumeCaps);
            }

            // A minimum off the step's grid can be above a floored size that was not: say which.
            b.Append(allowed < f.MinimumVolume ? ", below the broker's minimum volume " : ", which the volume step floors below the broker's minimum volume ")
                .Append(Text(f.MinimumVolume, Fine));
            if (Known(f.MinimumVolumeRisk))
            {
                b.Append(" (which would risk ").Append(Text(f.MinimumVolumeRisk, Money)).Append(" at this stop, fees included)");
            }

            return b.Append(NotRoundedUp).ToString();
        }

        private static void AppendCaps(StringBuilder b, SizingCaps caps)
        {
            var first = true;
            Cap(b, caps, SizingCaps.Leverage, "leverage cap", ref first);
            Cap(b, caps, SizingCaps.MarginUtilisation, "margin-use cap", ref first);
            Cap(b, caps, SizingCaps.VolumeMax, "broker's maximum volume", ref first);
            Cap(b, caps, SizingCaps.Liquidation, "stop-out guard (stop inside the buffered stop-out price)", ref first);
        }

        private static void Cap(StringBuilder b, SizingCaps caps, SizingCaps flag, string name, ref bool first)
        {
            if ((caps & flag) == 0)
            {
                return;
            }

            b.Append(first ? string.Empty : " and ").Append(name);
            first = false;
        }

        private static bool Known(double a) => !double.IsNaN(a) && !double.IsInfinity(a);

        private static bool Known(double a, double b) => Known(a) && Known(b);

        private static bool Known(double a, double b, double c) => Known(a) && Known(b) && Known(c);

        private static string Text(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

        private static string F(string format, double a, double b) => string.Format(CultureInfo.InvariantCulture, format, a, b);

        private static string F(string format, double a, double b, double c) => string.Format(CultureInfo.InvariantCulture, format, a, b, c);
    }
}
