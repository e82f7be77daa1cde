using System;
using PerpGuard.Risk.Time;

namespace PerpGuard.Risk.Tests.Time
{
    /// <summary>A clock the test moves by hand (NodaTime's FakeClock idea). Always UTC.</summary>
    public sealed class FakeClock : IClock
    {
        private DateTime _now;

        public FakeClock(DateTime utcNow)
        {
            _now = DateTime.SpecifyKind(utcNow, DateTimeKind.Utc);
        }

        public DateTime UtcNow
        {
            get => _now;
            set => _now = DateTime.SpecifyKind(value, DateTimeKind.Utc);
        }

        public static FakeClock At(string isoUtc) => new FakeClock(Utc(isoUtc));

        /// <summary>Parses "2026-03-08T21:00:00Z"-style text as UTC.</summary>
        public static DateTime Utc(string isoUtc) =>
            DateTime.SpecifyKind(
                DateTime.Parse(isoUtc, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal),
                DateTimeKind.Utc);

        public void Advance(TimeSpan by) => _now += by;

        public void Set(string isoUtc) => _now = Utc(isoUtc);
    }
}
