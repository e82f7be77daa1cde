using System;

namespace PerpGuard.Headless.Simulation
{
    public sealed partial class SimulatedBroker
    {
        /// <summary>
        /// Market order: fills at ask (buy) / bid (sell) plus slippage. Refusals like cTrader:
        /// BadVolume (≤ 0, below min, above max, off the step), InvalidStopLossTakeProfit (wrong side,
        /// both pips and price given, closer than the minimum distance), NoMoney (the margin it adds
        /// exceeds free margin), MarketClosed (no quote yet or trading disabled), UnknownSymbol.
        /// On a netted account an order on a symbol with a position merges into it, reduces it,
        /// closes it, or closes and reverses it.
        /// </summary>
        public SimTradeResult ExecuteMarketOrder(in SimMarketOrder order)
        {
            var symbol = order.Symbol ?? _symbols[0];
            if (!IsRegistered(symbol)) return SimTradeResult.Fail(SimErrorCode.UnknownSymbol, "symbol is not registered with this broker");
            var fault = NextFault(SimOperationKind.MarketOrder);
            if (fault.Reject.HasValue) return SimTradeResult.Fail(fault.Reject.Value, "rejected by fault injection");
            if (!symbol.HasQuote || !symbol.Spec.IsTradingEnabled) return SimTradeResult.Fail(SimErrorCode.MarketClosed, "no quote or trading disabled");
            string? volumeError = CheckVolume(symbol, order.VolumeInUnits);
            if (volumeError != null) return SimTradeResult.Fail(SimErrorCode.BadVolume, volumeError);
            if ((order.StopLossPips.HasValue && order.StopLossPrice.HasValue) || (order.TakeProfitPips.HasValue && order.TakeProfitPrice.HasValue))
            {
                return SimTradeResult.Fail(SimErrorCode.InvalidRequest, "give stop loss / take profit in pips or as a price, not both");
            }

            bool buy = order.Side == SimTradeSide.Buy;
            // Slippage moves the fill against the trader, rounded to a whole tick against the trader too.
            double fill = Slipped(symbol, buy, buy ? symbol.Ask : symbol.Bid, _options.Slippage.Next() + fault.ExtraSlippage);
            double? sl = order.StopLossPrice.HasValue ? symbol.RoundPrice(order.StopLossPrice.Value) : FromPips(symbol, buy, fill, order.StopLossPips, true);
            double? tp = order.TakeProfitPrice.HasValue ? symbol.RoundPrice(order.TakeProfitPrice.Value) : FromPips(symbol, buy, fill, order.TakeProfitPips, false);
            string? protectionError = CheckProtection(symbol, buy, buy ? symbol.Bid : symbol.Ask, fill, sl, tp);
            if (protectionError != null) return SimTradeResult.Fail(SimErrorCode.InvalidStopLossTakeProfit, protectionError);

            double volume = order.VolumeInUnits;
            if (fault.FillFraction < 1.0) volume = PartialVolume(symbol, volume, fault.FillFraction);
            if (MarginIncrease(symbol, order.Side, volume, fill) > FreeMargin) return SimTradeResult.Fail(SimErrorCode.NoMoney, "not enough free margin");

            bool slRefused = fault.DropStopLoss && sl.HasValue;
            if (slRefused) sl = null;
            Enter();
            var position = OpenOrNet(symbol, order.Side, volume, fill, sl, tp, order.Label, order.Comment, order.HasTrailingStop,
                order.StopLossTriggerMethod ?? SimStopTriggerMethod.Trade);
            Leave();
            return SimTradeResult.Ok(position, null, volume, slRefused);
        }

