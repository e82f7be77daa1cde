using System;
using System.Globalization;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Rules;
using PerpGuard.Risk.Sizing;

namespace PerpGuard.Risk.Pipeline
{
    /// <summary>
    /// The planner's answer for one entry: either refused with a stable reason code, or accepted
    /// with a volume (units, already floored to the step), stop and target prices, their distances
    /// in pips, and the money lost if the stop is hit. A value type whose refusal text is built only
    /// when <see cref="Message"/> is read: a bot refuses thousands of signals a month and journals few.
    /// </summary>
    public readonly struct EntryDecision
    {
        private readonly string? _message;
        private readonly RiskDecision _gate;
        private readonly SizingRefusalFacts _sizing;
        private readonly string? _reason;
        private readonly string? _boundBy;

        private EntryDecision(bool accepted, string reason, string? message, RiskDecision gate, in SizingRefusalFacts sizing,
            TradeSide side, double volume, double entry, double stop, double target, double stopPips, double targetPips, double plannedRisk, double leverage, string boundBy)
        {
            Accepted = accepted;
            _reason = reason;
            _message = message;
            _gate = gate;
            _sizing = sizing;
            Side = side;
            Volume = volume;
            EntryPrice = entry;
            StopPrice = stop;
            TargetPrice = target;
            StopPips = stopPips;
            TargetPips = targetPips;
            PlannedRisk = plannedRisk;
            Leverage = leverage;
            _boundBy = boundBy;
        }

        public bool Accepted { get; }

        /// <summary>Stable reason code of a refusal; empty when accepted.</summary>
        public string Reason => _reason ?? string.Empty;

        /// <summary>The trader-facing explanation of a refusal (built when read); empty when accepted.</summary>
        public string Message
        {
            get
            {
                if (_message is not null)
                {
                    return _message;
                }

                if (_sizing.Refusal != SizingRefusal.None)
                {
                    return _sizing.Message;
                }

                return _gate.IsDenied ? _gate.Message : string.Empty;
            }
        }

        /// <summary>True when <see cref="Message"/> would be the refusing rule's text, built from its numbers.</summary>
        internal bool TryGetDeferredGate(out RiskDecision gate)
        {
            gate = _gate;
            return _message is null && _sizing.Refusal == SizingRefusal.None && _gate.IsDenied;
        }

        /// <summary>True when <see cref="Message"/> would be the sizing library's text, built from its numbers.</summary>
        internal bool TryGetDeferredSizing(out SizingRefusalFacts sizing)
        {
            sizing = _sizing;
            return _message is null && _sizing.Refusal != SizingRefusal.None;
        }

        /// <summary>The sizing library's numbers when it refused (what the day leaves, the minimum's risk, …); default otherwise.</summary>
        public SizingRefusalFacts Sizing => _sizing;

        /// <summary>The rule's answer when a rule refused (verdict, code, measured value and limit); default otherwise.</summary>
        public RiskDecision Gate => _gate;

        public TradeSide Side { get; }

        public double Volume { get; }

        /// <summary>The price the plan assumed (ask for a long, bid for a short).</summary>
        public double EntryPrice { get; }

        public double StopPrice { get; }

        public double TargetPrice { get; }

        public double StopPips { get; }

        public double TargetPips { get; }

        /// <summary>Money lost, fees and slippage allowance included, if the stop fills at its price.</summary>
        public double PlannedRisk { get; }

        public double Leverage { get; }

        /// <summary>Names of the caps that made the size smaller than the risk budget allowed.</summary>
        public string BoundBy => _boundBy ?? string.Empty;

        public static EntryDecision Refuse(string reason, string message) =>
            new EntryDecision(false, reason ?? string.Empty, message ?? string.Empty, default, default, default, 0, 0, 0, 0, 0, 0, 0, 0, string.Empty);

        /// <summary>Refused by a rule: the reason is the rule's code, the message is built from its numbers when read.</summary>
        public static EntryDecision Refuse(in RiskDecision gate) =>
            new EntryDecision(false, ReasonNames.Of(gate.Reason), null, gate, default, default, 0, 0, 0, 0, 0, 0, 0, 0, string.Empty);

        /// <summary>Refused by the sizing library without numbers: the reason's fixed sentence.</summary>
        public static EntryDecision Refuse(SizingRefusal refusal) => Refuse(SizingRefusalFacts.Of(refusal));

        /// <summary>Refused by the sizing library (below the broker minimum, no risk money left, target out of reach, ...): the message is built from its numbers when read.</summary>
        public static EntryDecision Refuse(in SizingRefusalFacts sizing) =>
            new EntryDecision(false, ReasonCodes.Code(sizing.Refusal), null, default, sizing, default, 0, 0, 0, 0, 0, 0, 0, 0, string.Empty);

        public static EntryDecision Accept(TradeSide side, double volume, double entry, double stop, double target, double pipSize, double plannedRisk, double leverage, string boundBy)
        {
            if (!(pipSize > 0))
            {
                throw new ArgumentOutOfRangeException(nameof(pipSize), pipSize, "Pip size must be positive.");
            }

            return new EntryDecision(true, string.Empty, string.Empty, default, default, side, volume, entry, stop, target,
                Math.Abs(entry - stop) / pipSize, Math.Abs(target - entry) / pipSize, plannedRisk, leverage, boundBy ?? string.Empty);
        }

        public override string ToString() => Accepted
            ? string.Format(CultureInfo.InvariantCulture, "{0} {1} @ {2} stop {3} target {4} risk {5:0.00} lev {6:0.00}x{7}",
                Side, Volume, EntryPrice, StopPrice, TargetPrice, PlannedRisk, Leverage, BoundBy.Length > 0 ? " (capped by " + BoundBy + ")" : string.Empty)
            : "refused " + Reason + ": " + Message;
    }
}
