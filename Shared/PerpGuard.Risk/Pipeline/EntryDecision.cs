using System;
using System.Globalization;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Risk.Pipeline
{
    /// <summary>
    /// The planner's answer for one entry: either refused with a stable reason code, or accepted
    /// with a volume (units, already floored to the step), stop and target prices, their distances
    /// in pips, and the money lost if the stop is hit.
    /// </summary>
    public sealed class EntryDecision
    {
        private EntryDecision(bool accepted, string reason, string message)
        {
            Accepted = accepted;
            Reason = reason;
            Message = message;
        }

        public bool Accepted { get; }

        /// <summary>Stable reason code of a refusal; empty when accepted.</summary>
        public string Reason { get; }

        public string Message { get; }

        public TradeSide Side { get; private set; }

        public double Volume { get; private set; }

        /// <summary>The price the plan assumed (ask for a long, bid for a short).</summary>
        public double EntryPrice { get; private set; }

        public double StopPrice { get; private set; }

        public double TargetPrice { get; private set; }

        public double StopPips { get; private set; }

        public double TargetPips { get; private set; }

        /// <summary>Money lost, fees and slippage allowance included, if the stop fills at its price.</summary>
        public double PlannedRisk { get; private set; }

        public double Leverage { get; private set; }

        /// <summary>Names of the caps that made the size smaller than the risk budget allowed.</summary>
        public string BoundBy { get; private set; } = string.Empty;

        public static EntryDecision Refuse(string reason, string message) => new EntryDecision(false, reason, message);

        public static EntryDecision Accept(TradeSide side, double volume, double entry, double stop, double target, double pipSize, double plannedRisk, double leverage, string boundBy)
        {
            if (!(pipSize > 0))
            {
                throw new ArgumentOutOfRangeException(nameof(pipSize), pipSize, "Pip size must be positive.");
            }

            return new EntryDecision(true, string.Empty, string.Empty)
            {
                Side = side,
                Volume = volume,
                EntryPrice = entry,
                StopPrice = stop,
                TargetPrice = target,
                StopPips = Math.Abs(entry - stop) / pipSize,
                TargetPips = Math.Abs(target - entry) / pipSize,
                PlannedRisk = plannedRisk,
                Leverage = leverage,
                BoundBy = boundBy ?? string.Empty,
            };
        }

        public override string ToString() => Accepted
            ? string.Format(CultureInfo.InvariantCulture, "{0} {1} @ {2} stop {3} target {4} risk {5:0.00} lev {6:0.00}x{7}",
                Side, Volume, EntryPrice, StopPrice, TargetPrice, PlannedRisk, Leverage, BoundBy.Length > 0 ? " (capped by " + BoundBy + ")" : string.Empty)
            : "refused " + Reason + ": " + Message;
    }
}
