using System;
using System.Collections;
using System.Collections.Generic;

namespace PerpGuard.Algos.Glue
{
    /// <summary>
    /// An append-only list kept in fixed-size chunks: growing never copies what is already there, so a month of
    /// journal events costs their chunks and nothing more (a List doubles and copies, allocating about twice its
    /// final size over a run). Read by index or enumerated in order, like the list it replaces.
    /// </summary>
    internal sealed class EventLog<T> : IReadOnlyList<T>
        where T : class
    {
        private const int ChunkShift = 9;
        private const int ChunkSize = 1 << ChunkShift;
        private const int ChunkMask = ChunkSize - 1;

        private T[][] _chunks = new T[4][];
        private int _count;

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
        }

        public IEnumerator<T> GetEnumerator()
        {
            for (var i = 0; i < _count; i++)
            {
                yield return _chunks[i >> ChunkShift][i & ChunkMask];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
