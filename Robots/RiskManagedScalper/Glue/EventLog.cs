using System;
using System.Collections;
using System.Collections.Generic;

namespace PerpGuard.Algos.Glue
{
    /// <summary>
    /// An append-only list kept in fixed-size chunks: growing never copies what is already there, so a month of
    /// journal events costs their chunks and nothing more (a List doubles and copies, allocating about twice its
    /// final size over a run). Read by index or enumerated in order, like the list it replaces; like List, an
    /// enumeration that outlives an <see cref="Add"/> throws rather than read on over a log that changed under it.
    /// Optionally bounded: a live robot runs for months and nothing reads its old events in memory (the durable
    /// journal is in LocalStorage), so it keeps only the newest ones, forgetting the oldest chunk at a time and
    /// reusing that chunk, so a full log allocates nothing more.
    /// </summary>
    internal sealed class EventLog<T> : IReadOnlyList<T>
        where T : class
    {
        private const int ChunkShift = 9;
        private const int ChunkSize = 1 << ChunkShift;
        private const int ChunkMask = ChunkSize - 1;

        // _chunks[_first] holds the oldest kept item; _count items follow it in order.
        private T[][] _chunks = new T[4][];
        private int _first;
        private int _count;
        private readonly int _chunksKept;

        // Bumped by every Add; an enumerator made before it refuses to go on.
        private int _version;

        /// <summary>A log that keeps everything.</summary>
        public EventLog()
        {
        }

        /// <summary>
        /// A log that keeps at least the newest <paramref name="keepAtLeast"/> items and at most that rounded up to
        /// whole chunks of 512, plus one chunk (0 = keep everything).
        /// </summary>
        public EventLog(int keepAtLeast)
        {
            if (keepAtLeast < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(keepAtLeast), keepAtLeast, "Cannot keep a negative number of items.");
            }

            _chunksKept = keepAtLeast == 0 ? 0 : ((keepAtLeast + ChunkMask) >> ChunkShift) + 1;
        }

        public int Count => _count;

        /// <summary>Items forgotten by a bounded log, oldest first (index 0 is the item after them).</summary>
        public long Forgotten { get; private set; }

        public T this[int index]
        {
            get
            {
                if ((uint)index >= (uint)_count)
                {
                    throw new ArgumentOutOfRangeException(nameof(index));
                }

                return _chunks[_first + (index >> ChunkShift)][index & ChunkMask];
            }
        }

        public void Add(T item)
        {
            var chunk = _first + (_count >> ChunkShift);
            if ((_count & ChunkMask) == 0)
            {
                chunk = NewChunk();
            }

            _chunks[chunk][_count & ChunkMask] = item;
            _count++;
            _version++;
        }

        public IEnumerator<T> GetEnumerator() => new Enumerator(this);

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        // Makes room for the chunk an Add at a chunk boundary writes to, and returns its slot.
        private int NewChunk()
        {
            T[]? recycled = null;
            if (_chunksKept > 0 && (_count >> ChunkShift) == _chunksKept)
            {
                // Full: forget the oldest chunk and write the new items into its array.
                recycled = _chunks[_first];
                _chunks[_first] = null!;
                _first++;
                _count -= ChunkSize;
                Forgotten += ChunkSize;
                Array.Clear(recycled, 0, recycled.Length);
            }

            var slot = _first + (_count >> ChunkShift);
            if (slot == _chunks.Length)
            {
                if (_first > 0)
                {
                    // Slide the kept chunk references to the front of the table (a bounded log stays in its table).
                    Array.Copy(_chunks, _first, _chunks, 0, slot - _first);
                    Array.Clear(_chunks, slot - _first, _first);
                    slot -= _first;
                    _first = 0;
                }
                else
                {
                    // Only the small table of chunk references grows (by doubling); the chunks themselves stay put.
                    Array.Resize(ref _chunks, _chunks.Length * 2);
                }
            }

            _chunks[slot] = recycled ?? new T[ChunkSize];
            return slot;
        }

        private sealed class Enumerator : IEnumerator<T>
        {
            private readonly EventLog<T> _log;
            private readonly int _version;
            private int _next;
            private T? _current;

            public Enumerator(EventLog<T> log)
            {
                _log = log;
                _version = log._version;
            }

            public T Current => _current!;

            object IEnumerator.Current => Current;

            public bool MoveNext()
            {
                ThrowIfModified();
                if (_next < _log._count)
                {
                    _current = _log[_next];
                    _next++;
                    return true;
                }

                _current = null;
                return false;
            }

            public void Reset()
            {
                ThrowIfModified();
                _next = 0;
                _current = null;
            }

            public void Dispose()
            {
            }

            private void ThrowIfModified()
            {
                if (_version != _log._version)
                {
                    // List<T>'s words, so a caller sees the same failure from either.
                    throw new InvalidOperationException("Collection was modified; enumeration operation may not execute.");
                }
            }
        }
    }
}
