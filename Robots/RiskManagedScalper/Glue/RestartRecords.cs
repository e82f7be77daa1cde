using System;
using System.Collections.Generic;
using System.Globalization;
using cAlgo.API;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Persistence;
using PerpGuard.Risk.Pipeline;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Rules;
using PerpGuard.Risk.Time;

namespace PerpGuard.Algos.Glue
{
    /// <summary>What both bots save for, and read back at, a restart: the positions' plans and the trades closed while stopped.</summary>
    internal static class RestartRecords
    {
        /// <summary>
        /// The one line a bot prints when its saved day is unknown — unreadable, unusable, or not to be trusted (a later
        /// day, another currency) — so the tracker started it Halted until the next reset; null when the day is known.
        /// Names what was wrong, where its text is kept, and what the bot does (<paramref name="openPositions"/>).
        /// </summary>
        public static string? UnknownDay(string bot, DailyStateLoad saved, DailyStatus status, string openPositions)
        {
            if (status.State != TradingState.Halted || status.StateReason != ReasonCode.CorruptState)
            {
                return null;
            }

            var problem = saved.Problem ?? (saved.State is null
                ? "The saved daily state cannot be trusted."
                : "The saved daily state (day " + saved.State.Day.ToString() + ", currency '" + saved.State.Currency +
                  "') is from a later day or another account currency and cannot be trusted.");
            return bot + ": " + problem + " Today's loss so far is unknown, so the day is Halted until the next reset at " +
                status.NextResetUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC: no new entries; " + openPositions;
        }

        /// <summary>The one line a bot prints when its saved position plans cannot be used.</summary>
        public static string UnreadablePlans(string bot, string problem) =>
            bot + ": " + problem + " Each position found open is adopted with its 1R measured from its current stop, as a position without a saved plan.";

        /// <summary>The plans (entry, first stop, planned risk) of the tracked positions that have a first stop.</summary>
        public static List<PositionPlan> PlansOf(IEnumerable<TrackedPosition> tracked)
        {
            var plans = new List<PositionPlan>();
            foreach (var t in tracked)
            {
                if (t.HasInitialStop)
                {
                    plans.Add(new PositionPlan(t.Id, t.EntryPrice, t.InitialStop, t.PlannedRisk));
                }
            }

            return plans;
        }

        /// <summary>
        /// The saved plan of a position found open at a restart, when one matches it (same id, and an entry within
        /// <paramref name="entryTolerance"/>: ids can be reused after an account reset).
        /// </summary>
        public static bool TryPlan(PositionPlanLoad saved, Position p, double entryTolerance, out PositionPlan plan) =>
            saved.Plans.TryGetValue(p.Id, out plan) && Math.Abs(plan.EntryPrice - p.EntryPrice) <= entryTolerance;

        /// <summary>The journal entry of an adoption: 1R from the saved plan, or (without one) from the current stop.</summary>
        public static PipelineEvent Adopted(DateTime nowUtc, Position p, TradeSide side, bool fromPlan, double stop, double plannedRisk, string? problem) =>
            new PipelineEvent(nowUtc, PipelineEventKind.StateRestored, fromPlan ? "PositionPlanRestored" : "PositionPlanMissing")
            {
                PositionId = p.Id,
                Side = side,
                Price = p.EntryPrice,
                StopLoss = stop,
                PlannedRisk = plannedRisk,
                Message = fromPlan ? "1R from the saved initial stop" : (problem ?? "no saved plan") + "; 1R measured from the current stop",
            };

        /// <summary>
        /// The trades in <paramref name="history"/> the saved day <paramref name="saved"/> has not counted (a stop hit, a
        /// manual close while the bot was stopped): one per position, at its last closing deal, with that deal's net (what a
        /// running bot counts at the final close), in closing order. Counted means by identity — the position ids the day
        /// saved — so a close counted live is never counted again whatever time the platform stamps on it
        /// (<see cref="CountedCloses"/>; a record from before the ids were kept falls back to the closes after its save).
        /// Positions still open (closed in part only) are left out until their final close.
        /// </summary>
        public static List<HistoryClose> NotCounted(IEnumerable<HistoricalTrade> history, IEnumerable<Position> open, DailyState saved, TradingDaySchedule schedule)
        {
            var closes = new ClosesFromHistory();
            foreach (var t in history)
            {
                // The bots run in UTC (their Robot attribute), so the platform's times are UTC.
                closes.AddDeal(t.PositionId, t.ClosingDealId, DateTime.SpecifyKind(t.ClosingTime, DateTimeKind.Utc), t.NetProfit);
            }

            foreach (var p in open)
            {
                closes.StillOpen(p.Id);
            }

            return closes.NotCounted(CountedCloses.Of(saved, schedule));
        }

        /// <summary>
        /// Records in <paramref name="daily"/> the trades <see cref="NotCounted"/> found as a running bot would have — in
        /// closing order, each at its closing time and remembered by its position id — so the loss streak and the cool-down
        /// (from the close, not from the restart) hold across a restart. Closes from before the current trading day are
        /// not counted by the tracker (the streak ended with that day). Returns the journal entry to write, or null when
        /// there was none.
        /// </summary>
        public static PipelineEvent? CountClosedWhileStopped(IReadOnlyList<HistoryClose> closes, DailyRiskTracker daily, string currency, DateTime nowUtc)
        {
            if (closes.Count == 0)
            {
                return null;
            }

            foreach (var c in closes)
            {
                daily.RecordClosedTrade(new Money(c.NetProfit, currency), c.ClosedAtUtc, c.PositionId);
            }

            var status = daily.Status;
            return new PipelineEvent(nowUtc, PipelineEventKind.StateRestored, "TradesClosedWhileStopped")
            {
                Value = closes.Count,
                Message = FormattableString.Invariant($"{closes.Count} trade(s) closed while stopped counted: loss streak {status.LossStreak}, cool-down until {status.CooldownUntilUtc:yyyy-MM-dd HH:mm:ss} UTC, {status.State}"),
            };
        }
    }
}
