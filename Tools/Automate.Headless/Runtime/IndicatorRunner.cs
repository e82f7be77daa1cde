using cAlgo.API;

namespace PerpGuard.Headless.Runtime
{
    /// <summary>
    /// Drives one indicator instance like cTrader: every bar once, the newest bar again on each change
    /// (with IsLastBar = true). Calculation is lazy — reading an output brings it up to date — and re-entrant
    /// reads (an indicator reading its own Result[index - 1]) return stored values.
    /// </summary>
    public sealed class IndicatorRunner
    {
        private readonly BarBuffer _clock;
        private int _next;
        private int _doneCount = -1;
        private long _doneVersion = -1;
        private bool _busy;

        internal IndicatorRunner(Indicator indicator, BarBuffer clock)
        {
            Indicator = indicator;
            _clock = clock;
        }

        public Indicator Indicator { get; }

        /// <summary>How many Calculate calls ran (tests check "history once, last bar per tick").</summary>
        public long CalculateCalls { get; private set; }

        public void EnsureCalculated()
        {
            if (_busy)
            {
                return;
            }

            var count = _clock.Count;
            var version = _clock.Version;
            if (count == 0 || (count == _doneCount && version == _doneVersion))
            {
                return;
            }

            _busy = true;
            try
            {
                Indicator.IsLastBar = false;
                for (var i = _next; i < count - 1; i++)
                {
                    CalculateCalls++;
                    Indicator.Calculate(i);
                }

                Indicator.IsLastBar = true;
                CalculateCalls++;
                Indicator.Calculate(count - 1);
                _next = count - 1;
                _doneCount = count;
                _doneVersion = version;
            }
            finally
            {
                _busy = false;
            }
        }
    }
}
