using System;
using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Rules;
using PerpGuard.Risk.Time;

namespace PerpGuard.Risk.Persistence
{
    /// <summary>
    /// Saves and restores the daily state under one key as versioned JSON
    /// (<c>{"schema":"perpguard.daily-state","version":1,...,"countedPositionIds":[...],"countedThroughUtc":"...",
    /// "enteredPositionIds":[...],"enteredThroughUtc":"..."}</c>; the last four are optional, absent in records saved before
    /// them). Anything unreadable — bad
    /// JSON, an unknown version, a missing or impossible field — is reported as Corrupt, which the
    /// tracker turns into "Halted until the next reset", never into a fresh day.
    /// </summary>
    public sealed class DailyStateStore
    {
        public const string Schema = "perpguard.daily-state";

        private readonly StoredRecord _record;
        private readonly DailyStateJsonWriter _writer = new DailyStateJsonWriter();

        public DailyStateStore(IKeyValueStore store, string key)
        {
            _record = new StoredRecord(store, key, "The daily state", "The daily state needs a key (e.g. PerpGuard.RiskManagedScalper.BTCUSD.daily).", t => Parse(t, key).Problem);
        }

        public string Key => _record.Key;

        /// <summary>Saves when the tracker changed since the last call; returns whether it wrote.</summary>
        public bool SaveIfChanged(DailyRiskTracker tracker, ref long lastSavedChange)
        {
            if (tracker.ChangeCount == lastSavedChange)
            {
                return false;
            }

            Save(tracker.ToState());
            lastSavedChange = tracker.ChangeCount;
            return true;
        }

        /// <summary>Saves the record under <see cref="Key"/> (one Set: the store replaces the value at once).</summary>
        public void Save(DailyState state) => _record.Write(_writer.Write(state ?? throw new ArgumentNullException(nameof(state))));

        public DailyStateLoad Load()
        {
            if (!_record.TryRead(out var text, out var problem))
            {
                return DailyStateLoad.Corrupt(problem!);
            }

            if (text is null)
            {
                return DailyStateLoad.Missing();
            }

            // Unusable: kept aside before the bot saves its (halted) day over it.
            var load = Parse(text, Key);
            return load.Status == LoadStatus.Corrupt ? DailyStateLoad.Corrupt(_record.KeepAside(text, load.Problem!)) : load;
        }

        /// <summary>The record as one line of JSON (what <see cref="Save"/> stores).</summary>
        public static string Serialize(DailyState state) => new DailyStateJsonWriter().Write(state ?? throw new ArgumentNullException(nameof(state)));

        /// <summary>Parses a saved record; every problem becomes a Corrupt result naming it.</summary>
        public static DailyStateLoad Parse(string text, string? key = null)
        {
            var what = key is null ? "daily state" : "daily state '" + key + "'";
            try
            {
                return ParseJson(text, what);
            }
            catch (Exception e) when (StoredRecord.IsMalformed(e))
            {
                // A field of the wrong JSON type, a number beyond its range: unusable like any other problem.
                return DailyStateLoad.Corrupt($"The saved {what} is unusable: {e.Message}");
            }
        }

        private static DailyStateLoad ParseJson(string text, string what)
        {
            JObject json;
            try
            {
                using (var reader = new JsonTextReader(new System.IO.StringReader(text)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Double })
                {
                    json = JObject.Load(reader);
                }
            }
            catch (JsonException e)
            {
                return DailyStateLoad.Corrupt($"The saved {what} is not valid JSON ({e.Message}).");
            }

            var problem = Read(json, out var state);
            return problem is null ? DailyStateLoad.Restored(state!) : DailyStateLoad.Corrupt($"The saved {what} is unusable: {problem}");
        }

