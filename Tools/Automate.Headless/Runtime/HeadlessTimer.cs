using System;
using cAlgo.API;

namespace PerpGuard.Headless.Runtime
{
    /// <summary>Timer on simulated time: the engine calls <see cref="Advance"/> with the market clock.</summary>
    public sealed class HeadlessTimer : Timer
    {
        private readonly MarketClock _clock;
        private long _nextUtcTicks = long.MaxValue;

        public HeadlessTimer(MarketClock clock)
        {
            _clock = clock;
        }

        public event Action? TimerTick;

        /// <summary>Told when the timer starts or stops (null outside an engine run).</summary>
        internal RunSignals? Signals { get; set; }

        public TimeSpan Interval { get; private set; }

        public bool IsRunning => _nextUtcTicks != long.MaxValue;

        public void Start(TimeSpan interval)
        {
            if (interval <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(interval), "The timer interval must be positive.");
            }

            Interval = interval;
            _nextUtcTicks = _clock.UtcTicks + interval.Ticks;
            Signals?.Raise();
        }

        public void Start(int intervalInSeconds) => Start(TimeSpan.FromSeconds(intervalInSeconds));

        public void Stop()
        {
            _nextUtcTicks = long.MaxValue;
            Signals?.Raise();
        }

        /// <summary>Fires once per elapsed interval up to <paramref name="utcTicks"/>; returns how many ticks fired.</summary>
        internal int Advance(long utcTicks, Action onTimer)
        {
            var fired = 0;
            while (_nextUtcTicks <= utcTicks)
            {
                _nextUtcTicks += Interval.Ticks;
                fired++;
                TimerTick?.Invoke();
                onTimer();
            }

            return fired;
        }
    }
}
