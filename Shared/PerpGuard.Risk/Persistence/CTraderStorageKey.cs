using System;
using System.Globalization;
using System.Text;

namespace PerpGuard.Risk.Persistence
{
    /// <summary>
    /// Turns a logical storage key (<c>PerpGuard.Scalper.1234567.6:BTCUSD.0:.daily-state</c>) into one cTrader's
    /// LocalStorage accepts: "max length for keys is 50 characters, and only alphanumeric and space characters are
    /// allowed" (help.ctrader.com, LocalStorage.SetString/GetString). The key is the logical key's first letters and
    /// digits, for a reader of the storage file, then 16 hex digits of a 64-bit FNV-1a hash of the whole logical key,
    /// which keeps distinct keys distinct. Deterministic across runs, machines and .NET versions (never
    /// <c>string.GetHashCode</c>, which is randomised per process).
    /// </summary>
    public static class CTraderStorageKey
    {
        /// <summary>cTrader's documented maximum key length.</summary>
        public const int MaxLength = 50;

        private const int ReadablePart = 32;
        private const ulong FnvOffset = 14695981039346656037UL;
        private const ulong FnvPrime = 1099511628211UL;

        public static string From(string logicalKey)
        {
            if (string.IsNullOrEmpty(logicalKey))
            {
                throw new ArgumentException("A storage key must not be empty.", nameof(logicalKey));
            }

            var sb = new StringBuilder(ReadablePart + 16);
            foreach (var c in logicalKey)
            {
                if (sb.Length == ReadablePart)
                {
                    break;
                }

                if (IsAsciiLetterOrDigit(c))
                {
                    sb.Append(c);
                }
            }

            sb.Append(Fnv1a64(logicalKey).ToString("x16", CultureInfo.InvariantCulture));
            return sb.ToString();
        }

        /// <summary>FNV-1a, 64 bits, over the key's UTF-8 bytes (the published FNV test vectors hold for it).</summary>
        public static ulong Fnv1a64(string text)
        {
            var hash = FnvOffset;
            foreach (var c in text)
            {
                if (c >= 0x80)
                {
                    return Fnv1a64(Encoding.UTF8.GetBytes(text));
                }

                hash = (hash ^ c) * FnvPrime;
            }

            return hash;
        }

        private static ulong Fnv1a64(byte[] bytes)
        {
            var hash = FnvOffset;
            foreach (var b in bytes)
            {
                hash = (hash ^ b) * FnvPrime;
            }

            return hash;
        }

        /// <summary>True when cTrader accepts <paramref name="key"/>: 1–50 ASCII letters, digits and spaces, no space at either end.</summary>
        public static bool IsValid(string? key)
        {
            if (string.IsNullOrEmpty(key) || key!.Length > MaxLength || key[0] == ' ' || key[key.Length - 1] == ' ')
            {
                return false;
            }

            foreach (var c in key)
            {
                if (c != ' ' && !IsAsciiLetterOrDigit(c))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsAsciiLetterOrDigit(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
