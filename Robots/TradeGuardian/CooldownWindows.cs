using System;
using System.Collections.Generic;
using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PerpGuard.Risk.Persistence;

namespace PerpGuard.Algos.Guardian
{
    /// <summary>One cool-down after a losing trade: [<see cref="FromUtc"/>, <see cref="UntilUtc"/>).</summary>
    public readonly struct CooldownWindow : IEquatable<CooldownWindow>
    {
        public CooldownWindow(DateTime fromUtc, DateTime untilUtc)
        {
            FromUtc = fromUtc;
            UntilUtc = untilUtc;
        }

        /// <summary>The losing close that started it.</summary>
        public DateTime FromUtc { get; }

        /// <summary>The first moment a new position is allowed again.</summary>
        public DateTime UntilUtc { get; }

        public bool Contains(DateTime utc) => utc >= FromUtc && utc < UntilUtc;

        public bool Equals(CooldownWindow other) => FromUtc == other.FromUtc && UntilUtc == other.UntilUtc;

        public override bool Equals(object? obj) => obj is CooldownWindow other && Equals(other);

        public override int GetHashCode() => HashCode.Combine(FromUtc, UntilUtc);

        public override string ToString() =>
            FromUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " - " + UntilUtc.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The cool-downs TradeGuardian still needs: a position whose entry time lies in any of them is closed
    /// (NoNewExposureDuringCooldown), also when it opened while the guardian was stopped. The daily tracker keeps only
    /// the end of the latest cool-down; a position opened during an earlier one (two losses while the guardian was
    /// stopped, say) would be kept with that alone. Windows are kept sorted and disjoint (overlapping or touching
    /// ones merge: the union is what decides), and at most <see cref="MaxWindows"/>: the oldest goes first.
    /// </summary>
    public sealed class CooldownWindows
    {
        /// <summary>
        /// The bound. A window is dropped once it has ended and no position opened in it is still open
        /// (<see cref="RemoveEnded"/>), so only a stopped guardian with many losses since can reach it.
        /// </summary>
        public const int MaxWindows = 32;

        private readonly List<CooldownWindow> _windows = new List<CooldownWindow>();

        public IReadOnlyList<CooldownWindow> Windows => _windows;

        public int Count => _windows.Count;

        /// <summary>Adds [from, until); an empty or reversed window is ignored. True when the set changed.</summary>
        public bool Add(DateTime fromUtc, DateTime untilUtc)
        {
            if (!(untilUtc > fromUtc))
            {
                return false;
            }

            var i = 0;
            while (i < _windows.Count && _windows[i].UntilUtc < fromUtc)
            {
                i++;
            }

            // Merge with every window it overlaps or touches.
            var from = fromUtc;
            var until = untilUtc;
            var end = i;
            while (end < _windows.Count && _windows[end].FromUtc <= until)
            {
                if (_windows[end].FromUtc < from)
                {
                    from = _windows[end].FromUtc;
                }

                if (_windows[end].UntilUtc > until)
                {
                    until = _windows[end].UntilUtc;
                }

                end++;
            }

            var merged = new CooldownWindow(from, until);
            if (end == i + 1 && _windows[i].Equals(merged))
            {
                return false;
            }

            _windows.RemoveRange(i, end - i);
            _windows.Insert(i, merged);
            while (_windows.Count > MaxWindows)
            {
                _windows.RemoveAt(0);
            }

            return true;
        }

        /// <summary>True when <paramref name="utc"/> lies in a cool-down.</summary>
        public bool Contains(DateTime utc)
        {
            for (var i = _windows.Count - 1; i >= 0; i--)
            {
                if (_windows[i].Contains(utc))
                {
                    return true;
                }

                if (_windows[i].UntilUtc <= utc)
                {
                    return false;
                }
            }

            return false;
        }

        /// <summary>
        /// Drops the windows that ended by <paramref name="nowUtc"/> and hold none of <paramref name="openEntriesUtc"/>
        /// (entry times of positions still open, to be closed for their cool-down): a position opened after a window
        /// ended is outside it. True when the set changed.
        /// </summary>
        public bool RemoveEnded(DateTime nowUtc, IReadOnlyCollection<DateTime> openEntriesUtc)
        {
            var removed = _windows.RemoveAll(w =>
            {
                if (w.UntilUtc > nowUtc)
                {
                    return false;
                }

                foreach (var entry in openEntriesUtc)
                {
                    if (w.Contains(entry))
                    {
                        return false;
                    }
                }

                return true;
            });
            return removed > 0;
        }

        public void Clear() => _windows.Clear();
    }

    /// <summary>
    /// Saves <see cref="CooldownWindows"/> as one small versioned JSON record
    /// (<c>{"schema":"perpguard.cooldown-windows","version":1,"windows":[{"fromUtc":"…","untilUtc":"…"}]}</c>), replaced whole
    /// at each change (a losing close, a restart), never per tick. Keyed like the guardian's other daily records.
    /// </summary>
    public sealed class CooldownWindowsStore
    {
        public const string Schema = "perpguard.cooldown-windows";
        public const int CurrentVersion = 1;

        private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
        private readonly StoredRecord _record;

        public CooldownWindowsStore(IKeyValueStore store, string key)
        {
            _record = new StoredRecord(store, key, "The cool-down record", "The cool-down record needs a key.", t => Parse(t, out var problem) is null ? problem : null);
        }

        public string Key => _record.Key;

        public void Save(CooldownWindows windows) => _record.Write(Serialize(windows ?? throw new ArgumentNullException(nameof(windows))));

        /// <summary>
        /// The saved windows added to <paramref name="into"/>; false when there is no record (<paramref name="problem"/>
        /// null) or it cannot be read or used (<paramref name="problem"/> says why and where its text is kept; nothing added).
        /// </summary>
        public bool Load(CooldownWindows into, out string? problem)
        {
            if (!_record.TryRead(out var text, out problem) || string.IsNullOrEmpty(text))
            {
                return false;
            }

            var windows = Parse(text!, out problem);
            if (windows is null)
            {
                // Unusable: kept aside before the guardian saves a new record over it.
                problem = _record.KeepAside(text!, problem!);
                return false;
            }

            foreach (var w in windows)
            {
                into.Add(w.FromUtc, w.UntilUtc);
            }

            return true;
        }

        public static string Serialize(CooldownWindows windows)
        {
            var array = new JArray();
            foreach (var w in windows.Windows)
            {
                array.Add(new JObject
                {
                    ["fromUtc"] = Format(w.FromUtc),
                    ["untilUtc"] = Format(w.UntilUtc),
                });
            }

            return new JObject
            {
                ["schema"] = Schema,
                ["version"] = CurrentVersion,
                ["windows"] = array,
            }.ToString(Formatting.None);
        }

        /// <summary>The windows of a saved record, or null with <paramref name="problem"/> when it is not one.</summary>
        public static List<CooldownWindow>? Parse(string text, out string? problem)
        {
            try
            {
                return ParseJson(text, out problem);
            }
            catch (Exception e) when (StoredRecord.IsMalformed(e))
            {
                problem = "The saved cool-down record cannot be read (" + e.Message + ").";
                return null;
            }
        }

        private static List<CooldownWindow>? ParseJson(string text, out string? problem)
        {
            if (!VersionedJson.TryRead(text, Schema, CurrentVersion, "cool-down record", out var json, out problem))
            {
                return null;
            }

            if (!(json["windows"] is JArray array))
            {
                problem = "The saved cool-down record has no window list.";
                return null;
            }

            var windows = new List<CooldownWindow>(array.Count);
            foreach (var token in array)
            {
                if (!(token is JObject w) || !TryTime(w["fromUtc"], out var from) || !TryTime(w["untilUtc"], out var until) || !(until > from))
                {
                    problem = "The saved cool-down record has a window without a start and a later end.";
                    return null;
                }

                windows.Add(new CooldownWindow(from, until));
            }

            return windows;
        }

        private static string Format(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString(TimeFormat, CultureInfo.InvariantCulture);

        private static bool TryTime(JToken? token, out DateTime utc)
        {
            utc = default;
            return token?.Type == JTokenType.String
                && DateTime.TryParseExact((string?)token, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out utc);
        }
    }
}
