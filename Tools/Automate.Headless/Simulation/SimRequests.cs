using System;

namespace PerpGuard.Headless.Simulation
{
    /// <summary>
    /// A market order. Give SL/TP either in pips from the fill price (cTrader's ExecuteMarketOrder)
    /// or as absolute prices, not both. <see cref="Symbol"/> null means the broker's primary symbol.
    /// </summary>
    public readonly struct SimMarketOrder
    {
        public SimMarketOrder(SimTradeSide side, double volumeInUnits)
        {
            Side = side;
            VolumeInUnits = volumeInUnits;
            Symbol = null;
            StopLossPips = null;
            TakeProfitPips = null;
            StopLossPrice = null;
            TakeProfitPrice = null;
            Label = null;
            Comment = null;
            HasTrailingStop = false;
            StopLossTriggerMethod = null;
        }

        public SimTradeSide Side { get; init; }
        public double VolumeInUnits { get; init; }
        public SimSymbol? Symbol { get; init; }
        public double? StopLossPips { get; init; }
        public double? TakeProfitPips { get; init; }
        public double? StopLossPrice { get; init; }
        public double? TakeProfitPrice { get; init; }
        public string? Label { get; init; }
        public string? Comment { get; init; }
        public bool HasTrailingStop { get; init; }
        public SimStopTriggerMethod? StopLossTriggerMethod { get; init; }
    }

    /// <summary>
    /// A pending order. SL/TP in pips from the fill price (cTrader's legacy pips form).
    /// <see cref="StopLimitRangePips"/> is required for stop-limit orders only.
    /// </summary>
    public readonly struct SimPendingOrderRequest
    {
        public SimPendingOrderRequest(SimPendingOrderType orderType, SimTradeSide side, double volumeInUnits, double targetPrice)
        {
            OrderType = orderType;
            Side = side;
            VolumeInUnits = volumeInUnits;
            TargetPrice = targetPrice;
            Symbol = null;
            StopLossPips = null;
            TakeProfitPips = null;
            Expiration = null;
            Label = null;
            Comment = null;
            HasTrailingStop = false;
            StopLossTriggerMethod = null;
            StopOrderTriggerMethod = null;
            StopLimitRangePips = null;
        }

        public SimPendingOrderType OrderType { get; init; }
        public SimTradeSide Side { get; init; }
        public double VolumeInUnits { get; init; }
        public double TargetPrice { get; init; }
        public SimSymbol? Symbol { get; init; }
        public double? StopLossPips { get; init; }
        public double? TakeProfitPips { get; init; }
        public DateTime? Expiration { get; init; }
        public string? Label { get; init; }
        public string? Comment { get; init; }
        public bool HasTrailingStop { get; init; }
        public SimStopTriggerMethod? StopLossTriggerMethod { get; init; }
        public SimStopTriggerMethod? StopOrderTriggerMethod { get; init; }
        public double? StopLimitRangePips { get; init; }
    }

    /// <summary>
    /// Result of a broker operation (cTrader TradeResult). A struct: no allocation per call.
    /// </summary>
    public readonly struct SimTradeResult
    {
        private SimTradeResult(SimErrorCode? error, SimPosition? position, SimPendingOrder? order, bool stopLossRefused, double filledVolume, string message)
        {
            Error = error;
            Position = position;
            PendingOrder = order;
            StopLossRefused = stopLossRefused;
            FilledVolume = filledVolume;
            Message = message;
        }

        public bool IsSuccessful => !Error.HasValue;
        public SimErrorCode? Error { get; }
        public SimPosition? Position { get; }
        public SimPendingOrder? PendingOrder { get; }
        /// <summary>Fault injection: the order filled but the broker refused to attach the stop loss.</summary>
        public bool StopLossRefused { get; }
        /// <summary>Units filled (below the requested volume on an injected partial fill).</summary>
        public double FilledVolume { get; }
        /// <summary>Why it failed (a constant string; empty on success).</summary>
        public string Message { get; }

        public static SimTradeResult Fail(SimErrorCode code, string message) =>
            new SimTradeResult(code, null, null, false, 0, message);

        internal static SimTradeResult Ok(SimPosition? position, SimPendingOrder? order, double filledVolume = 0, bool stopLossRefused = false) =>
            new SimTradeResult(null, position, order, stopLossRefused, filledVolume, string.Empty);
    }
}
