using System;
using System.Collections.Generic;
using System.Globalization;
using cAlgo.API;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Persistence;
using PerpGuard.Risk.Pipeline;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Rules;

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
        /// The trades that closed after <paramref name="since"/>: one per position, at its last closing deal, with the net
        /// of its deals since then; positions still open (partly closed) are left out until their final close.
        /// </summary>
        public static Dictionary<int, (DateTime At, double Net)> ClosedSince(IEnumerable<HistoricalTrade> history, IEnumerable<Position> open, DateTime since)
        {
            var closes = new Dictionary<int, (DateTime At, double Net)>();
            foreach (var t in history)
            {
                // The bots run in UTC (their Robot attribute), so the platform's times are UTC.
                var at = DateTime.SpecifyKind(t.ClosingTime, DateTimeKind.Utc);
                if (at <= since)
                {
                    continue;
                }

                closes.TryGetValue(t.PositionId, out var sum);
                closes[t.PositionId] = (at > sum.At ? at : sum.At, sum.Net + t.NetProfit);
            }

            foreach (var p in open)
            {
                closes.Remove(p.Id);
            }

            return closes;
        }

        /// <summary>
        /// Records in <paramref name="daily"/> the trades that closed after <paramref name="since"/> (while the bot was
        /// stopped: a stop hit, a manual close) as a running bot would have — one per position, at its last closing
        /// deal, with the net of its deals since then, in closing order — so the loss streak and the cool-down (from
        /// the close, not from the restart) hold across a restart. Positions still open (partly closed) wait for their
        /// final close. Returns the journal entry to write, or null when there was none.
        /// </summary>
        public static PipelineEvent? CountClosedWhileStopped(
            IEnumerable<HistoricalTrade> history, IEnumerable<Position> open, DateTime since, DailyRiskTracker daily, string currency, DateTime nowUtc)
        {
            var closes = ClosedSince(history, open, since);
            if (closes.Count == 0)
            {
                return null;
            }

            var ordered = new List<(DateTime At, double Net)>(closes.Values);
            ordered.Sort((a, b) => a.At.CompareTo(b.At));
            foreach (var c in ordered)
            {
                daily.RecordClosedTrade(new Money(c.Net, currency), c.At);
            }

            var status = daily.Status;
            return new PipelineEvent(nowUtc, PipelineEventKind.StateRestored, "TradesClosedWhileStopped")
            {
                Value = ordered.Count,
                Message = FormattableString.Invariant($"{ordered.Count} trade(s) closed while stopped counted: loss streak {status.LossStreak}, cool-down until {status.CooldownUntilUtc:yyyy-MM-dd HH:mm:ss} UTC, {status.State}"),
            };
        }
    }
}
