using System;
using System.Collections.Generic;
using PerpGuard.Risk.Journal;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Rules;

namespace PerpGuard.Risk.Pipeline
{
    /// <summary>
    /// Turns the robots' pipeline events into the versioned journal records of
    /// <see cref="JournalStore"/>: entry decisions (planned or refused) → <see cref="DecisionEvent"/>,
    /// closed trades → <see cref="TradeClosedEvent"/>, state changes → <see cref="StateChangedEvent"/>,
    /// everything else → <see cref="NoteEvent"/>. It remembers, per open position, what the opening
    /// events said (intended entry, initial stop, target, ATR) and why the robot closed it
    /// (<see cref="ExpectClose"/>) so the closed-trade record is complete; an entry is dropped when its
    /// trade closes. Called once per event, never per tick.
    /// </summary>
    public sealed class PipelineJournalMapper
    {
        private readonly Dictionary<int, Opened> _opened = new Dictionary<int, Opened>();
        private readonly string _source;
        private readonly string? _symbol;
        private readonly string _currency;
        private double _lastPlannedAtr = double.NaN;

        public PipelineJournalMapper(string source, string? symbol, string currency)
        {
            _source = source ?? throw new ArgumentNullException(nameof(source));
            _symbol = symbol;
            _currency = currency ?? string.Empty;
        }

        public JournalEvent Map(PipelineEvent e)
        {
            if (e is null)
            {
                throw new ArgumentNullException(nameof(e));
            }

            switch (e.Kind)
            {
                case PipelineEventKind.EntryRefused:
                    return Decision(e, Verdict.Deny);
                case PipelineEventKind.EntryPlanned:
                    _lastPlannedAtr = e.Value;
                    return Decision(e, Verdict.Allow);
                case PipelineEventKind.TradeClosed:
                    return Closed(e);
                case PipelineEventKind.StateChanged when e.Transition.HasValue:
                    var changed = StateChangedEvent.FromTransition(e.Transition.Value, _source);
                    changed.Symbol = _symbol;
                    return changed;
                case PipelineEventKind.PositionOpened:
                    _opened[e.PositionId] = new Opened
                    {
                        IntendedEntry = e.Price,
                        InitialStop = e.StopLoss,
                        Target = e.TakeProfit,
                        Atr = _lastPlannedAtr,
                        OpenedUtc = e.Utc,
                    };
                    break;
                case PipelineEventKind.StopAttached:
                    // A position the robot did not open (TradeGuardian): its first stop is its 1 R.
                    var known = _opened.TryGetValue(e.PositionId, out var k) ? k : Opened.Unknown;
                    if (double.IsNaN(known.InitialStop))
                    {
                        known.InitialStop = e.StopLoss;
                        _opened[e.PositionId] = known;
                    }

                    break;
                case PipelineEventKind.ActionFailed:
                    // A close that did not happen: whatever closes the position later says why.
                    if (_opened.TryGetValue(e.PositionId, out var failed) && failed.ClosedBy.HasValue)
                    {
                        failed.ClosedBy = null;
                        _opened[e.PositionId] = failed;
                    }

                    break;
            }

            return new NoteEvent
            {
                AtUtc = e.Utc,
                Source = _source,
                Symbol = _symbol,
                Reason = ParseReason(e.Reason),
                Text = PipelineEventText.Describe(e),
            };
        }

        /// <summary>The library's reason code named by <paramref name="text"/>, or None (sizing codes such as "below-minimum-volume" have no number).</summary>
        public static ReasonCode ParseReason(string text)
        {
            if (string.IsNullOrEmpty(text) || !char.IsLetter(text[0]))
            {
                return ReasonCode.None;
            }

            return Enum.TryParse<ReasonCode>(text, false, out var code) && Enum.IsDefined(typeof(ReasonCode), code) ? code : ReasonCode.None;
        }

        private DecisionEvent Decision(PipelineEvent e, Verdict verdict)
        {
            var refused = verdict == Verdict.Deny;
            return new DecisionEvent
            {
                AtUtc = e.Utc,
                Source = _source,
                Symbol = _symbol,
                Intent = OrderIntent.Entry,
                Side = e.Side,
                Verdict = verdict,
                Reason = refused ? ParseReason(e.Reason) : ReasonCode.None,
                // The pipeline's own stable code (also for sizing refusals, which have no number).
                Rule = refused ? e.Reason : null,
                Message = refused ? e.Message : (e.Reason.Length > 0 ? "capped by " + e.Reason : string.Empty),
                Scale = refused ? 0 : 1,
                IntendedPrice = Finite(e.Price),
                StopPrice = Finite(e.StopLoss),
                TargetPrice = Finite(e.TakeProfit),
                Volume = Finite(e.Volume),
                PlannedRiskMoney = Finite(e.PlannedRisk),
                Atr = Finite(e.Value),
            };
        }

