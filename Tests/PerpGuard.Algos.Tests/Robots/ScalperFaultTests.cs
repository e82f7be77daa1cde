using System;
using System.Collections.Generic;
using System.Linq;
using PerpGuard.Headless.Simulation;
using PerpGuard.MarketData;
using PerpGuard.Risk.Pipeline;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>RiskManagedScalper against a misbehaving broker (h4's simulator fault injection).</summary>
    public class ScalperFaultTests
    {
        private static MarketBar[] Days(int days) => RobotRuns.NautilusDays(days);

        [Test]
        public void Faults_TechnicalErrorWithNothingExecuted_OrderNotSentAgain()
        {
            // cTrader's TechnicalError ("a generic technical error with a trade request") does not say whether the
            // order was executed: it is never sent again (it was re-sent up to twice before), the entry is given up and
            // the next signal decides afresh.
            var faults = new ScriptedFaultInjector().RejectNext(2, SimErrorCode.TechnicalError);

            var (result, bot) = RobotRuns.RunScalper(RobotRuns.Options(Days(3), faults));

            var rejected = bot.Journal.OfKind(PipelineEventKind.OrderRejected).ToList();
            Assert.That(rejected.Select(e => e.Reason), Is.EqualTo(new[] { "TechnicalError", "TechnicalError" }));
            Assert.That(rejected[1].Utc, Is.GreaterThan(rejected[0].Utc), "the second rejection is a later entry, not a re-send");
            Assert.That(rejected.All(e => e.Message.EndsWith("(outcome unknown: not sent again)", StringComparison.Ordinal)), Is.True);
            var firstOpen = bot.Journal.OfKind(PipelineEventKind.PositionOpened).First();
            Assert.That(firstOpen.Utc, Is.GreaterThan(rejected[1].Utc), "opened at a later signal, not by a re-sent order");
            Assert.That(result.Errors, Is.Empty);
        }

        [Test]
        public void Faults_TechnicalErrorAfterTheOrderFilled_FilledPositionTakenNotSentTwice()
        {
            // The first order is executed but answered TechnicalError: the bot must find the position it opened, take it
            // as its entry with its stop, and never hold two positions at once (it was re-sent, doubling it, before).
            var options = RobotRuns.Options(Days(3));
            options.LostMarketOrderReplies = 1;
            options.LostMarketOrderReplyError = cAlgo.API.ErrorCode.TechnicalError;

            var (result, bot) = RobotRuns.RunScalper(options);

            var planned = bot.Journal.OfKind(PipelineEventKind.EntryPlanned).First();
            var opened = bot.Journal.OfKind(PipelineEventKind.PositionOpened).First();
            Assert.That(opened.Utc, Is.EqualTo(planned.Utc), "the entry answered TechnicalError is the one that opened");
            Assert.That(opened.Volume, Is.EqualTo(planned.Volume).Within(1e-9));
            Assert.That(bot.Journal.OfKind(PipelineEventKind.OrderRejected), Is.Empty, "the found fill is a success");
            Assert.That(result.Trades.Where(t => t.EntryTimeUtc == planned.Utc).Select(t => t.PositionId).Distinct().Count(), Is.EqualTo(1));
            Assert.That(((StopProbe)result.Robots[1]).MaxPositions, Is.EqualTo(1));
            Assert.That(((StopProbe)result.Robots[1]).Naked, Is.Empty);
        }

        [Test]
        public void Faults_TimeoutWithNothingExecuted_OrderNotSentAgain()
        {
            // A Timeout does not say whether the server executed the order (a lost reply looks the same): sending it
            // again could double the position, so the entry is given up and the next signal decides afresh.
            var faults = new ScriptedFaultInjector().RejectNext(1, SimErrorCode.Timeout);

            var (_, bot) = RobotRuns.RunScalper(RobotRuns.Options(Days(3), faults));

            var rejected = bot.Journal.OfKind(PipelineEventKind.OrderRejected).ToList();
            Assert.That(rejected.Select(e => e.Reason), Is.EqualTo(new[] { "Timeout" }));
            var firstOpen = bot.Journal.OfKind(PipelineEventKind.PositionOpened).First();
            Assert.That(firstOpen.Utc, Is.GreaterThan(rejected[0].Utc), "opened at a later signal, not by a re-sent order");
        }

        [Test]
        public void Faults_TimeoutAfterTheOrderFilled_FilledPositionTakenNotSentTwice()
        {
            // The first order fills but its reply is lost (Timeout): the bot must find the position it opened, protect
            // and track it as its entry, and never hold two positions at once (it enters only when flat).
            var options = RobotRuns.Options(Days(3));
            options.LostMarketOrderReplies = 1;

            var (result, bot) = RobotRuns.RunScalper(options);

            var planned = bot.Journal.OfKind(PipelineEventKind.EntryPlanned).First();
            var opened = bot.Journal.OfKind(PipelineEventKind.PositionOpened).First();
            Assert.That(opened.Utc, Is.EqualTo(planned.Utc), "the entry that timed out is the one that opened");
            Assert.That(opened.Volume, Is.EqualTo(planned.Volume).Within(1e-9));
            Assert.That(result.Trades.Where(t => t.EntryTimeUtc == planned.Utc).Select(t => t.PositionId).Distinct().Count(), Is.EqualTo(1));
            Assert.That(((StopProbe)result.Robots[1]).MaxPositions, Is.EqualTo(1));
            Assert.That(((StopProbe)result.Robots[1]).Naked, Is.Empty);
        }

        [Test]
        public void Faults_RejectedForMoney_NotRetriedNoPosition()
        {
            var faults = new ScriptedFaultInjector().RejectNext(1, SimErrorCode.NoMoney);

            var (result, bot) = RobotRuns.RunScalper(RobotRuns.Options(Days(3), faults));

            var rejected = bot.Journal.OfKind(PipelineEventKind.OrderRejected).Single();
            Assert.That(rejected.Reason, Is.EqualTo("NoMoney"));
            Assert.That(bot.Journal.OfKind(PipelineEventKind.PositionOpened).All(e => e.Utc > rejected.Utc), Is.True);
            Assert.That(result.Errors, Is.Empty);
        }

        [Test]
        public void Faults_StopDroppedAtTheOrder_AttachedRightAfterTheFill()
        {
            var faults = new ScriptedFaultInjector().DropStopLossNext(1);

            var (result, bot) = RobotRuns.RunScalper(RobotRuns.Options(Days(3), faults));

            var attached = bot.Journal.OfKind(PipelineEventKind.StopAttached).First();
            Assert.That(attached.Reason, Is.EqualTo("StopMissingAfterFill"));
            var opened = bot.Journal.OfKind(PipelineEventKind.PositionOpened).First();
            Assert.That(opened.PositionId, Is.EqualTo(attached.PositionId));
            Assert.That(((StopProbe)result.Robots[1]).Naked, Is.Empty, "never naked past the tick");
        }

        [Test]
        public void Faults_StopRefusedEverywhere_PositionClosedAndJournaled()
        {
            var faults = new StopRefusingBroker(refusals: 1);

            var (result, bot) = RobotRuns.RunScalper(RobotRuns.Options(Days(3), faults));

            var naked = bot.Journal.OfKind(PipelineEventKind.NakedPositionClosed).First();
            Assert.That(naked.Reason, Is.EqualTo("StopNotAttached"));
            Assert.That(result.Trades.Any(t => t.PositionId == naked.PositionId), Is.True, "the position was closed");
            Assert.That(((StopProbe)result.Robots[1]).Naked, Is.Empty);
        }

        [Test]
        public void Faults_StopRefusedAtTheOrder_ClosedAndNoNewEntryUntilTheReset()
        {
            // The first order fills without its stop and every stop after it is refused: the position is closed and the day
            // halts (StopNotAttached), as when a stop is lost later; the next entry comes on a later trading day (UTC reset).
            var faults = new StopRefusingBroker(refusals: 1);

            var (_, bot) = RobotRuns.RunScalper(RobotRuns.Options(Days(3), faults));

            var naked = bot.Journal.OfKind(PipelineEventKind.NakedPositionClosed).FirstOrDefault();
            Assert.That(naked, Is.Not.Null, "the position without its stop is closed");
            var halt = bot.Journal.OfKind(PipelineEventKind.StateChanged).FirstOrDefault(e => e.Utc >= naked!.Utc && e.Reason == "StopNotAttached");
            Assert.That(halt, Is.Not.Null, "the day halts for want of a stop");
            Assert.That(halt!.Transition!.Value.To, Is.EqualTo(PerpGuard.Risk.Daily.TradingState.Halted));
            var opens = bot.Journal.OfKind(PipelineEventKind.PositionOpened).Where(e => e.Utc > naked!.Utc).ToList();
            Assert.That(opens.Where(e => e.Utc.Date == naked!.Utc.Date), Is.Empty, "no entry for the rest of the day (reset 00:00 UTC)");
            Assert.That(opens, Is.Not.Empty, "entries resume after the reset: the halt lasts a day");
        }

        [Test]
        public void Faults_PartialFill_PlannedRiskScaledToTheFill()
        {
            var faults = new ScriptedFaultInjector().PartialFillNext(1, 0.5);

            var (_, bot) = RobotRuns.RunScalper(RobotRuns.Options(Days(3), faults));

            var planned = bot.Journal.OfKind(PipelineEventKind.EntryPlanned).First();
            var partial = bot.Journal.OfKind(PipelineEventKind.PartialFill).Single();
            var opened = bot.Journal.OfKind(PipelineEventKind.PositionOpened).First();
            Assert.That(partial.Volume, Is.LessThan(planned.Volume));
            Assert.That(opened.PlannedRisk, Is.EqualTo(planned.PlannedRisk * partial.Volume / planned.Volume).Within(1e-6));
        }

        [Test]
        public void Faults_SlippedEntry_StopKeepsThePlannedDistanceFromTheFill()
        {
            var faults = new ScriptedFaultInjector().SlipNext(1, 25.0);

            var (result, bot) = RobotRuns.RunScalper(RobotRuns.Options(Days(3), faults));

            var planned = bot.Journal.OfKind(PipelineEventKind.EntryPlanned).First();
            var opened = bot.Journal.OfKind(PipelineEventKind.PositionOpened).First();
            Assert.That(Math.Abs(opened.FillPrice - opened.Price), Is.GreaterThanOrEqualTo(25.0 - 1e-6), "the fill slipped");
            var trade = result.Trades.First(t => t.PositionId == opened.PositionId);
            var plannedDistance = Math.Abs(planned.Price - planned.StopLoss);
            Assert.That(Math.Abs(opened.FillPrice - opened.StopLoss), Is.EqualTo(plannedDistance).Within(1.0), "stop distance in pips is kept");
            Assert.That(trade.StopLoss.HasValue, Is.True);
        }

        [Test]
        public void Faults_GapThroughTheStop_LossBeyondPlanJournaledAsGap()
        {
            var bars = GapScenario.Bars(out var gapTime);
            var options = RobotRuns.Options(bars);
            options.WarmupBars = 60;

            var (result, bot) = RobotRuns.RunScalper(options, RobotRuns.Params(("MaxAtrPercent", 0), ("TrailingEnabled", false), ("BreakEvenEnabled", false)));

            var opened = bot.Journal.OfKind(PipelineEventKind.PositionOpened).First(e => e.Utc < gapTime);
            var trade = result.Trades.Single(t => t.PositionId == opened.PositionId);
            Assert.That(trade.ExitPrice, Is.LessThan(trade.StopLoss!.Value), "filled below the stop: a gap");
            Assert.That(-trade.NetProfit, Is.GreaterThan(opened.PlannedRisk));
            var gap = bot.Journal.OfKind(PipelineEventKind.LossBeyondPlan).Single(e => e.PositionId == opened.PositionId);
            Assert.That(gap.Reason, Is.EqualTo("GapThroughStop"));
        }

        [Test]
        public void Faults_QuoteStreamStopsAndResumes_DayRollsAndStopsStayAttached()
        {
            // Remove 23:00–02:30 UTC on 3 January: the feed stops before the reset and resumes after it.
            var cutFrom = new DateTime(2022, 1, 3, 23, 0, 0, DateTimeKind.Utc);
            var cutTo = new DateTime(2022, 1, 4, 2, 30, 0, DateTimeKind.Utc);
            var bars = Days(5).Where(b => b.OpenTimeUtc < cutFrom || b.OpenTimeUtc >= cutTo).ToArray();

            var (result, bot) = RobotRuns.RunScalper(RobotRuns.Options(bars));

            Assert.That(result.Errors, Is.Empty);
            Assert.That(((StopProbe)result.Robots[1]).Naked, Is.Empty);
            Assert.That(bot.Journal.Any(e => e.Utc >= cutTo), Is.True, "the bot kept working after the feed resumed");
            Assert.That(bot.DailyStatus.Day.ToString(), Is.Not.EqualTo("2022-01-03"));
            Assert.That(bot.Journal.Where(e => e.Utc > cutFrom && e.Utc < cutTo), Is.Empty, "nothing happens while there are no quotes");
        }

        /// <summary>Drops the stop of the next market orders and refuses every stop modification after it.</summary>
        private sealed class StopRefusingBroker : ISimFaultInjector
        {
            private int _refusals;
            private bool _refuseModifications;

            public StopRefusingBroker(int refusals)
            {
                _refusals = refusals;
            }

            public SimFault Next(SimOperationKind operation, DateTime timeUtc)
            {
                if (operation == SimOperationKind.MarketOrder && _refusals > 0)
                {
                    _refusals--;
                    _refuseModifications = true;
                    return new SimFault(null, true, 1.0, 0.0);
                }

                if (_refuseModifications && operation == SimOperationKind.ModifyPosition)
                {
                    return new SimFault(SimErrorCode.InvalidStopLossTakeProfit, false, 1.0, 0.0);
                }

                if (operation == SimOperationKind.ClosePosition)
                {
                    _refuseModifications = false;
                }

                return SimFault.None;
            }
        }
    }

    /// <summary>
    /// A synthetic minute series built to trigger one long pullback entry, then gap 3 % down through
    /// the stop between two bars (the open of the next bar is far below the stop).
    /// </summary>
    internal static class GapScenario
    {
        public static MarketBar[] Bars(out DateTime gapTime)
        {
            var bars = new List<MarketBar>();
            var t = new DateTime(2022, 3, 1, 1, 0, 0, DateTimeKind.Utc);
            var price = 40_000.0;
            // 200 minutes of a steady climb (+8 / bar with 30-wide bars): fast EMA above a rising trend EMA.
            for (var i = 0; i < 200; i++)
            {
                var open = price;
                var close = price + 8;
                bars.Add(new MarketBar(t, open, close + 11, open - 11, close, 1));
                price = close;
                t = t.AddMinutes(1);
            }

            // The pullback: dips 60 below the close (through the fast EMA, ~32 below), closes up.
            bars.Add(new MarketBar(t, price - 5, price + 12, price - 60, price + 6, 1));
            price += 6;
            t = t.AddMinutes(1);
            // One quiet bar for the entry to happen on its open, then the gap.
            bars.Add(new MarketBar(t, price, price + 5, price - 5, price + 2, 1));
            t = t.AddMinutes(1);
            gapTime = t;
            var gapped = price * 0.97;
            for (var i = 0; i < 30; i++)
            {
                bars.Add(new MarketBar(t, gapped, gapped + 5, gapped - 5, gapped, 1));
                t = t.AddMinutes(1);
            }

            return bars.ToArray();
        }
    }
}
