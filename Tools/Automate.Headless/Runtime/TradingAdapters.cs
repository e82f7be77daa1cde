using System;
using cAlgo.API;
using cAlgo.API.Internals;
using PerpGuard.Headless.Simulation;

namespace PerpGuard.Headless.Runtime
{
    internal static class SimConvert
    {
        public static TradeType ToTradeType(SimTradeSide side) => side == SimTradeSide.Buy ? TradeType.Buy : TradeType.Sell;

        public static SimTradeSide ToSide(TradeType type) => type == TradeType.Buy ? SimTradeSide.Buy : SimTradeSide.Sell;

        public static StopTriggerMethod ToTrigger(SimStopTriggerMethod m) => (StopTriggerMethod)(int)m;

        public static SimStopTriggerMethod? ToSim(StopTriggerMethod? m) => m.HasValue ? (SimStopTriggerMethod)(int)m.Value : (SimStopTriggerMethod?)null;

        public static ErrorCode ToErrorCode(SimErrorCode code) => (ErrorCode)(int)code;
    }

    /// <summary>cAlgo Position over a simulator position (one adapter per position, cached in its HostTag).</summary>
    public sealed class PositionAdapter : Position
    {
        private readonly SimPosition _p;
        private readonly TradingServices _services;

        internal PositionAdapter(SimPosition position, TradingServices services)
        {
            _p = position;
            _services = services;
        }

        public SimPosition Sim => _p;
        public string SymbolName => _p.SymbolName;
        public TradeType TradeType => SimConvert.ToTradeType(_p.Side);
        public double VolumeInUnits => _p.VolumeInUnits;
        public int Id => _p.Id;
        public double GrossProfit => _p.GrossProfit;
        public double EntryPrice => _p.EntryPrice;
        public double? StopLoss => _p.StopLoss;
        public double? TakeProfit => _p.TakeProfit;
        public double NetProfit => _p.NetProfit;
        public double Swap => _p.Swap;
        public double Commissions => _p.Commissions;
        public DateTime EntryTime => _services.ToAccountZone(_p.EntryTime);
        public double Pips => _p.Pips;
        public string Label => _p.Label;
        public string Comment => _p.Comment;
        public double Quantity => _p.Quantity;
        public bool HasTrailingStop => _p.HasTrailingStop;
        public StopTriggerMethod? StopLossTriggerMethod => _p.StopLoss.HasValue ? SimConvert.ToTrigger(_p.StopLossTriggerMethod) : (StopTriggerMethod?)null;
        public double Margin => _p.Margin;
        public double CurrentPrice => _p.CurrentPrice;
        public Symbol Symbol => _services.SymbolOf(_p.Symbol);
        public string Channel => string.Empty;
        public DateTime? LastUpdateTime => _p.LastUpdateTime.HasValue ? _services.ToAccountZone(_p.LastUpdateTime.Value) : (DateTime?)null;

        public TradeResult ModifyStopLossPrice(double? stopLoss) =>
            _services.Gateway.ModifyPositionProtection(this, stopLoss, _p.TakeProfit, _p.HasTrailingStop, StopLossTriggerMethod);

        public TradeResult ModifyTakeProfitPrice(double? takeProfit) =>
            _services.Gateway.ModifyPositionProtection(this, _p.StopLoss, takeProfit, _p.HasTrailingStop, StopLossTriggerMethod);

        /// <summary>Pips from the entry price, like cTrader.</summary>
        public TradeResult ModifyStopLossPips(double? stopLossPips) => ModifyStopLossPrice(stopLossPips.HasValue
            ? RoundPrice(_p.Side == SimTradeSide.Buy ? _p.EntryPrice - (stopLossPips.Value * _p.Symbol.Spec.PipSize) : _p.EntryPrice + (stopLossPips.Value * _p.Symbol.Spec.PipSize))
            : (double?)null);

