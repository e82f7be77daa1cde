using System;

namespace PerpGuard.Headless.Simulation
{
    /// <summary>
    /// An open position. Money is in account currency. <see cref="Commissions"/> is the entry side
    /// only and negative (cTrader's one-way Position.Commissions); <see cref="NetProfit"/> =
    /// gross + 2 × Commissions + Swap (round trip anticipated), so it matches the closed trade's
    /// net profit when the exit commission equals the entry one.
    /// </summary>
    public sealed class SimPosition
    {
        internal double TrailDistance;
        internal bool StopArmed;
        internal double MarginNotionalUsd;

        internal SimPosition(int id, SimSymbol symbol, SimTradeSide side)
        {
            Id = id;
            Symbol = symbol;
            Side = side;
            Label = string.Empty;
            Comment = string.Empty;
        }

        public int Id { get; }
        public SimSymbol Symbol { get; }
        public string SymbolName => Symbol.Name;
        public SimTradeSide Side { get; }
        public double VolumeInUnits { get; internal set; }
        public double Quantity => VolumeInUnits / Symbol.Spec.LotSize;
        public double EntryPrice { get; internal set; }
        public DateTime EntryTime { get; internal set; }
        public double? StopLoss { get; internal set; }
        public double? TakeProfit { get; internal set; }
        public bool HasTrailingStop { get; internal set; }
        public SimStopTriggerMethod StopLossTriggerMethod { get; internal set; }
        public string Label { get; internal set; }
        public string Comment { get; internal set; }
        /// <summary>Entry-side commission, negative (a cost).</summary>
        public double Commissions { get; internal set; }
        /// <summary>Accumulated swap and funding, signed (negative = paid).</summary>
        public double Swap { get; internal set; }
        /// <summary>Price at which the position would close now (bid for a long, ask for a short).</summary>
        public double CurrentPrice { get; internal set; }
        public double GrossProfit { get; internal set; }
        public double NetProfit => GrossProfit + 2.0 * Commissions + Swap;
        public double Pips => (Side == SimTradeSide.Buy ? CurrentPrice - EntryPrice : EntryPrice - CurrentPrice) / Symbol.Spec.PipSize;
        /// <summary>Margin used by this position alone, frozen at entry (tiered if the symbol has tiers).</summary>
        public double Margin { get; internal set; }
        public DateTime? LastUpdateTime { get; internal set; }
        /// <summary>Free slot for the host's adapter.</summary>
        public object? HostTag { get; set; }

        internal bool IsLong => Side == SimTradeSide.Buy;
    }

    /// <summary>A pending order (limit, stop, stop-limit). SL/TP are pips from the fill price.</summary>
    public sealed class SimPendingOrder
    {
        internal bool TriggerArmed;

        internal SimPendingOrder(int id, SimSymbol symbol, SimTradeSide side, SimPendingOrderType orderType)
        {
            Id = id;
            Symbol = symbol;
            Side = side;
            OrderType = orderType;
            Label = string.Empty;
            Comment = string.Empty;
        }

        public int Id { get; }
        public SimSymbol Symbol { get; }
        public string SymbolName => Symbol.Name;
        public SimTradeSide Side { get; }
        public SimPendingOrderType OrderType { get; internal set; }
        public double VolumeInUnits { get; internal set; }
        public double Quantity => VolumeInUnits / Symbol.Spec.LotSize;
        public double TargetPrice { get; internal set; }
        public DateTime? ExpirationTime { get; internal set; }
        public double? StopLossPips { get; internal set; }
        public double? TakeProfitPips { get; internal set; }
        /// <summary>Stop loss price if filled at the target.</summary>
        public double? StopLoss => StopLossPips.HasValue
            ? Symbol.RoundPrice(Side == SimTradeSide.Buy ? TargetPrice - StopLossPips.Value * Symbol.Spec.PipSize : TargetPrice + StopLossPips.Value * Symbol.Spec.PipSize)
            : (double?)null;
        public double? TakeProfit => TakeProfitPips.HasValue
            ? Symbol.RoundPrice(Side == SimTradeSide.Buy ? TargetPrice + TakeProfitPips.Value * Symbol.Spec.PipSize : TargetPrice - TakeProfitPips.Value * Symbol.Spec.PipSize)
            : (double?)null;
        public bool HasTrailingStop { get; internal set; }
        public SimStopTriggerMethod StopLossTriggerMethod { get; internal set; }
        public SimStopTriggerMethod StopOrderTriggerMethod { get; internal set; }
        /// <summary>Stop-limit only: the worst accepted distance of the fill from the target, pips.</summary>
        public double? StopLimitRangePips { get; internal set; }
        public string Label { get; internal set; }
        public string Comment { get; internal set; }
        public DateTime SubmittedTime { get; internal set; }
        public DateTime? LastUpdateTime { get; internal set; }
        /// <summary>Ask for a buy order, bid for a sell order.</summary>
        public double CurrentPrice => Side == SimTradeSide.Buy ? Symbol.Ask : Symbol.Bid;
        public double DistancePips => Math.Abs(TargetPrice - CurrentPrice) / Symbol.Spec.PipSize;
        public object? HostTag { get; set; }
    }

    /// <summary>
    /// One closing deal (cTrader HistoricalTrade): a full close gives one entry, each partial close
    /// another. <see cref="Commissions"/> covers both sides of the closed volume (negative);
    /// NetProfit = GrossProfit + Commissions + Swap = the balance change of the deal.
    /// </summary>
    public sealed class SimClosedTrade
    {
        internal SimClosedTrade()
        {
            SymbolName = string.Empty;
            Label = string.Empty;
            Comment = string.Empty;
        }

        public int ClosingDealId { get; internal set; }
        public int PositionId { get; internal set; }
        public string SymbolName { get; internal set; }
        public SimTradeSide Side { get; internal set; }
        public double VolumeInUnits { get; internal set; }
        public double Quantity { get; internal set; }
        public DateTime EntryTime { get; internal set; }
        public double EntryPrice { get; internal set; }
        public DateTime ClosingTime { get; internal set; }
        public double ClosingPrice { get; internal set; }
        public string Label { get; internal set; }
        public string Comment { get; internal set; }
        public double? StopLoss { get; internal set; }
        public double? TakeProfit { get; internal set; }
        public double Commissions { get; internal set; }
        public double Swap { get; internal set; }
        public double GrossProfit { get; internal set; }
        public double NetProfit { get; internal set; }
        /// <summary>Balance after the deal.</summary>
        public double Balance { get; internal set; }
        public double Pips { get; internal set; }
        public SimCloseReason Reason { get; internal set; }
        /// <summary>True when part of the position stayed open.</summary>
        public bool IsPartial { get; internal set; }
        public object? HostTag { get; set; }
    }
}
