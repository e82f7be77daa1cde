using System;
using System.Globalization;

namespace PerpGuard.Risk.Rules
{
    /// <summary>
    /// One rule's answer (or the pipeline's): allow, reduce by a scale, or deny, with a stable
    /// reason code and the measured value against its limit. A value type with no text inside, so
    /// deciding on every tick allocates nothing; <see cref="Message"/> builds the text when asked.
    /// </summary>
    public readonly struct RiskDecision : IEquatable<RiskDecision>
    {
        private RiskDecision(Verdict verdict, ReasonCode reason, string? ruleName, double measured, double limit, double scale)
        {
            Verdict = verdict;
            Reason = reason;
            RuleName = ruleName;
            Measured = measured;
            Limit = limit;
            Scale = scale;
        }

        public Verdict Verdict { get; }

        public ReasonCode Reason { get; }

        /// <summary>The rule that decided (null for a plain allow).</summary>
        public string? RuleName { get; }

        /// <summary>The value the rule measured (loss, spread, trades, …), in the reason's unit.</summary>
        public double Measured { get; }

        /// <summary>The limit it was compared with, in the same unit.</summary>
        public double Limit { get; }

        /// <summary>Size multiplier: 1 for allow, 0 for deny, between for reduce.</summary>
        public double Scale { get; }

        public bool IsAllowed => Verdict != Verdict.Deny;

        public bool IsDenied => Verdict == Verdict.Deny;

        public static RiskDecision Allow() => new RiskDecision(Verdict.Allow, ReasonCode.None, null, double.NaN, double.NaN, 1.0);

        public static RiskDecision Deny(ReasonCode reason, string ruleName, double measured = double.NaN, double limit = double.NaN) =>
            new RiskDecision(Verdict.Deny, reason, ruleName, measured, limit, 0.0);

        /// <summary>Allow at <paramref name="scale"/> of the planned size (0 &lt; scale &lt; 1).</summary>
        public static RiskDecision Reduce(ReasonCode reason, string ruleName, double scale, double measured = double.NaN, double limit = double.NaN)
        {
            if (!(scale > 0))
            {
                return Deny(reason, ruleName, measured, limit);
            }

            return scale >= 1
                ? Allow()
                : new RiskDecision(Verdict.Reduce, reason, ruleName, measured, limit, scale);
        }

        /// <summary>The trader-facing explanation, built only when asked (invariant culture).</summary>
        public string Message => ReasonText.Describe(this);

        public bool Equals(RiskDecision other) =>
            Verdict == other.Verdict && Reason == other.Reason && string.Equals(RuleName, other.RuleName, StringComparison.Ordinal)
            && Measured.Equals(other.Measured) && Limit.Equals(other.Limit) && Scale.Equals(other.Scale);

        public override bool Equals(object? obj) => obj is RiskDecision other && Equals(other);

        public override int GetHashCode() => HashCode.Combine(Verdict, Reason, RuleName, Measured, Limit, Scale);

        public static bool operator ==(RiskDecision a, RiskDecision b) => a.Equals(b);

        public static bool operator !=(RiskDecision a, RiskDecision b) => !a.Equals(b);

        public override string ToString() =>
            Verdict.ToString() + " " + Reason.ToString() + " (" + ((int)Reason).ToString(CultureInfo.InvariantCulture) + "): " + Message;
    }
}
