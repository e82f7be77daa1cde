using System;
using System.Collections.Generic;
using cAlgo.API;
using PerpGuard.Risk.Persistence;

namespace PerpGuard.Algos.Glue
{
    /// <summary>
    /// The library's storage port over cTrader's LocalStorage in one scope (Instance: a restarted instance finds its
    /// own journal and plans; Type: every instance of the bot on this device, see <see cref="SharedDailyStore"/>).
    /// One key is one value, so a write is all-or-nothing; every write is flushed at once so a crash right after
    /// loses nothing. cTrader takes keys of at most 50 letters, digits and spaces: each logical key (prefix + key)
    /// is stored under <see cref="CTraderStorageKey.From"/>. Versions before kept the logical key itself; it is
    /// still read when the new key holds nothing (and removed at the first write), wherever the platform took it.
    /// </summary>
    internal sealed class LocalStorageStore : IKeyValueStore
    {
        private readonly LocalStorage _storage;
        private readonly string _prefix;
        private readonly LocalStorageScope _scope;
        private readonly bool _readOldKeys;
        private readonly HashSet<string> _noLegacy = new HashSet<string>(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _stored = new Dictionary<string, string>(StringComparer.Ordinal);

        public LocalStorageStore(LocalStorage storage, string prefix)
            : this(storage, prefix, LocalStorageScope.Instance)
        {
        }

        /// <param name="readOldKeys">
        /// False where no earlier version wrote (the Type scope is new): the old-key lookup would only cost a refused
        /// key's exception.
        /// </param>
        public LocalStorageStore(LocalStorage storage, string prefix, LocalStorageScope scope, bool readOldKeys = true)
        {
            _storage = storage ?? throw new ArgumentNullException(nameof(storage));
            _prefix = prefix ?? string.Empty;
            _scope = scope;
            _readOldKeys = readOldKeys;
        }

        public string? Get(string key)
        {
            var value = _storage.GetString(Stored(key), _scope);
            return string.IsNullOrEmpty(value) ? Legacy(key) : value;
        }

        public void Set(string key, string value)
        {
            _storage.SetString(Stored(key), value, _scope);
            _storage.Flush(_scope);
            RemoveLegacy(key);
        }

        public void Remove(string key)
        {
            _storage.Remove(Stored(key), _scope);
            _storage.Flush(_scope);
            RemoveLegacy(key);
        }

        // Made once per key: the bots save the same few keys again and again.
        private string Stored(string key)
        {
            if (!_stored.TryGetValue(key, out var stored))
            {
                stored = CTraderStorageKey.From(_prefix + key);
                _stored[key] = stored;
            }

            return stored;
        }

        // The old key, while it may hold a value. A key outside cTrader's documented form may be refused by the
        // platform (an exception each time): then, or once it is found empty, it is not asked again.
        private string? Legacy(string key)
        {
            if (!_readOldKeys || _noLegacy.Contains(key))
            {
                return null;
            }

            string? value;
            try
            {
                value = _storage.GetString(_prefix + key, _scope);
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                value = null;
            }

            if (string.IsNullOrEmpty(value))
            {
                _noLegacy.Add(key);
                return null;
            }

            return value;
        }

        private void RemoveLegacy(string key)
        {
            if (Legacy(key) is null)
            {
                return;
            }

            _noLegacy.Add(key);
            try
            {
                _storage.Remove(_prefix + key, _scope);
                _storage.Flush(_scope);
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                // Left behind: the new key wins whenever it holds a value.
            }
        }
    }
}
