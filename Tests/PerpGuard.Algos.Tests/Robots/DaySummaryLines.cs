using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>The bots' day summary lines (DayTally) as the tests read them back from a run's log.</summary>
    internal static class DaySummaryLines
    {
        /// <summary>
        /// One line, the scalper's or the guardian's: the refusals clause is the scalper's only, "over N with a planned
        /// risk" appears when some closed trades had none.
        /// </summary>
        public static readonly Regex Line = new Regex(
            @"^Day (?<day>\d{4}-\d{2}-\d{2}) (?<when>ended|so far:) (?<state>\w+).*equity (?<start>-?[\d.]+) -> (?<end>-?[\d.]+) USD \((?<pnl>[-+]?[\d.]+), [-+]?[\d.]+ %; loss limit (?<limit>[\d.]+)\), (?<entries>\d+) entr(y|ies); (since the bot started at \d{2}:\d{2} UTC )?(?<closed>\d+) closed(: (?<won>\d+) won, (?<lost>\d+) lost(, R (?<r>[-+]?[\d.]+)( over \d+ with a planned risk)?( \(best [^)]*\))?)?)?(; (?<refused>\d+) signals? refused)?\.$",
            RegexOptions.CultureInvariant);

        /// <summary>
        /// The day lines of the log's entries whose stamp ("time [instance] ") contains <paramref name="stampContains"/>
        /// (all when null), without the stamp.
        /// </summary>
        public static List<string> Of(IEnumerable<string> log, string? stampContains = null) =>
            log.Where(l => stampContains is null || l.Contains(stampContains, StringComparison.Ordinal))
                .Select(WithoutStamp)
                .Where(l => l.StartsWith("Day ", StringComparison.Ordinal))
                .ToList();

        /// <summary>A log entry without its "time [instance] " stamp.</summary>
        public static string WithoutStamp(string entry) => entry.Substring(entry.IndexOf("] ", StringComparison.Ordinal) + 2);
    }
}
