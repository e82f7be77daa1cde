using cAlgo.API;

namespace PerpGuard.Headless.Runtime
{
    /// <summary>A market order as the robot asked for it: volume in units, SL/TP as distances in pips.</summary>
    public readonly struct MarketOrderRequest
    {
        public MarketOrderRequest(
            TradeType tradeType, string symbolName, double volume, string? label, double? stopLossPips, double? takeProfitPips,
            string? comment, bool hasTrailingStop, StopTriggerMethod? stopLossTriggerMethod, double? marketRangePips, double? basePrice)
        {
            TradeType = tradeType;
            SymbolName = symbolName;
            Volume = volume;
            Label = label;
            StopLossPips = stopLossPips;
            TakeProfitPips = takeProfitPips;
            Comment = comment;
            HasTrailingStop = hasTrailingStop;
            StopLossTriggerMethod = stopLossTriggerMethod;
            MarketRangePips = marketRangePips;
            BasePrice = basePrice;
        }

        public TradeType TradeType { get; }
        public string SymbolName { get; }
        public double Volume { get; }
        public string? Label { get; }
        public double? StopLossPips { get; }
        public double? TakeProfitPips { get; }
        public string? Comment { get; }
        public bool HasTrailingStop { get; }
        public StopTriggerMethod? StopLossTriggerMethod { get; }
        public double? MarketRangePips { get; }
        public double? BasePrice { get; }
    }

    /// <summary>A pending order (only the B overloads exist: no SL/TP at placement; set them after the fill).</summary>
    public readonly struct PendingOrderRequest
    {
        public PendingOrderRequest(
            PendingOrderType orderType, TradeType tradeType, string symbolName, double volume, double targetPrice, string? label, double? stopLimitRangePips)
        {
            OrderType = orderType;
            TradeType = tradeType;
            SymbolName = symbolName;
            Volume = volume;
            TargetPrice = targetPrice;
            Label = label;
            StopLimitRangePips = stopLimitRangePips;
        }

        public PendingOrderType OrderType { get; }
        public TradeType TradeType { get; }
        public string SymbolName { get; }
        public double Volume { get; }
        public double TargetPrice { get; }
        public string? Label { get; }
        public double? StopLimitRangePips { get; }
    }

    /// <summary>
    /// Where cAlgo trading calls go (Robot methods, Position/PendingOrder methods). The backtest engine implements
    /// it over the simulated broker; tests may mock it.
    /// </summary>
    public interface ITradingGateway
    {
        TradeResult ExecuteMarketOrder(MarketOrderRequest request);

        TradeResult PlacePendingOrder(PendingOrderRequest request);

        TradeResult ModifyPendingOrderTarget(PendingOrder pendingOrder, double targetPrice);

        TradeResult CancelPendingOrder(PendingOrder pendingOrder);

        /// <summary>Closes all (volume null) or part of a position (volume in units).</summary>
        TradeResult ClosePosition(Position position, double? volume);

        TradeResult ModifyPositionVolume(Position position, double volume);

        TradeResult ReversePosition(Position position, double? volume);

        /// <summary>Sets SL/TP as absolute prices (null removes) and the trailing flag.</summary>
        TradeResult ModifyPositionProtection(Position position, double? stopLoss, double? takeProfit, bool hasTrailingStop, StopTriggerMethod? stopLossTriggerMethod);
    }

    /// <summary>Builds cAlgo TradeResults (their constructor is internal to keep the public surface exact).</summary>
    public static class TradeResults
    {
        public static TradeResult Success(Position? position) => new TradeResult(true, null, position, null);

        public static TradeResult Success(PendingOrder? pendingOrder, Position? position = null) => new TradeResult(true, null, position, pendingOrder);

        public static TradeResult Failure(ErrorCode error, Position? position = null, PendingOrder? pendingOrder = null) =>
            new TradeResult(false, error, position, pendingOrder);
    }
}
