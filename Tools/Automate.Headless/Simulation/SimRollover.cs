using System;

namespace PerpGuard.Headless.Simulation
{
    /// <summary>
    /// When a symbol's daily rollover falls: a fixed UTC time of day (cTrader's swapTime), or a local time of day in a
    /// time zone (a broker that follows 17:00 New York through daylight saving). Called once per rollover, never per quote.
    /// </summary>
    public static class SimRollover
    {
        /// <summary>The first rollover strictly after <paramref name="afterUtcTicks"/>, UTC ticks.</summary>
        public static long NextAfter(SimSymbolSpec spec, TimeZoneInfo? zone, long afterUtcTicks)
        {
            if (zone == null)
            {
                long day = (afterUtcTicks - (afterUtcTicks % TimeSpan.TicksPerDay)) + spec.RolloverTimeUtc.Ticks;
                return day > afterUtcTicks ? day : day + TimeSpan.TicksPerDay;
            }

            var localDate = TimeZoneInfo.ConvertTimeFromUtc(new DateTime(afterUtcTicks, DateTimeKind.Utc), zone).Date;
            for (int d = -1; d <= 2; d++)
            {
                var local = DateTime.SpecifyKind(localDate.AddDays(d) + spec.RolloverLocalTime, DateTimeKind.Unspecified);
                if (zone.IsInvalidTime(local)) local = local.AddHours(1); // skipped by a spring-forward: the first valid minute after
                long utc = TimeZoneInfo.ConvertTimeToUtc(local, zone).Ticks;
                if (utc > afterUtcTicks) return utc;
            }

            throw new InvalidOperationException("no rollover within three days");
        }

        /// <summary>The time zone of an IANA or Windows id, or null when it is unknown.</summary>
        public static TimeZoneInfo? FindZone(string id)
        {
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(id);
            }
            catch (TimeZoneNotFoundException)
            {
                return TimeZoneInfo.TryConvertWindowsIdToIanaId(id, out var iana) ? FindZone(iana) : null;
            }
            catch (InvalidTimeZoneException)
            {
                return null;
            }
        }
    }
}
