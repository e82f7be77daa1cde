using System;
using System.Collections;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.CompilerServices;
using cAlgo.API;
using cAlgo.API.Internals;
using PerpGuard.Headless.Simulation;

namespace PerpGuard.Headless.Runtime
{
    /// <summary>
    /// The cAlgo face of one simulated account: the trading gateway every algo calls, the Positions /
    /// PendingOrders / History collections with their events, Account and Symbol. Broker events come in
    /// through <see cref="ISimBrokerListener"/>; cAlgo event args are allocated only when an algo subscribed.
    /// Partial closes raise Positions.Modified (not Closed) and add a History entry, unless
    /// <see cref="PartialCloseRaisesClosed"/> says otherwise.
    /// </summary>
    public sealed class TradingServices : ITradingGateway, ISimBrokerListener
    {
        private readonly SimulatedBroker _broker;
        private readonly PositionsCollection _positions;
        private readonly PendingOrdersCollection _orders;
        private readonly HistoryCollection _history;
        private readonly SymbolsAdapter _symbols;

        public TradingServices(SimulatedBroker broker, ZoneClock accountZone)
        {
            _broker = broker;
            AccountZone = accountZone;
            _positions = new PositionsCollection(this);
            _orders = new PendingOrdersCollection(this);
            _history = new HistoryCollection(this);
            Account = new AccountAdapter(broker);
            Symbol = Adapter(broker.Symbol);
            _symbols = new SymbolsAdapter(new[] { Symbol });
            broker.Listener = this;
        }

        public SimulatedBroker Broker => _broker;

        /// <summary>
        /// Which event a partial close raises. cTrader does not document it (REFERENCE.md §8: the official "Partial
        /// Close" sample's Closed handler checks whether a position with that id still exists), so the default is
        /// Modified and tests switch this on to prove an algo right under the other reading too: Closed, with reason
        /// Closed (or the stop/target/stop-out that cut it), for a position that is still open.
        /// </summary>
        public bool PartialCloseRaisesClosed { get; set; }

        /// <summary>
        /// The next this-many market orders are executed but answered with <see cref="ErrorCode.Timeout"/>, as when
        /// the server's reply is lost: a failed result does not prove that nothing was executed (the position is in
        /// Positions and its Opened event is raised as usual).
        /// </summary>
        public int LoseMarketOrderReplies { get; set; }

        /// <summary>
        /// The answer a lost reply gets (<see cref="ErrorCode.Timeout"/> by default; <see cref="ErrorCode.TechnicalError"/>
        /// or <see cref="ErrorCode.Disconnected"/> for the other answers cTrader gives without saying whether the order
        /// was executed).
        /// </summary>
        public ErrorCode LostReplyError { get; set; } = ErrorCode.Timeout;

        /// <summary>Zone for Position/History times (the robots' attribute zone; UTC by default).</summary>
        public ZoneClock AccountZone { get; set; }

        public ITradingGateway Gateway => this;
        public Positions Positions => _positions;
        public PendingOrders PendingOrders => _orders;
        public History History => _history;
        public IAccount Account { get; }

        /// <summary>The chart symbol (the broker's first).</summary>
        public SymbolAdapter Symbol { get; }

        public Symbols Symbols => _symbols;

        /// <summary>
        /// The cAlgo face of another symbol the broker quotes (<see cref="SimulatedBroker.AddSymbol"/>), listed in
        /// <see cref="Symbols"/> and tradable by name from then on.
        /// </summary>
        public SymbolAdapter AddSymbol(SimSymbol symbol)
        {
            if (symbol.HostTag is SymbolAdapter existing)
            {
                return existing;
            }

            var adapter = Adapter(symbol);
            _symbols.Add(adapter);
            return adapter;
        }

        /// <summary>The adapter of a symbol of this run (positions, orders and deals name theirs).</summary>
        internal SymbolAdapter SymbolOf(SimSymbol symbol) => symbol.HostTag as SymbolAdapter ?? Symbol;

        internal SymbolAdapter SymbolOf(string symbolName) => _broker.FindSymbol(symbolName) is { } sim ? SymbolOf(sim) : Symbol;