        /// <summary>Places a limit, stop or stop-limit order (per <see cref="SimPendingOrderRequest.OrderType"/>).</summary>
        public SimTradeResult PlacePendingOrder(in SimPendingOrderRequest request)
        {
            var symbol = request.Symbol ?? _symbols[0];
            if (!IsRegistered(symbol)) return SimTradeResult.Fail(SimErrorCode.UnknownSymbol, "symbol is not registered with this broker");
            var fault = NextFault(SimOperationKind.PlacePendingOrder);
            if (fault.Reject.HasValue) return SimTradeResult.Fail(fault.Reject.Value, "rejected by fault injection");
            if (!symbol.HasQuote || !symbol.Spec.IsTradingEnabled) return SimTradeResult.Fail(SimErrorCode.MarketClosed, "no quote or trading disabled");
            string? volumeError = CheckVolume(symbol, request.VolumeInUnits);
            if (volumeError != null) return SimTradeResult.Fail(SimErrorCode.BadVolume, volumeError);
            string? error = CheckPendingFields(request.TargetPrice, request.StopLossPips, request.TakeProfitPips, request.Expiration,
                request.OrderType, request.StopLimitRangePips);
            if (error != null) return SimTradeResult.Fail(PendingFieldsErrorCode(error), error);

            var o = new SimPendingOrder(_nextOrderId++, symbol, request.Side, request.OrderType)
            {
                VolumeInUnits = request.VolumeInUnits,
                TargetPrice = symbol.RoundPrice(request.TargetPrice),
                ExpirationTime = request.Expiration,
                StopLossPips = request.StopLossPips,
                TakeProfitPips = request.TakeProfitPips,
                HasTrailingStop = request.HasTrailingStop,
                StopLossTriggerMethod = request.StopLossTriggerMethod ?? SimStopTriggerMethod.Trade,
                StopOrderTriggerMethod = request.StopOrderTriggerMethod ?? SimStopTriggerMethod.Trade,
                StopLimitRangePips = request.StopLimitRangePips,
                Label = request.Label ?? string.Empty,
                Comment = request.Comment ?? string.Empty,
                SubmittedTime = TimeUtc,
            };
            Enter();
            _orders.Add(o);
            _attentionTicks = long.MinValue;
            Enqueue(SimEventKind.OrderCreated, null, o, null, 0);
            Leave();
            return SimTradeResult.Ok(null, o);
        }

        public SimTradeResult PlaceLimitOrder(in SimPendingOrderRequest request) => PlacePendingOrder(request with { OrderType = SimPendingOrderType.Limit });

        public SimTradeResult PlaceStopOrder(in SimPendingOrderRequest request) => PlacePendingOrder(request with { OrderType = SimPendingOrderType.Stop });

        public SimTradeResult PlaceStopLimitOrder(in SimPendingOrderRequest request) => PlacePendingOrder(request with { OrderType = SimPendingOrderType.StopLimit });

        /// <summary>
        /// Replaces every modifiable field of a pending order (cTrader's ModifyPendingOrder: the
        /// host passes the current values for what the robot leaves out).
        /// </summary>
        public SimTradeResult ModifyPendingOrder(SimPendingOrder order, double targetPrice, double? stopLossPips, double? takeProfitPips,
            DateTime? expiration, double volumeInUnits, bool hasTrailingStop, SimStopTriggerMethod? stopLossTriggerMethod,
            SimStopTriggerMethod? stopOrderTriggerMethod, double? stopLimitRangePips)
        {
            if (order == null || !_orders.Contains(order)) return SimTradeResult.Fail(SimErrorCode.EntityNotFound, "pending order not found");
            var fault = NextFault(SimOperationKind.ModifyPendingOrder);
            if (fault.Reject.HasValue) return SimTradeResult.Fail(fault.Reject.Value, "rejected by fault injection");
            string? volumeError = CheckVolume(order.Symbol, volumeInUnits);
            if (volumeError != null) return SimTradeResult.Fail(SimErrorCode.BadVolume, volumeError);
            string? error = CheckPendingFields(targetPrice, stopLossPips, takeProfitPips, expiration, order.OrderType, stopLimitRangePips);
            if (error != null) return SimTradeResult.Fail(PendingFieldsErrorCode(error), error);
            Enter();
            order.TargetPrice = order.Symbol.RoundPrice(targetPrice);
            order.StopLossPips = stopLossPips;
            order.TakeProfitPips = takeProfitPips;
            order.ExpirationTime = expiration;
            order.VolumeInUnits = volumeInUnits;
            order.HasTrailingStop = hasTrailingStop;
            if (stopLossTriggerMethod.HasValue) order.StopLossTriggerMethod = stopLossTriggerMethod.Value;
            if (stopOrderTriggerMethod.HasValue) order.StopOrderTriggerMethod = stopOrderTriggerMethod.Value;
            order.StopLimitRangePips = stopLimitRangePips;
            order.LastUpdateTime = TimeUtc;
            Enqueue(SimEventKind.OrderModified, null, order, null, 0);
            Leave();
            return SimTradeResult.Ok(null, order);
        }

