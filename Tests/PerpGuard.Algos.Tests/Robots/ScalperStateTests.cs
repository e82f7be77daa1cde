using System;
using System.IO;
using System.Linq;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Pipeline;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>Daily state across restarts and day resets in a non-UTC zone.</summary>
    public class ScalperStateTests
    {
        private static PerpGuard.MarketData.MarketBar[] Window(DateTime fromUtc, DateTime toUtc) =>
            RobotRuns.Nautilus().Where(b => b.OpenTimeUtc >= fromUtc.AddMinutes(-120) && b.OpenTimeUtc < toUtc).ToArray();

        [Test]
        public void Restart_MidDayAfterMaxTrades_StillReducingUntilTheReset()
        {
            var storage = Path.Combine(Path.GetTempPath(), "perpguard-h6-restart-" + Guid.NewGuid().ToString("N"));
            var parameters = RobotRuns.Params(("MaxTradesPerDay", 1), ("StorageKey", "restart"));
            var midDay = new DateTime(2022, 1, 5, 14, 0, 0, DateTimeKind.Utc);

            var (_, first) = RobotRuns.RunScalper(RobotRuns.Options(Window(new DateTime(2022, 1, 5, 0, 0, 0, DateTimeKind.Utc), midDay), storage: storage), parameters);
            Assert.That(first.Journal.OfKind(PipelineEventKind.PositionOpened).Count(), Is.EqualTo(1), "one trade, then the day stops new entries");
            Assert.That(first.DailyStatus.State, Is.EqualTo(TradingState.Reducing));

            var (_, second) = RobotRuns.RunScalper(RobotRuns.Options(Window(midDay, new DateTime(2022, 1, 6, 6, 0, 0, DateTimeKind.Utc)), storage: storage), parameters);

            var restored = second.Journal.OfKind(PipelineEventKind.StateRestored).Single();
            Assert.That(restored.Reason, Is.EqualTo("Restored"));
            var reset = second.Journal.OfKind(PipelineEventKind.StateChanged).First(e => e.Reason == "DayReset");
            Assert.That(reset.Utc, Is.EqualTo(new DateTime(2022, 1, 6, 0, 0, 0, DateTimeKind.Utc)));
            Assert.That(second.Journal.OfKind(PipelineEventKind.PositionOpened).Where(e => e.Utc < reset.Utc), Is.Empty, "no entry before the reset after the restart");
            Assert.That(second.Journal.OfKind(PipelineEventKind.EntryRefused).Where(e => e.Utc < reset.Utc).Select(e => e.Reason).Distinct(),
                Is.EquivalentTo(new[] { "TradingReducing" }).Or.Empty);
        }

        [Test]
        public void Restart_AfterHalt_StaysHaltedUntilTheReset()
        {
            var storage = Path.Combine(Path.GetTempPath(), "perpguard-h6-halt-" + Guid.NewGuid().ToString("N"));
            // A 0.005 % daily profit target (0.50 USD) halts the day at the first winning trade. (A tiny
            // loss limit would not: sizing spends only the remaining budget, so losses approach it from below.)
            var parameters = RobotRuns.Params(("DailyProfitPercent", 0.005), ("StorageKey", "halt"));
            var from = new DateTime(2022, 1, 3, 0, 0, 0, DateTimeKind.Utc);

            var (firstResult, first) = RobotRuns.RunScalper(RobotRuns.Options(Window(from, from.AddDays(1)), storage: storage), parameters);
            var halt = first.Journal.OfKind(PipelineEventKind.StateChanged).FirstOrDefault(e => e.Message.EndsWith("Halted", StringComparison.Ordinal));
            Assert.That(halt, Is.Not.Null, "the day halted");
            var restartAt = halt!.Utc.AddMinutes(30);
            Assert.That(restartAt.Date, Is.EqualTo(halt.Utc.Date), "restart on the same trading day");

            var (_, second) = RobotRuns.RunScalper(RobotRuns.Options(Window(restartAt, restartAt.Date.AddDays(1).AddHours(3)), storage: storage), parameters);

            Assert.That(second.Journal.OfKind(PipelineEventKind.StateRestored).Single().Message, Is.EqualTo("Halted"));
            var reset = second.Journal.OfKind(PipelineEventKind.StateChanged).First(e => e.Reason == "DayReset");
            Assert.That(second.Journal.OfKind(PipelineEventKind.PositionOpened).Where(e => e.Utc < reset.Utc), Is.Empty);
            Assert.That(reset.Message, Is.EqualTo("Halted -> Active"));
            Assert.That(firstResult.Errors, Is.Empty);
        }

        [Test]
        public void DayRoll_NewYorkFivePm_ResetsAt2200UtcInJanuary()
        {
            // 17:00 America/New_York is 22:00 UTC in January (EST, UTC−5). With one trade per day,
            // entries are counted per New York trading day, not per UTC date.
            var parameters = RobotRuns.Params(("ResetTime", "17:00"), ("DayTimeZone", "America/New_York"), ("MaxTradesPerDay", 1));

            var (_, bot) = RobotRuns.RunScalper(RobotRuns.Options(RobotRuns.NautilusDays(6)), parameters);

            var resets = bot.Journal.OfKind(PipelineEventKind.StateChanged).Where(e => e.Reason == "DayReset").ToList();
            Assert.That(resets, Is.Not.Empty);
            Assert.That(resets.All(e => e.Utc.TimeOfDay == new TimeSpan(22, 0, 0)), Is.True, string.Join(", ", resets.Select(e => e.Utc.ToString("O"))));
            var perTradingDay = bot.Journal.OfKind(PipelineEventKind.PositionOpened).GroupBy(e => e.Utc.AddHours(2).Date).ToList();
            Assert.That(perTradingDay.Count, Is.GreaterThanOrEqualTo(2));
            Assert.That(perTradingDay.All(g => g.Count() == 1), Is.True, "one entry per New York trading day");
        }
    }
}
