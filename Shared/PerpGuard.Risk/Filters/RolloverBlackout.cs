using System;
using PerpGuard.Risk.Rules;
using PerpGuard.Risk.Time;

namespace PerpGuard.Risk.Filters
{
    /// <summary>
    /// No entry from <see cref="Before"/> ahead of the daily swap rollover until <see cref="After"/>
    /// past it (spreads widen and swaps are charged there). The rollover is a wall-clock time in a
    /// zone, e.g. 17:00 America/New_York, so it follows daylight saving. Measured: minutes to or
    /// from the rollover.
    /// </summary>
    public sealed class RolloverBlackout : IRiskRule
    {
        // The rollovers around the last instant asked about: ticks arrive in time order, so the
        // zone arithmetic runs once a day instead of on every tick.
        private DateTime _cachedLast = DateTime.MaxValue;
        private DateTime _cachedNext = DateTime.MinValue;

        public RolloverBlackout(TradingDaySchedule rollover, TimeSpan before, TimeSpan after)
        {
            if (before < TimeSpan.Zero || after < TimeSpan.Zero || before + after <= TimeSpan.Zero || before + after >= TimeSpan.FromHours(12))
            {
                throw new ArgumentOutOfRangeException(nameof(before), "The blackout needs before/after of zero or more, together above zero and under 12 hours.");
            }

            Rollover = rollover ?? throw new ArgumentNullException(nameof(rollover));
            Before = before;
            After = after;
        }

        public TradingDaySchedule Rollover { get; }

        public TimeSpan Before { get; }

        public TimeSpan After { get; }

        public string Name => nameof(RolloverBlackout);

        /// <summary>True inside [rollover − before, rollover + after).</summary>
        public bool IsBlackedOut(DateTime utc, out double minutesAway) => IsBlackedOut(utc, out minutesAway, out _);

        private bool IsBlackedOut(DateTime utc, out double minutesAway, out bool afterRollover)
        {
            if (!(utc >= _cachedLast && utc < _cachedNext))
            {
                var day = Rollover.DayOf(utc);
                _cachedLast = Rollover.StartUtc(day);
                _cachedNext = Rollover.StartUtc(day.Next);
            }

            var last = _cachedLast;
            var next = _cachedNext;
            var sinceLast = utc - last;
            var untilNext = next - utc;
            if (sinceLast < After)
            {
                minutesAway = sinceLast.TotalMinutes;
                afterRollover = true;
                return true;
            }

            afterRollover = false;

            minutesAway = untilNext.TotalMinutes;
            return untilNext <= Before;
        }

        public RiskDecision Evaluate(in RiskContext context)
        {
            if (!context.IsEntry || !IsBlackedOut(context.UtcNow, out var minutes, out var afterRollover))
            {
                return RiskDecision.Allow();
            }

            return RiskDecision.Deny(ReasonCode.RolloverBlackout, Name, minutes, (afterRollover ? After : Before).TotalMinutes);
        }
    }
}
