using System;

namespace PerpGuard.Risk.Time
{
    /// <summary>Finds a zone by IANA id ("America/New_York") or Windows id ("Eastern Standard Time").</summary>
    public static class TimeZones
    {
        public static bool TryFind(string? id, out TimeZoneInfo zone)
        {
            zone = TimeZoneInfo.Utc;
            if (string.IsNullOrWhiteSpace(id))
            {
                return false;
            }

            if (string.Equals(id, "UTC", StringComparison.OrdinalIgnoreCase) || string.Equals(id, "Etc/UTC", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            try
            {
                zone = TimeZoneInfo.FindSystemTimeZoneById(id);
                return true;
            }
            catch (TimeZoneNotFoundException)
            {
            }
            catch (InvalidTimeZoneException)
            {
            }

            // Windows without ICU: translate the IANA id ourselves and try again.
            if (TimeZoneInfo.TryConvertIanaIdToWindowsId(id, out var windowsId))
            {
                try
                {
                    zone = TimeZoneInfo.FindSystemTimeZoneById(windowsId);
                    return true;
                }
                catch (TimeZoneNotFoundException)
                {
                }
                catch (InvalidTimeZoneException)
                {
                }
            }

            zone = TimeZoneInfo.Utc;
            return false;
        }

        public static TimeZoneInfo Find(string id)
        {
            if (!TryFind(id, out var zone))
            {
                throw new ArgumentException($"Unknown time zone '{id}'. Use an IANA id such as America/New_York or UTC.", nameof(id));
            }

            return zone;
        }

        /// <summary>
        /// The UTC instant at which the local wall-clock time <paramref name="local"/> happens in
        /// <paramref name="zone"/>. Like NodaTime's lenient resolver: a time skipped by a
        /// spring-forward gap is moved forward by the gap's length (02:30 → 03:30), and a time that
        /// happens twice at fall-back resolves to its first occurrence.
        /// </summary>
        public static DateTime LocalToUtc(DateTime local, TimeZoneInfo zone)
        {
            local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
            if (zone.IsAmbiguousTime(local))
            {
                var offsets = zone.GetAmbiguousTimeOffsets(local);
                var max = offsets[0];
                for (var i = 1; i < offsets.Length; i++)
                {
                    if (offsets[i] > max)
                    {
                        max = offsets[i];
                    }
                }

                return DateTime.SpecifyKind(local - max, DateTimeKind.Utc);
            }

            if (zone.IsInvalidTime(local))
            {
                // The offset in force just before the gap: subtracting it lands as far past the
                // gap's end as the requested time was past its start.
                var before = zone.GetUtcOffset(local.AddHours(-3));
                return DateTime.SpecifyKind(local - before, DateTimeKind.Utc);
            }

            return DateTime.SpecifyKind(local - zone.GetUtcOffset(local), DateTimeKind.Utc);
        }

        /// <summary>Local wall-clock time of a UTC instant (the instant's Kind is ignored: it is UTC).</summary>
        public static DateTime UtcToLocal(DateTime utc, TimeZoneInfo zone) =>
            TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
    }
}
