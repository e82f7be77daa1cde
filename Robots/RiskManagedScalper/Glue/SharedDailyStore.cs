using System;
using System.Collections.Generic;
using System.Globalization;
using cAlgo.API;
using PerpGuard.Risk.Persistence;

namespace PerpGuard.Algos.Glue
{
    /// <summary>
    /// Where the records that make the daily limits binding live (the day's state; the guardian's open-at-breach
    /// record): <c>LocalStorageScope.Type</c>, shared by every instance of the bot on this device, under a key naming
    /// the account (and, for the scalper, its symbol and storage key). Removing a halted instance and adding a new one
    /// therefore finds the same day. A key not yet saved there is read from the instance's own storage, where versions
    /// before this one kept it, so an upgrade keeps the day it had. Writes go to the shared key, and the first write of
    /// a key removes the instance's old copy (moved, not copied: the old key did not name the symbol, so it must not
    /// be read again after, say, the instance's symbol is changed).
    /// </summary>
    internal sealed class SharedDailyStore : IKeyValueStore
    {
        private readonly LocalStorageStore _shared;
        private readonly LocalStorageStore _legacy;
        private readonly HashSet<string> _moved = new HashSet<string>(StringComparer.Ordinal);

        private SharedDailyStore(LocalStorage storage, string sharedPrefix, string legacyPrefix)
        {
            Prefix = sharedPrefix;
            _shared = new LocalStorageStore(storage, sharedPrefix, LocalStorageScope.Type, readOldKeys: false);
            _legacy = new LocalStorageStore(storage, legacyPrefix, LocalStorageScope.Instance);
        }

        /// <summary>The Type-scope key prefix (e.g. <c>PerpGuard.Scalper.1.6:BTCUSD.4:halt.</c>).</summary>
        public string Prefix { get; }

        /// <summary>
        /// The scalper's: <c>PerpGuard.Scalper.&lt;account&gt;.&lt;symbol&gt;.&lt;storage key&gt;.</c>, the symbol and key each written
        /// as length:text, so no symbol or key containing a dot can make two of them one.
        /// </summary>
        public static SharedDailyStore ForScalper(LocalStorage storage, int account, string symbolName, string storageKey) =>
            new SharedDailyStore(
                storage,
                "PerpGuard.Scalper." + account.ToString(CultureInfo.InvariantCulture) + "." + Part(symbolName) + "." + Part(storageKey) + ".",
                "PerpGuard.Scalper." + storageKey + ".");

        /// <summary>The guardian's: <c>PerpGuard.Guardian.&lt;account&gt;.</c> — it guards the whole account, whatever its storage key.</summary>
        public static SharedDailyStore ForGuardian(LocalStorage storage, int account, string storageKey) =>
            new SharedDailyStore(
                storage,
                "PerpGuard.Guardian." + account.ToString(CultureInfo.InvariantCulture) + ".",
                "PerpGuard.Guardian." + storageKey + ".");

        public string? Get(string key) => _shared.Get(key) ?? _legacy.Get(key);

        public void Set(string key, string value)
        {
            _shared.Set(key, value);
            if (_moved.Add(key))
            {
                _legacy.Remove(key);
            }
        }

        private static string Part(string text)
        {
            text ??= string.Empty;
            return text.Length.ToString(CultureInfo.InvariantCulture) + ":" + text;
        }
    }
}
