using System;
using System.Collections.Generic;

namespace PerpGuard.Risk.Persistence
{
    /// <summary>A store in memory, for backtests and tests (a restart is simulated by reusing the instance).</summary>
    public sealed class InMemoryKeyValueStore : IKeyValueStore
    {
        private readonly Dictionary<string, string> _values = new Dictionary<string, string>(StringComparer.Ordinal);

        public int Count => _values.Count;

        public string? Get(string key) => _values.TryGetValue(key, out var value) ? value : null;

        public void Set(string key, string value)
        {
            if (key is null)
            {
                throw new ArgumentNullException(nameof(key));
            }

            _values[key] = value ?? throw new ArgumentNullException(nameof(value));
        }
    }
}