        private SymbolAdapter Adapter(SimSymbol symbol)
        {
            var broker = _broker;
            var adapter = new SymbolAdapter(
                symbol,
                broker.Settings.Currency,
                () => broker.Balance,
                () => broker.Equity,
                (volume, type) => broker.GetEstimatedMargin(symbol, SimConvert.ToSide(type), volume),
                () => (broker.UnrealizedGrossProfit, broker.UnrealizedNetProfit),
                asset => AssetAdapter.ValueInAccount(asset, broker));
            symbol.HostTag = adapter;
            return adapter;
        }

        /// <summary>
        /// Unsubscribes a stopped algo's position and pending-order handlers: cTrader delivers no events to a stopped
        /// algo. A handler is the algo's when its target is the algo or a compiler-made closure holding it (a lambda
        /// over locals); a handler on some other object the algo made stays, as the platform cannot tell either.
        /// </summary>
        public void Detach(object algo)
        {
            _positions.Detach(algo);
            _orders.Detach(algo);
        }

        internal static T? Without<T>(T? handlers, object algo)
            where T : Delegate
        {
            if (handlers is null)
            {
                return null;
            }

            Delegate? kept = handlers;
            foreach (var d in handlers.GetInvocationList())
            {
                if (OwnedBy(d, algo))
                {
                    kept = Delegate.Remove(kept, d);
                }
            }

            return (T?)kept;
        }

        private static bool OwnedBy(Delegate handler, object algo) => Holds(handler.Target, algo, 0);

        // The algo itself, or a compiler-made closure holding it — directly or through the closure of an outer scope
        // (a lambda in a nested block), a few levels deep.
        private static bool Holds(object? target, object algo, int depth)
        {
            if (target is null)
            {
                return false;
            }

            if (ReferenceEquals(target, algo))
            {
                return true;
            }

            var type = target.GetType();
            if (depth > 4 || !type.IsDefined(typeof(CompilerGeneratedAttribute), false))
            {
                return false;
            }

            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                if (!field.FieldType.IsValueType && Holds(field.GetValue(target), algo, depth + 1))
                {
                    return true;
                }
            }

            return false;
        }

        internal DateTime ToAccountZone(DateTime utc) => AccountZone.ToZone(utc.Ticks);

        internal DateTime ToUtc(DateTime zoneTime) => new DateTime(AccountZone.ToUtcTicks(zoneTime), DateTimeKind.Utc);

        public PositionAdapter Adapt(SimPosition p) => p.HostTag as PositionAdapter ?? (PositionAdapter)(p.HostTag = new PositionAdapter(p, this));

        public PendingOrderAdapter Adapt(SimPendingOrder o) => o.HostTag as PendingOrderAdapter ?? (PendingOrderAdapter)(o.HostTag = new PendingOrderAdapter(o, this));

        public HistoricalTradeAdapter Adapt(SimClosedTrade t) => t.HostTag as HistoricalTradeAdapter ?? (HistoricalTradeAdapter)(t.HostTag = new HistoricalTradeAdapter(t, this));

        // ---- ITradingGateway ----
        public TradeResult ExecuteMarketOrder(MarketOrderRequest request)
        {
            var sim = _broker.FindSymbol(request.SymbolName);
            if (sim is null)
            {
                return TradeResults.Failure(ErrorCode.UnknownSymbol);
            }

            if (!LabelAndCommentFit(request.Label, request.Comment))
            {
                return TradeResults.Failure(ErrorCode.InvalidRequest);
            }

            if (request.MarketRangePips.HasValue && request.BasePrice.HasValue)
            {
                var price = request.TradeType == TradeType.Buy ? sim.Ask : sim.Bid;
                if (Math.Abs(price - request.BasePrice.Value) > request.MarketRangePips.Value * sim.Spec.PipSize)
                {
                    return TradeResults.Failure(ErrorCode.TechnicalError);
                }
            }

            var order = new SimMarketOrder(SimConvert.ToSide(request.TradeType), request.Volume)
            {
                Symbol = sim,
                StopLossPips = request.StopLossPips,
                TakeProfitPips = request.TakeProfitPips,
                Label = request.Label,
                Comment = request.Comment,
                HasTrailingStop = request.HasTrailingStop,
                StopLossTriggerMethod = SimConvert.ToSim(request.StopLossTriggerMethod),
            };
            var executed = _broker.ExecuteMarketOrder(order);
            if (executed.IsSuccessful && LoseMarketOrderReplies > 0)
            {
                LoseMarketOrderReplies--;
                return TradeResults.Failure(LostReplyError);
            }

            return Convert(executed);
        }