        public SimTradeResult CancelPendingOrder(SimPendingOrder order)
        {
            int index = order == null ? -1 : _orders.IndexOf(order);
            if (index < 0) return SimTradeResult.Fail(SimErrorCode.EntityNotFound, "pending order not found");
            var fault = NextFault(SimOperationKind.CancelPendingOrder);
            if (fault.Reject.HasValue) return SimTradeResult.Fail(fault.Reject.Value, "rejected by fault injection");
            Enter();
            _orders.RemoveAt(index);
            Enqueue(SimEventKind.OrderCancelled, null, order, null, (int)SimCancelReason.Cancelled);
            Leave();
            return SimTradeResult.Ok(null, order);
        }

        /// <summary>
        /// Sets SL/TP as absolute prices (null removes) and trailing. A trailing stop keeps the
        /// distance between the trigger price and the SL at the moment it is enabled and moves only
        /// in the position's favour; without a SL trailing stays off.
        /// </summary>
        public SimTradeResult ModifyPosition(SimPosition position, double? stopLoss, double? takeProfit, bool hasTrailingStop = false,
            SimStopTriggerMethod? stopLossTriggerMethod = null)
        {
            if (position == null || !_positions.Contains(position)) return SimTradeResult.Fail(SimErrorCode.EntityNotFound, "position not found");
            var fault = NextFault(SimOperationKind.ModifyPosition);
            if (fault.Reject.HasValue) return SimTradeResult.Fail(fault.Reject.Value, "rejected by fault injection");
            var symbol = position.Symbol;
            bool buy = position.IsLong;
            double close = buy ? symbol.Bid : symbol.Ask;
            if (stopLoss.HasValue) stopLoss = symbol.RoundPrice(stopLoss.Value);
            if (takeProfit.HasValue) takeProfit = symbol.RoundPrice(takeProfit.Value);
            string? error = CheckProtection(symbol, buy, close, close, stopLoss, takeProfit);
            if (error != null) return SimTradeResult.Fail(SimErrorCode.InvalidStopLossTakeProfit, error);
            Enter();
            bool trailingWasOn = position.HasTrailingStop;
            double? oldStop = position.StopLoss;
            position.StopLoss = stopLoss;
            position.TakeProfit = takeProfit;
            if (stopLossTriggerMethod.HasValue) position.StopLossTriggerMethod = stopLossTriggerMethod.Value;
            position.HasTrailingStop = hasTrailingStop && stopLoss.HasValue;
            if (position.HasTrailingStop && (!trailingWasOn || oldStop != stopLoss)) position.TrailDistance = Math.Abs(TrailReference(position) - stopLoss!.Value);
            position.StopArmed = false;
            position.LastUpdateTime = TimeUtc;
            Enqueue(SimEventKind.PositionModified, position, null, null, 0);
            Leave();
            return SimTradeResult.Ok(position, null);
        }

        /// <summary>Changes the volume: less closes the difference (a closing deal), more adds at the market price (VWAP entry).</summary>
        public SimTradeResult ModifyPositionVolume(SimPosition position, double volumeInUnits)
        {
            if (position == null || !_positions.Contains(position)) return SimTradeResult.Fail(SimErrorCode.EntityNotFound, "position not found");
            var symbol = position.Symbol;
            string? volumeError = CheckVolume(symbol, volumeInUnits);
            if (volumeError != null) return SimTradeResult.Fail(SimErrorCode.BadVolume, volumeError);
            double diff = volumeInUnits - position.VolumeInUnits;
            if (Math.Abs(diff) < VolumeEpsilon) return SimTradeResult.Ok(position, null, volumeInUnits);
            if (diff < 0) return ClosePosition(position, -diff);
            var fault = NextFault(SimOperationKind.MarketOrder);
            if (fault.Reject.HasValue) return SimTradeResult.Fail(fault.Reject.Value, "rejected by fault injection");
            bool buy = position.IsLong;
            double fill = Slipped(symbol, buy, buy ? symbol.Ask : symbol.Bid, fault.ExtraSlippage);
            if (MarginIncrease(symbol, position.Side, diff, fill) > FreeMargin) return SimTradeResult.Fail(SimErrorCode.NoMoney, "not enough free margin");
            Enter();
            AddToPosition(position, diff, fill);
            Leave();
            return SimTradeResult.Ok(position, null, diff);
        }

