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

        /// <summary>Ask − bid when the position opened (NaN when the robot did not see its entry, e.g. adopted after a restart).</summary>
        public double SpreadAtEntry { get; set; } = double.NaN;

        /// <summary>Largest move against the position seen so far, in price from the entry (≥ 0).</summary>
        public double MaxAdverseExcursion { get; private set; }

        /// <summary>Largest move in favour seen so far, in price from the entry (≥ 0).</summary>
        public double MaxFavourableExcursion { get; private set; }

        /// <summary>
        /// Folds the current quote into the excursions, measured at the price the position would close
        /// at (bid for longs, ask for shorts). Called on every tick: two compares, no allocation.
        /// </summary>
        public void TrackExcursion(double bid, double ask) => TrackPrice(Side == TradeSide.Long ? bid : ask);

        /// <summary>Folds one closing-side price (e.g. the exit fill, which a tick may not have shown) into the excursions.</summary>
        public void TrackPrice(double closePrice)
        {
            if (!(closePrice > 0))
            {
                return;
            }

            var gain = Side == TradeSide.Long ? closePrice - EntryPrice : EntryPrice - closePrice;
            if (gain > MaxFavourableExcursion)
            {
                MaxFavourableExcursion = gain;
            }
            else if (-gain > MaxAdverseExcursion)
            {
                MaxAdverseExcursion = -gain;
            }
        }

        /// <summary>Records the first stop a position got (manual positions start without one).</summary>
        public void SetInitialStop(double stop)
        {
            InitialStop = stop;
            Trail = TrailingStopState.Start(Side, EntryPrice, stop);
        }
    }
}