        public TradeResult PlacePendingOrder(PendingOrderRequest request)
        {
            var sim = _broker.FindSymbol(request.SymbolName);
            if (sim is null)
            {
                return TradeResults.Failure(ErrorCode.UnknownSymbol);
            }

            if (!LabelAndCommentFit(request.Label, null))
            {
                return TradeResults.Failure(ErrorCode.InvalidRequest);
            }

            var pending = new SimPendingOrderRequest((SimPendingOrderType)(int)request.OrderType, SimConvert.ToSide(request.TradeType), request.Volume, request.TargetPrice)
            {
                Symbol = sim,
                Label = request.Label,
                StopLimitRangePips = request.StopLimitRangePips,
            };
            return Convert(_broker.PlacePendingOrder(pending));
        }

        public TradeResult ModifyPendingOrderTarget(PendingOrder pendingOrder, double targetPrice)
        {
            var o = ((PendingOrderAdapter)pendingOrder).Sim;
            return ModifyPending(pendingOrder, targetPrice, o.StopLossPips, o.TakeProfitPips, o.ExpirationTime, o.VolumeInUnits, o.StopLimitRangePips);
        }

        public TradeResult CancelPendingOrder(PendingOrder pendingOrder) =>
            pendingOrder is PendingOrderAdapter a ? Convert(_broker.CancelPendingOrder(a.Sim)) : TradeResults.Failure(ErrorCode.EntityNotFound);

        public TradeResult ClosePosition(Position position, double? volume) =>
            position is PositionAdapter a ? Convert(_broker.ClosePosition(a.Sim, volume), a) : TradeResults.Failure(ErrorCode.EntityNotFound);

        public TradeResult ModifyPositionVolume(Position position, double volume) =>
            position is PositionAdapter a ? Convert(_broker.ModifyPositionVolume(a.Sim, volume), a) : TradeResults.Failure(ErrorCode.EntityNotFound);

        /// <summary>Closes the position (or part) and opens the opposite side with the same volume (or the given one).</summary>
        public TradeResult ReversePosition(Position position, double? volume)
        {
            if (!(position is PositionAdapter a))
            {
                return TradeResults.Failure(ErrorCode.EntityNotFound);
            }

            var p = a.Sim;
            var newVolume = volume ?? p.VolumeInUnits;
            var closed = _broker.ClosePosition(p, null);
            if (!closed.IsSuccessful)
            {
                return Convert(closed, a);
            }

            var opposite = p.Side == SimTradeSide.Buy ? SimTradeSide.Sell : SimTradeSide.Buy;
            return Convert(_broker.ExecuteMarketOrder(new SimMarketOrder(opposite, newVolume) { Label = p.Label, Comment = p.Comment }));
        }

        public TradeResult ModifyPositionProtection(Position position, double? stopLoss, double? takeProfit, bool hasTrailingStop, StopTriggerMethod? stopLossTriggerMethod) =>
            position is PositionAdapter a
                ? Convert(_broker.ModifyPosition(a.Sim, stopLoss, takeProfit, hasTrailingStop, SimConvert.ToSim(stopLossTriggerMethod)), a)
                : TradeResults.Failure(ErrorCode.EntityNotFound);

        internal TradeResult ModifyPending(PendingOrder order, double targetPrice, double? stopLossPips, double? takeProfitPips, DateTime? expirationUtc, double volume, double? stopLimitRangePips)
        {
            if (!(order is PendingOrderAdapter a))
            {
                return TradeResults.Failure(ErrorCode.EntityNotFound);
            }

            var o = a.Sim;
            return Convert(_broker.ModifyPendingOrder(o, targetPrice, stopLossPips, takeProfitPips, expirationUtc, volume, o.HasTrailingStop,
                o.StopLossTriggerMethod, o.StopOrderTriggerMethod, stopLimitRangePips));
        }

        // ---- ISimBrokerListener ----
        public void OnPositionOpened(SimPosition position) => _positions.RaiseOpened(position);

        public void OnPositionClosed(SimPosition position, SimClosedTrade trade, SimCloseReason reason) => _positions.RaiseClosed(position, (PositionCloseReason)(int)reason);

        public void OnPositionPartiallyClosed(SimPosition position, SimClosedTrade trade, SimCloseReason reason)
        {
            if (PartialCloseRaisesClosed)
            {
                _positions.RaiseClosed(position, (PositionCloseReason)(int)reason);
            }
            else
            {
                _positions.RaiseModified(position);
            }
        }