        /// <summary>Closes the whole position, or <paramref name="volumeInUnits"/> of it (a partial close; the rest must stay ≥ the minimum).</summary>
        public SimTradeResult ClosePosition(SimPosition position, double? volumeInUnits = null)
        {
            if (position == null || !_positions.Contains(position)) return SimTradeResult.Fail(SimErrorCode.EntityNotFound, "position not found");
            var fault = NextFault(SimOperationKind.ClosePosition);
            if (fault.Reject.HasValue) return SimTradeResult.Fail(fault.Reject.Value, "rejected by fault injection");
            var symbol = position.Symbol;
            double volume = position.VolumeInUnits;
            if (volumeInUnits.HasValue && volumeInUnits.Value < position.VolumeInUnits - VolumeEpsilon)
            {
                volume = volumeInUnits.Value;
                string? volumeError = CheckVolume(symbol, volume) ?? CheckVolume(symbol, position.VolumeInUnits - volume);
                if (volumeError != null) return SimTradeResult.Fail(SimErrorCode.BadVolume, volumeError);
            }

            double close = Slipped(symbol, !position.IsLong, position.IsLong ? symbol.Bid : symbol.Ask, fault.ExtraSlippage);
            Enter();
            ClosePart(position, volume, close, SimCloseReason.Closed);
            Leave();
            return SimTradeResult.Ok(position, null, volume);
        }

        private SimPosition OpenOrNet(SimSymbol symbol, SimTradeSide side, double volume, double fill, double? sl, double? tp,
            string? label, string? comment, bool trailing, SimStopTriggerMethod trigger)
        {
            if (_settings.AccountType == SimAccountType.Netted)
            {
                SimPosition? existing = null;
                for (int i = 0; i < _positions.Count; i++)
                {
                    if (ReferenceEquals(_positions[i].Symbol, symbol))
                    {
                        existing = _positions[i];
                        break;
                    }
                }

                if (existing != null)
                {
                    if (existing.Side == side)
                    {
                        AddToPosition(existing, volume, fill);
                        if (sl.HasValue || tp.HasValue)
                        {
                            existing.StopLoss = sl ?? existing.StopLoss;
                            existing.TakeProfit = tp ?? existing.TakeProfit;
                        }

                        return existing;
                    }

                    double existingVolume = existing.VolumeInUnits;
                    if (volume < existingVolume - VolumeEpsilon)
                    {
                        ClosePart(existing, volume, fill, SimCloseReason.Closed);
                        return existing;
                    }

                    ClosePart(existing, existingVolume, fill, SimCloseReason.Closed);
                    volume = Math.Round(volume - existingVolume, 10);
                    if (volume < VolumeEpsilon) return existing;
                }
            }

            var p = new SimPosition(_nextPositionId++, symbol, side)
            {
                VolumeInUnits = volume,
                EntryPrice = fill,
                EntryTime = TimeUtc,
                StopLoss = sl,
                TakeProfit = tp,
                StopLossTriggerMethod = trigger,
                Label = label ?? string.Empty,
                Comment = comment ?? string.Empty,
                Commissions = -RoundMoney(SimMoney.CommissionPerSide(symbol.Spec, volume, fill, _settings.UsdToAccountRate)),
                MarginNotionalUsd = volume * fill * symbol.Spec.QuoteToUsdRate,
            };
            p.HasTrailingStop = trailing && sl.HasValue;
            if (p.HasTrailingStop) p.TrailDistance = Math.Abs(fill - sl!.Value);
            Mark(p);
            _positions.Add(p);
            _attentionTicks = long.MinValue;
            RecomputeMargin();
            RecomputeTotals();
            Enqueue(SimEventKind.PositionOpened, p, null, null, 0);
            return p;
        }

