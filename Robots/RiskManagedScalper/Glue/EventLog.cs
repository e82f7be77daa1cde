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
    /// </summary>
    internal sealed class EventLog<T> : IReadOnlyList<T>
        where T : class
    {
        private const int ChunkShift = 9;
        private const int ChunkSize = 1 << ChunkShift;
        private const int ChunkMask = ChunkSize - 1;

        private T[][] _chunks = new T[4][];
        private int _count;

        // Bumped by every Add; an enumerator made before it refuses to go on.
        private int _version;

        public int Count => _count;

        public T this[int index]
        {
            get
            {
                if ((uint)index >= (uint)_count)
                {
                    throw new ArgumentOutOfRangeException(nameof(index));
                }

                return _chunks[index >> ChunkShift][index & ChunkMask];
            }
        }

        public void Add(T item)
        {
            var chunk = _count >> ChunkShift;
            if (chunk == _chunks.Length)
            {
                // Only the small table of chunk references grows (by doubling); the chunks themselves stay put.
                Array.Resize(ref _chunks, _chunks.Length * 2);
            }

            var target = _chunks[chunk] ??= new T[ChunkSize];
            target[_count & ChunkMask] = item;
            _count++;
            _version++;
        }

        public IEnumerator<T> GetEnumerator() => new Enumerator(this);

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

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
                    _current = _log._chunks[_next >> ChunkShift][_next & ChunkMask];
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
