using System;
using System.Collections;
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
        private int _episode;

        // The last reason counted and in which episode: its repeats (a halted day's same refusal, signal after
        // signal) are summed here and added to _counts when read, without hashing the reason each time.
        private string? _lastReason;
        private int _lastEpisode = -1;
        private int _pending;

        private LiveCounts? _view;

        /// <summary>Every refused signal so far, by reason code: a live view (a kept reference reads later counts too).</summary>
        public IReadOnlyDictionary<string, int> ByReason => _view ??= new LiveCounts(this);

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

            Total++;
            if (!_hasEpisode || day.Day != _day || day.State != _state || day.OnHold != _onHold)
            {
                _hasEpisode = true;
                _day = day.Day;
                _state = day.State;
                _onHold = day.OnHold;
                _episode++;
                _journaled.Clear();
            }

            if (_lastEpisode == _episode && ReferenceEquals(reason, _lastReason))
            {
                // The same reason again in the same episode: already journaled, only counted.
                _pending++;
                return false;
            }

            Flush();
            ref var n = ref CollectionsMarshal.GetValueRefOrAddDefault(_counts, reason, out _);
            n++;
            _lastReason = reason;
            _lastEpisode = _episode;
            return _journaled.Add(reason);
        }

        /// <summary>How many signals were refused for this reason (0 when never).</summary>
        public int CountOf(string reason)
        {
            Flush();
            return _counts.TryGetValue(reason, out var n) ? n : 0;
        }

        private void Flush()
        {
            if (_pending > 0)
            {
                _counts[_lastReason!] += _pending;
                _pending = 0;
            }
        }

        /// <summary>The counts, with the pending repeats added before every read.</summary>
        private sealed class LiveCounts : IReadOnlyDictionary<string, int>
        {
            private readonly RefusalTally _owner;

            public LiveCounts(RefusalTally owner)
            {
                _owner = owner;
            }

            public int Count => Counts().Count;

            public IEnumerable<string> Keys => Counts().Keys;

            public IEnumerable<int> Values => Counts().Values;

            public int this[string key] => Counts()[key];

            public bool ContainsKey(string key) => Counts().ContainsKey(key);

            public bool TryGetValue(string key, out int value) => Counts().TryGetValue(key, out value);

            public IEnumerator<KeyValuePair<string, int>> GetEnumerator() => Counts().GetEnumerator();

            IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

            private Dictionary<string, int> Counts()
            {
                _owner.Flush();
                return _owner._counts;
            }
        }
    }
}