        private void AddToPosition(SimPosition p, double volume, double fill)
        {
            double total = p.VolumeInUnits + volume;
            p.EntryPrice = (p.EntryPrice * p.VolumeInUnits + fill * volume) / total;
            p.VolumeInUnits = Math.Round(total, 10);
            p.Commissions = Book(p.Commissions, -SimMoney.CommissionPerSide(p.Symbol.Spec, volume, fill, _settings.UsdToAccountRate));
            p.MarginNotionalUsd += volume * fill * p.Symbol.Spec.QuoteToUsdRate;
            p.LastUpdateTime = TimeUtc;
            Mark(p);
            RecomputeMargin();
            RecomputeTotals();
            Enqueue(SimEventKind.PositionModified, p, null, null, 0);
        }

        /// <summary>Books one closing deal of <paramref name="volume"/> at <paramref name="price"/>; removes the position when fully closed.</summary>
        private void ClosePart(SimPosition p, double volume, double price, SimCloseReason reason)
        {
            var spec = p.Symbol.Spec;
            bool full = volume >= p.VolumeInUnits - VolumeEpsilon;
            if (full) volume = p.VolumeInUnits;
            double fraction = volume / p.VolumeInUnits;
            // cTrader books every deal amount in whole units of the deposit currency (cents for USD: the Open API's
            // moneyDigits integers), and the balance after the deal is the sum of those booked amounts. Kept here as
            // whole money units, so balance and net profit carry no float drift.
            long grossUnits = MoneyUnits((p.IsLong ? price - p.EntryPrice : p.EntryPrice - price) * volume * spec.QuoteToAccountRate);
            long entryUnits = MoneyUnits(full ? p.Commissions : p.Commissions * fraction);
            long exitUnits = -MoneyUnits(SimMoney.CommissionPerSide(spec, volume, price, _settings.UsdToAccountRate));
            long swapUnits = MoneyUnits(full ? p.Swap : p.Swap * fraction);
            long netUnits = grossUnits + entryUnits + exitUnits + swapUnits;
            _balanceUnits += netUnits;
            _balance = _balanceUnits / _moneyScale;
            double gross = grossUnits / _moneyScale;
            double swap = swapUnits / _moneyScale;
            double net = netUnits / _moneyScale;
            var trade = new SimClosedTrade
            {
                ClosingDealId = _nextDealId++,
                PositionId = p.Id,
                SymbolName = p.SymbolName,
                Side = p.Side,
                VolumeInUnits = volume,
                Quantity = volume / spec.LotSize,
                EntryTime = p.EntryTime,
                EntryPrice = p.EntryPrice,
                ClosingTime = TimeUtc,
                ClosingPrice = price,
                Label = p.Label,
                Comment = p.Comment,
                StopLoss = p.StopLoss,
                TakeProfit = p.TakeProfit,
                Commissions = (entryUnits + exitUnits) / _moneyScale,
                Swap = swap,
                GrossProfit = gross,
                NetProfit = net,
                Balance = _balance,
                Pips = (p.IsLong ? price - p.EntryPrice : p.EntryPrice - price) / spec.PipSize,
                Reason = reason,
                IsPartial = !full,
            };
            _history.Add(trade);
            if (full)
            {
                p.CurrentPrice = price;
                p.GrossProfit = gross;
                _positions.Remove(p);
                RecomputeMargin();
                RecomputeTotals();
                Enqueue(SimEventKind.PositionClosed, p, null, trade, (int)reason);
                return;
            }

            p.VolumeInUnits = Math.Round(p.VolumeInUnits - volume, 10);
            p.Commissions = (MoneyUnits(p.Commissions) - entryUnits) / _moneyScale;
            p.Swap = (MoneyUnits(p.Swap) - swapUnits) / _moneyScale;
            p.MarginNotionalUsd = p.VolumeInUnits * p.EntryPrice * spec.QuoteToUsdRate;
            p.LastUpdateTime = TimeUtc;
            Mark(p);
            RecomputeMargin();
            RecomputeTotals();
            Enqueue(SimEventKind.PositionPartiallyClosed, p, null, trade, (int)reason);
        }

