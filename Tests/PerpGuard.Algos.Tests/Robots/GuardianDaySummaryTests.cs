using System;
using System.Globalization;
using System.Linq;
using PerpGuard.Risk.Pipeline;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>
    /// TradeGuardian prints the account's day when it ends, and the day so far at its stop. Checked on three real
    /// Nautilus days beside the seeded manual trader, against independent counts: the positions the platform opened
    /// that day (its closed deals by position id, and what is still open), the guardian's TradeClosed events of the
    /// day (closed, won and lost to the cent, R = net ÷ planned risk) and the equity continuity from day to day.
    /// </summary>
    public class GuardianDaySummaryTests
    {
        [Test]
        public void Run_ThreeNautilusDaysBesideAManualTrader_OneLinePerDayMatchingIndependentCounts()
        {
            var (result, guardian) = RobotRuns.RunGuardianBesideTrader(3);
            var lines = DaySummaryLines.Of(result.Log, "[TradeGuardian");

            Assert.That(lines.Select(l => l.Substring(4, 10) + (l.Contains(" ended ") ? " ended" : " so far")), Is.EqualTo(new[]
            {
                "2022-01-01 ended", "2022-01-02 ended", "2022-01-03 so far",
            }), string.Join("\n", lines));

            var previousEnd = double.NaN;
            var closedAll = 0;
            foreach (var text in lines)
            {
                var m = DaySummaryLines.Line.Match(text);
                Assert.That(m.Success, Is.True, text);
                var day = DateTime.ParseExact(m.Groups["day"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                bool On(DateTime t) => t >= day && t < day.AddDays(1);

                // Positions opened that day: every one either closed (its deals, by position id) or still open at the end.
                var opened = result.Trades.Where(t => On(t.EntryTimeUtc)).Select(t => t.PositionId)
                    .Union(guardian.Positions.Where(p => On(p.EntryTime)).Select(p => p.Id)).Count();
                var closed = guardian.Journal.OfKind(PipelineEventKind.TradeClosed).Where(e => On(e.Utc)).ToList();
                closedAll += closed.Count;

                Assert.That(int.Parse(m.Groups["entries"].Value, CultureInfo.InvariantCulture), Is.EqualTo(opened), text);
                Assert.That(int.Parse(m.Groups["closed"].Value, CultureInfo.InvariantCulture), Is.EqualTo(closed.Count), text);
                if (closed.Count > 0)
                {
                    Assert.That(int.Parse(m.Groups["won"].Value, CultureInfo.InvariantCulture), Is.EqualTo(closed.Count(e => Math.Round(e.Value, 2) > 0)), text);
                    Assert.That(int.Parse(m.Groups["lost"].Value, CultureInfo.InvariantCulture), Is.EqualTo(closed.Count(e => Math.Round(e.Value, 2) < 0)), text);
                    var withR = closed.Where(e => e.PlannedRisk > 0).ToList();
                    if (withR.Count > 0)
                    {
                        Assert.That(double.Parse(m.Groups["r"].Value, CultureInfo.InvariantCulture), Is.EqualTo(withR.Sum(e => e.Value / e.PlannedRisk)).Within(0.005), text);
                    }
                }

                var start = double.Parse(m.Groups["start"].Value, CultureInfo.InvariantCulture);

                // The default limit is a share of the start-of-day equity (the bot's *Daily loss %*).
                Assert.That(double.Parse(m.Groups["limit"].Value, CultureInfo.InvariantCulture), Is.EqualTo(start * guardian.DailyLossPercent / 100).Within(0.006), text);
                if (!double.IsNaN(previousEnd))
                {
                    Assert.That(start, Is.EqualTo(previousEnd), "a day starts where the one before ended: " + text);
                }

                previousEnd = double.Parse(m.Groups["end"].Value, CultureInfo.InvariantCulture);
                Assert.That(double.Parse(m.Groups["pnl"].Value, CultureInfo.InvariantCulture), Is.EqualTo(previousEnd - start).Within(1e-6), "the change is the printed equities' difference: " + text);
            }

            Assert.That(closedAll, Is.GreaterThan(10), "the manual trader must trade for this test to mean anything");
            Assert.That(lines.All(l => !l.Contains("refused", StringComparison.Ordinal)), Is.True, "the guardian refuses no signals");
        }
    }
}
