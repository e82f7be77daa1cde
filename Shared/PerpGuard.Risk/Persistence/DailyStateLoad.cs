using PerpGuard.Risk.Daily;

namespace PerpGuard.Risk.Persistence
{
    public enum LoadStatus
    {
        /// <summary>Nothing saved yet: a genuinely fresh start.</summary>
        Missing = 0,

        Restored = 1,

        /// <summary>Something was saved but cannot be trusted: the day starts Halted until the next reset.</summary>
        Corrupt = 2,
    }

    /// <summary>The outcome of reading the saved daily state; a corrupt record carries the problem text.</summary>
    public sealed class DailyStateLoad
    {
        private DailyStateLoad(LoadStatus status, DailyState? state, string? problem)
        {
            Status = status;
            State = state;
            Problem = problem;
        }

        public LoadStatus Status { get; }

        /// <summary>The restored state (only when <see cref="Status"/> is Restored).</summary>
        public DailyState? State { get; }

        /// <summary>What was wrong (only when Corrupt), for the log and the journal.</summary>
        public string? Problem { get; }

        public static DailyStateLoad Missing() => new DailyStateLoad(LoadStatus.Missing, null, null);

        public static DailyStateLoad Restored(DailyState state) => new DailyStateLoad(LoadStatus.Restored, state, null);

        public static DailyStateLoad Corrupt(string problem) => new DailyStateLoad(LoadStatus.Corrupt, null, problem);
    }
}
