using System;
using System.Collections.Generic;
using PerpGuard.Risk.Time;

namespace PerpGuard.Risk.Daily
{
    /// <summary>
    /// Which closed trades a saved day has already counted, read at a restart so a close is counted exactly once. By
    /// identity: the positions whose final close the day counted (<see cref="DailyState.CountedPositionIds"/>), whatever
    /// time the platform stamps on their closing deal — a loss counted live and saved is not counted again because its
    /// closing time happens to be later than the save. By time only where identity is not known: closes before the saved
    /// day began (earlier days, done) and closes at or before <see cref="DailyState.CountedThroughUtc"/>; a record saved
    /// before the ids were kept (they are null) falls back to the former rule, every close up to its save.
    /// </summary>
    public sealed class CountedCloses
    {
        private readonly HashSet<int> _ids;
        private readonly DateTime _dayStartUtc;
        private readonly DateTime _throughUtc;

        private CountedCloses(HashSet<int> ids, DateTime dayStartUtc, DateTime throughUtc, bool byIdentity)
        {
            _ids = ids;
            _dayStartUtc = dayStartUtc;
            _throughUtc = throughUtc;
            ByIdentity = byIdentity;
        }

        /// <summary>False for a record saved before the ids were kept: every close after its save counts as new.</summary>
        public bool ByIdentity { get; }

        /// <summary>What <paramref name="saved"/> had counted; <paramref name="schedule"/> dates its day's start.</summary>
        public static CountedCloses Of(DailyState saved, TradingDaySchedule schedule)
        {
            if (saved is null)
            {
                throw new ArgumentNullException(nameof(saved));
            }

            if (schedule is null)
            {
                throw new ArgumentNullException(nameof(schedule));
            }

            var dayStart = schedule.StartUtc(saved.Day);
            if (saved.CountedPositionIds is null)
            {
                return new CountedCloses(new HashSet<int>(), dayStart, saved.SavedAtUtc, false);
            }

            var through = saved.CountedThroughUtc ?? DateTime.MinValue;
            return new CountedCloses(new HashSet<int>(saved.CountedPositionIds), dayStart, through, true);
        }

        /// <summary>
        /// True when the trade of position <paramref name="positionId"/>, finally closed at <paramref name="closedAtUtc"/>
        /// (its last closing deal), was already counted by the saved day or belongs to a day before it.
        /// </summary>
        public bool Contains(int positionId, DateTime closedAtUtc) =>
            closedAtUtc < _dayStartUtc || closedAtUtc <= _throughUtc || _ids.Contains(positionId);
    }
}
