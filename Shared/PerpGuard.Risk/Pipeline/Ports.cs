using System;
using System.Diagnostics.CodeAnalysis;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Rules;
using PerpGuard.Risk.Sizing;

namespace PerpGuard.Risk.Pipeline
{
    /// <summary>A position as the pipeline sees it: cAlgo's doubles converted once, at the robot's edge.</summary>
    public readonly struct PositionView
    {
        public PositionView(int id, string symbolName, string label, TradeSide side, double volumeUnits, double entryPrice, double? stopLoss, double? takeProfit, double netProfit)
        {
            Id = id;
            SymbolName = symbolName;
            Label = label;
            Side = side;
            VolumeUnits = volumeUnits;
            EntryPrice = entryPrice;
            StopLoss = stopLoss;
            TakeProfit = takeProfit;
            NetProfit = netProfit;
        }

        public int Id { get; }

        public string SymbolName { get; }

        public string Label { get; }

        public TradeSide Side { get; }

        public double VolumeUnits { get; }

        public double EntryPrice { get; }

        public double? StopLoss { get; }

        public double? TakeProfit { get; }

        /// <summary>Floating (or, once closed, realised) net profit in account currency.</summary>
        public double NetProfit { get; }

        public bool IsValid => Id != 0 || VolumeUnits > 0;
    }

    /// <summary>The outcome of one trading call on the platform.</summary>
    public readonly struct GatewayResult
    {
        private GatewayResult(bool success, string error, bool transient, PositionView position)
        {
            Success = success;
            Error = error;
            Transient = transient;
            Position = position;
        }

        public bool Success { get; }

        /// <summary>The platform's error code name ("BadVolume", "Timeout", ...); empty on success.</summary>
        public string Error { get; }

        /// <summary>True when repeating the same call may succeed (timeouts, disconnection, technical errors).</summary>
        public bool Transient { get; }

        /// <summary>The position after the call (opened or modified), when there is one.</summary>
        public PositionView Position { get; }

        public static GatewayResult Ok(PositionView position) => new GatewayResult(true, string.Empty, false, position);

        public static GatewayResult Ok() => new GatewayResult(true, string.Empty, false, default);

        public static GatewayResult Failed(string error, bool transient) => new GatewayResult(false, error ?? "Unknown", transient, default);
    }

    /// <summary>
    /// What the pipeline asks the platform to do. The robots implement it over cAlgo (volumes in
    /// units, entry stop/target as pip distances, modifications as absolute prices); tests mock it.
    /// </summary>
    public interface ITradingGateway
    {
        GatewayResult OpenMarket(TradeSide side, double volumeUnits, double stopLossPips, double takeProfitPips, string comment);

        GatewayResult SetStopLoss(int positionId, double stopPrice);

        GatewayResult SetTakeProfit(int positionId, double targetPrice);

        GatewayResult ClosePosition(int positionId);

        /// <summary>Closes <paramref name="volumeUnits"/> of the position (the rest stays open).</summary>
        GatewayResult ClosePartial(int positionId, double volumeUnits);

        GatewayResult CancelPendingOrder(int orderId);
    }

    /// <summary>
    /// Where the pipeline's decisions go: the robots keep them in memory, print them, and persist
    /// each one as a versioned JSON journal record (see <see cref="PipelineJournalMapper"/>).
    /// </summary>
    public interface IPipelineJournal
    {
        void Write(PipelineEvent e);
    }

    /// <summary>Stable kinds of journal entries written by the pipeline (never renumber, only add).</summary>
    public enum PipelineEventKind
    {
        EntryRefused = 0,
        EntryPlanned = 1,
        OrderRejected = 2,
        PositionOpened = 3,
        StopAttached = 4,
        TargetAttached = 5,
        NakedPositionClosed = 6,
        PartialFill = 7,
        Slippage = 8,
        StopMoved = 9,
        TradeClosed = 10,
        LossBeyondPlan = 11,
        OversizeReduced = 12,
        OversizeClosed = 13,
        OversizeWarning = 14,
        FlattenClose = 15,
        PendingCancelled = 16,
        StateChanged = 17,
        Started = 18,
        StateRestored = 19,
        ActionFailed = 20,
    }

