using System;

namespace PerpGuard.Headless.Simulation
{
    /// <summary>A symbol registered with the broker: its spec plus the latest quote.</summary>
    public sealed class SimSymbol
    {
        internal double PrevBid;
        internal double PrevAsk;
        internal bool HasBarEnvelope;
        internal SimBarEnvelope Envelope;
        internal FundingSchedule? Funding;
        internal long NextRolloverTicks;
        internal TimeZoneInfo? RolloverZone;

        internal SimSymbol(SimSymbolSpec spec, int index)
        {
            Spec = spec;
            Index = index;
            Bid = double.NaN;
            Ask = double.NaN;
            PrevBid = double.NaN;
            PrevAsk = double.NaN;
            Grid = new SimPriceGrid(spec.TickSize, spec.Digits);
        }

        /// <summary>The price grid (TickSize, Digits) fixed when the symbol was registered.</summary>
        public SimPriceGrid Grid { get; }

        public SimSymbolSpec Spec { get; }
        public string Name => Spec.Name;
        /// <summary>Position in <see cref="SimulatedBroker.Symbols"/>.</summary>
        public int Index { get; }
        public double Bid { get; internal set; }
        public double Ask { get; internal set; }
        public double Spread => Ask - Bid;
        public bool HasQuote => !double.IsNaN(Bid);
        public DateTime LastQuoteTimeUtc => new DateTime(LastQuoteTicks, DateTimeKind.Utc);
        internal long LastQuoteTicks;
        /// <summary>Free slot for the host's adapter (e.g. its cAlgo Symbol wrapper).</summary>
        public object? HostTag { get; set; }

        /// <summary>
        /// Rounds a volume to the step and caps it at the maximum. Never raises it to the minimum:
        /// a result below VolumeInUnitsMin (even 0) is left for the caller to refuse — an order with
        /// it gets BadVolume — so a risk-sized volume is never silently enlarged.
        /// </summary>
        public double NormalizeVolumeInUnits(double volume, SimRounding rounding)
        {
            double step = Spec.VolumeInUnitsStep;
            double steps = volume / step;
            double n;
            // A tiny tolerance so that 0.3/0.1 = 2.9999999999999996 still counts as 3 steps.
            switch (rounding)
            {
                case SimRounding.Down: n = Math.Floor(steps + 1e-9); break;
                case SimRounding.Up: n = Math.Ceiling(steps - 1e-9); break;
                default: n = Math.Round(steps, MidpointRounding.AwayFromZero); break;
            }

            double v = n * step;
            if (v > Spec.VolumeInUnitsMax) v = Math.Floor(Spec.VolumeInUnitsMax / step + 1e-9) * step;
            return Math.Round(v, 10);
        }

        /// <summary>The nearest price on the symbol's grid (SL/TP levels, targets, fills).</summary>
        internal double RoundPrice(double price) => Grid.Snap(price);
    }

    /// <summary>Mirrors cAlgo RoundingMode.</summary>
    public enum SimRounding
    {
        ToNearest = 0,
        Down = 1,
        Up = 2,
    }
}
