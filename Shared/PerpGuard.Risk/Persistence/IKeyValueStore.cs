namespace PerpGuard.Risk.Persistence
{
    /// <summary>
    /// The storage port: text values by key, no enumeration (cTrader's LocalStorage cannot list
    /// keys). Robots adapt LocalStorage to it; tools use <see cref="FileKeyValueStore"/>.
    /// A Set must replace the whole value at once (no torn writes).
    /// </summary>
    public interface IKeyValueStore
    {
        /// <summary>The value, or null when the key was never set.</summary>
        string? Get(string key);

        void Set(string key, string value);
    }
}