    /// <summary>
    /// One journal entry. Numbers not relevant to the kind are NaN; money in account currency. Kept small because
    /// a bot journals thousands a month (most of them refusals): the numbers of plans, fills and closed trades live
    /// in a side record made only for the events that carry them, and a rule's refusal text is built from its
    /// numbers when <see cref="Message"/> is first read.
    /// </summary>
    public sealed class PipelineEvent
    {
        // The text as set, or a rule's or the sizer's numbers (DeferredText) until first read: one field for all.
        private object? _message;
        private TradeFacts? _trade;

        // The kind in two bytes and TradeSide + 1 (0 = none) in one, packed beside PositionId: 8 bytes less per
        // event than an int enum and a Nullable<TradeSide>, the events being many.
        private readonly ushort _kind;
        private byte _side;

        // Both enums are numbered without gaps (tests check it), so "defined" is a range check: no boxing, unlike
        // Enum.IsDefined, on a path that journals thousands of events.
        private const PipelineEventKind FirstKind = PipelineEventKind.EntryRefused;
        private const PipelineEventKind LastKind = PipelineEventKind.ActionFailed;
        private const TradeSide FirstSide = TradeSide.Long;
        private const TradeSide LastSide = TradeSide.Short;

        public PipelineEvent(DateTime utc, PipelineEventKind kind, string reason)
        {
            if (kind < FirstKind || kind > LastKind)
            {
                ThrowUndefined(nameof(kind), (int)kind, "a PipelineEventKind");
            }

            Utc = utc;
            _kind = (ushort)kind;
            Reason = reason ?? string.Empty;
        }

        public DateTime Utc { get; }

        public PipelineEventKind Kind => (PipelineEventKind)_kind;

        /// <summary>A stable reason code (e.g. "SpreadTooWide", "BelowMinimumVolume", "GapThroughStop").</summary>
        public string Reason { get; }

        public int PositionId { get; set; }

        public TradeSide? Side
        {
            get => _side == 0 ? null : (TradeSide)(_side - 1);
            set
            {
                if (!value.HasValue)
                {
                    _side = 0;
                    return;
                }

                var side = value.GetValueOrDefault();
                if (side < FirstSide || side > LastSide)
                {
                    ThrowUndefined(nameof(value), (int)side, "a TradeSide");
                }

                _side = (byte)((int)side + 1);
            }
        }

        public double Volume
        {
            get => _trade?.Volume ?? double.NaN;
            set { if (Records(value)) { Trade().Volume = value; } }
        }

        /// <summary>Intended (or actual, for fills and closes) price.</summary>
        public double Price { get; set; } = double.NaN;

        public double FillPrice
        {
            get => _trade?.FillPrice ?? double.NaN;
            set { if (Records(value)) { Trade().FillPrice = value; } }
        }

        public double StopLoss { get; set; } = double.NaN;

        public double TakeProfit
        {
            get => _trade?.TakeProfit ?? double.NaN;
            set { if (Records(value)) { Trade().TakeProfit = value; } }
        }

        /// <summary>Money lost if the stop is hit at its price (fees included).</summary>
        public double PlannedRisk
        {
            get => _trade?.PlannedRisk ?? double.NaN;
            set { if (Records(value)) { Trade().PlannedRisk = value; } }
        }

        /// <summary>Realised net profit, leverage, or whatever number the kind measures.</summary>
        public double Value { get; set; } = double.NaN;

        public double Leverage
        {
            get => _trade?.Leverage ?? double.NaN;
            set { if (Records(value)) { Trade().Leverage = value; } }
        }

        public string Message
        {
            get
            {
                if (_message is string text)
                {
                    return text;
                }

                // Built once, on first read (printing, the journal file, a test), never at decision time.
                text = _message is DeferredText deferred ? deferred.Build() : string.Empty;
                _message = text;
                return text;
            }

            set => _message = value ?? string.Empty;
        }

        /// <summary>TradeClosed: profit before commission and swap (cTrader's Position.GrossProfit); NaN when unknown.</summary>
        public double GrossProfit
        {
            get => _trade?.GrossProfit ?? double.NaN;
            set { if (Records(value)) { Trade().GrossProfit = value; } }
        }

        /// <summary>TradeClosed: swap as cTrader reports it (negative = paid); NaN when unknown.</summary>
        public double Swap
        {
            get => _trade?.Swap ?? double.NaN;
            set { if (Records(value)) { Trade().Swap = value; } }
        }

