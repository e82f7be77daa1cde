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
    /// once the wait ran out the bot entered again on a one-trade day. Binance BTCUSDT 1 Jan 2022 (real data): the order
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
    /// The broker's late fill (as <see cref="LateFiller"/>) that is closed in the same quote it opens in: the scalper,
    /// which runs before it on every quote, never sees it open.
    /// </summary>
    [Robot(AccessRights = AccessRights.None, TimeZone = TimeZones.UTC)]
    public class FillAndCloseAtOnce : Robot
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

        public bool Closed { get; private set; }

        protected override void OnTick()
        {
            if (FillAtUtc.Length == 0 || PositionId != 0 || Server.TimeInUtc < DateTime.ParseExact(FillAtUtc, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal))
            {
                return;
            }

            var result = ExecuteMarketOrder(Buy ? TradeType.Buy : TradeType.Sell, SymbolName, OrderVolume, OrderLabel, StopPips, null, "PerpGuard");
            PositionId = result.IsSuccessful && result.Position is not null ? result.Position.Id : -1;
            if (result.IsSuccessful && result.Position is not null)
            {
                Closed = ClosePosition(result.Position).IsSuccessful;
            }
        }
    }
}