        private void FillPendingOrder(SimPendingOrder o, double fill)
        {
            var symbol = o.Symbol;
            var fault = NextFault(SimOperationKind.PendingOrderFill);
            if (fault.Reject.HasValue)
            {
                Enqueue(SimEventKind.OrderCancelled, null, o, null, (int)SimCancelReason.Rejected);
                return;
            }

            bool buy = o.Side == SimTradeSide.Buy;
            fill = Slipped(symbol, buy, fill, fault.ExtraSlippage);
            double volume = o.VolumeInUnits;
            if (fault.FillFraction < 1.0) volume = PartialVolume(symbol, volume, fault.FillFraction);
            if (MarginIncrease(symbol, o.Side, volume, fill) > FreeMargin)
            {
                Enqueue(SimEventKind.OrderCancelled, null, o, null, (int)SimCancelReason.Rejected);
                return;
            }

            double? sl = FromPips(symbol, buy, fill, o.StopLossPips, true);
            double? tp = FromPips(symbol, buy, fill, o.TakeProfitPips, false);
            if (fault.DropStopLoss) sl = null;
            var p = OpenOrNet(symbol, o.Side, volume, fill, sl, tp, o.Label, o.Comment, o.HasTrailingStop, o.StopLossTriggerMethod);
            Enqueue(SimEventKind.OrderFilled, p, o, null, 0);
        }

        private void Mark(SimPosition p)
        {
            var symbol = p.Symbol;
            double close = p.IsLong ? symbol.Bid : symbol.Ask;
            p.CurrentPrice = close;
            p.GrossProfit = (p.IsLong ? close - p.EntryPrice : p.EntryPrice - close) * p.VolumeInUnits * symbol.Spec.QuoteToAccountRate;
        }

        private static double TrailReference(SimPosition p)
        {
            bool opposite = p.StopLossTriggerMethod == SimStopTriggerMethod.Opposite || p.StopLossTriggerMethod == SimStopTriggerMethod.DoubleOpposite;
            bool byBid = p.IsLong != opposite;
            return byBid ? p.Symbol.Bid : p.Symbol.Ask;
        }

        /// <summary>How much the account margin grows if this volume is added (hedged: per symbol the larger side counts; netted: the net).</summary>
        private double MarginIncrease(SimSymbol symbol, SimTradeSide side, double volume, double price)
        {
            double added = volume * price * symbol.Spec.QuoteToUsdRate;
            double l = 0, s = 0;
            for (int i = 0; i < _positions.Count; i++)
            {
                var p = _positions[i];
                if (!ReferenceEquals(p.Symbol, symbol)) continue;
                if (p.IsLong) l += p.MarginNotionalUsd;
                else s += p.MarginNotionalUsd;
            }

            double before = SymbolMargin(symbol, l, s);
            double afterLong = l, afterShort = s;
            if (_settings.AccountType == SimAccountType.Netted)
            {
                double net = (side == SimTradeSide.Buy ? 1 : -1) * added + l - s;
                afterLong = net > 0 ? net : 0;
                afterShort = net < 0 ? -net : 0;
            }
            else if (side == SimTradeSide.Buy)
            {
                afterLong += added;
            }
            else
            {
                afterShort += added;
            }

            return SymbolMargin(symbol, afterLong, afterShort) - before;
        }

        private SimFault NextFault(SimOperationKind kind) => _options.Faults?.Next(kind, TimeUtc) ?? SimFault.None;

        private bool IsRegistered(SimSymbol symbol) => symbol.Index < _symbols.Count && ReferenceEquals(_symbols[symbol.Index], symbol);

        private static double PartialVolume(SimSymbol symbol, double volume, double fraction)
        {
            double step = symbol.Spec.VolumeInUnitsStep;
            double v = Math.Floor(volume * fraction / step + 1e-9) * step;
            if (v < symbol.Spec.VolumeInUnitsMin) v = symbol.Spec.VolumeInUnitsMin;
            return Math.Round(v, 10);
        }

        private static double? FromPips(SimSymbol symbol, bool buy, double basePrice, double? pips, bool isStop)
        {
            if (!pips.HasValue) return null;
            double distance = pips.Value * symbol.Spec.PipSize;
            bool below = buy == isStop; // buy SL and sell TP sit below the price
            return symbol.RoundPrice(below ? basePrice - distance : basePrice + distance);
        }

