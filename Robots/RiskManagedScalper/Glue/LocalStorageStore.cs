using System;
using cAlgo.API;

namespace PerpGuard.Algos.Glue
{
    /// <summary>
    /// A string key-value store over cTrader's LocalStorage (instance scope: a restarted instance finds
    /// its own state). Every write is flushed at once so a crash right after loses nothing.
    /// </summary>
    internal sealed class LocalStorageStore
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
