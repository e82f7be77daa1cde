namespace PerpGuard.Headless.Simulation
{
    /// <summary>Side of an order or position (mirrors cAlgo TradeType: Buy=0, Sell=1).</summary>
    public enum SimTradeSide
    {
        Buy = 0,
        Sell = 1,
    }

    /// <summary>Why an operation failed; values mirror cAlgo.API.ErrorCode one to one.</summary>
    public enum SimErrorCode
    {
        TechnicalError = 0,
        BadVolume = 1,
        NoMoney = 2,
        MarketClosed = 3,
        Disconnected = 4,
        EntityNotFound = 5,
        Timeout = 6,
        UnknownSymbol = 7,
        InvalidStopLossTakeProfit = 8,
        InvalidRequest = 9,
        NoTradingPermission = 10,
    }

    /// <summary>Hedged: several positions per symbol, both sides. Netted: one position per symbol.</summary>
    public enum SimAccountType
    {
        Hedged = 0,
        Netted = 1,
    }

    /// <summary>cTrader's SymbolCommissionType.</summary>
    public enum SimCommissionType
    {
        /// <summary>Amount in USD per one million USD of traded notional, per side.</summary>
        UsdPerMillionUsdVolume = 0,
        /// <summary>Amount in USD per lot (LotSize units), per side.</summary>
        UsdPerOneLot = 1,
        /// <summary>Amount in percent of the traded notional, per side (0.05 means 0.05 %).</summary>
        PercentageOfTradingVolume = 2,
        /// <summary>Amount in quote currency per lot, per side.</summary>
        QuoteCurrencyPerOneLot = 3,
    }

    /// <summary>How SwapLong/SwapShort are expressed (cTrader's SymbolSwapCalculationType + Open API POINTS).</summary>
    public enum SimSwapType
    {
        /// <summary>Pips per unit of volume per day (PipSize price units).</summary>
        Pips = 0,
        /// <summary>Annual percentage of the position's notional at the rollover price.</summary>
        Percentage = 1,
        /// <summary>Points (10^-Digits price units) per unit of volume per day.</summary>
        Points = 2,
    }

    /// <summary>Mirrors cAlgo StopTriggerMethod. For a stop loss: Trade = long by bid, short by ask;
    /// Opposite = long by ask, short by bid; Double* need two consecutive quotes beyond the level.
    /// For a stop order: Trade = buy stop by ask, sell stop by bid; Opposite the other side.</summary>
    public enum SimStopTriggerMethod
    {
        Trade = 0,
        Opposite = 1,
        DoubleTrade = 2,
        DoubleOpposite = 3,
    }

    /// <summary>Mirrors cAlgo PendingOrderType.</summary>
    public enum SimPendingOrderType
    {
        Limit = 0,
        Stop = 1,
        StopLimit = 2,
    }

    /// <summary>Mirrors cAlgo PositionCloseReason.</summary>
    public enum SimCloseReason
    {
        Closed = 0,
        StopLoss = 1,
        TakeProfit = 2,
        StopOut = 3,
    }

    /// <summary>Mirrors cAlgo PendingOrderCancellationReason.</summary>
    public enum SimCancelReason
    {
        Cancelled = 0,
        Expired = 1,
        Rejected = 2,
    }

    /// <summary>Which broker operation a fault injector is asked about.</summary>
    public enum SimOperationKind
    {
        MarketOrder = 0,
        PlacePendingOrder = 1,
        PendingOrderFill = 2,
        ModifyPosition = 3,
        ClosePosition = 4,
        ModifyPendingOrder = 5,
        CancelPendingOrder = 6,
    }
}
