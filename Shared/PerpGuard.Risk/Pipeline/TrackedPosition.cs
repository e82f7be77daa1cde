using System;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Stops;

namespace PerpGuard.Risk.Pipeline
{
    /// <summary>
    /// What the pipeline remembers about one position between ticks: its initial stop (R is measured
    /// from it), the money it planned to risk, and the trailing-stop state. Created once per position,
    /// never per tick.
    /// </summary>
    public sealed class TrackedPosition
    {
        public TrackedPosition(int id, TradeSide side, double entryPrice, double initialStop, double plannedRisk, DateTime openedUtc)
        {
            Id = id;
            Side = side;
            EntryPrice = entryPrice;
            InitialStop = initialStop;
            PlannedRisk = plannedRisk;
            OpenedUtc = openedUtc;
            Trail = TrailingStopState.Start(side, entryPrice, initialStop);
        }

        public int Id { get; }

        public TradeSide Side { get; }

        public double EntryPrice { get; }

        public double InitialStop { get; private set; }

        /// <summary>Money lost at the initial stop, fees included; NaN when unknown (a manual position before protection).</summary>
        public double PlannedRisk { get; set; }

        public DateTime OpenedUtc { get; }

        public TrailingStopState Trail { get; set; }

        /// <summary>An oversize warning was already journaled (warn once per position).</summary>
        public bool Warned { get; set; }

        /// <summary>Actions on this position that failed in a row; used to stop hammering the broker.</summary>
        public int Failures { get; set; }

        public bool HasInitialStop => !double.IsNaN(InitialStop);

        /// <summary>Records the first stop a position got (manual positions start without one).</summary>
        public void SetInitialStop(double stop)
        {
            InitialStop = stop;
            Trail = TrailingStopState.Start(Side, EntryPrice, stop);
        }
    }
}
