using System;
using System.Linq;
using PerpGuard.Risk.Pipeline;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>The trading-session parameters as documented (docs/robots.md: "end may be 24:00").</summary>
    public class ScalperSessionTests
    {
        [Test]
        public void OnStart_SessionEndAt2400_StartsAndEntersOnlyInsideTheSession()
        {
            // The validator accepts "24:00" as a session end ("Session end must be HH:mm or 24:00").
            // A 12:00–24:00 UTC session, worked by hand: the bot starts (no error), every entry is at or
            // after 12:00 UTC, and a signal before 12:00 UTC is refused OutsideTradingHours.
            var parameters = RobotRuns.Params(("SessionStart", "12:00"), ("SessionEnd", "24:00"));

            var (_, bot) = RobotRuns.RunScalper(RobotRuns.Options(RobotRuns.NautilusDays(2)), parameters);

            Assert.That(bot.Journal.OfKind(PipelineEventKind.Started).Count(), Is.EqualTo(1));
            var opened = bot.Journal.OfKind(PipelineEventKind.PositionOpened).ToList();
            Assert.That(opened, Is.Not.Empty);
            Assert.That(opened.Where(e => e.Utc.TimeOfDay < new TimeSpan(12, 0, 0)), Is.Empty);
            Assert.That(bot.Journal.OfKind(PipelineEventKind.EntryRefused).Any(e => e.Reason == "OutsideTradingHours" && e.Utc.TimeOfDay < new TimeSpan(12, 0, 0)), Is.True);
        }
    }
}
