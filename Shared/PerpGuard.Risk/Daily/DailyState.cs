using System;
using PerpGuard.Risk.Rules;
using PerpGuard.Risk.Time;

namespace PerpGuard.Risk.Daily
{
    /// <summary>
    /// What must survive a restart mid-day: the day, its start values, its counters and its state.
    /// Saved by <see cref="Persistence.DailyStateStore"/>; restored by <see cref="DailyRiskTracker.Start"/>.
    /// </summary>
    public sealed class DailyState
    {
        public const int CurrentVersion = 1;

        public int Version { get; set; } = CurrentVersion;

        public TradingDay Day { get; set; }

        public string Currency { get; set; } = string.Empty;

        public double StartBalance { get; set; }

        public double StartEquity { get; set; }

        /// <summary>The first balance ever seen (for <see cref="DailyBaseKind.InitialBalance"/>).</summary>
        public double InitialBalance { get; set; }

        public int TradesToday { get; set; }

        public int LossStreak { get; set; }

        public DateTime CooldownUntilUtc { get; set; }

        public TradingState State { get; set; }

        public ReasonCode StateReason { get; set; }

        public bool OnHold { get; set; }

        /// <summary>When it was saved (from the clock), for the trader's eyes.</summary>
        public DateTime SavedAtUtc { get; set; }

        /// <summary>
        /// The positions (cTrader <c>Position.Id</c>) whose final close the day has counted, oldest first, at most
        /// <see cref="DailyRiskTracker.MaxCountedPositionIds"/>. Null in a record saved before they were kept: a restart
        /// then takes every close up to <see cref="SavedAtUtc"/> as counted (the former time rule, see <see cref="CountedCloses"/>).
        /// </summary>
        public int[]? CountedPositionIds { get; set; }

        /// <summary>
        /// Closes at or before this time count as already counted whatever their id (null: only the ids decide): the start of
        /// a bot that had no trusted saved day (it counted nothing before it), the save of an older record restored on the
        /// same day, or the moment the oldest ids were dropped to keep the record bounded.
        /// </summary>
        public DateTime? CountedThroughUtc { get; set; }

        /// <summary>
        /// The positions whose entry the day counted toward its trades (cTrader <c>Position.Id</c>), oldest first, bounded
        /// as <see cref="CountedPositionIds"/>; null in an older record (entries up to <see cref="SavedAtUtc"/> count as counted).
        /// </summary>
        public int[]? EnteredPositionIds { get; set; }

        /// <summary>Entries at or before this time count as counted whatever their id (as <see cref="CountedThroughUtc"/>).</summary>
        public DateTime? EnteredThroughUtc { get; set; }
    }
}
