using System;

namespace PerpGuard.Risk.Persistence
{
    /// <summary>
    /// One record under one key of a store: what every record store (daily state, position plans, open-at-breach)
    /// does alike — a non-empty key, one Set per save, and a read that reports an unreadable store as a problem
    /// (the caller then treats the record as corrupt) instead of throwing.
    /// </summary>
    internal sealed class StoredRecord
    {
        private readonly IKeyValueStore _store;
        private readonly string _what;

        /// <param name="what">The record in a problem message ("the daily state").</param>
        /// <param name="keyHint">The exception's text when the key is empty.</param>
        public StoredRecord(IKeyValueStore store, string key, string what, string keyHint)
        {
            _store = store ?? throw new ArgumentNullException(nameof(store));
            if (string.IsNullOrWhiteSpace(key))
            {
                throw new ArgumentException(keyHint, nameof(key));
            }

            Key = key;
            _what = what;
        }

        public string Key { get; }

        public void Write(string text) => _store.Set(Key, text);

        /// <summary>The stored text (null when never saved); false with <paramref name="problem"/> when the store cannot be read.</summary>
        public bool TryRead(out string? text, out string? problem)
        {
            problem = null;
            try
            {
                text = _store.Get(Key);
                return true;
            }
            catch (Exception e) when (e is System.IO.IOException || e is UnauthorizedAccessException)
            {
                text = null;
                problem = _what + " '" + Key + "' could not be read: " + e.Message;
                return false;
            }
        }
    }
}
