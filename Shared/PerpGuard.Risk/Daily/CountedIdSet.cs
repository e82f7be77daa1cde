using System;
using System.Collections.Generic;

namespace PerpGuard.Risk.Daily
{
    /// <summary>
    /// The positions a day counted for one purpose (closed trades, entries), oldest first, bounded by
    /// <see cref="DailyRiskTracker.MaxCountedPositionIds"/>, with the time through which everything counts as counted
    /// (<see cref="ThroughUtc"/>: the start of a bot without a trusted day, an older record's save, the moment the oldest
    /// id was dropped). Not per tick: grows on a close or an entry.
    /// </summary>
    internal sealed class CountedIdSet
    {
        private readonly HashSet<int> _ids = new HashSet<int>();
        private readonly List<int> _order = new List<int>();

        public DateTime? ThroughUtc { get; private set; }

        public bool Contains(int positionId) => _ids.Contains(positionId);

        public int[] ToArray() => _order.ToArray();

        public void Clear()
        {
            _ids.Clear();
            _order.Clear();
            ThroughUtc = null;
        }

        /// <summary>Everything up to <paramref name="utc"/> counts as counted (the later of it and the time already set).</summary>
        public void Through(DateTime utc)
        {
            if (ThroughUtc is null || utc > ThroughUtc.Value)
            {
                ThroughUtc = utc;
            }
        }

        /// <summary>
        /// Remembers <paramref name="positionId"/>; past the bound drops the oldest and takes everything up to
        /// <paramref name="nowUtc"/> as counted (all of it was counted by now: live in event order, or at a restart).
        /// </summary>
        public void Add(int positionId, DateTime nowUtc)
        {
            if (!_ids.Add(positionId))
            {
                return;
            }

            _order.Add(positionId);
            if (_order.Count > DailyRiskTracker.MaxCountedPositionIds)
            {
                _ids.Remove(_order[0]);
                _order.RemoveAt(0);
                Through(nowUtc);
            }
        }

        /// <summary>
        /// The saved ids and time (<paramref name="ids"/> null: a record from before they were kept, so everything up to its
        /// save <paramref name="savedAtUtc"/> counts as counted, the former time rule). More ids than the bound: the newest
        /// kept, the rest counted by the save.
        /// </summary>
        public void Restore(int[]? ids, DateTime? throughUtc, DateTime savedAtUtc)
        {
            if (ids is null)
            {
                Through(savedAtUtc);
                return;
            }

            if (throughUtc is { } through)
            {
                Through(through);
            }

            var first = Math.Max(0, ids.Length - DailyRiskTracker.MaxCountedPositionIds);
            if (first > 0)
            {
                Through(savedAtUtc);
            }

            for (var i = first; i < ids.Length; i++)
            {
                if (_ids.Add(ids[i]))
                {
                    _order.Add(ids[i]);
                }
            }
        }
    }
}
