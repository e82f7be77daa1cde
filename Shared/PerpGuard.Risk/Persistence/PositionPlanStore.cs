using System;
using System.Collections.Generic;
using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PerpGuard.Risk.Persistence
{
    /// <summary>What a robot planned for one of its positions when it opened it: the stop its 1R is measured from and the money that stop risks.</summary>
    public readonly struct PositionPlan
    {
        public PositionPlan(int positionId, double entryPrice, double initialStop, double plannedRisk)
        {
            PositionId = positionId;
            EntryPrice = entryPrice;
            InitialStop = initialStop;
            PlannedRisk = plannedRisk;
        }

        public int PositionId { get; }

        /// <summary>The fill price (a check that the record belongs to the position found under this id).</summary>
        public double EntryPrice { get; }

        /// <summary>The first stop: 1R is the distance from the entry to it.</summary>
        public double InitialStop { get; }

        /// <summary>Money lost at the initial stop, fees included (NaN when unknown).</summary>
        public double PlannedRisk { get; }
    }

    /// <summary>The outcome of reading the saved plans; a corrupt record carries the problem text and no plans.</summary>
    public sealed class PositionPlanLoad
    {
        private static readonly IReadOnlyDictionary<int, PositionPlan> None = new Dictionary<int, PositionPlan>();

        private PositionPlanLoad(LoadStatus status, IReadOnlyDictionary<int, PositionPlan> plans, string? problem)
        {
            Status = status;
            Plans = plans;
            Problem = problem;
        }

        public LoadStatus Status { get; }

        /// <summary>The plans by position id (empty unless Restored).</summary>
        public IReadOnlyDictionary<int, PositionPlan> Plans { get; }

        public string? Problem { get; }

        public static PositionPlanLoad Missing() => new PositionPlanLoad(LoadStatus.Missing, None, null);

        public static PositionPlanLoad Restored(IReadOnlyDictionary<int, PositionPlan> plans) => new PositionPlanLoad(LoadStatus.Restored, plans, null);

        public static PositionPlanLoad Corrupt(string problem) => new PositionPlanLoad(LoadStatus.Corrupt, None, problem);
    }

    /// <summary>
    /// Saves the plans of a robot's open positions under one key as one small versioned JSON record
    /// (<c>{"schema":"perpguard.position-plans","version":1,"plans":[{"id":…,"entry":…,"initialStop":…,"plannedRisk":…}]}</c>),
    /// so a restarted robot measures R from the stop it planned, not from a stop it has since trailed or moved to
    /// break-even. One Set replaces the whole record (atomic); written when a position opens or closes, never per tick.
    /// </summary>
    public sealed class PositionPlanStore
    {
        public const string Schema = "perpguard.position-plans";
        public const int CurrentVersion = 1;

        private readonly StoredRecord _record;

        public PositionPlanStore(IKeyValueStore store, string key)
        {
            _record = new StoredRecord(store, key, "The position plans", "The position plans need a key.", t => Parse(t).Problem);
        }

        public string Key => _record.Key;

        public void Save(IEnumerable<PositionPlan> plans) => _record.Write(Serialize(plans ?? throw new ArgumentNullException(nameof(plans))));

        public PositionPlanLoad Load()
        {
            if (!_record.TryRead(out var text, out var problem))
            {
                return PositionPlanLoad.Corrupt(problem!);
            }

            if (text is null)
            {
                return PositionPlanLoad.Missing();
            }

            // Unusable: kept aside before the robot saves its current plans over it.
            var load = Parse(text);
            return load.Status == LoadStatus.Corrupt ? PositionPlanLoad.Corrupt(_record.KeepAside(text, load.Problem!)) : load;
        }

        /// <summary>The record as one line of JSON (what <see cref="Save"/> stores). NaN amounts are written as null.</summary>
        public static string Serialize(IEnumerable<PositionPlan> plans)
        {
            var list = new JArray();
            foreach (var p in plans)
            {
                list.Add(new JObject
                {
                    ["id"] = p.PositionId,
                    ["entry"] = Number(p.EntryPrice),
                    ["initialStop"] = Number(p.InitialStop),
                    ["plannedRisk"] = Number(p.PlannedRisk),
                });
            }

            var record = new JObject
            {
                ["schema"] = Schema,
                ["version"] = CurrentVersion,
                ["plans"] = list,
            };
            return record.ToString(Formatting.None);
        }

        /// <summary>Parses a saved record; any problem makes the whole record Corrupt (the robot then falls back to the current stops).</summary>
        public static PositionPlanLoad Parse(string text)
        {
            try
            {
                return ParseJson(text);
            }
            catch (Exception e) when (StoredRecord.IsMalformed(e))
            {
                // A field of the wrong JSON type, an id beyond the range of position ids: unusable like any other problem.
                return PositionPlanLoad.Corrupt("The saved position plans are unusable: " + e.Message);
            }
        }

        private static PositionPlanLoad ParseJson(string text)
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
                return PositionPlanLoad.Corrupt("The saved position plans are not valid JSON (" + e.Message + ").");
            }

            if ((string?)json["schema"] != Schema)
            {
                return PositionPlanLoad.Corrupt("The saved position plans are not a " + Schema + " record.");
            }

            if (json["version"]?.Type != JTokenType.Integer || (int)json["version"]! != CurrentVersion)
            {
                return PositionPlanLoad.Corrupt("The saved position plans have version " + (json["version"]?.ToString() ?? "(none)") + ", not " +
                    CurrentVersion.ToString(CultureInfo.InvariantCulture) + ".");
            }

            if (!(json["plans"] is JArray array))
            {
                return PositionPlanLoad.Corrupt("The saved position plans have no list of plans.");
            }

            var plans = new Dictionary<int, PositionPlan>();
            foreach (var token in array)
            {
                if (!(token is JObject item) || item["id"]?.Type != JTokenType.Integer
                    || !TryNumber(item["entry"], out var entry) || !TryNumber(item["initialStop"], out var stop) || !TryNumber(item["plannedRisk"], out var risk)
                    || !(entry > 0) || !(stop > 0))
                {
                    return PositionPlanLoad.Corrupt("A saved position plan is missing its id, entry or initial stop.");
                }

                var id = (int)item["id"]!;
                plans[id] = new PositionPlan(id, entry, stop, risk);
            }

            return PositionPlanLoad.Restored(plans);
        }

        private static JToken Number(double value) => double.IsNaN(value) || double.IsInfinity(value) ? JValue.CreateNull() : new JValue(value);

        private static bool TryNumber(JToken? token, out double value)
        {
            value = double.NaN;
            if (token is null)
            {
                return false;
            }

            if (token.Type == JTokenType.Null)
            {
                return true;
            }

            if (token.Type != JTokenType.Float && token.Type != JTokenType.Integer)
            {
                return false;
            }

            value = (double)token;
            return !double.IsInfinity(value);
        }
    }
}
