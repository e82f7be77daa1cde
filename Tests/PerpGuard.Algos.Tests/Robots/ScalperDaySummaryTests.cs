using System;
using System.Globalization;
using System.Linq;
using PerpGuard.Headless.Backtesting;
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
        [Test]
        public void Run_ThreeNautilusDays_OneLinePerDayMatchingTheJournal()
        {
            var (result, bot) = RobotRuns.RunScalper(RobotRuns.Options(RobotRuns.NautilusDays(3)));
            var lines = DaySummaryLines.Of(result.Log);

            Assert.That(lines.Select(l => l.Substring(4, 10) + (l.Contains(" ended ") ? " ended" : " so far")), Is.EqualTo(new[]
            {
                "2022-01-01 ended", "2022-01-02 ended", "2022-01-03 so far",
            }), string.Join("\n", lines));

            var previousEnd = double.NaN;
            var trades = 0;
            foreach (var text in lines)
            {
                var m = DaySummaryLines.Line.Match(text);
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

                // The default limit is a share of the start-of-day equity (the bot's *Daily loss %*).
                Assert.That(double.Parse(m.Groups["limit"].Value, CultureInfo.InvariantCulture), Is.EqualTo(start * bot.DailyLossPercent / 100).Within(0.006), text);
                var end = double.Parse(m.Groups["end"].Value, CultureInfo.InvariantCulture);
                Assert.That(end - start, Is.EqualTo(closed.Sum(e => e.Value)).Within(0.011), text);
                Assert.That(double.Parse(m.Groups["pnl"].Value, CultureInfo.InvariantCulture), Is.EqualTo(end - start).Within(1e-6), "the change is the printed equities' difference: " + text);
                if (!double.IsNaN(previousEnd))
                {
                    Assert.That(start, Is.EqualTo(previousEnd), "a day starts where the one before ended: " + text);
                }

                previousEnd = end;
            }

            Assert.That(trades, Is.GreaterThan(0), "the three days must trade for this test to mean anything");
            var refused = lines.Sum(l => int.Parse(DaySummaryLines.Line.Match(l).Groups["refused"].Value, CultureInfo.InvariantCulture));
            Assert.That(refused, Is.EqualTo(bot.RefusedByReason.Values.Sum()), "every refused signal in exactly one day's line");
        }

        [Test]
        public void Restart_DuringTheDay_EndedLineHasTheWholeDaysEntriesAndTheClosesAndRefusalsSinceTheRestart()
        {
            // One instance stops at 01:30 UTC on 1 Jan 2022 (after two trades), the next starts then and finds the day's record.
            var storage = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "perpguard-daysummary-" + Guid.NewGuid().ToString("N"));
            var first = RobotRuns.Params(("StorageKey", "summary"), ("StopAtUtc", "2022-01-01T01:30:00Z"));
            var second = RobotRuns.Params(("StorageKey", "summary"), ("StartAtUtc", "2022-01-01T01:30:00Z"));
            var result = new BacktestEngine(RobotRuns.Options(RobotRuns.NautilusDays(2), storage: storage))
                .Run(AlgoSpec.Of<RestartedScalper>(first), AlgoSpec.Of<RestartedScalper>(second));
            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            var before = (RestartedScalper)result.Robots[0];
            var after = (RestartedScalper)result.Robots[1];
            var day = new DateTime(2022, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            bool OnDay(PipelineEvent e) => e.Utc >= day && e.Utc < day.AddDays(1);

            var lines = result.Log.Where(l => l.Contains("] Day ", StringComparison.Ordinal)).ToList();
            var atStop = lines.Where(l => l.Contains("RestartedScalper-1]", StringComparison.Ordinal)).ToList();
            var restarted = DaySummaryLines.Of(result.Log, "RestartedScalper-2]");
            Assert.That(atStop, Has.Count.EqualTo(1), string.Join("\n", lines));
            Assert.That(restarted.Select(l => l.Substring(4, 10)), Is.EqualTo(new[] { "2022-01-01", "2022-01-02" }), string.Join("\n", lines));

            var ended = DaySummaryLines.Line.Match(restarted[0]);
            Assert.That(ended.Success && ended.Groups["when"].Value == "ended", Is.True, restarted[0]);
            Assert.That(restarted[0], Does.Contain("; since the bot started at 01:30 UTC "), "the closes it counts are only those it saw");
            Assert.That(restarted[1], Does.Not.Contain("since the bot started"), "the next day it saw from its start");

            // Entries: the day's record, both instances'. Closed and refused: the restarted instance's own.
            var entries = before.Journal.OfKind(PipelineEventKind.PositionOpened).Count(OnDay) + after.Journal.OfKind(PipelineEventKind.PositionOpened).Count(OnDay);
            var closedAfter = after.Journal.OfKind(PipelineEventKind.TradeClosed).Where(OnDay).ToList();
            Assert.That(before.Journal.OfKind(PipelineEventKind.PositionOpened).Count(OnDay), Is.GreaterThan(0), "the first hours must trade for this test to mean anything");
            Assert.That(closedAfter, Is.Not.Empty, "the rest of the day must close a trade for this test to mean anything");
            Assert.That(int.Parse(ended.Groups["entries"].Value, CultureInfo.InvariantCulture), Is.EqualTo(entries), restarted[0]);
            Assert.That(int.Parse(ended.Groups["closed"].Value, CultureInfo.InvariantCulture), Is.EqualTo(closedAfter.Count), restarted[0]);
            Assert.That(double.Parse(ended.Groups["r"].Value, CultureInfo.InvariantCulture), Is.EqualTo(closedAfter.Sum(e => e.Value / e.PlannedRisk)).Within(0.005), restarted[0]);
            var refused = restarted.Sum(l => int.Parse(DaySummaryLines.Line.Match(l).Groups["refused"].Value, CultureInfo.InvariantCulture));
            Assert.That(refused, Is.EqualTo(after.RefusedByReason.Values.Sum()), "the restarted instance's refusals, each in one of its lines");

            // The day's money is the record's: it starts where the first instance's day started.
            var stopLine = DaySummaryLines.Line.Match(DaySummaryLines.WithoutStamp(atStop[0]));
            Assert.That(stopLine.Success && stopLine.Groups["when"].Value == "so far:", Is.True, atStop[0]);
            Assert.That(ended.Groups["start"].Value, Is.EqualTo(stopLine.Groups["start"].Value), restarted[0]);
        }
    }
}
