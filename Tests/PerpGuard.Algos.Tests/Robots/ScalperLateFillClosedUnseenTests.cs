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
    /// The late fill of a market order answered Timeout that opens and closes before any tick of the scalper's shows it
    /// open (a fast market: its stop hit at once). The bot only learns of it from Positions.Closed. The fill is still the
    /// day's entry: counted, and the wait for it ends. Before, only its close was counted: the day kept its trade, and
    /// once the wait ran out the bot entered again on a one-trade day. The Nautilus BTC-perp minutes of 1 Jan 2022 (real data, venue not stated): the order
    /// is sent 01:08:00, the next signal comes 01:09:00 (ScalperLateFillRestartTests asserts both from a reference run).
    /// </summary>
    public class ScalperLateFillClosedUnseenTests
    {
        private static readonly DateTime Order = new DateTime(2022, 1, 1, 1, 8, 0, DateTimeKind.Utc);
        private static readonly DateTime NextSignal = new DateTime(2022, 1, 1, 1, 9, 0, DateTimeKind.Utc);

        [Test]
        public void LateFill_OpenedAndClosedBeforeTheBotSawIt_CountedAsTheDaysEntryAndTheWaitEnds()
        {
            // The reference run: the order the broker will fill late (its side, volume and stop distance).
            var reference = new BacktestEngine(RobotRuns.Options(RobotRuns.NautilusDays(1), new ScriptedFaultInjector().RejectNext(1, SimErrorCode.Timeout)))
                .Run(AlgoSpec.Of<RiskManagedScalper>(RobotRuns.Params(("LateFillWaitSeconds", 3600))));
            var order = ((RiskManagedScalper)reference.Robots[0]).Journal.OfKind(PipelineEventKind.EntryPlanned).First();
            Assert.That(order.Utc, Is.EqualTo(Order));

            var options = RobotRuns.Options(RobotRuns.NautilusDays(1), new ScriptedFaultInjector().RejectNext(1, SimErrorCode.Timeout));
            options.Symbol.Leverage = 20;
            var result = new BacktestEngine(options).Run(
                AlgoSpec.Of<RiskManagedScalper>(RobotRuns.Params(("LateFillWaitSeconds", 3600), ("MaxTradesPerDay", 1))),
                AlgoSpec.Of<FillAndCloseAtOnce>(LateFiller.Parameters(order, NextSignal, RiskManagedScalper.BotLabel)));
            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            var bot = (RiskManagedScalper)result.Robots[0];
            var filler = (FillAndCloseAtOnce)result.Robots[1];
            Assert.That(filler.PositionId, Is.GreaterThan(0), "the late fill happened");
            Assert.That(filler.Closed, Is.True, "and closed in the same quote");

            // One trade a day: the late fill is it. The day turns Reducing at it, and the bot opens nothing else that day.
            Assert.That(result.Trades.Where(t => t.EntryTimeUtc.Date == Order.Date).Select(t => t.PositionId).Distinct(), Is.EqualTo(new[] { filler.PositionId }),
                "no entry of the bot's beside the late fill on a one-trade day");
            var late = bot.Journal.OfKind(PipelineEventKind.PositionOpened).Single(e => e.PositionId == filler.PositionId);
            Assert.That(late.Reason, Is.EqualTo(RiskManagedScalper.LateFill));
            Assert.That(bot.Journal.OfKind(PipelineEventKind.StateChanged).First(e => e.Utc >= Order).Reason, Is.EqualTo("MaxTradesPerDay"));
        }
    }

    /// <summary>
    /// The late fill of the same order opened and closed while the scalper was stopped: the restarted instance finds no
    /// position, only its close in History. It is still the day's entry (the wait's record says the order was never
    /// counted), and the wait for it ends. Before, only its close was counted at the restart, and once the wait ran out the
    /// bot entered again on a one-trade day.
    /// </summary>
    public class ScalperLateFillClosedWhileStoppedTests : LiveStorageTests
    {
        private static readonly DateTime Order = new DateTime(2022, 1, 1, 1, 8, 0, DateTimeKind.Utc);

        [Test]
        public void Restart_LateFillOpenedAndClosedWhileStopped_CountedAsTheDaysEntry()
        {
            var reference = new BacktestEngine(RobotRuns.Options(RobotRuns.NautilusDays(1), new ScriptedFaultInjector().RejectNext(1, SimErrorCode.Timeout)))
                .Run(AlgoSpec.Of<RiskManagedScalper>(RobotRuns.Params(("LateFillWaitSeconds", 3600))));
            var order = ((RiskManagedScalper)reference.Robots[0]).Journal.OfKind(PipelineEventKind.EntryPlanned).First();
            Assert.That(order.Utc, Is.EqualTo(Order));

            // Stopped 30 s after the order, the fill opens and closes at 45 s, the bot starts again at 2 min (the wait, an hour,
            // still holds then).
            var options = RobotRuns.Options(RobotRuns.NautilusDays(1), new ScriptedFaultInjector().RejectNext(1, SimErrorCode.Timeout), storage: Storage);
            options.Symbol.Leverage = 20;
            var common = new[] { ("LateFillWaitSeconds", (object)3600), ("MaxTradesPerDay", 1) };
            var result = new BacktestEngine(options).Run(
                AlgoSpec.Of<RestartedScalper>(RobotRuns.Params(common.Append(("StopAtUtc", RestartClock.Format(Order.AddSeconds(30)))).ToArray())),
                AlgoSpec.Of<RestartedScalper>(RobotRuns.Params(common.Append(("StartAtUtc", RestartClock.Format(Order.AddMinutes(2)))).ToArray())),
                AlgoSpec.Of<FillAndCloseAtOnce>(LateFiller.Parameters(order, Order.AddSeconds(45), RiskManagedScalper.BotLabel)));
            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            var second = (RestartedScalper)result.Robots[1];
            var filler = (FillAndCloseAtOnce)result.Robots[2];
            Assert.That((filler.PositionId > 0, filler.Closed), Is.EqualTo((true, true)), "the late fill opened and closed while the bot was stopped");

            Assert.That(result.Trades.Where(t => t.EntryTimeUtc.Date == Order.Date).Select(t => t.PositionId).Distinct(), Is.EqualTo(new[] { filler.PositionId }),
                "no entry of the bot's beside the late fill on a one-trade day");
            var late = second.Journal.OfKind(PipelineEventKind.PositionOpened).Single(e => e.PositionId == filler.PositionId);
            Assert.That((late.Reason, late.Utc), Is.EqualTo((RiskManagedScalper.LateFill, Order.AddMinutes(2))), "counted at the start");
            Assert.That(second.Journal.OfKind(PipelineEventKind.StateChanged).First().Reason, Is.EqualTo("MaxTradesPerDay"));
        }
    }

    /// <summary>
    /// The broker's late fill (as <see cref="LateFiller"/>) that is closed in the same quote it opens in: the scalper,
    /// which runs before it on every quote, never sees it open.
    /// </summary>
    [Robot(AccessRights = AccessRights.None, TimeZone = TimeZones.UTC)]
    public class FillAndCloseAtOnce : LateFiller
    {
        public bool Closed { get; private set; }

        protected override void OnFilled(Position position) => Closed = ClosePosition(position).IsSuccessful;
    }
}
