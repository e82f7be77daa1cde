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
    /// TradeGuardian on scripted prices: a gap through the stop it attached, a broker that refuses every stop,
    /// and a daily-loss breach with and without "Flatten on breach" (pending orders cancelled either way).
    /// BTC at bid 60,000 / ask 60,001 unless a bar says otherwise, no commission, equity 10,000.
    /// </summary>
    public class GuardianFaultTests
    {
        private static readonly DateTime T0 = new DateTime(2022, 1, 3, 10, 0, 0, DateTimeKind.Utc);

        private static MarketBar Flat(int i, double price = 60_000) => new MarketBar(T0.AddMinutes(i), price, price, price, price, 1);

        private static BacktestOptions Options(MarketBar[] bars, ISimFaultInjector? faults = null, string? storage = null)
        {
            var options = RobotRuns.Options(bars, faults, storage, spread: 1.0);
            options.WarmupBars = 0;
            options.Symbol.Commission = 0;
            return options;
        }

        private static Dictionary<string, string> Manual(int openAt, double volume, int closeAt = -1) => new Dictionary<string, string>
        {
            ["OpenAtBar"] = openAt.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CloseAtBar"] = closeAt.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Side"] = "Buy",
            ["Volume"] = volume.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        [Test]
        public void Guardian_GapThroughTheStopItAttached_LossBeyondPlanJournaledAsGap()
        {
            // 0.1 BTC bought at 60,001; the guardian attaches a fixed 100-pip (100 USD) stop: 59,901; planned risk
            // 0.1 × 100 = 10.00 (no fees) + 0.03 kept for the broker's rounding to cents (3 booked parts × 0.01) = 10.03. Bar 5 opens at 59,500, below the stop: the stop fills at that open →
            // 0.1 × (59,500 − 60,001) = −50.10, five times the plan, journaled as GapThroughStop.
            var bars = Enumerable.Range(0, 8).Select(i => i < 5 ? Flat(i) : Flat(i, 59_500)).ToArray();
            var guardianParams = RobotRuns.Params(("StopModeParameter", StopMode.Fixed), ("FixedStopPips", 100), ("TrailingEnabled", false),
                ("BreakEvenEnabled", false), ("DailyLossPercent", 50), ("DailyProfitPercent", 0));

            var result = new BacktestEngine(Options(bars)).Run(AlgoSpec.Of<ScriptedPositionsRobot>(Manual(2, 0.1)), AlgoSpec.Of<TradeGuardian>(guardianParams));
            var guardian = (TradeGuardian)result.Robots[1];

            var attached = guardian.Journal.OfKind(PipelineEventKind.StopAttached).Single();
            Assert.That(attached.StopLoss, Is.EqualTo(59_901).Within(1e-9));
            var closed = guardian.Journal.OfKind(PipelineEventKind.TradeClosed).Single();
            Assert.That((closed.Reason, closed.FillPrice), Is.EqualTo(("StopLoss", 59_500.0)));
            Assert.That(closed.PlannedRisk, Is.EqualTo(10.03).Within(1e-9));
            Assert.That(closed.Value, Is.EqualTo(-50.1).Within(1e-9));
            Assert.That(closed.MaxAdverseExcursion, Is.EqualTo(501).Within(1e-9), "60,001 − the 59,500 fill");
            var beyond = guardian.Journal.OfKind(PipelineEventKind.LossBeyondPlan).Single();
            Assert.That((beyond.Reason, beyond.PositionId, beyond.Value, beyond.PlannedRisk), Is.EqualTo(("GapThroughStop", closed.PositionId, closed.Value, closed.PlannedRisk)));
        }

        [Test]
        public void Guardian_BrokerRefusesEveryStop_PositionClosedInTheSameTick()
        {
            var bars = Enumerable.Range(0, 6).Select(i => Flat(i)).ToArray();
            var guardianParams = RobotRuns.Params(("DailyLossPercent", 50), ("DailyProfitPercent", 0));

            var result = new BacktestEngine(Options(bars, new RefuseStops())).Run(
                AlgoSpec.Of<ScriptedPositionsRobot>(Manual(2, 0.1)), AlgoSpec.Of<TradeGuardian>(guardianParams), AlgoSpec.Of<StopProbe>());
            var guardian = (TradeGuardian)result.Robots[1];

            var naked = guardian.Journal.OfKind(PipelineEventKind.NakedPositionClosed).Single();
            Assert.That(naked.Reason, Is.EqualTo("StopNotAttached"));
            var trade = result.Trades.Single();
            Assert.That(trade.ExitTimeUtc, Is.EqualTo(trade.EntryTimeUtc), "closed in the tick it appeared");
            Assert.That(((StopProbe)result.Robots[2]).Naked, Is.Empty, "never seen naked after the guardian's tick");
        }

        /// <summary>
        /// 0.5 BTC bought at 60,001 at bar 2 (the guardian's stop 2,000 below, far away; the per-position risk cap off); a buy limit at 55,000 waits.
        /// Bar 4 trades at 59,500: floating −0.5 × 501 = −250.50, beyond the 2 % limit of 200 → halted (DailyLossLimit).
        /// A second manual long opens at bar 6.
        /// </summary>
        private static (BacktestResult Result, TradeGuardian Guardian) Breach(bool flatten, string? storage = null)
        {
            var bars = Enumerable.Range(0, 9).Select(i => i < 4 ? Flat(i) : Flat(i, 59_500)).ToArray();
            var guardianParams = RobotRuns.Params(("StopModeParameter", StopMode.Fixed), ("FixedStopPips", 2_000), ("TrailingEnabled", false),
                ("BreakEvenEnabled", false), ("DailyLossPercent", 2), ("DailyProfitPercent", 0), ("FlattenOnBreach", flatten), ("MaxRiskPercentPerPosition", 0));
            var result = new BacktestEngine(Options(bars, storage: storage)).Run(
                AlgoSpec.Of<PendingOrderRobot>(new Dictionary<string, string>()),
                AlgoSpec.Of<ScriptedPositionsRobot>(Manual(2, 0.5)),
                AlgoSpec.Of<ScriptedPositionsRobot>(Manual(6, 0.1)),
                AlgoSpec.Of<TradeGuardian>(guardianParams));
            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            var guardian = (TradeGuardian)result.Robots[3];
            var halt = guardian.Journal.OfKind(PipelineEventKind.StateChanged).Single(e => e.Message.EndsWith("Halted", StringComparison.Ordinal));
            Assert.That((halt.Reason, halt.Utc), Is.EqualTo(("DailyLossLimit", T0.AddMinutes(4))));
            Assert.That(halt.Value, Is.EqualTo(-250.5).Within(1e-6), "the day's P&L at the breach");
            return (result, guardian);
        }

        [Test]
        public void Guardian_BreachWithFlatten_ClosesTheOpenPositionCancelsThePendingOrderAndKeepsFlat()
        {
            var (result, guardian) = Breach(flatten: true);

            var first = result.Trades.OrderBy(t => t.EntryTimeUtc).First();
            Assert.That(first.ExitTimeUtc, Is.EqualTo(T0.AddMinutes(4)), "flattened at the breach");
            Assert.That(guardian.Journal.OfKind(PipelineEventKind.FlattenClose).Select(e => e.Reason), Is.EqualTo(new[] { GuardianReasons.Flatten, GuardianReasons.KeepFlat }));
            Assert.That(guardian.Journal.OfKind(PipelineEventKind.PendingCancelled).Count(), Is.EqualTo(1));
            Assert.That(result.OpenPositionsAtEnd, Is.EqualTo(0));
        }

        [Test]
        public void Guardian_BreachWithoutFlatten_KeepsTheOpenPositionClosesTheNewOneCancelsThePendingOrder()
        {
            var (result, guardian) = Breach(flatten: false);

            var closes = guardian.Journal.OfKind(PipelineEventKind.FlattenClose).ToList();
            Assert.That(closes.Select(e => e.Reason), Is.EqualTo(new[] { GuardianReasons.KeepFlat }), "only the position opened while halted");
            Assert.That(closes[0].Utc, Is.EqualTo(T0.AddMinutes(6)));
            Assert.That(guardian.Journal.OfKind(PipelineEventKind.PendingCancelled).Count(), Is.EqualTo(1), "pending orders go either way");
            Assert.That(result.OpenPositionsAtEnd, Is.EqualTo(1), "the 0.5 BTC open at the breach stays, under its stop");
        }

        [Test]
        public void Guardian_PendingOrderPlacedWhileHalted_CancelledAsItAppears()
        {
            // The breach above (halted at bar 4, DailyLossLimit); a second buy limit at 55,000 is placed at bar 7,
            // while halted: it is cancelled in the tick it appears, journaled with the halt's reason, as the first
            // one was at the breach. Nothing stays pending.
            var bars = Enumerable.Range(0, 10).Select(i => i < 4 ? Flat(i) : Flat(i, 59_500)).ToArray();
            var guardianParams = RobotRuns.Params(("StopModeParameter", StopMode.Fixed), ("FixedStopPips", 2_000), ("TrailingEnabled", false),
                ("BreakEvenEnabled", false), ("DailyLossPercent", 2), ("DailyProfitPercent", 0), ("MaxRiskPercentPerPosition", 0));
            var result = new BacktestEngine(Options(bars)).Run(
                AlgoSpec.Of<PendingOrderRobot>(new Dictionary<string, string>()),
                AlgoSpec.Of<PendingOrderRobot>(new Dictionary<string, string> { ["PlaceAtBar"] = "7" }),
                AlgoSpec.Of<ScriptedPositionsRobot>(Manual(2, 0.5)),
                AlgoSpec.Of<TradeGuardian>(guardianParams));
            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            var guardian = (TradeGuardian)result.Robots[3];

            var cancelled = guardian.Journal.OfKind(PipelineEventKind.PendingCancelled).ToList();
            Assert.That(cancelled.Select(e => (e.Reason, e.Utc)), Is.EqualTo(new[] { ("DailyLossLimit", T0.AddMinutes(4)), ("DailyLossLimit", T0.AddMinutes(7)) }));
            Assert.That(guardian.PendingOrders.Count, Is.EqualTo(0));
        }

        [Test]
        public void Guardian_RestartWhileHalted_StaysHaltedAndClosesTheNextManualPositionAtOnce()
        {
            var storage = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "perpguard-h12-guardian-" + Guid.NewGuid().ToString("N"));
            try
            {
                RestartWhileHalted(storage);
            }
            finally
            {
                if (System.IO.Directory.Exists(storage))
                {
                    System.IO.Directory.Delete(storage, true);
                }
            }
        }

        private static void RestartWhileHalted(string storage)
        {
            Breach(flatten: true, storage);

            // Restarted at 10:20 the same day (the day resets at 00:00 UTC); a manual long opens at 10:22.
            var later = Enumerable.Range(0, 6).Select(i => new MarketBar(T0.AddMinutes(20 + i), 59_500, 59_500, 59_500, 59_500, 1)).ToArray();
            var guardianParams = RobotRuns.Params(("DailyLossPercent", 2), ("DailyProfitPercent", 0));
            var result = new BacktestEngine(Options(later, storage: storage)).Run(AlgoSpec.Of<ScriptedPositionsRobot>(Manual(2, 0.1)), AlgoSpec.Of<TradeGuardian>(guardianParams));
            var guardian = (TradeGuardian)result.Robots[1];

            Assert.That(guardian.Journal.OfKind(PipelineEventKind.StateRestored).Single().Message, Is.EqualTo("Halted"));
            var kept = guardian.Journal.OfKind(PipelineEventKind.FlattenClose).Single();
            Assert.That((kept.Reason, kept.Utc), Is.EqualTo((GuardianReasons.KeepFlat, T0.AddMinutes(22))));
            Assert.That(result.Trades.Single().ExitTimeUtc, Is.EqualTo(T0.AddMinutes(22)));
        }

        /// <summary>Refuses every stop/target modification (as a broker that rejects the levels would).</summary>
        private sealed class RefuseStops : ISimFaultInjector
        {
            public SimFault Next(SimOperationKind operation, DateTime timeUtc) =>
                operation == SimOperationKind.ModifyPosition ? new SimFault(SimErrorCode.InvalidStopLossTakeProfit, false, 1.0, 0.0) : SimFault.None;
        }
    }

    /// <summary>Test cBot: places one buy limit order far below the market at bar <see cref="PlaceAtBar"/> (1 by default).</summary>
    [Robot(AccessRights = AccessRights.None, TimeZone = TimeZones.UTC)]
    public class PendingOrderRobot : Robot
    {
        [Parameter("Place at bar", DefaultValue = 1)]
        public int PlaceAtBar { get; set; }

        protected override void OnBar()
        {
            if (Bars.Count - 1 == PlaceAtBar)
            {
                PlaceLimitOrder(TradeType.Buy, SymbolName, 0.1, 55_000, "pending");
            }
        }
    }
}
