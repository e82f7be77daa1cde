using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;

namespace PerpGuard.Cli.Backtest
{
    /// <summary>
    /// Reads a robot's in-memory journal (its public <c>Journal</c> list of events) after a run: refused
    /// entries by reason (from the robot's <c>RefusedByReason</c> counts when it has them, else one per
    /// EntryRefused event), halted days, the planned risk of each position, and every event as a
    /// JSON-ready record. Reads properties by name (Kind, Reason, Utc/AtUtc, PositionId, PlannedRisk,
    /// Message), so it works with any journal event type that carries them.
    /// </summary>
    public static class JournalAdapter
    {
        public sealed class Extract
        {
            public RiskView Risk { get; } = new RiskView();

            /// <summary>Planned risk money by position id (from PositionOpened, else EntryPlanned/TradeClosed).</summary>
            public Dictionary<long, double> PlannedRiskByPosition { get; } = new Dictionary<long, double>();

            /// <summary>
            /// Planned risk per unit of volume by position id (planned risk ÷ the volume it was planned for):
            /// a partial close (the guardian's reduction) carries its share of the risk, not the whole.
            /// </summary>
            public Dictionary<long, double> PlannedRiskPerUnitByPosition { get; } = new Dictionary<long, double>();

            /// <summary>Closes the robot itself made (position id, time) → its reason code (Flatten, LeverageAboveCap, …).</summary>
            public Dictionary<(long PositionId, DateTime Utc), string> RobotCloses { get; } = new Dictionary<(long, DateTime), string>();

            /// <summary>The same, per closed volume, for two cuts of one position in one tick (per-position, then account-wide).</summary>
            public Dictionary<(long PositionId, DateTime Utc, double Volume), string> RobotClosesByVolume { get; } = new Dictionary<(long, DateTime, double), string>();

            public bool HasJournal { get; set; }

            /// <summary>
            /// The planned risk of <paramref name="volume"/> units of the position (a whole trade or a partial
            /// close); 0 when the journal gives none.
            /// </summary>
            public double PlannedRiskFor(long positionId, double volume)
            {
                if (volume > 0 && PlannedRiskPerUnitByPosition.TryGetValue(positionId, out var perUnit))
                {
                    return perUnit * volume;
                }

                return PlannedRiskByPosition.TryGetValue(positionId, out var planned) ? planned : 0;
            }

            /// <summary>
            /// Why a trade closed: the platform's reason, except that a plain "Closed" the robot caused itself
            /// becomes the robot's reason code (a trader reads "KeepFlatWhileHalted", not "Closed").
            /// </summary>
            public string CloseReasonFor(long positionId, DateTime exitUtc, string platformReason, double volume = double.NaN)
            {
                if (platformReason != "Closed")
                {
                    return platformReason;
                }

                if (RobotClosesByVolume.TryGetValue((positionId, exitUtc, VolumeKey(volume)), out var exact))
                {
                    return exact;
                }

                if (RobotCloses.TryGetValue((positionId, exitUtc), out var reason))
                {
                    return reason;
                }

                return platformReason;
            }
        }

        public static Extract FromRobot(object? robot)
        {
            var extract = new Extract();
            var journal = robot?.GetType().GetProperty("Journal", BindingFlags.Public | BindingFlags.Instance)?.GetValue(robot) as IEnumerable;
            if (journal == null)
            {
                return extract;
            }

            extract.HasJournal = true;

            // A robot that journals only the first refusal of each reason per day and state exposes the count of
            // every refused signal (RefusedByReason); the report uses that count, not the journal lines.
            var counted = ReadRefusalCounts(robot!, extract.Risk.RefusedByReason);
            foreach (var e in journal)
            {
                if (e == null)
                {
                    continue;
                }

                Add(extract, e, countRefusals: !counted);
            }

            return extract;
        }

        /// <summary>Copies the robot's RefusedByReason counts (string → int) into <paramref name="into"/>; false when it has none.</summary>
        public static bool ReadRefusalCounts(object robot, IDictionary<string, int> into)
        {
            if (robot.GetType().GetProperty("RefusedByReason", BindingFlags.Public | BindingFlags.Instance)?.GetValue(robot) is not IEnumerable<KeyValuePair<string, int>> counts)
            {
                return false;
            }

            foreach (var kv in counts)
            {
                var key = kv.Key.Length > 0 ? kv.Key : "Unspecified";
                into.TryGetValue(key, out var n);
                into[key] = n + kv.Value;
            }

            return true;
        }

