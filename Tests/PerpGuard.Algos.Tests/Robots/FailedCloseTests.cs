using System;
using System.Collections.Generic;
using System.Linq;
using cAlgo.API;
using cAlgo.Robots;
using PerpGuard.Algos.Tests.Indicators;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.Simulation;
using PerpGuard.MarketData;
using PerpGuard.Risk.Pipeline;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>
    /// A close the broker refuses for a while (market closed): the bots keep trying until it closes, but journal
    /// the failure once per position and error — not on every tick — and print one line at the first failure.
    /// </summary>
    public class FailedCloseTests
    {
        private static readonly DateTime T0 = new DateTime(2022, 1, 3, 10, 0, 0, DateTimeKind.Utc);

        [Test]
        public void Scalper_FlattenRefusedForThreeMinutes_OneActionFailedThenClosedWhenTheMarketReopens()
        {
            // A 0.005 % daily profit target (0.50 USD) halts the day while the first winning position is open; the
            // flatten's closes are refused (MarketClosed) for 3 minutes of server time from the first one (trailing and
            // break-even off, so the position is still open when the market takes closes again).
            var faults = new CloseRefusedFor(TimeSpan.FromMinutes(3));
            var parameters = RobotRuns.Params(("DailyProfitPercent", 0.005), ("TrailingEnabled", false), ("BreakEvenEnabled", false));

            var (result, bot) = RobotRuns.RunScalper(RobotRuns.Options(RobotRuns.NautilusDays(3), faults), parameters);

            var failed = bot.Journal.OfKind(PipelineEventKind.ActionFailed).ToList();
            Assert.That(faults.Refused, Is.GreaterThanOrEqualTo(8), "the bot kept trying, at each of the 4 quotes a minute\n" + string.Join("\n", bot.Journal.Where(e => e.Kind != PipelineEventKind.EntryRefused && e.Utc >= faults.FirstUtc.AddHours(-1) && e.Utc < faults.FirstUtc.AddHours(1)).Select(PipelineEventText.Format)));
            var forPosition = failed.Where(e => e.PositionId != 0).ToList();
            Assert.That(forPosition, Has.Count.EqualTo(1), string.Join("\n", failed.Select(PipelineEventText.Format)));
            Assert.That(forPosition[0].Utc, Is.EqualTo(faults.FirstUtc));
            Assert.That(forPosition[0].Message, Does.Contain("MarketClosed"));
            Assert.That(failed.Count(e => e.PositionId == 0), Is.LessThanOrEqualTo(1), "the platform's OnError: once per error code");

            var closed = bot.Journal.OfKind(PipelineEventKind.FlattenClose).Single(e => e.PositionId == forPosition[0].PositionId);
            Assert.That(closed.Utc, Is.GreaterThanOrEqualTo(faults.FirstUtc + TimeSpan.FromMinutes(3)), "closed once the market took closes again");
            Assert.That(closed.Utc, Is.LessThan(faults.FirstUtc + TimeSpan.FromMinutes(4)), "at the first quote after it");
            Assert.That(closed.Message, Does.StartWith("closed after "));
            Assert.That(result.Log.Count(l => l.Contains("ActionFailed", StringComparison.Ordinal) && l.Contains("MarketClosed", StringComparison.Ordinal)), Is.EqualTo(1),
                "one printed line at the first failure, although decisions are not printed");
        }

        [Test]
        public void Scalper_NakedPositionStopAndCloseRefusedForThreeMinutes_FailuresJournaledOnceThenClosed()
        {
            // The first order fills without its stop; for 3 minutes from then the broker refuses every stop and every
            // close (market closed). The bot halts the day (StopNotAttached) and keeps trying to protect or close the
            // position — but journals the refused stop once and the refused close once, not at every quote.
            var faults = new NakedAndClosed(TimeSpan.FromMinutes(3));

            var (result, bot) = RobotRuns.RunScalper(RobotRuns.Options(RobotRuns.NautilusDays(3), faults));

            var opened = bot.Journal.OfKind(PipelineEventKind.PositionOpened).FirstOrDefault();
            var failed = bot.Journal.OfKind(PipelineEventKind.ActionFailed).Where(e => e.PositionId != 0).ToList();
            Assert.That(faults.Refused, Is.GreaterThanOrEqualTo(8), "the bot kept trying");
            Assert.That(failed.Select(e => e.Reason).Distinct().Count(), Is.EqualTo(failed.Count),
                "one ActionFailed per action and error:\n" + string.Join("\n", failed.Select(PipelineEventText.Format)));
            Assert.That(failed.Count, Is.LessThanOrEqualTo(4));
            var naked = bot.Journal.Where(e => e.Kind == PipelineEventKind.NakedPositionClosed || e.Kind == PipelineEventKind.FlattenClose).First();
            Assert.That(naked.Utc, Is.GreaterThanOrEqualTo(faults.FirstUtc + TimeSpan.FromMinutes(3)));
            Assert.That(naked.Utc, Is.LessThan(faults.FirstUtc + TimeSpan.FromMinutes(4)));
            Assert.That(result.Errors, Is.Empty);
            Assert.That(opened?.PositionId, Is.Not.EqualTo(failed[0].PositionId), "never reported as opened with a stop");
        }

        [Test]
        public void Guardian_FlattenRefusedForTenMinutes_OneActionFailedThenClosed()
        {
            // GuardianFaultTests' breach: 0.5 BTC long at 60,001 (bar 2), bar 4 at 59,500 → −250.50 beyond the 2 %
            // limit → halted, flatten. Closes are refused (MarketClosed) for 10 minutes from the first one (bar 4).
            var bars = Enumerable.Range(0, 20).Select(i => Flat(i, i < 4 ? 60_000 : 59_500)).ToArray();
            var faults = new CloseRefusedFor(TimeSpan.FromMinutes(10));
            var guardianParams = RobotRuns.Params(("StopModeParameter", StopMode.Fixed), ("FixedStopPips", 2_000), ("TrailingEnabled", false),
                ("BreakEvenEnabled", false), ("DailyLossPercent", 2), ("DailyProfitPercent", 0), ("MaxRiskPercentPerPosition", 0));

            var result = new BacktestEngine(Options(bars, faults)).Run(AlgoSpec.Of<ScriptedPositionsRobot>(Manual(2, 0.5)), AlgoSpec.Of<TradeGuardian>(guardianParams));
            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            var guardian = (TradeGuardian)result.Robots[1];

            Assert.That(faults.FirstUtc, Is.EqualTo(T0.AddMinutes(4)));
            var failed = guardian.Journal.OfKind(PipelineEventKind.ActionFailed).ToList();
            Assert.That(failed.Where(e => e.PositionId != 0).Select(e => (e.Utc, e.Reason)), Is.EqualTo(new[] { (T0.AddMinutes(4), GuardianReasons.Flatten) }),
                string.Join("\n", failed.Select(PipelineEventText.Format)));
            Assert.That(failed.Count(e => e.PositionId == 0), Is.LessThanOrEqualTo(1));
            var closed = guardian.Journal.OfKind(PipelineEventKind.FlattenClose).Single();
            // The last refusal came at 10:13:59 (a bar's quotes come at :00, :15, :30 and :59): the next try is due 5 s
            // later, so the 10:14:00 quote is skipped and 10:14:15 closes it.
            var at = T0.AddMinutes(14).AddSeconds(15);
            Assert.That(closed.Utc, Is.EqualTo(at), "the first quote at least 5 s after the last refusal");
            Assert.That(result.Trades.Single().ExitTimeUtc, Is.EqualTo(at));
        }

        [Test]
        public void Guardian_ReduceRefusedForTenMinutes_OneActionFailedThenReduced()
        {
            // 1.5 BTC long at 60,001 on 10,000 equity is 9x, above the 5x cap: reduce. Partial closes are refused for
            // 10 minutes from the first one (bar 2): one ActionFailed, then the reduction early in bar 12.
            var bars = Enumerable.Range(0, 16).Select(i => Flat(i, 60_000)).ToArray();
            var faults = new CloseRefusedFor(TimeSpan.FromMinutes(10));
            var guardianParams = RobotRuns.Params(("StopModeParameter", StopMode.Fixed), ("FixedStopPips", 2_000), ("TrailingEnabled", false),
                ("BreakEvenEnabled", false), ("DailyLossPercent", 50), ("DailyProfitPercent", 0), ("MaxRiskPercentPerPosition", 0));

            var result = new BacktestEngine(Options(bars, faults)).Run(AlgoSpec.Of<ScriptedPositionsRobot>(Manual(2, 1.5)), AlgoSpec.Of<TradeGuardian>(guardianParams));
            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            var guardian = (TradeGuardian)result.Robots[1];

            var failed = guardian.Journal.OfKind(PipelineEventKind.ActionFailed).Where(e => e.PositionId != 0).ToList();
            Assert.That(failed.Select(e => e.Utc), Is.EqualTo(new[] { T0.AddMinutes(2) }), string.Join("\n", guardian.Journal.Select(PipelineEventText.Format)));
            var reduced = guardian.Journal.OfKind(PipelineEventKind.OversizeReduced).First();
            Assert.That(reduced.Utc, Is.EqualTo(T0.AddMinutes(12).AddSeconds(15)), "the first quote at least 5 s after the last refusal (10:11:59)");
        }

        private static MarketBar Flat(int i, double price) => new MarketBar(T0.AddMinutes(i), price, price, price, price, 1);

        private static BacktestOptions Options(MarketBar[] bars, ISimFaultInjector? faults = null)
        {
            var options = RobotRuns.Options(bars, faults, null, spread: 1.0);
            options.WarmupBars = 0;
            options.Symbol.Commission = 0;
            return options;
        }

        private static Dictionary<string, string> Manual(int openAt, double volume) => new Dictionary<string, string>
        {
            ["OpenAtBar"] = openAt.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Side"] = "Buy",
            ["Volume"] = volume.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        /// <summary>Fills the first market order without its stop, then refuses every stop and close (MarketClosed) for a while.</summary>
        internal sealed class NakedAndClosed : ISimFaultInjector
        {
            private readonly TimeSpan _for;
            private bool _dropped;

            public NakedAndClosed(TimeSpan duration)
            {
                _for = duration;
            }

            public DateTime FirstUtc { get; private set; }

            public int Refused { get; private set; }

            public SimFault Next(SimOperationKind operation, DateTime timeUtc)
            {
                if (operation == SimOperationKind.MarketOrder && !_dropped)
                {
                    _dropped = true;
                    FirstUtc = timeUtc;
                    return new SimFault(null, true, 1.0, 0.0);
                }

                if ((operation == SimOperationKind.ModifyPosition || operation == SimOperationKind.ClosePosition) && _dropped && timeUtc < FirstUtc + _for)
                {
                    Refused++;
                    return new SimFault(SimErrorCode.MarketClosed, false, 1.0, 0.0);
                }

                return SimFault.None;
            }
        }

        /// <summary>Refuses every close (whole or partial) with MarketClosed for a while from the first one it sees.</summary>
        internal sealed class CloseRefusedFor : ISimFaultInjector
        {
            private readonly TimeSpan _for;

            public CloseRefusedFor(TimeSpan duration)
            {
                _for = duration;
            }

            public DateTime FirstUtc { get; private set; }

            public int Refused { get; private set; }

            public SimFault Next(SimOperationKind operation, DateTime timeUtc)
            {
                if (operation != SimOperationKind.ClosePosition)
                {
                    return SimFault.None;
                }

                if (FirstUtc == default)
                {
                    FirstUtc = timeUtc;
                }

                if (timeUtc < FirstUtc + _for)
                {
                    Refused++;
                    return new SimFault(SimErrorCode.MarketClosed, false, 1.0, 0.0);
                }

                return SimFault.None;
            }
        }
    }
}
