using System;

namespace PerpGuard.Headless.Runtime
{
    /// <summary>
    /// UTC → algo time zone, with the offset cached per 15-minute slot (every real zone transition falls on a
    /// quarter hour), so converting per tick costs a division and a compare.
    /// </summary>
    public sealed class ZoneClock
    {
        private const long SlotTicks = TimeSpan.TicksPerMinute * 15;
        private readonly bool _isUtc;
        private long _cachedSlot = long.MinValue;
        private long _cachedOffsetTicks;

        public ZoneClock(TimeZoneInfo zone)
        {
            Zone = zone;
            _isUtc = zone.Id == TimeZoneInfo.Utc.Id || (zone.BaseUtcOffset == TimeSpan.Zero && !zone.SupportsDaylightSavingTime);
        }

        public TimeZoneInfo Zone { get; }

        public DateTime ToZone(long utcTicks)
        {
            if (_isUtc)
            {
                return new DateTime(utcTicks, DateTimeKind.Utc);
            }

            var slot = utcTicks / SlotTicks;
            if (slot != _cachedSlot)
            {
                _cachedOffsetTicks = Zone.GetUtcOffset(new DateTime(slot * SlotTicks, DateTimeKind.Utc)).Ticks;
                _cachedSlot = slot;
            }

            return new DateTime(utcTicks + _cachedOffsetTicks, DateTimeKind.Unspecified);
        }

        /// <summary>Algo-zone time → UTC ticks (for GetIndexByTime and friends).</summary>
        public long ToUtcTicks(DateTime zoneTime)
        {
            if (_isUtc || zoneTime.Kind == DateTimeKind.Utc)
            {
                return zoneTime.Ticks;
            }

            return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(zoneTime, DateTimeKind.Unspecified), Zone).Ticks;
        }

        /// <summary>Resolves cTrader's zone ids (Windows names such as "E. Europe Standard Time") and IANA ids.</summary>
        public static TimeZoneInfo Resolve(string? timeZoneId)
        {
            if (string.IsNullOrEmpty(timeZoneId) || timeZoneId == "UTC")
            {
                return TimeZoneInfo.Utc;
            }

            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
            }
            catch (TimeZoneNotFoundException)
            {
                if (TimeZoneInfo.TryConvertWindowsIdToIanaId(timeZoneId, out var iana))
                {
                    return TimeZoneInfo.FindSystemTimeZoneById(iana);
                }

                throw;
            }
        }
    }
}
