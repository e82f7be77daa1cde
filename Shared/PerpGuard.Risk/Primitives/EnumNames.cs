using System;
using System.Collections.Concurrent;

namespace PerpGuard.Risk.Primitives
{
    /// <summary>
    /// The text of an enum value (exactly <c>value.ToString()</c>), made once per value: <c>Enum.ToString</c>
    /// boxes the value on every call, and journal events name reasons, states and close reasons. Thread-safe
    /// (cTrader may run several bots in one process); flag combinations are cached as they are first seen.
    /// </summary>
    public static class EnumNames<T>
        where T : struct, Enum
    {
        private static readonly ConcurrentDictionary<T, string> Names = new ConcurrentDictionary<T, string>();
        private static readonly Func<T, string> Make = value => value.ToString();

        public static string Of(T value) => Names.TryGetValue(value, out var name) ? name : Names.GetOrAdd(value, Make);
    }
}
