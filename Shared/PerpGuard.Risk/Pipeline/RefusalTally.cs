using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Time;

namespace PerpGuard.Risk.Pipeline
{
    /// <summary>
    /// Counts every refused entry signal by reason, and says which ones are worth a journal line: the first
    /// of each reason in each episode (one trading day in one state, hold included). A halted day refuses the
    /// same signal hundreds of times; the trader needs the first refusal and the count, not every repeat.
    /// Counting allocates nothing once a reason has been seen.
    /// </summary>
    public sealed class RefusalTally
    {
        private readonly Dictionary<string, int> _counts = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly HashSet<string> _journaled = new HashSet<string>(StringComparer.Ordinal);
        private bool _hasEpisode;
        private TradingDay _day;
        private TradingState _state;
        private bool _onHold;

        /// <summary>Every refused signal so far, by reason code.</summary>
        public IReadOnlyDictionary<string, int> ByReason => _counts;

        public int Total { get; private set; }

        /// <summary>
        /// Counts one refusal; true when it is the first of its reason in the day's current episode
        /// (journal it), false for a repeat (counted only).
        /// </summary>
        public bool Count(string reason, in DailyStatus day)
        {
            if (reason is null)
            {
                throw new ArgumentNullException(nameof(reason));
            }

            ref var n = ref CollectionsMarshal.GetValueRefOrAddDefault(_counts, reason, out _);
            n++;
            Total++;

            if (!_hasEpisode || day.Day != _day || day.State != _state || day.OnHold != _onHold)
            {
                _hasEpisode = true;
                _day = day.Day;
                _state = day.State;
                _onHold = day.OnHold;
                _journaled.Clear();
            }

            return _journaled.Add(reason);
        }

        /// <summary>How many signals were refused for this reason (0 when never).</summary>
        public int CountOf(string reason) => _counts.TryGetValue(reason, out var n) ? n : 0;
    }
}
