using System;
using cAlgo.API;
using PerpGuard.Risk.Persistence;

namespace PerpGuard.Algos.Glue
{
    /// <summary>
    /// The library's storage port over cTrader's LocalStorage in one scope (Instance: a restarted instance finds its
    /// own journal and plans; Type: every instance of the bot on this device, see <see cref="SharedDailyStore"/>).
    /// One key is one value, so a write is all-or-nothing; every write is flushed at once so a crash right after
    /// loses nothing.
    /// </summary>
    internal sealed class LocalStorageStore : IKeyValueStore
    {
        private readonly LocalStorage _storage;
        private readonly string _prefix;
        private readonly LocalStorageScope _scope;

        public LocalStorageStore(LocalStorage storage, string prefix)
            : this(storage, prefix, LocalStorageScope.Instance)
        {
        }

        public LocalStorageStore(LocalStorage storage, string prefix, LocalStorageScope scope)
        {
            _storage = storage ?? throw new ArgumentNullException(nameof(storage));
            _prefix = prefix ?? string.Empty;
            _scope = scope;
        }

        public string? Get(string key)
        {
            var value = _storage.GetString(_prefix + key, _scope);
            return string.IsNullOrEmpty(value) ? null : value;
        }

        public void Set(string key, string value)
        {
            _storage.SetString(_prefix + key, value, _scope);
            _storage.Flush(_scope);
        }

        public void Remove(string key)
        {
            _storage.Remove(_prefix + key, _scope);
            _storage.Flush(_scope);
        }
    }
}
