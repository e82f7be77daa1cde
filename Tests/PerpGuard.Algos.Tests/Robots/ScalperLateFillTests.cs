using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using cAlgo.API;
using cAlgo.Robots;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.Simulation;
using PerpGuard.Risk.Pipeline;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>
    /// A market order answered Timeout with nothing found (the port looked for its fill at once), whose fill the broker
    /// shows later (<see cref="LateFiller"/> opens it under the scalper's label, side and volume, as the server would).
    /// Before, the next signal could enter beside it — two positions, twice the risk — and the late fill was never the
    /// day's entry. Three days of the Nautilus BTC-perp minutes (real data, venue not stated).
    /// </summary>
    public class ScalperLateFillTests
    {
        private const int LongWait = 3600;

        /// <summary>The order answered Timeout, and the next signal the wait refuses (with the longest wait, no fill).</summary>
        private static (PipelineEvent Order, PipelineEvent NextSignal, RiskManagedScalper Bot) Reference()
        {
            var (_, bot, _, _) = Run(LongWait);
            var order = bot.Journal.OfKind(PipelineEventKind.EntryPlanned).First();
            var rejected = bot.Journal.OfKind(PipelineEventKind.OrderRejected).Single();
            Assert.That(rejected.Utc, Is.EqualTo(order.Utc));
            Assert.That(rejected.Reason, Is.EqualTo("Timeout"));
            var next = bot.Journal.OfKind(PipelineEventKind.EntryRefused).First(e => e.Reason == "OrderOutcomeUnknown");
            return (order, next, bot);
        }

        private static (BacktestResult Result, RiskManagedScalper Bot, LateFiller Filler, StopProbe Probe) Run(
            int waitSeconds, PipelineEvent? order = null, DateTime? fillAt = null, params (string Name, object Value)[] more)
        {
            var options = RobotRuns.Options(RobotRuns.NautilusDays(3), new ScriptedFaultInjector().RejectNext(1, SimErrorCode.Timeout));
            // 1:20 margin, so that a second position at the bot's 5x fits beside the first (with 1:10 the broker refuses
            // it for margin, and the doubled exposure would not show).
            options.Symbol.Leverage = 20;
            var parameters = RobotRuns.Params(new[] { ("LateFillWaitSeconds", (object)waitSeconds) }.Concat(more).ToArray());
            var result = new BacktestEngine(options).Run(
                AlgoSpec.Of<RiskManagedScalper>(parameters),
                AlgoSpec.Of<LateFiller>(LateFiller.Parameters(order, fillAt, RiskManagedScalper.BotLabel)),
                AlgoSpec.Of<StopProbe>());
            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            return (result, (RiskManagedScalper)result.Robots[0], (LateFiller)result.Robots[1], (StopProbe)result.Robots[2]);
        }

        [Test]
        public void LateFill_AfterTheNextSignal_NoSecondEntryBesideIt()
        {
            var (order, next, _) = Reference();

            // The control: a wait shorter than the gap to the next signal is today's old behaviour — the signal enters
            // and the late fill lands beside it: two positions.
            var (_, shortBot, shortFiller, shortProbe) = Run(10, order, next.Utc);
            Assert.That(shortFiller.PositionId, Is.GreaterThan(0), "the late fill happened");
            Assert.That(shortBot.Journal.OfKind(PipelineEventKind.PositionOpened).First().Utc, Is.EqualTo(next.Utc), "without the wait the next signal enters");
            Assert.That(shortProbe.MaxPositions, Is.EqualTo(2), "the doubled risk the wait prevents");

            var (result, bot, filler, probe) = Run(LongWait, order, next.Utc);

            Assert.That(filler.PositionId, Is.GreaterThan(0), "the late fill happened");
            Assert.That(probe.MaxPositions, Is.EqualTo(1));
            var refused = bot.Journal.OfKind(PipelineEventKind.EntryRefused).Where(e => e.Reason == "OrderOutcomeUnknown").ToList();
            Assert.That(refused.Select(e => e.Utc), Is.EqualTo(new[] { next.Utc }), "the signal before the fill is refused; none after it");
            Assert.That(refused[0].Message, Does.Contain("Timeout").And.Contain(order.Utc.ToString("HH:mm:ss", CultureInfo.InvariantCulture)));
            Assert.That(bot.RefusedByReason["OrderOutcomeUnknown"], Is.EqualTo(1));
            Assert.That(bot.Journal.OfKind(PipelineEventKind.EntryPlanned).Where(e => e.Utc > order.Utc && e.Utc <= next.Utc), Is.Empty);
            Assert.That(result.Trades.Where(t => t.EntryTimeUtc < next.Utc.AddMinutes(1)).Select(t => t.PositionId).Distinct(), Is.EqualTo(new[] { filler.PositionId }));
            Assert.That(probe.Naked, Is.Empty);
        }

        [Test]
        public void LateFill_Appears_JournaledAndCountedAsTheDaysEntry()
        {
            var (order, next, _) = Reference();
            Assert.That(next.Utc.Date, Is.EqualTo(order.Utc.Date), "the order and its fill on one trading day (UTC reset)");

            // With one trade a day the late fill is the day's trade: the day turns Reducing at it (it counted nothing before).
            var (result, bot, filler, _) = Run(LongWait, order, next.Utc, ("MaxTradesPerDay", 1));

            var late = bot.Journal.OfKind(PipelineEventKind.PositionOpened).Single(e => e.PositionId == filler.PositionId);
            Assert.That(late.Reason, Is.EqualTo(RiskManagedScalper.LateFill));
            Assert.That(late.Utc, Is.GreaterThan(next.Utc).And.LessThan(next.Utc.AddMinutes(1)), "found on the quote after the fill");
            Assert.That(late.Side, Is.EqualTo(order.Side));
            Assert.That(late.Volume, Is.EqualTo(order.Volume).Within(1e-9));
            Assert.That(late.Price, Is.EqualTo(order.Price), "the intended entry is the planned one");
            Assert.That(late.Message, Does.Contain("counted as the day's entry"));
            var reducing = bot.Journal.OfKind(PipelineEventKind.StateChanged).First(e => e.Utc >= order.Utc);
            Assert.That(reducing.Reason, Is.EqualTo("MaxTradesPerDay"));
            Assert.That(reducing.Utc, Is.EqualTo(next.Utc));
            Assert.That(result.Trades.Where(t => t.EntryTimeUtc.Date == order.Utc.Date).Select(t => t.PositionId).Distinct(), Is.EqualTo(new[] { filler.PositionId }),
                "no other trade that day");
        }

        [Test]
        public void Wait_NoFillUntilItsTimeRunsOut_EntriesResume()
        {
            var (order, next, bot) = Reference();
            var until = order.Utc.AddSeconds(LongWait);

            var refused = bot.Journal.OfKind(PipelineEventKind.EntryRefused).Where(e => e.Reason == "OrderOutcomeUnknown").ToList();
            Assert.That(refused.All(e => e.Utc >= order.Utc && e.Utc < until), Is.True, "refused only within the wait");
            Assert.That(bot.RefusedByReason["OrderOutcomeUnknown"], Is.EqualTo(refused.Count));
            var firstAfter = bot.Journal.OfKind(PipelineEventKind.PositionOpened).First(e => e.Utc > order.Utc);
            Assert.That(firstAfter.Utc, Is.GreaterThanOrEqualTo(until), "entries resume once the wait is over");
            Assert.That(firstAfter.Reason, Is.Empty, "an entry of its own, not a late fill");

            // The same signal with a wait that has run out by then enters.
            var (_, shorter, _, _) = Run((int)(next.Utc - order.Utc).TotalSeconds);
            Assert.That(shorter.Journal.OfKind(PipelineEventKind.PositionOpened).First().Utc, Is.EqualTo(next.Utc));
            Assert.That(shorter.RefusedByReason.ContainsKey("OrderOutcomeUnknown"), Is.False);
        }
    }

    /// <summary>
    /// The scalper restarted while it waits for an unknown-outcome order's fill: the wait's record (Type scope, beside
    /// the day) makes the restarted instance keep waiting, and count the fill as the day's entry whether it came while
    /// the bot was stopped or after the restart. The order of <see cref="ScalperLateFillTests"/>: sent 01:08:00 on
    /// 1 Jan 2022, the next signal 01:09:00 (asserted below from a reference run).
    /// </summary>
    public class ScalperLateFillRestartTests : LiveStorageTests
    {
        private static readonly DateTime Order = new DateTime(2022, 1, 1, 1, 8, 0, DateTimeKind.Utc);
        private static readonly DateTime NextSignal = new DateTime(2022, 1, 1, 1, 9, 0, DateTimeKind.Utc);

        private static PipelineEvent ReferenceOrder()
        {
            var options = RobotRuns.Options(RobotRuns.NautilusDays(1), new ScriptedFaultInjector().RejectNext(1, SimErrorCode.Timeout));
            var result = new BacktestEngine(options).Run(AlgoSpec.Of<RiskManagedScalper>(RobotRuns.Params(("LateFillWaitSeconds", 3600))));
            var bot = (RiskManagedScalper)result.Robots[0];
            var order = bot.Journal.OfKind(PipelineEventKind.EntryPlanned).First();
            Assert.That(order.Utc, Is.EqualTo(Order));
            Assert.That(bot.Journal.OfKind(PipelineEventKind.EntryRefused).First(e => e.Reason == "OrderOutcomeUnknown").Utc, Is.EqualTo(NextSignal));
            return order;
        }

        private (RestartedScalper First, RestartedScalper Second, int FilledId, StopProbe Probe, BacktestResult Result) RunWithRestart(
            DateTime stopAt, DateTime startAt, DateTime fillAt, bool closedAtOnce = false)
        {
            var order = ReferenceOrder();
            var options = RobotRuns.Options(RobotRuns.NautilusDays(1), new ScriptedFaultInjector().RejectNext(1, SimErrorCode.Timeout), storage: Storage);
            options.Symbol.Leverage = 20;
            var common = new[] { ("LateFillWaitSeconds", (object)3600), ("MaxTradesPerDay", 1) };
            var result = new BacktestEngine(options).Run(
                AlgoSpec.Of<RestartedScalper>(RobotRuns.Params(common.Append(("StopAtUtc", RestartClock.Format(stopAt))).ToArray())),
                AlgoSpec.Of<RestartedScalper>(RobotRuns.Params(common.Append(("StartAtUtc", RestartClock.Format(startAt))).ToArray())),
                closedAtOnce
                    ? AlgoSpec.Of<FillAndCloseAtOnce>(LateFiller.Parameters(order, fillAt, RiskManagedScalper.BotLabel))
                    : AlgoSpec.Of<LateFiller>(LateFiller.Parameters(order, fillAt, RiskManagedScalper.BotLabel)),
                AlgoSpec.Of<StopProbe>());
            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            var filled = closedAtOnce ? ((FillAndCloseAtOnce)result.Robots[2]).PositionId : ((LateFiller)result.Robots[2]).PositionId;
            Assert.That(filled, Is.GreaterThan(0), "the late fill happened");
            return ((RestartedScalper)result.Robots[0], (RestartedScalper)result.Robots[1], filled, (StopProbe)result.Robots[3], result);
        }

        [Test]
        public void Restart_FillCameWhileStopped_CountedAsTheDaysEntryAtTheStart()
        {
            var (first, second, filled, _, result) = RunWithRestart(Order.AddSeconds(30), Order.AddMinutes(2), Order.AddSeconds(45));

            Assert.That(first.Journal.OfKind(PipelineEventKind.PositionOpened), Is.Empty, "the first instance never saw it");
            var late = second.Journal.OfKind(PipelineEventKind.PositionOpened).Single(e => e.PositionId == filled);
            Assert.That(late.Reason, Is.EqualTo(RiskManagedScalper.LateFill));
            Assert.That(late.Utc, Is.EqualTo(Order.AddMinutes(2)), "found at the start");
            var reducing = second.Journal.OfKind(PipelineEventKind.StateChanged).First();
            Assert.That(reducing.Reason, Is.EqualTo("MaxTradesPerDay"), "one trade a day: the late fill is it");
            Assert.That(result.Trades.Where(t => t.EntryTimeUtc.Date == Order.Date).Select(t => t.PositionId).Distinct(), Is.EqualTo(new[] { filled }));
        }

        [Test]
        public void Restart_FillOpenedAndClosedWhileStopped_CountedAsTheDaysEntryAtTheStart()
        {
            // The fill opened and closed (its stop hit at once) while the bot was stopped: only the history shows it. The
            // wait's record says it was never counted: the restart counts it as the day's entry (and ends the wait).
            var (_, second, filled, _, result) = RunWithRestart(Order.AddSeconds(30), Order.AddMinutes(2), Order.AddSeconds(45), closedAtOnce: true);

            var late = second.Journal.OfKind(PipelineEventKind.PositionOpened).Single(e => e.PositionId == filled);
            Assert.That(late.Reason, Is.EqualTo(RiskManagedScalper.LateFill));
            Assert.That(late.Utc, Is.EqualTo(Order.AddMinutes(2)), "found in the history at the start");
            Assert.That(second.Journal.OfKind(PipelineEventKind.StateChanged).First().Reason, Is.EqualTo("MaxTradesPerDay"), "one trade a day: the late fill is it");
            Assert.That(second.Journal.OfKind(PipelineEventKind.EntryRefused).Any(e => e.Reason == "OrderOutcomeUnknown"), Is.False, "the wait ended with it");
            Assert.That(result.Trades.Where(t => t.EntryTimeUtc.Date == Order.Date).Select(t => t.PositionId).Distinct(), Is.EqualTo(new[] { filled }));
        }

        [Test]
        public void Restart_WithinTheWait_StillWaitsThenCountsTheFill()
        {
            var (_, second, filled, probe, _) = RunWithRestart(Order.AddSeconds(30), Order.AddSeconds(45), NextSignal);

            var refused = second.Journal.OfKind(PipelineEventKind.EntryRefused).Where(e => e.Reason == "OrderOutcomeUnknown").ToList();
            Assert.That(refused.Select(e => e.Utc), Is.EqualTo(new[] { NextSignal }), "the restarted instance waits for the order the first one sent");
            Assert.That(probe.MaxPositions, Is.EqualTo(1));
            var late = second.Journal.OfKind(PipelineEventKind.PositionOpened).Single(e => e.PositionId == filled);
            Assert.That(late.Reason, Is.EqualTo(RiskManagedScalper.LateFill));
            Assert.That(late.Message, Does.Contain("answered Timeout at 01:08:00"));
            Assert.That(second.Journal.OfKind(PipelineEventKind.StateChanged).First().Reason, Is.EqualTo("MaxTradesPerDay"));
        }
    }

    /// <summary>A wait's record that cannot be read: entries wait a whole wait from the start (the order may still fill).</summary>
    public class ScalperLateFillRecordTests
    {
        [Test]
        public void Start_UnreadableWaitRecord_PrintedOnceEntriesWaitFromTheStart()
        {
            var key = PerpGuard.Risk.Persistence.CTraderStorageKey.From("PerpGuard.Scalper.1.6:BTCUSD.0:." + RiskManagedScalper.OrderOutcomeKey);
            var result = new BacktestEngine(RobotRuns.Options(RobotRuns.NautilusDays(1))).Run(
                AlgoSpec.Of<RestartedScalper>(RobotRuns.Params(("LateFillWaitSeconds", 3600), ("GarbleTypeKey", key))));
            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            var bot = (RestartedScalper)result.Robots[0];

            var started = bot.Journal.OfKind(PipelineEventKind.Started).Single().Utc;
            Assert.That(result.Log.Count(l => l.Contains("The record of an order whose outcome is unknown could not be read")), Is.EqualTo(1));
            Assert.That(bot.Journal.OfKind(PipelineEventKind.EntryRefused).Count(e => e.Reason == "OrderOutcomeUnknown"), Is.GreaterThan(0));
            Assert.That(bot.Journal.OfKind(PipelineEventKind.EntryRefused).Where(e => e.Reason == "OrderOutcomeUnknown").All(e => e.Utc < started.AddHours(1)), Is.True);
            Assert.That(bot.Journal.OfKind(PipelineEventKind.PositionOpened).First().Utc, Is.GreaterThanOrEqualTo(started.AddHours(1)));
        }
    }

    /// <summary>
    /// The broker's late fill of an order answered with an unknown outcome: at the first quote at or after <c>FillAtUtc</c>
    /// it opens, once, the order's side and volume with its stop distance under the given label (runs after the scalper
    /// on every quote, so on a bar's first quote the scalper has decided before the fill shows).
    /// </summary>
    [Robot(AccessRights = AccessRights.None, TimeZone = TimeZones.UTC)]
    public class LateFiller : Robot
    {
        [Parameter("Fill at (UTC)", DefaultValue = "")]
        public string FillAtUtc { get; set; } = string.Empty;

        [Parameter("Label", DefaultValue = "")]
        public string OrderLabel { get; set; } = string.Empty;

        [Parameter("Buy", DefaultValue = true)]
        public bool Buy { get; set; }

        [Parameter("Volume", DefaultValue = 0.01, MinValue = 0)]
        public double OrderVolume { get; set; }

        [Parameter("Stop (pips)", DefaultValue = 0.0, MinValue = 0)]
        public double StopPips { get; set; }

        public int PositionId { get; private set; }

        public static Dictionary<string, string> Parameters(PipelineEvent? order, DateTime? fillAt, string label)
        {
            if (order is null || !fillAt.HasValue)
            {
                return new Dictionary<string, string>();
            }

            return new Dictionary<string, string>
            {
                ["FillAtUtc"] = RestartClock.Format(fillAt.Value),
                ["OrderLabel"] = label,
                ["Buy"] = order.Side == PerpGuard.Risk.Primitives.TradeSide.Long ? "true" : "false",
                ["OrderVolume"] = order.Volume.ToString("R", CultureInfo.InvariantCulture),
                // BTCUSD's pip is 1.0 (RobotRuns.BtcUsd): the stop distance in price is the distance in pips.
                ["StopPips"] = Math.Abs(order.Price - order.StopLoss).ToString("R", CultureInfo.InvariantCulture),
            };
        }

        protected override void OnTick()
        {
            if (FillAtUtc.Length == 0 || PositionId != 0 || Server.TimeInUtc < RestartClockParse(FillAtUtc))
            {
                return;
            }

            var result = ExecuteMarketOrder(Buy ? TradeType.Buy : TradeType.Sell, SymbolName, OrderVolume, OrderLabel, StopPips, null, "PerpGuard");
            PositionId = result.IsSuccessful && result.Position is not null ? result.Position.Id : -1;
            if (result.IsSuccessful && result.Position is not null)
            {
                OnFilled(result.Position);
            }
        }

        /// <summary>What happens to the fill next, in the same quote (here nothing: it stays open).</summary>
        protected virtual void OnFilled(Position position)
        {
        }

        private static DateTime RestartClockParse(string text) =>
            DateTime.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
    }
}