        private static string? Read(JObject json, out DailyState? state)
        {
            state = null;
            if ((string?)json["schema"] != Schema)
            {
                return "it is not a " + Schema + " record.";
            }

            if (json["version"]?.Type != JTokenType.Integer || (int)json["version"]! != DailyState.CurrentVersion)
            {
                return "version " + (json["version"]?.ToString() ?? "(none)") + " is not " + DailyState.CurrentVersion.ToString(CultureInfo.InvariantCulture) + ".";
            }

            if (!TradingDay.TryParse((string?)json["day"], out var day))
            {
                return "the day is missing or not yyyy-MM-dd.";
            }

            if (!Enum.TryParse<TradingState>((string?)json["state"], false, out var tradingState) || !Enum.IsDefined(typeof(TradingState), tradingState))
            {
                return "the trading state is missing or unknown.";
            }

            if (!TryNumber(json, "startBalance", out var startBalance) || !TryNumber(json, "startEquity", out var startEquity) || !TryNumber(json, "initialBalance", out var initialBalance))
            {
                return "a start amount is missing or not a finite number.";
            }

            if (startBalance < 0 || startEquity < 0 || initialBalance < 0)
            {
                // An account's balance or equity at the day's start is never below zero (the broker stops it out first).
                return "a start amount is negative.";
            }

            if (json["tradesToday"]?.Type != JTokenType.Integer || json["lossStreak"]?.Type != JTokenType.Integer || (int)json["tradesToday"]! < 0 || (int)json["lossStreak"]! < 0)
            {
                return "the trade or loss counters are missing or negative.";
            }

            if (!TryTime(json, "cooldownUntilUtc", out var cooldown) || !TryTime(json, "savedAtUtc", out var savedAt))
            {
                return "a time is missing or not ISO-8601 UTC.";
            }

            if (json["onHold"]?.Type != JTokenType.Boolean || json["stateReason"]?.Type != JTokenType.Integer)
            {
                return "the hold flag or state reason is missing.";
            }

            if (!Enum.IsDefined(typeof(ReasonCode), (int)json["stateReason"]!))
            {
                return "the state reason " + json["stateReason"]!.ToString() + " is not a known reason code.";
            }

            // Added later without a new version (an older build reads the record and ignores them): absent in older records.
            if (!TryIds(json, "countedPositionIds", out var counted, out var idsProblem) || !TryIds(json, "enteredPositionIds", out var entered, out idsProblem))
            {
                return idsProblem;
            }

            if (!TryOptionalTime(json, "countedThroughUtc", out var countedThrough) || !TryOptionalTime(json, "enteredThroughUtc", out var enteredThrough))
            {
                return "a time is missing or not ISO-8601 UTC.";
            }

            state = new DailyState
            {
                Day = day,
                Currency = (string?)json["currency"] ?? string.Empty,
                StartBalance = startBalance,
                StartEquity = startEquity,
                InitialBalance = initialBalance,
                TradesToday = (int)json["tradesToday"]!,
                LossStreak = (int)json["lossStreak"]!,
                CooldownUntilUtc = cooldown,
                State = tradingState,
                StateReason = (ReasonCode)(int)json["stateReason"]!,
                OnHold = (bool)json["onHold"]!,
                SavedAtUtc = savedAt,
                CountedPositionIds = counted,
                CountedThroughUtc = countedThrough,
                EnteredPositionIds = entered,
                EnteredThroughUtc = enteredThrough,
            };
            return null;
        }

        private static bool TryIds(JObject json, string name, out int[]? ids, out string? problem)
        {
            ids = null;
            problem = null;
            var token = json[name];
            if (token is null || token.Type == JTokenType.Null)
            {
                return true;
            }

            var what = name == "countedPositionIds" ? "counted" : "entered";
            if (!(token is JArray array))
            {
                problem = "the " + what + " position ids are not a list.";
                return false;
            }

            ids = new int[array.Count];
            for (var i = 0; i < array.Count; i++)
            {
                if (array[i].Type != JTokenType.Integer)
                {
                    problem = "a " + what + " position id is not a whole number.";
                    return false;
                }

                ids[i] = (int)array[i];
            }

            return true;
        }

        private static bool TryOptionalTime(JObject json, string name, out DateTime? value)
        {
            value = null;
            var token = json[name];
            if (token is null || token.Type == JTokenType.Null)
            {
                return true;
            }

            if (!TryTime(json, name, out var time))
            {
                return false;
            }

            value = time;
            return true;
        }

        private static bool TryNumber(JObject json, string name, out double value)
        {
            value = 0;
            var token = json[name];
            if (token is null || (token.Type != JTokenType.Float && token.Type != JTokenType.Integer))
            {
                return false;
            }

            value = (double)token;
            return !double.IsNaN(value) && !double.IsInfinity(value);
        }

        private static bool TryTime(JObject json, string name, out DateTime value) =>
            DateTime.TryParseExact(
                (string?)json[name],
                "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'",
                CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal,
                out value);

        internal static string Iso(DateTime utc) =>
            DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
    }
}