        public TradeResult ModifyTakeProfitPips(double? takeProfitPips) => ModifyTakeProfitPrice(takeProfitPips.HasValue
            ? RoundPrice(_p.Side == SimTradeSide.Buy ? _p.EntryPrice + (takeProfitPips.Value * _p.Symbol.Spec.PipSize) : _p.EntryPrice - (takeProfitPips.Value * _p.Symbol.Spec.PipSize))
            : (double?)null);

        public TradeResult ModifyTrailingStop(bool hasTrailingStop) =>
            _services.Gateway.ModifyPositionProtection(this, _p.StopLoss, _p.TakeProfit, hasTrailingStop, StopLossTriggerMethod);

        public TradeResult ModifyVolume(double volume) => _services.Gateway.ModifyPositionVolume(this, volume);

        public TradeResult Reverse() => _services.Gateway.ReversePosition(this, null);

        public TradeResult Reverse(double volume) => _services.Gateway.ReversePosition(this, volume);

        public TradeResult Close() => _services.Gateway.ClosePosition(this, null);

        private double RoundPrice(double price) => Math.Round(price, _p.Symbol.Spec.Digits);
    }

    public sealed class PendingOrderAdapter : PendingOrder
    {
        private readonly SimPendingOrder _o;
        private readonly TradingServices _services;

        internal PendingOrderAdapter(SimPendingOrder order, TradingServices services)
        {
            _o = order;
            _services = services;
        }

        public SimPendingOrder Sim => _o;
        public TradeType TradeType => SimConvert.ToTradeType(_o.Side);
        public double VolumeInUnits => _o.VolumeInUnits;
        public int Id => _o.Id;
        public PendingOrderType OrderType => (PendingOrderType)(int)_o.OrderType;
        public double TargetPrice => _o.TargetPrice;
        public DateTime? ExpirationTime => _o.ExpirationTime.HasValue ? _services.ToAccountZone(_o.ExpirationTime.Value) : (DateTime?)null;
        public double? StopLoss => _o.StopLoss;
        public double? StopLossPips => _o.StopLossPips;
        public double? TakeProfit => _o.TakeProfit;
        public double? TakeProfitPips => _o.TakeProfitPips;
        public string Label => _o.Label;
        public string Comment => _o.Comment;
        public double Quantity => _o.Quantity;
        public bool HasTrailingStop => _o.HasTrailingStop;
        public StopTriggerMethod? StopLossTriggerMethod => SimConvert.ToTrigger(_o.StopLossTriggerMethod);
        public StopTriggerMethod? StopOrderTriggerMethod => _o.OrderType == SimPendingOrderType.Limit ? (StopTriggerMethod?)null : SimConvert.ToTrigger(_o.StopOrderTriggerMethod);
        public double? StopLimitRangePips => _o.StopLimitRangePips;
        public string SymbolName => _o.SymbolName;
        public Symbol Symbol => _services.SymbolOf(_o.Symbol);
        public double CurrentPrice => _o.CurrentPrice;
        public double DistancePips => _o.DistancePips;
        public string Channel => string.Empty;
        public DateTime SubmittedTime => _services.ToAccountZone(_o.SubmittedTime);
        public DateTime? LastUpdateTime => _o.LastUpdateTime.HasValue ? _services.ToAccountZone(_o.LastUpdateTime.Value) : (DateTime?)null;

        public TradeResult ModifyStopLossPips(double? stopLossPips) => _services.ModifyPending(this, _o.TargetPrice, stopLossPips, _o.TakeProfitPips, _o.ExpirationTime, _o.VolumeInUnits, _o.StopLimitRangePips);

        public TradeResult ModifyTakeProfitPips(double? takeProfitPips) => _services.ModifyPending(this, _o.TargetPrice, _o.StopLossPips, takeProfitPips, _o.ExpirationTime, _o.VolumeInUnits, _o.StopLimitRangePips);

