using System;
using Newtonsoft.Json;

namespace PerpGuard.Risk.Journal
{
    /// <summary>What a journal line records.</summary>
    public enum JournalEventKind
    {
        /// <summary>A risk decision about an order (allowed, reduced or refused, with the rule).</summary>
        Decision = 0,

        /// <summary>A position that closed, with its costs and R numbers.</summary>
        TradeClosed = 1,

        /// <summary>The day's state or manual hold changed (halts, resets).</summary>
        StateChanged = 2,

        /// <summary>Anything else worth keeping (a restart, a corrupt state report, an order error).</summary>
        Note = 3,
    }

    /// <summary>
    /// One append-only journal record. Serialized by <see cref="JournalJson"/> with a "kind"
    /// discriminator and the schema version "v"; never edited after it is written.
    /// </summary>
    public abstract class JournalEvent
    {
        /// <summary>Version of the journal schema this record follows.</summary>
        public const int CurrentVersion = 1;

        [JsonProperty("v", Order = -10)]
        public int Version { get; set; } = CurrentVersion;

        [JsonProperty(Order = -9)]
        public abstract JournalEventKind Kind { get; }

        /// <summary>When it happened (from the clock: Server.Time in a bot).</summary>
        [JsonProperty(Order = -8)]
        public DateTime AtUtc { get; set; }

        /// <summary>Which bot or tool wrote it (its label), so one store can hold several.</summary>
        [JsonProperty(Order = -7)]
        public string? Source { get; set; }

        [JsonProperty(Order = -6)]
        public string? Symbol { get; set; }
    }

    /// <summary>A free-text record (restart, corrupt state, order error), with a reason code when there is one.</summary>
    public sealed class NoteEvent : JournalEvent
    {
        public override JournalEventKind Kind => JournalEventKind.Note;

        public Rules.ReasonCode Reason { get; set; }

        public int ReasonNumber => (int)Reason;

        public string Text { get; set; } = string.Empty;
    }
}
