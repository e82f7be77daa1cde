using System;
using System.Collections.Generic;
using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PerpGuard.Risk.Persistence
{
    /// <summary>The positions open when the day turned Halted or Reducing: the ones the rules let stay.</summary>
    public sealed class OpenAtBreach
    {
        public OpenAtBreach(string day, string state, DateTime atUtc, IReadOnlyCollection<int> positionIds)
        {
            Day = day ?? throw new ArgumentNullException(nameof(day));
            State = state ?? throw new ArgumentNullException(nameof(state));
            AtUtc = atUtc;
            PositionIds = positionIds ?? throw new ArgumentNullException(nameof(positionIds));
        }

        /// <summary>The trading day (yyyy-MM-dd) the record belongs to.</summary>
        public string Day { get; }

        /// <summary>The state the day had turned to ("Halted" or "Reducing").</summary>
        public string State { get; }

        /// <summary>When the day turned so: a position found under a listed id but opened later is another one (ids reused after an account reset).</summary>
        public DateTime AtUtc { get; }

        public IReadOnlyCollection<int> PositionIds { get; }
    }

    /// <summary>
    /// Saves which positions were open when the day turned Halted or Reducing (TradeGuardian keeps those and closes
    /// any newer one), so a restart on such a day keeps exactly those: one small versioned JSON record
    /// (<c>{"schema":"perpguard.open-at-breach","version":1,"day":"…","state":"…","atUtc":"…","positionIds":[…]}</c>), replaced
    /// whole at each such state change (atomic), never per tick.
    /// </summary>
    public sealed class OpenAtBreachStore
    {
        public const string Schema = "perpguard.open-at-breach";
        public const int CurrentVersion = 1;

        private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
        private readonly StoredRecord _record;

        public OpenAtBreachStore(IKeyValueStore store, string key)
        {
            _record = new StoredRecord(store, key, "The open-at-breach record", "The record needs a key.", t => Parse(t, out var problem) is null ? problem : null);
        }

        public string Key => _record.Key;

        public void Save(OpenAtBreach record) => _record.Write(Serialize(record ?? throw new ArgumentNullException(nameof(record))));

        /// <summary>
        /// The saved record, or null when there is none (<paramref name="problem"/> null) or it cannot be read or used
        /// (<paramref name="problem"/> says why, and where the unusable text is kept): the caller then falls back and says so.
        /// </summary>
        public OpenAtBreach? Load(out string? problem)
        {
            if (!_record.TryRead(out var text, out problem))
            {
                return null;
            }

            if (text is null)
            {
                return null;
            }

            var record = Parse(text, out problem);
            if (record is null)
            {
                // Unusable: kept aside before the guardian saves a new record over it.
                problem = _record.KeepAside(text, problem!);
            }

            return record;
        }

        public static string Serialize(OpenAtBreach record)
        {
            var ids = new JArray();
            foreach (var id in record.PositionIds)
            {
                ids.Add(id);
            }

            return new JObject
            {
                ["schema"] = Schema,
                ["version"] = CurrentVersion,
                ["day"] = record.Day,
                ["state"] = record.State,
                ["atUtc"] = DateTime.SpecifyKind(record.AtUtc, DateTimeKind.Utc).ToString(TimeFormat, CultureInfo.InvariantCulture),
                ["positionIds"] = ids,
            }.ToString(Formatting.None);
        }

        public static OpenAtBreach? Parse(string text, out string? problem)
        {
            try
            {
                return ParseJson(text, out problem);
            }
            catch (Exception e) when (StoredRecord.IsMalformed(e))
            {
                // A field of the wrong JSON type, an id beyond the range of position ids: unusable like any other problem.
                problem = "The saved open-at-breach record is unusable: " + e.Message;
                return null;
            }
        }

        private static OpenAtBreach? ParseJson(string text, out string? problem)
        {
            if (!VersionedJson.TryRead(text, Schema, CurrentVersion, "open-at-breach record", out var json, out problem))
            {
                return null;
            }

            if (json["day"]?.Type != JTokenType.String || json["state"]?.Type != JTokenType.String || !(json["positionIds"] is JArray array)
                || !DateTime.TryParseExact((string?)json["atUtc"], TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
            {
                problem = "The saved open-at-breach record has no day, state, time or position list.";
                return null;
            }

            if ((string)json["state"]! != "Halted" && (string)json["state"]! != "Reducing")
            {
                problem = "The saved open-at-breach record's state '" + (string)json["state"]! + "' is neither Halted nor Reducing.";
                return null;
            }

            var ids = new List<int>(array.Count);
            foreach (var token in array)
            {
                if (token.Type != JTokenType.Integer)
                {
                    problem = "The saved open-at-breach record has a position id that is not a whole number.";
                    return null;
                }

                ids.Add((int)token);
            }

            return new OpenAtBreach((string)json["day"]!, (string)json["state"]!, at, ids);
        }
    }
}
