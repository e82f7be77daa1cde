using System;
using System.Globalization;

namespace PerpGuard.Risk.Time
{
    /// <summary>
    /// When the trading day resets: a wall-clock time in a time zone (00:00 UTC, broker midnight,
    /// 17:00 America/New_York, …). Daylight-saving changes follow the zone's rules; a reset time that
    /// a spring-forward gap skips happens that many minutes after the gap (02:30 → 03:30).
    /// </summary>
    public sealed class TradingDaySchedule
    {
        public TradingDaySchedule(TimeZoneInfo zone, TimeSpan resetTimeOfDay)
        {
            if (resetTimeOfDay < TimeSpan.Zero || resetTimeOfDay >= TimeSpan.FromDays(1))
            {
                throw new ArgumentOutOfRangeException(nameof(resetTimeOfDay), resetTimeOfDay, "The reset time must be within one day (00:00 to 23:59:59).");
            }

            Zone = zone ?? throw new ArgumentNullException(nameof(zone));
            ResetTimeOfDay = resetTimeOfDay;
        }

        /// <summary>Midnight UTC, the default for crypto perpetuals.</summary>
        public static TradingDaySchedule UtcMidnight { get; } = new TradingDaySchedule(TimeZoneInfo.Utc, TimeSpan.Zero);

        public TimeZoneInfo Zone { get; }

        public TimeSpan ResetTimeOfDay { get; }

        public static TradingDaySchedule Create(string zoneId, TimeSpan resetTimeOfDay) =>
            new TradingDaySchedule(TimeZones.Find(zoneId), resetTimeOfDay);

        /// <summary>The UTC instant at which <paramref name="day"/> starts.</summary>
        public DateTime StartUtc(TradingDay day)
        {
            var local = day.Date.ToDateTime(TimeOnly.MinValue) + ResetTimeOfDay;
            return TimeZones.LocalToUtc(local, Zone);
        }

        /// <summary>The trading day that contains the UTC instant.</summary>
        public TradingDay DayOf(DateTime utc)
        {
            var local = TimeZones.UtcToLocal(utc, Zone);
            var day = new TradingDay(DateOnly.FromDateTime(local));

            // Compare instants, not wall-clock times, so the repeated hour at fall-back cannot
            // move the day backwards.
            var instant = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
            if (instant < StartUtc(day))
            {
                day = day.Previous;
                if (instant < StartUtc(day))
                {
                    day = day.Previous;
                }
            }
            else if (instant >= StartUtc(day.Next))
            {
                day = day.Next;
            }

            return day;
        }

        /// <summary>The next reset strictly after the UTC instant.</summary>
        public DateTime NextResetUtc(DateTime utc) => StartUtc(DayOf(utc).Next);

        public override string ToString() =>
            ResetTimeOfDay.ToString(@"hh\:mm", CultureInfo.InvariantCulture) + " " + Zone.Id;
    }
}
