using System;
using System.Globalization;

namespace PerpGuard.Risk.Filters
{
    /// <summary>Days of the week as flags, so one window can cover Monday–Friday.</summary>
    [Flags]
    public enum WeekDays
    {
        None = 0,
        Sunday = 1,
        Monday = 2,
        Tuesday = 4,
        Wednesday = 8,
        Thursday = 16,
        Friday = 32,
        Saturday = 64,
        Weekdays = Monday | Tuesday | Wednesday | Thursday | Friday,
        Weekend = Saturday | Sunday,
        All = Weekdays | Weekend,
    }

    /// <summary>
    /// A local wall-clock window [start, end). End before start crosses midnight (22:00–02:00);
    /// the days name the day the window opens on. Start equal to end means the whole day.
    /// </summary>
    public readonly struct TradingWindow
    {
        public TradingWindow(TimeSpan start, TimeSpan end, WeekDays days = WeekDays.All)
        {
            if (start < TimeSpan.Zero || start >= TimeSpan.FromDays(1) || end < TimeSpan.Zero || end >= TimeSpan.FromDays(1))
            {
                throw new ArgumentOutOfRangeException(nameof(start), "Window times must be within one day (00:00 to 23:59).");
            }

            Start = start;
            End = end;
            Days = days;
        }

        public TimeSpan Start { get; }

        public TimeSpan End { get; }

        public WeekDays Days { get; }

        public bool Contains(DateTime local)
        {
            var time = local.TimeOfDay;
            if (Start == End)
            {
                return OpensOn(local.DayOfWeek);
            }

            if (Start < End)
            {
                return time >= Start && time < End && OpensOn(local.DayOfWeek);
            }

            // Crosses midnight: the evening part opens today, the early part opened yesterday.
            if (time >= Start)
            {
                return OpensOn(local.DayOfWeek);
            }

            return time < End && OpensOn(local.AddDays(-1).DayOfWeek);
        }

        public override string ToString() =>
            Start.ToString(@"hh\:mm", CultureInfo.InvariantCulture) + "-" + End.ToString(@"hh\:mm", CultureInfo.InvariantCulture) + " " + Days.ToString();

        private bool OpensOn(DayOfWeek day) => (Days & (WeekDays)(1 << (int)day)) != 0;
    }
}
