using System;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using PerpGuard.Risk.Pipeline;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>
    /// The scalper prints one line when each trading day ends and one at its stop. Checked on three real Nautilus days
    /// against an independent count from the journal: the day's PositionOpened and TradeClosed events, their wins and
    /// losses to the cent, their R (net ÷ planned risk), and the day's equity change.
    /// </summary>
    public class ScalperDaySummaryTests
    {
        private static readonly Regex Line = new Regex(
            @"^Day (?<day>\d{4}-\d{2}-\d{2}) (?<when>ended|so far:) (?<state>\w+).*equity (?<start>-?[\d.]+) -> (?<end>-?[\d.]+) USD \((?<pnl>[-+]?[\d.]+), [-+]?[\d.]+ %\), (?<entries>\d+) entr(y|ies); (since the bot started at \d{2}:\d{2} UTC )?(?<closed>\d+) closed(: (?<won>\d+) won, (?<lost>\d+) lost(, R (?<r>[-+]?[\d.]+)( \(best [^)]*\))?)?)?; (?<refused>\d+) signals? refused\.$",
            RegexOptions.CultureInvariant);

        [Test]
        public void Run_ThreeNautilusDays_OneLinePerDayMatchingTheJournal()
        {
            var (result, bot) = RobotRuns.RunScalper(RobotRuns.Options(RobotRuns.NautilusDays(3)));
            // The log stamps each printed line "time [instance] ".
            var lines = result.Log.Select(l => l.Substring(l.IndexOf("] ", StringComparison.Ordinal) + 2)).Where(l => l.StartsWith("Day ", StringComparison.Ordinal)).ToList();

            Assert.That(lines.Select(l => l.Substring(4, 10) + (l.Contains(" ended ") ? " ended" : " so far")), Is.EqualTo(new[]
            {
                "2022-01-01 ended", "2022-01-02 ended", "2022-01-03 so far",
            }), string.Join("\n", lines));

            var previousEnd = double.NaN;
            var trades = 0;
            foreach (var text in lines)
            {
                var m = Line.Match(text);
                Assert.That(m.Success, Is.True, text);
                var day = DateTime.ParseExact(m.Groups["day"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                bool OnDay(PipelineEvent e) => e.Utc >= day && e.Utc < day.AddDays(1);
                var opened = bot.Journal.OfKind(PipelineEventKind.PositionOpened).Count(OnDay);
                var closed = bot.Journal.OfKind(PipelineEventKind.TradeClosed).Where(OnDay).ToList();
                trades += closed.Count;

                Assert.That(int.Parse(m.Groups["entries"].Value, CultureInfo.InvariantCulture), Is.EqualTo(opened), text);
                Assert.That(int.Parse(m.Groups["closed"].Value, CultureInfo.InvariantCulture), Is.EqualTo(closed.Count), text);
                if (closed.Count > 0)
                {
                    Assert.That(int.Parse(m.Groups["won"].Value, CultureInfo.InvariantCulture), Is.EqualTo(closed.Count(e => Math.Round(e.Value, 2) > 0)), text);
                    Assert.That(int.Parse(m.Groups["lost"].Value, CultureInfo.InvariantCulture), Is.EqualTo(closed.Count(e => Math.Round(e.Value, 2) < 0)), text);
                    Assert.That(double.Parse(m.Groups["r"].Value, CultureInfo.InvariantCulture), Is.EqualTo(closed.Sum(e => e.Value / e.PlannedRisk)).Within(0.005), text);
                }

                // Flat at each reset (the bot closes before the rollover): the day's equity change is its closed trades' net.
                var start = double.Parse(m.Groups["start"].Value, CultureInfo.InvariantCulture);
                var end = double.Parse(m.Groups["end"].Value, CultureInfo.InvariantCulture);
                Assert.That(end - start, Is.EqualTo(closed.Sum(e => e.Value)).Within(0.011), text);
                if (!double.IsNaN(previousEnd))
                {
                    Assert.That(start, Is.EqualTo(previousEnd), "a day starts where the one before ended: " + text);
                }

                previousEnd = end;
            }

            Assert.That(trades, Is.GreaterThan(0), "the three days must trade for this test to mean anything");
            var refused = lines.Sum(l => int.Parse(Line.Match(l).Groups["refused"].Value, CultureInfo.InvariantCulture));
            Assert.That(refused, Is.EqualTo(bot.RefusedByReason.Values.Sum()), "every refused signal in exactly one day's line");
        }
    }
}
