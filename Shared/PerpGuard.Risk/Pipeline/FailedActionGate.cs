using System;
using System.Collections.Generic;

namespace PerpGuard.Risk.Pipeline
{
    /// <summary>
    /// Remembers, per position, an action that keeps failing (a close the broker refuses while the market is
    /// closed, say). Protection never gives up — the robot asks again on every tick — but the broker is asked at
    /// most once per <see cref="RetryInterval"/> of server time, and the journal gets one ActionFailed per
    /// position and error: again only when the error changes, or after the action succeeded once. Without it a
    /// failing flatten wrote an ActionFailed (and rewrote a journal chunk of up to 256 KB) on every tick.
    /// Nothing is allocated while nothing fails; one small record per failing position otherwise.
    /// </summary>
    public sealed class FailedActionGate
    {
        /// <summary>Five seconds of server time between attempts: quick enough to close soon after the market reopens, slow enough not to hammer the broker.</summary>
        public static readonly TimeSpan DefaultRetryInterval = TimeSpan.FromSeconds(5);

        private readonly Dictionary<int, Failure> _failing = new Dictionary<int, Failure>();

        public FailedActionGate()
            : this(DefaultRetryInterval)
        {
        }

        public FailedActionGate(TimeSpan retryInterval)
        {
            if (retryInterval < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(retryInterval), retryInterval, "The retry interval cannot be negative.");
            }

            RetryInterval = retryInterval;
        }

        public TimeSpan RetryInterval { get; }

        /// <summary>Positions whose last action failed.</summary>
        public int Count => _failing.Count;

        /// <summary>True while the last attempt on this position failed less than <see cref="RetryInterval"/> ago: skip the broker this time.</summary>
        public bool IsWaiting(int positionId, DateTime utcNow) =>
            _failing.Count != 0 && _failing.TryGetValue(positionId, out var f) && utcNow < f.NextAttemptUtc;

        /// <summary>The failed attempts in a row on this position (0 when the last one succeeded or none was made).</summary>
        public int FailuresInARow(int positionId) => _failing.Count != 0 && _failing.TryGetValue(positionId, out var f) ? f.Count : 0;

        /// <summary>The error of the last failed attempt on this position (empty when none).</summary>
        public string LastError(int positionId) => _failing.Count != 0 && _failing.TryGetValue(positionId, out var f) ? f.Error : string.Empty;

        /// <summary>
        /// Records a failed attempt and schedules the next one. Returns true when this failure is news (the first for
        /// the position, or a different error than the last): journal it; false for a repeat (count it only).
        /// </summary>
        public bool RecordFailure(int positionId, string error, DateTime utcNow)
        {
            error ??= string.Empty;
            if (!_failing.TryGetValue(positionId, out var f))
            {
                _failing[positionId] = new Failure(error, utcNow + RetryInterval);
                return true;
            }

            f.Count++;
            f.NextAttemptUtc = utcNow + RetryInterval;
            if (string.Equals(f.Error, error, StringComparison.Ordinal))
            {
                return false;
            }

            f.Error = error;
            return true;
        }

        /// <summary>The action succeeded: the next failure is news again. Returns the failed attempts that came before it.</summary>
        public int RecordSuccess(int positionId)
        {
            if (_failing.Count == 0 || !_failing.TryGetValue(positionId, out var f))
            {
                return 0;
            }

            _failing.Remove(positionId);
            return f.Count;
        }

        /// <summary>The position is gone (closed by its stop, say): forget it.</summary>
        public void Forget(int positionId)
        {
            if (_failing.Count != 0)
            {
                _failing.Remove(positionId);
            }
        }

        private sealed class Failure
        {
            public Failure(string error, DateTime nextAttemptUtc)
            {
                Error = error;
                NextAttemptUtc = nextAttemptUtc;
                Count = 1;
            }

            public string Error { get; set; }

            public DateTime NextAttemptUtc { get; set; }

            public int Count { get; set; }
        }
    }
}