        /// <summary>Folds one event into the extract.</summary>
        public static void Add(Extract extract, object e) => Add(extract, e, countRefusals: true);

        /// <summary>Folds one event into the extract; refused entries are counted only when <paramref name="countRefusals"/>.</summary>
        public static void Add(Extract extract, object e, bool countRefusals)
        {
            var kind = Read(e, "Kind")?.ToString() ?? string.Empty;
            var reason = Read(e, "Reason")?.ToString() ?? string.Empty;
            var message = Read(e, "Message")?.ToString() ?? string.Empty;
            var time = Read(e, "Utc") as DateTime? ?? Read(e, "AtUtc") as DateTime?;
            var positionId = Read(e, "PositionId") is object id ? ToLong(id) : 0;
            var planned = Read(e, "PlannedRisk") as double? ?? Read(e, "PlannedRiskMoney") as double?;
            var volume = Read(e, "Volume") as double?;

            switch (kind)
            {
                case "EntryRefused" when countRefusals:
                    var key = reason.Length > 0 ? reason : "Unspecified";
                    extract.Risk.RefusedByReason.TryGetValue(key, out var n);
                    extract.Risk.RefusedByReason[key] = n + 1;
                    break;
                case "StateChanged":
                    // Transitions are written "From -> To" (or carry a To property).
                    var to = Read(e, "To")?.ToString() ?? message;
                    if (time.HasValue && to.EndsWith("Halted", StringComparison.Ordinal))
                    {
                        extract.Risk.HaltedDays.Add(DateTime.SpecifyKind(time.Value.Date, DateTimeKind.Utc));
                    }

                    break;
                case "PositionOpened":
                    if (positionId != 0 && planned.HasValue && planned.Value > 0 && !double.IsNaN(planned.Value))
                    {
                        extract.PlannedRiskByPosition[positionId] = planned.Value;
                        if (volume.HasValue && volume.Value > 0)
                        {
                            extract.PlannedRiskPerUnitByPosition[positionId] = planned.Value / volume.Value;
                        }
                    }

                    break;
                case "StopAttached":
                case "TradeClosed":
                    if (positionId != 0 && planned.HasValue && planned.Value > 0 && !double.IsNaN(planned.Value))
                    {
                        if (!extract.PlannedRiskByPosition.ContainsKey(positionId))
                        {
                            extract.PlannedRiskByPosition[positionId] = planned.Value;
                        }

                        if (volume.HasValue && volume.Value > 0 && !extract.PlannedRiskPerUnitByPosition.ContainsKey(positionId))
                        {
                            extract.PlannedRiskPerUnitByPosition[positionId] = planned.Value / volume.Value;
                        }
                    }

                    break;
                case "FlattenClose":
                case "NakedPositionClosed":
                case "OversizeClosed":
                case "OversizeReduced":
                    if (positionId != 0 && time.HasValue && reason.Length > 0)
                    {
                        var at = DateTime.SpecifyKind(time.Value, DateTimeKind.Utc);
                        extract.RobotCloses[(positionId, at)] = reason;
                        if (volume.HasValue)
                        {
                            extract.RobotClosesByVolume[(positionId, at, VolumeKey(volume.Value))] = reason;
                        }
                    }

                    break;
            }

            extract.Risk.JournalRecords.Add(ToRecord(e));
        }

        /// <summary>All readable public properties, without NaN numbers and nulls, in declaration order.</summary>
        public static IDictionary<string, object?> ToRecord(object e)
        {
            var props = e.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance);
            var result = new Dictionary<string, object?>();
            foreach (var p in props)
            {
                if (p.GetIndexParameters().Length > 0)
                {
                    continue;
                }

                var value = p.GetValue(e);
                if (value == null || (value is double d && (double.IsNaN(d) || double.IsInfinity(d))) || (value is string s && s.Length == 0))
                {
                    continue;
                }

                result[p.Name] = value;
            }

            return result;
        }

        // Volumes as the broker's step grid: 0.58 and 0.58000000000000007 are the same cut.
        private static double VolumeKey(double volume) => double.IsNaN(volume) ? double.NaN : Math.Round(volume, 8);

        private static object? Read(object e, string name) =>
            e.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance)?.GetValue(e);

        private static long ToLong(object value)
        {
            try
            {
                return Convert.ToInt64(value, CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is FormatException || ex is InvalidCastException || ex is OverflowException)
            {
                return 0;
            }
        }
    }
}