        /// <summary>TradeClosed: when the position opened (UTC).</summary>
        public DateTime? EntryUtc
        {
            get => _trade?.EntryUtc;
            set
            {
                if (value.HasValue || _trade is not null)
                {
                    Trade().EntryUtc = value;
                }
            }
        }

        /// <summary>TradeClosed: largest move against the position while it was open, price units from the entry (at the closing-side price).</summary>
        public double MaxAdverseExcursion
        {
            get => _trade?.MaxAdverseExcursion ?? double.NaN;
            set { if (Records(value)) { Trade().MaxAdverseExcursion = value; } }
        }

        /// <summary>TradeClosed: largest move in favour while it was open, price units from the entry.</summary>
        public double MaxFavourableExcursion
        {
            get => _trade?.MaxFavourableExcursion ?? double.NaN;
            set { if (Records(value)) { Trade().MaxFavourableExcursion = value; } }
        }

        /// <summary>TradeClosed: ask − bid when the position opened; NaN when unknown.</summary>
        public double SpreadAtEntry
        {
            get => _trade?.SpreadAtEntry ?? double.NaN;
            set { if (Records(value)) { Trade().SpreadAtEntry = value; } }
        }

        /// <summary>StateChanged: the tracker's transition, journaled as it is.</summary>
        public StateTransition? Transition
        {
            get => _trade?.Transition?.Value;
            set
            {
                if (value.HasValue || _trade is not null)
                {
                    Trade().Transition = value.HasValue ? new TransitionBox(value.Value) : null;
                }
            }
        }

        /// <summary>
        /// Takes a planner refusal's explanation: a rule's or the sizing library's text stays numbers until
        /// <see cref="Message"/> is read (same text as <see cref="EntryDecision.Message"/>); any other text is taken as it is.
        /// </summary>
        public void SetMessage(in EntryDecision decision)
        {
            if (decision.TryGetDeferredGate(out var gate))
            {
                _message = new DeferredGateText(gate);
                return;
            }

            if (decision.TryGetDeferredSizing(out var sizing))
            {
                _message = new DeferredSizingText(sizing);
                return;
            }

            Message = decision.Message;
        }

        private TradeFacts Trade() => _trade ??= new TradeFacts();

        // Out of line so the checks above stay small.
        [DoesNotReturn]
        private static void ThrowUndefined(string parameter, int value, string what) =>
            throw new ArgumentOutOfRangeException(parameter, value, "Not " + what + " (the value is stored packed and would read back as another).");

        // "Unknown" (NaN) on an event without facts is already what it reads: no record is made for it.
        private bool Records(double value) => _trade is not null || !double.IsNaN(value);

        private abstract class DeferredText
        {
            public abstract string Build();
        }

        private sealed class DeferredGateText : DeferredText
        {
            private readonly RiskDecision _gate;

            public DeferredGateText(in RiskDecision gate)
            {
                _gate = gate;
            }

            public override string Build() => _gate.Message;
        }

        private sealed class DeferredSizingText : DeferredText
        {
            private readonly SizingRefusalFacts _sizing;

            public DeferredSizingText(in SizingRefusalFacts sizing)
            {
                _sizing = sizing;
            }

            public override string Build() => _sizing.Message;
        }

        /// <summary>
        /// The numbers only some kinds carry (a plan, a fill, a closed trade, a state change): most events are
        /// refusals and stop moves, which carry none of them and so never make this record.
        /// </summary>
        private sealed class TradeFacts
        {
            public double Volume = double.NaN;
            public double FillPrice = double.NaN;
            public double TakeProfit = double.NaN;
            public double PlannedRisk = double.NaN;
            public double Leverage = double.NaN;
            public double GrossProfit = double.NaN;
            public double Swap = double.NaN;
            public DateTime? EntryUtc;
            public double MaxAdverseExcursion = double.NaN;
            public double MaxFavourableExcursion = double.NaN;
            public double SpreadAtEntry = double.NaN;
            public TransitionBox? Transition;
        }

        /// <summary>A state change's transition (a large struct, on a few events a day): kept out of line.</summary>
        private sealed class TransitionBox
        {
            public TransitionBox(StateTransition value)
            {
                Value = value;
            }

            public StateTransition Value { get; }
        }
    }
}