        public void OnPositionModified(SimPosition position) => _positions.RaiseModified(position);

        public void OnPendingOrderCreated(SimPendingOrder order) => _orders.RaiseCreated(order);

        public void OnPendingOrderModified(SimPendingOrder order) => _orders.RaiseModified(order);

        public void OnPendingOrderFilled(SimPendingOrder order, SimPosition position) => _orders.RaiseFilled(order, position);

        public void OnPendingOrderCancelled(SimPendingOrder order, SimCancelReason reason) => _orders.RaiseCancelled(order, (PendingOrderCancellationReason)(int)reason);

        /// <summary>The longest label and comment an order takes (Open API ProtoOANewOrderReq: "MaxLength = 100" / "= 512").</summary>
        public const int MaxLabelLength = 100;

        public const int MaxCommentLength = 512;

        // Whether cTrader cuts or refuses a longer one is not documented: refused here (the strict reading).
        private static bool LabelAndCommentFit(string? label, string? comment) =>
            (label?.Length ?? 0) <= MaxLabelLength && (comment?.Length ?? 0) <= MaxCommentLength;

        private TradeResult Convert(SimTradeResult r, PositionAdapter? subject = null)
        {
            if (!r.IsSuccessful)
            {
                return TradeResults.Failure(SimConvert.ToErrorCode(r.Error!.Value), subject);
            }

            var position = r.Position != null ? Adapt(r.Position) : subject;
            return r.PendingOrder != null ? TradeResults.Success(Adapt(r.PendingOrder), position) : TradeResults.Success(position);
        }

        private sealed class PositionsCollection : Positions
        {
            private readonly TradingServices _s;

            public PositionsCollection(TradingServices s)
            {
                _s = s;
            }

            public event Action<PositionClosedEventArgs>? Closed;

            public event Action<PositionOpenedEventArgs>? Opened;

            public event Action<PositionModifiedEventArgs>? Modified;

            internal void Detach(object algo)
            {
                Closed = Without(Closed, algo);
                Opened = Without(Opened, algo);
                Modified = Without(Modified, algo);
            }

            public Position this[int index] => _s.Adapt(_s._broker.Positions[index]);

            public int Count => _s._broker.Positions.Count;

            public Position Find(string label) => FindFirst(label, null, null)!;

            public Position Find(string label, string symbolName) => FindFirst(label, symbolName, null)!;

            public Position Find(string label, string symbolName, TradeType tradeType) => FindFirst(label, symbolName, tradeType)!;

            public Position[] FindAll(string label) => FindMany(label, null, null);

            public Position[] FindAll(string label, string symbolName) => FindMany(label, symbolName, null);

            public Position[] FindAll(string label, string symbolName, TradeType tradeType) => FindMany(label, symbolName, tradeType);

            public IEnumerator<Position> GetEnumerator()
            {
                // Snapshot: algos often close positions while iterating.
                var list = _s._broker.Positions;
                var copy = new Position[list.Count];
                for (var i = 0; i < copy.Length; i++)
                {
                    copy[i] = _s.Adapt(list[i]);
                }

                return ((IEnumerable<Position>)copy).GetEnumerator();
            }

            IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

            internal void RaiseOpened(SimPosition p) => Opened?.Invoke(new PositionOpenedEventArgs(_s.Adapt(p)));

            internal void RaiseClosed(SimPosition p, PositionCloseReason reason) => Closed?.Invoke(PositionClosedEventArgs.Create(_s.Adapt(p), reason));

            internal void RaiseModified(SimPosition p) => Modified?.Invoke(new PositionModifiedEventArgs(_s.Adapt(p)));

            private static bool Matches(SimPosition p, string? label, string? symbolName, TradeType? type) =>
                string.Equals(p.Label ?? string.Empty, label ?? string.Empty, StringComparison.Ordinal)
                && (symbolName == null || p.SymbolName == symbolName)
                && (type == null || SimConvert.ToTradeType(p.Side) == type.Value);

            private Position? FindFirst(string? label, string? symbolName, TradeType? type)
            {
                foreach (var p in _s._broker.Positions)
                {
                    if (Matches(p, label, symbolName, type))
                    {
                        return _s.Adapt(p);
                    }
                }

                return null;
            }