        public TradeResult ModifyStopLimitRange(double stopLimitRangePips) => _services.ModifyPending(this, _o.TargetPrice, _o.StopLossPips, _o.TakeProfitPips, _o.ExpirationTime, _o.VolumeInUnits, stopLimitRangePips);

        public TradeResult ModifyExpirationTime(DateTime? expirationTime) =>
            _services.ModifyPending(this, _o.TargetPrice, _o.StopLossPips, _o.TakeProfitPips, expirationTime.HasValue ? _services.ToUtc(expirationTime.Value) : (DateTime?)null, _o.VolumeInUnits, _o.StopLimitRangePips);

        public TradeResult ModifyVolume(double volume) => _services.ModifyPending(this, _o.TargetPrice, _o.StopLossPips, _o.TakeProfitPips, _o.ExpirationTime, volume, _o.StopLimitRangePips);

        public TradeResult ModifyTargetPrice(double targetPrice) => _services.Gateway.ModifyPendingOrderTarget(this, targetPrice);

        public TradeResult Cancel() => _services.Gateway.CancelPendingOrder(this);
    }

    public sealed class HistoricalTradeAdapter : HistoricalTrade
    {
        private readonly SimClosedTrade _t;
        private readonly TradingServices _services;

        internal HistoricalTradeAdapter(SimClosedTrade trade, TradingServices services)
        {
            _t = trade;
            _services = services;
        }

        public SimClosedTrade Sim => _t;
        public int ClosingDealId => _t.ClosingDealId;
        public int PositionId => _t.PositionId;
        public string SymbolName => _t.SymbolName;
        public TradeType TradeType => SimConvert.ToTradeType(_t.Side);
        public double VolumeInUnits => _t.VolumeInUnits;
        public DateTime EntryTime => _services.ToAccountZone(_t.EntryTime);
        public double EntryPrice => _t.EntryPrice;
        public DateTime ClosingTime => _services.ToAccountZone(_t.ClosingTime);
        public double ClosingPrice => _t.ClosingPrice;
        public string Label => _t.Label;
        public string Comment => _t.Comment;
        public double Commissions => _t.Commissions;
        public double Swap => _t.Swap;
        public double NetProfit => _t.NetProfit;
        public double GrossProfit => _t.GrossProfit;
        public double Balance => _t.Balance;
        public double Pips => _t.Pips;
        public double Quantity => _t.Quantity;
        public Symbol Symbol => _services.SymbolOf(_t.SymbolName);
        public string Channel => string.Empty;
    }

    /// <summary>IAccount over the simulated broker.</summary>
    public sealed class AccountAdapter : IAccount
    {
        private readonly SimulatedBroker _broker;

        internal AccountAdapter(SimulatedBroker broker)
        {
            _broker = broker;
            Asset = new AssetAdapter(broker.Settings.Currency, broker.Settings.MoneyDigits, asset => AssetAdapter.ValueInAccount(asset, broker));
        }

        public AccountType AccountType => _broker.Settings.AccountType == SimAccountType.Netted ? AccountType.Netted : AccountType.Hedged;
        public double Balance => _broker.Balance;
        public double Equity => _broker.Equity;
        public double Margin => _broker.Margin;
        public double FreeMargin => _broker.FreeMargin;
        public double? MarginLevel => _broker.Margin > 0 ? _broker.MarginLevel : (double?)null;
        public bool IsLive => false;
        public int Number => 1;
        public string BrokerName => "PerpGuard Headless";
        public double UnrealizedGrossProfit => _broker.UnrealizedGrossProfit;
        public double UnrealizedNetProfit => _broker.UnrealizedNetProfit;
        public double PreciseLeverage => _broker.Settings.Leverage;
        public double StopOutLevel => _broker.Settings.StopOutLevel;
        public long UserId => 1;
        public Asset Asset { get; }
        public TotalMarginCalculationType TotalMarginCalculationType => TotalMarginCalculationType.Max;
        public double Credit => 0.0;
    }
}
