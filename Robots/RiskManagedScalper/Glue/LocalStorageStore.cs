using System;
using cAlgo.API;
using PerpGuard.Risk.Persistence;

namespace PerpGuard.Algos.Glue
{
    /// <summary>
    /// The library's storage port over cTrader's LocalStorage (instance scope: a restarted instance
    /// finds its own state). One key is one value, so a write is all-or-nothing; every write is
    /// flushed at once so a crash right after loses nothing.
    /// </summary>
    internal sealed class LocalStorageStore : IKeyValueStore
    {
        private readonly LocalStorage _storage;
        private readonly string _prefix;

        public LocalStorageStore(LocalStorage storage, string prefix)
        {
            _storage = storage ?? throw new ArgumentNullException(nameof(storage));
            _prefix = prefix ?? string.Empty;
        }

        public string? Get(string key)
        {
            var value = _storage.GetString(_prefix + key, LocalStorageScope.Instance);
            return string.IsNullOrEmpty(value) ? null : value;
        }

        public void Set(string key, string value)
        {
            _storage.SetString(_prefix + key, value, LocalStorageScope.Instance);
            _storage.Flush(LocalStorageScope.Instance);
        }

        public void Remove(string key)
        {
            _storage.Remove(_prefix + key, LocalStorageScope.Instance);
            _storage.Flush(LocalStorageScope.Instance);
        }
    }
}