            private Position[] FindMany(string? label, string? symbolName, TradeType? type)
            {
                var found = new List<Position>();
                foreach (var p in _s._broker.Positions)
                {
                    if (Matches(p, label, symbolName, type))
                    {
                        found.Add(_s.Adapt(p));
                    }
                }

                return found.ToArray();
            }
        }

        private sealed class PendingOrdersCollection : PendingOrders
        {
            private readonly TradingServices _s;

            public PendingOrdersCollection(TradingServices s)
            {
                _s = s;
            }

            public event Action<PendingOrderCreatedEventArgs>? Created;

            public event Action<PendingOrderModifiedEventArgs>? Modified;

            public event Action<PendingOrderCancelledEventArgs>? Cancelled;

            public event Action<PendingOrderFilledEventArgs>? Filled;

            internal void Detach(object algo)
            {
                Created = Without(Created, algo);
                Modified = Without(Modified, algo);
                Cancelled = Without(Cancelled, algo);
                Filled = Without(Filled, algo);
            }

            public PendingOrder this[int index] => _s.Adapt(_s._broker.PendingOrders[index]);

            public int Count => _s._broker.PendingOrders.Count;

            public IEnumerator<PendingOrder> GetEnumerator()
            {
                var list = _s._broker.PendingOrders;
                var copy = new PendingOrder[list.Count];
                for (var i = 0; i < copy.Length; i++)
                {
                    copy[i] = _s.Adapt(list[i]);
                }

                return ((IEnumerable<PendingOrder>)copy).GetEnumerator();
            }

            IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

            internal void RaiseCreated(SimPendingOrder o) => Created?.Invoke(new PendingOrderCreatedEventArgs(_s.Adapt(o)));

            internal void RaiseModified(SimPendingOrder o) => Modified?.Invoke(new PendingOrderModifiedEventArgs(_s.Adapt(o)));

            internal void RaiseCancelled(SimPendingOrder o, PendingOrderCancellationReason reason) => Cancelled?.Invoke(new PendingOrderCancelledEventArgs(_s.Adapt(o), reason));

            internal void RaiseFilled(SimPendingOrder o, SimPosition p) => Filled?.Invoke(new PendingOrderFilledEventArgs(_s.Adapt(o), _s.Adapt(p)));
        }

        private sealed class HistoryCollection : History
        {
            private readonly TradingServices _s;

            public HistoryCollection(TradingServices s)
            {
                _s = s;
            }

            public HistoricalTrade this[int index] => _s.Adapt(_s._broker.History[index]);

            public int Count => _s._broker.History.Count;

            public HistoricalTrade FindLast(string label) => FindLastOf(label, null, null)!;

            public HistoricalTrade FindLast(string label, string symbolName) => FindLastOf(label, symbolName, null)!;

            public HistoricalTrade FindLast(string label, string symbolName, TradeType tradeType) => FindLastOf(label, symbolName, tradeType)!;

            public HistoricalTrade[] FindAll(string label) => FindMany(label, null, null);

            public HistoricalTrade[] FindAll(string label, string symbolName) => FindMany(label, symbolName, null);

            public HistoricalTrade[] FindAll(string label, string symbolName, TradeType tradeType) => FindMany(label, symbolName, tradeType);

            public IEnumerator<HistoricalTrade> GetEnumerator()
            {
                var list = _s._broker.History;
                for (var i = 0; i < list.Count; i++)
                {
                    yield return _s.Adapt(list[i]);
                }
            }

            IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

            private static bool Matches(SimClosedTrade t, string? label, string? symbolName, TradeType? type) =>
                string.Equals(t.Label ?? string.Empty, label ?? string.Empty, StringComparison.Ordinal)
                && (symbolName == null || t.SymbolName == symbolName)
                && (type == null || SimConvert.ToTradeType(t.Side) == type.Value);

            private HistoricalTrade? FindLastOf(string? label, string? symbolName, TradeType? type)
            {
                var list = _s._broker.History;
                for (var i = list.Count - 1; i >= 0; i--)
                {
                    if (Matches(list[i], label, symbolName, type))
                    {
                        return _s.Adapt(list[i]);
                    }
                }

                return null;
            }

            private HistoricalTrade[] FindMany(string? label, string? symbolName, TradeType? type)
            {
                var found = new List<HistoricalTrade>();
                foreach (var t in _s._broker.History)
                {
                    if (Matches(t, label, symbolName, type))
                    {
                        found.Add(_s.Adapt(t));
                    }
                }

                return found.ToArray();
            }
        }
    }
}
