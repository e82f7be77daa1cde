using System;
using PerpGuard.Risk.Time;

namespace PerpGuard.Risk.Pipeline
{
    /// <summary>
    /// When a scalper closes its positions ahead of the daily swap rollover: within <see cref="Lead"/> before it.
    /// A position still open at the rollover pays a swap its planned risk never counted, and the rollover's wide
    /// spread can take its stop; closing first keeps every loss inside the plan.
    /// </summary>
    public sealed class RolloverExit
    {
        // The rollovers around the last instant asked about: quotes arrive in time order, so the zone
        // arithmetic runs once a day instead of on every tick.
        private DateTime _last = DateTime.MaxValue;
        private DateTime _next = DateTime.MinValue;

        public RolloverExit(TradingDaySchedule rollover, TimeSpan lead)
        {
            if (lead <= TimeSpan.Zero || lead >= TimeSpan.FromHours(12))
            {
                throw new ArgumentOutOfRangeException(nameof(lead), lead, "The lead before the rollover must be above zero and under 12 hours.");
            }

            Rollover = rollover ?? throw new ArgumentNullException(nameof(rollover));
            Lead = lead;
        }

        public TradingDaySchedule Rollover { get; }

        public TimeSpan Lead { get; }

        /// <summary>True inside [rollover − lead, rollover): time to be flat.</summary>
        public bool IsDue(DateTime utc)
        {
            if (!(utc >= _last && utc < _next))
            {
                var day = Rollover.DayOf(utc);
                _last = Rollover.StartUtc(day);
                _next = Rollover.StartUtc(day.Next);
            }

            return _next - utc <= Lead;
        }
    }
}
