using System.Runtime.CompilerServices;
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

        private readonly bool _closedReadsSkipFormingBar;
        private readonly bool _closedBarsAlone;

        // The first output of a windowed indicator: a closed bar read there as NaN (passed over, or NaN in the
        // warm-up) is calculated when read.
        private HeadlessIndicatorDataSeries? _probe;

        internal IndicatorRunner(Indicator indicator, BarBuffer clock)
        {
            Indicator = indicator;
            _clock = clock;
            _closedReadsSkipFormingBar = indicator is IPureIndicator;
            _closedBarsAlone = indicator is IWindowIndicator;
        }

        public Indicator Indicator { get; }

        /// <summary>How many Calculate calls ran (tests check "history once, last bar per tick").</summary>
        public long CalculateCalls { get; private set; }

        /// <summary>
        /// Brings the indicator up to date. The check is inlined into every output read; the work is not, so a
        /// read of an up-to-date series (most reads, and every read the indicator makes of its own outputs while
        /// calculating) costs a compare.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void EnsureCalculated()
        {
            // Every change of the bars (new bar, new quote) moves the version; CatchUp marks the version done before
            // it calculates, so re-entrant reads take this exit too.
            if (_clock.Version != _doneVersion)
            {
                CatchUp();
            }
        }

        /// <summary>
        /// Brings the indicator up to date for a read of <paramref name="index"/>. For a pure built-in
        /// (<see cref="IPureIndicator"/>) a closed bar's value is final once calculated, so reading one calculates
        /// the closed bars up to it and not the forming bar; anything else behaves as <see cref="EnsureCalculated()"/>.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void EnsureCalculated(int index)
        {
            if (_closedReadsSkipFormingBar && index < _clock.Count - 1)
            {
                // Every bar below _next was calculated as a closed bar, or passed over by a windowed one.
                if (index >= _next)
                {
                    CatchUpClosed(index);
                }
                else if (_closedBarsAlone)
                {
                    CalculateIfPassedOver(index);
                }

                return;
            }

            EnsureCalculated();
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private void CatchUpClosed(int index)
        {
            if (_busy)
            {
                return;
            }

            _busy = true;
            try
            {
                Indicator.IsLastBar = false;
                if (_closedBarsAlone && _next < index && _probe is not null)
                {
                    // Bar _next may hold the value a full catch-up gave it while it was forming: passed over now, it is
                    // marked unwritten so that a read of it calculates it as the closed bar it has become.
                    _probe[_next] = double.NaN;
                }

                // A windowed built-in calculates the bar read, alone; the others every bar up to it, in order.
                for (var i = _closedBarsAlone ? index : _next; i <= index; i++)
                {
                    CalculateCalls++;
                    Indicator.Calculate(i);
                    _next = i + 1;
                }
            }
            finally
            {
                _busy = false;
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private void CalculateIfPassedOver(int index)
        {
            if (_busy || index < 0 || _probe is null || !double.IsNaN(_probe.Raw(index)))
            {
                return;
            }

            _busy = true;
            try
            {
                Indicator.IsLastBar = false;
                CalculateCalls++;
                Indicator.Calculate(index);
            }
            finally
            {
                _busy = false;
            }
        }

        /// <summary>Registers an output series; the first one tells a windowed indicator which closed bars it passed over.</summary>
        internal void AddOutput(HeadlessIndicatorDataSeries series)
        {
            _probe ??= series;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private void CatchUp()
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
            var doneBefore = _doneVersion;
            var completed = false;

            // Marked current before calculating, so the indicator's reads of its own outputs take the inlined exit.
            _doneVersion = version;
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
                completed = true;
            }
            finally
            {
                _busy = false;
                if (!completed)
                {
                    // A throwing Calculate leaves the bar to be calculated again on the next read, as before.
                    _doneVersion = doneBefore;
                }
            }
        }
    }
}
