using System;
using System.Collections.Generic;
using PerpGuard.Cli.Backtest;

namespace PerpGuard.Cli.Tests
{
    /// <summary>
    /// refusedByReason counts every refused signal: from the robot's RefusedByReason counter when it has one
    /// (its journal keeps only the first refusal of each reason per day and state), else one per journal line.
    /// </summary>
    public class JournalAdapterRefusalCountTests
    {
        public sealed class Line
        {
            public DateTime Utc { get; set; } = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

            public string Kind { get; set; } = "EntryRefused";

            public string Reason { get; set; } = string.Empty;
        }

        public sealed class CountingRobot
        {
            public List<Line> Journal { get; } = new List<Line>();

            public IReadOnlyDictionary<string, int> RefusedByReason { get; set; } = new Dictionary<string, int>();
        }

        public sealed class JournalOnlyRobot
        {
            public List<Line> Journal { get; } = new List<Line>();
        }

        [Test]
        public void FromRobot_RobotCountsRefusals_ReportUsesTheCountNotTheLines()
        {
            // Journal: the first TradingHalted line of the day; counter: 240 halted signals, 3 spread refusals.
            var robot = new CountingRobot
            {
                RefusedByReason = new Dictionary<string, int> { ["TradingHalted"] = 240, ["SpreadTooWide"] = 3 },
            };
            robot.Journal.Add(new Line { Reason = "TradingHalted" });
            robot.Journal.Add(new Line { Reason = "SpreadTooWide" });

            var extract = JournalAdapter.FromRobot(robot);

            Assert.That(extract.Risk.RefusedByReason["TradingHalted"], Is.EqualTo(240));
            Assert.That(extract.Risk.RefusedByReason["SpreadTooWide"], Is.EqualTo(3));
            Assert.That(extract.Risk.RefusedByReason.Count, Is.EqualTo(2));
            Assert.That(extract.Risk.JournalRecords.Count, Is.EqualTo(2), "the journal lines are still exported");
        }

        [Test]
        public void FromRobot_NoCounter_OneRefusalPerJournalLine()
        {
            var robot = new JournalOnlyRobot();
            robot.Journal.Add(new Line { Reason = "SpreadTooWide" });
            robot.Journal.Add(new Line { Reason = "SpreadTooWide" });
            robot.Journal.Add(new Line { Reason = string.Empty });

            var extract = JournalAdapter.FromRobot(robot);

            Assert.That(extract.Risk.RefusedByReason["SpreadTooWide"], Is.EqualTo(2));
            Assert.That(extract.Risk.RefusedByReason["Unspecified"], Is.EqualTo(1));
        }
    }
}