        private TradeClosedEvent Closed(PipelineEvent e)
        {
            var found = _opened.TryGetValue(e.PositionId, out var opened);
            if (found)
            {
                _opened.Remove(e.PositionId);
            }
            else
            {
                opened = Opened.Unknown;
            }

            var net = Finite(e.Value) ?? 0;
            var gross = Finite(e.GrossProfit) ?? net;
            var swapCost = -(Finite(e.Swap) ?? 0);
            var filled = Finite(e.Price) ?? 0;
            var stop = Finite(opened.InitialStop) ?? Finite(e.StopLoss) ?? filled;
            return new TradeClosedEvent
            {
                AtUtc = e.Utc,
                Source = _source,
                Symbol = _symbol,
                PositionId = e.PositionId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Side = e.Side ?? TradeSide.Long,
                Volume = Finite(e.Volume) ?? 0,
                Currency = _currency,
                EntryTimeUtc = e.EntryUtc ?? (opened.OpenedUtc != default ? opened.OpenedUtc : e.Utc),
                IntendedEntryPrice = Finite(opened.IntendedEntry) ?? filled,
                FilledEntryPrice = filled,
                IntendedExitPrice = null,
                ExitPrice = Finite(e.FillPrice) ?? 0,
                InitialStopPrice = stop,
                TargetPrice = Finite(opened.Target) ?? Finite(e.TakeProfit),
                AtrAtEntry = Finite(opened.Atr),
                GrossProfit = gross,
                Swap = swapCost,
                // Whatever the broker's commission convention, the record's net equals the platform's net.
                Commission = gross - swapCost - net,
                PlannedRiskMoney = Finite(e.PlannedRisk) ?? 0,
                MaxAdverseExcursion = Finite(e.MaxAdverseExcursion) ?? 0,
                MaxFavourableExcursion = Finite(e.MaxFavourableExcursion) ?? 0,
                SpreadAtEntry = Finite(e.SpreadAtEntry) ?? 0,
                ClosedBy = opened.ClosedBy ?? CloseReason(e.Reason),
            };
        }

        /// <summary>
        /// Call before the robot closes a position itself: the platform reports such a close only as
        /// "Closed", and its journal event may come before or after the trade's close.
        /// </summary>
        public void ExpectClose(int positionId, PipelineEventKind closingAs) => ExpectClose(positionId, closingAs, string.Empty);

        /// <summary>As <see cref="ExpectClose(int, PipelineEventKind)"/>, with the close's reason code (a flatten before the rollover is not the halt's).</summary>
        public void ExpectClose(int positionId, PipelineEventKind closingAs, string reason)
        {
            var opened = _opened.TryGetValue(positionId, out var known) ? known : Opened.Unknown;
            opened.ClosedBy = ClosingReason(closingAs, reason);
            _opened[positionId] = opened;
        }

        private static ReasonCode ClosingReason(PipelineEventKind kind, string reason)
        {
            switch (kind)
            {
                case PipelineEventKind.FlattenClose:
                    return ParseReason(reason) == ReasonCode.FlatBeforeRollover ? ReasonCode.FlatBeforeRollover : ReasonCode.Flatten;
                case PipelineEventKind.NakedPositionClosed: return ReasonCode.StopNotAttached;
                default: return ReasonCode.None; // e.g. OversizeClosed: no number; its note keeps the reason
            }
        }

        /// <summary>cTrader's PositionCloseReason → the journal's closing code (Closed with no bot action = by hand).</summary>
        private static ReasonCode CloseReason(string platformReason)
        {
            switch (platformReason)
            {
                case "StopLoss": return ReasonCode.StopLoss;
                case "TakeProfit": return ReasonCode.TakeProfit;
                case "Closed": return ReasonCode.ManualClose;
                default: return ParseReason(platformReason);
            }
        }

        private static double? Finite(double value) => double.IsNaN(value) || double.IsInfinity(value) ? null : value;

        private struct Opened
        {
            public static readonly Opened Unknown = new Opened
            {
                IntendedEntry = double.NaN,
                InitialStop = double.NaN,
                Target = double.NaN,
                Atr = double.NaN,
            };

            public double IntendedEntry;
            public double InitialStop;
            public double Target;
            public double Atr;
            public DateTime OpenedUtc;
            public ReasonCode? ClosedBy;
        }
    }
}
