using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PerpGuard.Headless.Simulation;

namespace PerpGuard.Headless.Runtime
{
    /// <summary>
    /// Preallocated bar storage with a moving <see cref="Count"/>. Times are UTC ticks; prices are bid.
    /// The forming (last) bar is updated tick by tick, so algos never see its future high/low.
    /// </summary>
    public sealed class BarBuffer
    {
        private long[] _openTimeUtcTicks;
        private double[] _open;
        private double[] _high;
        private double[] _low;
        private double[] _close;
        private double[] _tickVolume;

        public BarBuffer(int capacity)
        {
            capacity = Math.Max(capacity, 16);
            _openTimeUtcTicks = new long[capacity];
            _open = new double[capacity];
            _high = new double[capacity];
            _low = new double[capacity];
            _close = new double[capacity];
            _tickVolume = new double[capacity];
        }

        public int Count { get; private set; }

        /// <summary>
        /// Writes every slot once so the OS commits the memory now (setup) rather than on first touch inside the
        /// simulation loop, where page faults would cost more than the simulation itself.
        /// </summary>
        public void Commit()
        {
            Array.Clear(_openTimeUtcTicks);
            Array.Clear(_open);
            Array.Clear(_high);
            Array.Clear(_low);
            Array.Clear(_close);
            Array.Clear(_tickVolume);
        }

        /// <summary>Bars the buffer holds before it must grow (output series are sized to it).</summary>
        public int Capacity => _open.Length;

        /// <summary>Increments on every change of the last bar, so lazy indicators know when to recalculate it.</summary>
        public long Version { get; private set; }

        internal long[] OpenTimeUtcTicks => _openTimeUtcTicks;
        internal double[] Open => _open;
        internal double[] High => _high;
        internal double[] Low => _low;
        internal double[] Close => _close;
        internal double[] TickVolume => _tickVolume;

        /// <summary>Opens a new bar whose first quote is <paramref name="price"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void OpenBar(long openTimeUtcTicks, double price)
        {
            if (Count == _open.Length)
            {
                Grow();
            }

            var i = Count;

            // One bounds check for the six arrays: they always have the same length (constructor, Grow).
            _openTimeUtcTicks[i] = openTimeUtcTicks;
            Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_open), i) = price;
            Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_high), i) = price;
            Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_low), i) = price;
            Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_close), i) = price;
            Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_tickVolume), i) = 1;
            Count = i + 1;
            Version++;
        }

        /// <summary>Applies one more quote to the forming bar.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Update(double price)
        {
            var i = Count - 1;

            // One bounds check for the four arrays: they always have the same length (constructor, Grow).
            ref var high = ref _high[i];
            ref var low = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_low), i);
            ref var close = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_close), i);
            ref var tickVolume = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_tickVolume), i);

            // Unconditional stores of the branch-free max/min: whether a quote makes a new high is random to the
            // branch predictor (same result as `if (price > high) high = price`).
            high = BranchFree.Higher(price, high);
            low = BranchFree.Lower(price, low);
            close = price;
            tickVolume += 1;
            Version++;
        }

        /// <summary>Appends a completed bar (history loading, or bars known in full).</summary>
        public void Append(long openTimeUtcTicks, double open, double high, double low, double close, double tickVolume)
        {
            if (Count == _open.Length)
            {
                Grow();
            }

            var i = Count;
            _openTimeUtcTicks[i] = openTimeUtcTicks;
            _open[i] = open;
            _high[i] = high;
            _low[i] = low;
            _close[i] = close;
            _tickVolume[i] = tickVolume;
            Count = i + 1;
            Version++;
        }

        /// <summary>Folds a complete lower-time-frame bar into the last bar (building higher time frames).</summary>
        public void MergeLast(double high, double low, double close, double tickVolume)
        {
            var i = Count - 1;
            if (high > _high[i])
            {
                _high[i] = high;
            }

            if (low < _low[i])
            {
                _low[i] = low;
            }

            _close[i] = close;
            _tickVolume[i] += tickVolume;
            Version++;
        }

        /// <summary>Overwrites the forming bar's volume with the data's (the data is the truth at bar close).</summary>
        public void SetLastVolume(double tickVolume) => _tickVolume[Count - 1] = tickVolume;

        private void Grow()
        {
            var n = _open.Length * 2;
            Array.Resize(ref _openTimeUtcTicks, n);
            Array.Resize(ref _open, n);
            Array.Resize(ref _high, n);
            Array.Resize(ref _low, n);
            Array.Resize(ref _close, n);
            Array.Resize(ref _tickVolume, n);
        }
    }
}