        /// <summary>Volume refusal reason, or null when the volume is tradable.</summary>
        private static string? CheckVolume(SimSymbol symbol, double volume)
        {
            var spec = symbol.Spec;
            if (!(volume > 0) || double.IsInfinity(volume)) return "volume must be positive";
            if (volume < spec.VolumeInUnitsMin - VolumeEpsilon) return Fmt("volume {0} is below the minimum {1}", volume, spec.VolumeInUnitsMin);
            if (volume > spec.VolumeInUnitsMax + VolumeEpsilon) return Fmt("volume {0} is above the maximum {1}", volume, spec.VolumeInUnitsMax);
            double steps = volume / spec.VolumeInUnitsStep;
            if (Math.Abs(steps - Math.Round(steps)) > 1e-6) return Fmt("volume {0} is not a multiple of the step {1}", volume, spec.VolumeInUnitsStep);
            return null;
        }

        /// <summary>SL/TP refusal reason: wrong side of the trigger price (<paramref name="current"/>) or of the fill, or closer than the minimum distance.</summary>
        private static string? CheckProtection(SimSymbol symbol, bool buy, double current, double fill, double? sl, double? tp)
        {
            double min = symbol.Spec.MinStopDistancePips * symbol.Spec.PipSize;
            if (sl.HasValue)
            {
                double v = sl.Value;
                if (!(v > 0) || double.IsInfinity(v)) return "stop loss must be a positive price";
                bool ok = buy ? v < current && v < fill : v > current && v > fill;
                if (!ok) return "stop loss is on the wrong side of the price";
                if (min > 0 && Math.Abs(current - v) < min - 1e-12) return "stop loss is closer than the minimum distance";
            }

            if (tp.HasValue)
            {
                double v = tp.Value;
                if (!(v > 0) || double.IsInfinity(v)) return "take profit must be a positive price";
                bool ok = buy ? v > current && v > fill : v < current && v < fill;
                if (!ok) return "take profit is on the wrong side of the price";
                if (min > 0 && Math.Abs(v - current) < min - 1e-12) return "take profit is closer than the minimum distance";
            }

            return null;
        }

        /// <summary>
        /// A fill moved against the trader by <paramref name="slippage"/> and put on the grid like every cTrader price,
        /// rounded against the trader too (a buy up to the next tick, a sell down): a backtest errs on the costly side,
        /// so any slippage above 0 costs at least one tick (1.3 ticks cost 2; rounding to the nearest tick made a
        /// slippage below half a tick free). Without slippage the price is only put on the grid (nearest tick).
        /// </summary>
        private static double Slipped(SimSymbol symbol, bool buy, double price, double slippage)
        {
            if (!(slippage > 0)) return symbol.RoundPrice(price);
            return buy ? symbol.Grid.SnapUp(price + slippage) : symbol.Grid.SnapDown(price - slippage);
        }

        /// <summary>SL/TP faults are InvalidStopLossTakeProfit (as at placement), the rest InvalidRequest.</summary>
        private static SimErrorCode PendingFieldsErrorCode(string error) =>
            error.StartsWith("stop", StringComparison.Ordinal) || error.StartsWith("take", StringComparison.Ordinal)
                ? SimErrorCode.InvalidStopLossTakeProfit : SimErrorCode.InvalidRequest;

        private string? CheckPendingFields(double target, double? slPips, double? tpPips, DateTime? expiration, SimPendingOrderType type, double? rangePips)
        {
            if (!(target > 0) || double.IsInfinity(target)) return "target price must be positive";
            if (slPips.HasValue && !(slPips.Value > 0)) return "stop loss pips must be > 0";
            if (tpPips.HasValue && !(tpPips.Value > 0)) return "take profit pips must be > 0";
            if (expiration.HasValue && expiration.Value.Ticks <= _timeTicks) return "expiration is not in the future";
            if (type == SimPendingOrderType.StopLimit && !(rangePips >= 0)) return "a stop-limit order needs a stop-limit range >= 0 pips";
            return null;
        }
    }
}
