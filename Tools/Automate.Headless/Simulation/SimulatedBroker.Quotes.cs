using System;
using System.Runtime.CompilerServices;
using PerpGuard.MarketData;

namespace PerpGuard.Headless.Simulation
{
    /// <summary>Funding events of one symbol, consumed in time order.</summary>
    internal sealed class FundingSchedule
    {
        public FundingSchedule(FundingRate[] rates)
        {
            Rates = rates;
        }

        public FundingRate[] Rates { get; }
        public int Next { get; set; }
        public long NextTicks => Next < Rates.Length ? Rates[Next].TimeUtc.Ticks : long.MaxValue;
    }

    public sealed partial class SimulatedBroker
    {
        /// <summary>A quote of the primary symbol (a jump: anything crossed fills at this price).</summary>
        public void ProcessQuote(DateTime timeUtc, double bid, double ask)
        {
            var quote = new SimQuote(timeUtc, bid, ask, false);
            ProcessQuote(_symbols[0], in quote);
        }

        /// <summary>
        /// Applies one quote: rollovers and funding due by its time, pending orders (expiry, triggers),
        /// SL/TP/trailing of the symbol's positions, then the account stop-out. Allocation-free when
        /// nothing trades; cheap with no positions or orders.
        /// </summary>
        public void ProcessQuote(SimSymbol symbol, in SimQuote quote) => ProcessQuote(symbol, quote.TimeTicks, quote.Bid, quote.Ask, quote.Continuous);

        /// <summary>
        /// <see cref="ProcessQuote(SimSymbol, in SimQuote)"/> without the struct: the simulation loop's entry. The
        /// common case (no position, no order, no rollover or funding due) is a few stores and compares, inlined
        /// into the caller; anything else goes to the out-of-line part.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void ProcessQuote(SimSymbol symbol, long timeTicksUtc, double bid, double ask, bool continuous)
        {
            if (timeTicksUtc >= _attentionTicks)
            {
                // Only the out-of-line part reads the previous quote (fills at crossed levels), and Bid/Ask still hold it.
                symbol.PrevBid = symbol.Bid;
                symbol.PrevAsk = symbol.Ask;
                SetQuote(symbol, timeTicksUtc, bid, ask);
                ProcessQuoteSlow(symbol, timeTicksUtc, continuous);
            }
            else
            {
                SetQuote(symbol, timeTicksUtc, bid, ask);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void SetQuote(SimSymbol symbol, long timeTicksUtc, double bid, double ask)
        {
            symbol.Bid = bid;
            symbol.Ask = ask;
            symbol.LastQuoteTicks = timeTicksUtc;
            if (timeTicksUtc > _timeTicks) _timeTicks = timeTicksUtc;
        }

        private void ProcessQuoteSlow(SimSymbol symbol, long ticks, bool continuousQuote)
        {
            if (ticks >= _nextTimedEventTicks || symbol.NextRolloverTicks == 0) HandleTimedEvents(ticks);
            if (_positions.Count != 0 || _orders.Count != 0)
            {
                Enter();
                bool continuous = continuousQuote && !double.IsNaN(symbol.PrevBid);
                if (_orders.Count > 0) ProcessOrders(symbol, continuous);
                if (_positions.Count > 0) ProcessPositions(symbol, continuous);
                Leave();
            }

            _attentionTicks = _positions.Count != 0 || _orders.Count != 0 || AnySymbolAwaitsFirstQuote() ? long.MinValue : _nextTimedEventTicks;
        }

        private bool AnySymbolAwaitsFirstQuote()
        {
            for (int s = 0; s < _symbols.Count; s++)
            {
                if (_symbols[s].NextRolloverTicks == 0) return true;
            }

            return false;
        }

        /// <summary>Starts a bar for the pessimistic option (its bid/ask range); call <see cref="EndBar"/> after its quotes.</summary>
        public void BeginBar(SimSymbol symbol, in SimBarEnvelope envelope)
        {
            symbol.Envelope = envelope;
            symbol.HasBarEnvelope = true;
        }

        public void EndBar(SimSymbol symbol) => symbol.HasBarEnvelope = false;

        /// <summary>Convenience for hosts without per-quote callbacks: expands the bar and applies its four quotes.</summary>
        public void ProcessBar(SimSymbol symbol, in MarketBar bar, TickPath path)
        {
            Span<SimQuote> quotes = stackalloc SimQuote[TickPath.QuotesPerBar];
            int n = path.Expand(in bar, quotes);
            var envelope = TickPath.EnvelopeOf(quotes);
            BeginBar(symbol, in envelope);
            for (int i = 0; i < n; i++) ProcessQuote(symbol, in quotes[i]);
            EndBar(symbol);
        }

        /// <summary>Funding events of a symbol, applied as swap when the quote time reaches them (sorted by time).</summary>
        public void SetFundingSchedule(SimSymbol symbol, FundingRate[] rates)
        {
            if (rates == null) throw new ArgumentNullException(nameof(rates));
            for (int i = 1; i < rates.Length; i++)
            {
                if (rates[i].TimeUtc < rates[i - 1].TimeUtc) throw new ArgumentException("funding rates must be sorted by time", nameof(rates));
            }

            var schedule = new FundingSchedule(rates);
            if (symbol.HasQuote)
            {
                // Events before the current time are history: positions did not exist under this schedule.
                while (schedule.NextTicks <= symbol.LastQuoteTimeUtc.Ticks) schedule.Next++;
            }

            symbol.Funding = schedule;
            _nextTimedEventTicks = Math.Min(_nextTimedEventTicks, schedule.NextTicks);
            _attentionTicks = Math.Min(_attentionTicks, _nextTimedEventTicks);
        }

        /// <summary>
        /// Applies one funding payment now: a positive rate makes longs pay rate × notional (at the
        /// mid price) and shorts receive it; booked into each position's Swap.
        /// </summary>
        public void ApplyFunding(SimSymbol symbol, double rate)
        {
            if (!symbol.HasQuote) return;
            double mid = (symbol.Bid + symbol.Ask) * 0.5;
            bool any = false;
            for (int i = 0; i < _positions.Count; i++)
            {
                var p = _positions[i];
                if (!ReferenceEquals(p.Symbol, symbol)) continue;
                double amount = rate * p.VolumeInUnits * mid * symbol.Spec.QuoteToAccountRate;
                p.Swap = Book(p.Swap, p.IsLong ? -amount : amount);
                any = true;
            }

            if (any) RecomputeTotals();
        }

        private void HandleTimedEvents(long ticks)
        {
            long next = long.MaxValue;
            for (int s = 0; s < _symbols.Count; s++)
            {
                var symbol = _symbols[s];
                if (!symbol.HasQuote) continue;
                if (symbol.NextRolloverTicks == 0)
                {
                    // First quote: the next rollover strictly after it.
                    symbol.RolloverZone = symbol.Spec.RolloverTimeZoneId == null ? null : SimRollover.FindZone(symbol.Spec.RolloverTimeZoneId);
                    symbol.NextRolloverTicks = SimRollover.NextAfter(symbol.Spec, symbol.RolloverZone, symbol.LastQuoteTimeUtc.Ticks);
                    if (symbol.Funding != null)
                    {
                        while (symbol.Funding.NextTicks < symbol.LastQuoteTimeUtc.Ticks) symbol.Funding.Next++;
                    }
                }

                // A time jump (stopped quote stream) still pays every rollover and funding it skipped.
                while (symbol.NextRolloverTicks <= ticks)
                {
                    ApplyRollover(symbol, new DateTime(symbol.NextRolloverTicks, DateTimeKind.Utc));
                    symbol.NextRolloverTicks = symbol.RolloverZone == null
                        ? symbol.NextRolloverTicks + TimeSpan.TicksPerDay
                        : SimRollover.NextAfter(symbol.Spec, symbol.RolloverZone, symbol.NextRolloverTicks);
                }

                if (symbol.Funding != null)
                {
                    while (symbol.Funding.NextTicks <= ticks)
                    {
                        ApplyFunding(symbol, symbol.Funding.Rates[symbol.Funding.Next].Rate);
                        symbol.Funding.Next++;
                    }

                    next = Math.Min(next, symbol.Funding.NextTicks);
                }

                next = Math.Min(next, symbol.NextRolloverTicks);
            }

            // Symbols without a quote yet initialise on their first quote (NextRolloverTicks == 0).
            _nextTimedEventTicks = next;
        }

        private void ApplyRollover(SimSymbol symbol, DateTime rolloverUtc)
        {
            int days = SimMoney.SwapDays(symbol.Spec, rolloverUtc);
            if (days == 0) return;
            bool any = false;
            for (int i = 0; i < _positions.Count; i++)
            {
                var p = _positions[i];
                if (!ReferenceEquals(p.Symbol, symbol)) continue;
                double price = p.IsLong ? symbol.Bid : symbol.Ask;
                // Each charge is booked in whole money units (cents), like cTrader's swap of an open position.
                p.Swap = Book(p.Swap, days * SimMoney.SwapPerRollover(symbol.Spec, p.IsLong, p.VolumeInUnits, price));
                any = true;
            }

            if (any) RecomputeTotals();
        }

        private void ProcessPositions(SimSymbol symbol, bool continuous)
        {
            double bid = symbol.Bid;
            double ask = symbol.Ask;
            double qta = symbol.Spec.QuoteToAccountRate;
            // A SL/TP filled at its level part-way along the segment must not pre-empt a stop-out reached earlier on it.
            if (continuous && _margin > 0) StopOutBeforeFirstLevel(symbol);

            // Totals accumulate in the same pass (closed positions leave the list and are not counted).
            double totalGross = 0, totalNet = 0;
            int i = 0;
            while (i < _positions.Count)
            {
                var p = _positions[i];
                if (!ReferenceEquals(p.Symbol, symbol))
                {
                    totalGross += p.GrossProfit;
                    totalNet += p.NetProfit;
                    i++;
                    continue;
                }

                bool isLong = p.IsLong;
                double close = isLong ? bid : ask;
                if (p.StopLoss.HasValue && CheckStopLoss(p, symbol, continuous, out double slFill))
                {
                    ClosePart(p, p.VolumeInUnits, slFill, SimCloseReason.StopLoss);
                    continue;
                }

                if (p.TakeProfit.HasValue)
                {
                    double tp = p.TakeProfit.Value;
                    bool hit = isLong ? bid >= tp : ask <= tp;
                    if (hit)
                    {
                        if (_options.PessimisticBarFills && symbol.HasBarEnvelope && p.StopLoss.HasValue && EnvelopeTouchesStop(p, symbol.Envelope))
                        {
                            ClosePart(p, p.VolumeInUnits, PessimisticStopExit(p, symbol), SimCloseReason.StopLoss);
                            continue;
                        }

                        double prev = isLong ? symbol.PrevBid : symbol.PrevAsk;
                        bool crossedOnPath = continuous && (isLong ? prev < tp : prev > tp);
                        ClosePart(p, p.VolumeInUnits, crossedOnPath ? tp : close, SimCloseReason.TakeProfit);
                        continue;
                    }
                }

                if (p.HasTrailingStop && p.StopLoss.HasValue) Trail(p, symbol);
                p.CurrentPrice = close;
                double gross = (isLong ? close - p.EntryPrice : p.EntryPrice - close) * p.VolumeInUnits * qta;
                p.GrossProfit = gross;
                totalGross += gross;
                totalNet += gross + 2.0 * p.Commissions + p.Swap;
                i++;
            }

            _unrealizedGross = totalGross;
            _unrealizedNet = totalNet;
            // cTrader: "If Margin Level is less than Stop Out, position will be closed" (IAccount.StopOutLevel): strictly below.
            if (_margin > 0 && Equity / _margin * 100.0 < _settings.StopOutLevel) StopOut(symbol, continuous);
        }

        /// <summary>
        /// On a straight-line segment: finds the earliest point where a SL or TP of the symbol's positions is filled
        /// at its level; if the account is below the stop-out level there, the stop-out (which equity, linear
        /// along the segment, reached first) runs on the segment up to that point before any SL/TP is filled.
        /// </summary>
        private void StopOutBeforeFirstLevel(SimSymbol symbol)
        {
            double bid0 = symbol.PrevBid, ask0 = symbol.PrevAsk, bid1 = symbol.Bid, ask1 = symbol.Ask;
            double first = double.PositiveInfinity;
            for (int i = 0; i < _positions.Count; i++)
            {
                var p = _positions[i];
                if (!ReferenceEquals(p.Symbol, symbol)) continue;
                bool isLong = p.IsLong;
                if (p.StopLoss.HasValue)
                {
                    var method = p.StopLossTriggerMethod;
                    bool byBid = isLong != (method == SimStopTriggerMethod.Opposite || method == SimStopTriggerMethod.DoubleOpposite);
                    bool isDouble = method == SimStopTriggerMethod.DoubleTrade || method == SimStopTriggerMethod.DoubleOpposite;
                    double from = byBid ? bid0 : ask0, to = byBid ? bid1 : ask1, sl = p.StopLoss.Value;
                    bool beyond = isLong ? to <= sl : to >= sl;
                    // A double-trigger stop fills at the quote itself (the segment's end); the others where they cross.
                    if (beyond && isDouble) first = Math.Min(first, 1.0);
                    else if (beyond && (isLong ? from > sl : from < sl)) first = Math.Min(first, (from - sl) / (from - to));
                }

                if (p.TakeProfit.HasValue)
                {
                    double from = isLong ? bid0 : ask0, to = isLong ? bid1 : ask1, tp = p.TakeProfit.Value;
                    bool crossed = isLong ? from < tp && to >= tp : from > tp && to <= tp;
                    if (crossed) first = Math.Min(first, (tp - from) / (to - from));
                }
            }

            if (double.IsPositiveInfinity(first)) return;
            MarkSymbolAt(symbol, Lerp(bid0, bid1, first), Lerp(ask0, ask1, first));
            if (Equity < _settings.StopOutLevel * _margin / 100.0)
            {
                // The stop-out runs on the sub-segment that ends at the first level (still a straight line).
                symbol.Bid = Lerp(bid0, bid1, first);
                symbol.Ask = Lerp(ask0, ask1, first);
                StopOut(symbol, true);
                symbol.Bid = bid1;
                symbol.Ask = ask1;
            }

            MarkSymbolAt(symbol, bid1, ask1);
        }

        /// <summary>True when the bar's range reached the SL on the price that triggers it (bid or ask per StopLossTriggerMethod).</summary>
        private static bool EnvelopeTouchesStop(SimPosition p, in SimBarEnvelope envelope)
        {
            double sl = p.StopLoss!.Value;
            bool byBid = p.IsLong != IsOpposite(p.StopLossTriggerMethod);
            return p.IsLong ? (byBid ? envelope.BidLow : envelope.AskLow) <= sl : (byBid ? envelope.BidHigh : envelope.AskHigh) >= sl;
        }

        /// <summary>The exit of a SL filled by the pessimistic rule: the level, or for an Opposite trigger the close-side price then (as on a path).</summary>
        private static double PessimisticStopExit(SimPosition p, SimSymbol symbol)
        {
            double sl = p.StopLoss!.Value;
            if (!IsOpposite(p.StopLossTriggerMethod)) return sl;
            double spread = symbol.Ask - symbol.Bid;
            return symbol.RoundPrice(p.IsLong ? sl - spread : sl + spread);
        }

        private static bool IsOpposite(SimStopTriggerMethod method) => method == SimStopTriggerMethod.Opposite || method == SimStopTriggerMethod.DoubleOpposite;

        /// <summary>True when the SL triggers on this quote; <paramref name="fill"/> = the exit price.</summary>
        private static bool CheckStopLoss(SimPosition p, SimSymbol symbol, bool continuous, out double fill)
        {
            double sl = p.StopLoss!.Value;
            var method = p.StopLossTriggerMethod;
            bool opposite = method == SimStopTriggerMethod.Opposite || method == SimStopTriggerMethod.DoubleOpposite;
            bool isDouble = method == SimStopTriggerMethod.DoubleTrade || method == SimStopTriggerMethod.DoubleOpposite;
            bool isLong = p.IsLong;
            // Long: Trade = bid, Opposite = ask. Short: Trade = ask, Opposite = bid.
            bool byBid = isLong != opposite;
            double trigger = byBid ? symbol.Bid : symbol.Ask;
            bool beyond = isLong ? trigger <= sl : trigger >= sl;
            double close = isLong ? symbol.Bid : symbol.Ask;
            fill = close;
            if (!beyond)
            {
                p.StopArmed = false;
                return false;
            }

            if (isDouble)
            {
                if (!p.StopArmed)
                {
                    p.StopArmed = true;
                    return false;
                }

                return true; // second consecutive quote beyond: filled at this quote
            }

            double prevTrigger = byBid ? symbol.PrevBid : symbol.PrevAsk;
            bool crossedOnPath = continuous && (isLong ? prevTrigger > sl : prevTrigger < sl);
            if (crossedOnPath)
            {
                // Straight-line path: the trigger price met the level; the exit is the close-side price then.
                double spread = symbol.Ask - symbol.Bid;
                fill = !opposite ? sl : symbol.RoundPrice(isLong ? sl - spread : sl + spread);
            }

            return true;
        }

        private void Trail(SimPosition p, SimSymbol symbol)
        {
            double sl = p.StopLoss!.Value;
            double tick = symbol.Spec.TickSize;
            // The distance is kept from the SL's trigger price (bid or ask per StopLossTriggerMethod), as it was measured.
            double reference = TrailReference(p);
            if (p.IsLong)
            {
                double candidate = symbol.RoundPrice(reference - p.TrailDistance);
                if (candidate >= sl + tick * 0.5)
                {
                    p.StopLoss = candidate;
                    p.LastUpdateTime = TimeUtc;
                    Enqueue(SimEventKind.PositionModified, p, null, null, 0);
                }
            }
            else
            {
                double candidate = symbol.RoundPrice(reference + p.TrailDistance);
                if (candidate <= sl - tick * 0.5)
                {
                    p.StopLoss = candidate;
                    p.LastUpdateTime = TimeUtc;
                    Enqueue(SimEventKind.PositionModified, p, null, null, 0);
                }
            }
        }

        /// <summary>
        /// Closes the position using the most margin, one at a time: the first when the margin level is below the
        /// stop-out level, the next ones until it is above it (cTrader's IAccount.StopOutLevel: "If Margin Level is less
        /// than Stop Out, position will be closed sequentially until Margin Level is greater than Stop Out"). On a
        /// straight-line path the close happens where equity crosses the stop-out level (equity is
        /// linear along the segment), on a jump at the quote.
        /// </summary>
        private void StopOut(SimSymbol symbol, bool continuous)
        {
            double bid1 = symbol.Bid, ask1 = symbol.Ask;
            double bid0 = symbol.PrevBid, ask0 = symbol.PrevAsk;
            double tStart = 0;
            bool interpolate = continuous && !double.IsNaN(bid0);
            bool closedOne = false;
            while (_positions.Count > 0 && _margin > 0)
            {
                double target = _settings.StopOutLevel * _margin / 100.0;
                double t = 1.0;
                if (interpolate)
                {
                    MarkSymbolAt(symbol, Lerp(bid0, bid1, tStart), Lerp(ask0, ask1, tStart));
                    double e0 = Equity;
                    MarkSymbolAt(symbol, bid1, ask1);
                    double e1 = Equity;
                    if (e1 > target || (!closedOne && e1 == target)) break;
                    t = e0 <= target || e1 == e0 ? tStart : tStart + (target - e0) / (e1 - e0) * (1.0 - tStart);
                    if (t < tStart) t = tStart;
                    if (t > 1) t = 1;
                }
                else if (Equity > target || (!closedOne && Equity == target))
                {
                    break;
                }

                MarkSymbolAt(symbol, Lerp(bid0, bid1, t), Lerp(ask0, ask1, t));
                if (!interpolate) MarkSymbolAt(symbol, bid1, ask1);
                // cTrader's Fair Stop Out: descending order of margin used (ties: the lower net profit first).
                SimPosition? worst = null;
                for (int i = 0; i < _positions.Count; i++)
                {
                    var p = _positions[i];
                    if (worst == null || p.Margin > worst.Margin || (p.Margin == worst.Margin && p.NetProfit < worst.NetProfit)) worst = p;
                }

                // The crossing point is between quotes: the close is the first grid price at or beyond it (a long
                // closes at the bid rounded down, a short at the ask rounded up), as a real price stream would give.
                var grid = worst!.Symbol.Grid;
                double exit = worst.IsLong ? grid.SnapDown(worst.CurrentPrice) : grid.SnapUp(worst.CurrentPrice);
                ClosePart(worst, worst.VolumeInUnits, exit, SimCloseReason.StopOut);
                closedOne = true;
                tStart = t;
            }

            MarkSymbolAt(symbol, bid1, ask1);
        }

        private static double Lerp(double a, double b, double t) => t >= 1.0 || double.IsNaN(a) ? b : a + (b - a) * t;

        private void MarkSymbolAt(SimSymbol symbol, double bid, double ask)
        {
            double qta = symbol.Spec.QuoteToAccountRate;
            for (int i = 0; i < _positions.Count; i++)
            {
                var p = _positions[i];
                if (!ReferenceEquals(p.Symbol, symbol)) continue;
                double close = p.IsLong ? bid : ask;
                p.CurrentPrice = close;
                p.GrossProfit = (p.IsLong ? close - p.EntryPrice : p.EntryPrice - close) * p.VolumeInUnits * qta;
            }

            RecomputeTotals();
        }

        private void RecomputeTotals()
        {
            double gross = 0, net = 0;
            for (int i = 0; i < _positions.Count; i++)
            {
                var p = _positions[i];
                gross += p.GrossProfit;
                net += p.NetProfit;
            }

            _unrealizedGross = gross;
            _unrealizedNet = net;
        }

        /// <summary>Margin from the entry notionals (frozen at open): per symbol the larger side, tiered.</summary>
        private void RecomputeMargin()
        {
            int n = _symbols.Count;
            for (int s = 0; s < n; s++)
            {
                _longNotional[s] = 0;
                _shortNotional[s] = 0;
            }

            for (int i = 0; i < _positions.Count; i++)
            {
                var p = _positions[i];
                if (p.IsLong) _longNotional[p.Symbol.Index] += p.MarginNotionalUsd;
                else _shortNotional[p.Symbol.Index] += p.MarginNotionalUsd;
            }

            double total = 0;
            for (int s = 0; s < n; s++) total += SymbolMargin(_symbols[s], _longNotional[s], _shortNotional[s]);
            _margin = total;

            for (int i = 0; i < _positions.Count; i++)
            {
                var p = _positions[i];
                double side = p.IsLong ? _longNotional[p.Symbol.Index] : _shortNotional[p.Symbol.Index];
                var spec = p.Symbol.Spec;
                double sideMargin = SimMoney.TieredMarginUsd(side, spec.DynamicLeverage, spec.Leverage, _settings.Leverage) * _settings.UsdToAccountRate;
                p.Margin = side > 0 ? sideMargin * p.MarginNotionalUsd / side : 0;
            }
        }

        private double SymbolMargin(SimSymbol symbol, double longNotionalUsd, double shortNotionalUsd)
        {
            var spec = symbol.Spec;
            return SimMoney.TieredMarginUsd(Math.Max(longNotionalUsd, shortNotionalUsd), spec.DynamicLeverage, spec.Leverage, _settings.Leverage) * _settings.UsdToAccountRate;
        }

        private void ProcessOrders(SimSymbol symbol, bool continuous)
        {
            long now = _timeTicks;
            int i = 0;
            while (i < _orders.Count)
            {
                var o = _orders[i];
                if (!ReferenceEquals(o.Symbol, symbol))
                {
                    i++;
                    continue;
                }

                if (o.ExpirationTime.HasValue && o.ExpirationTime.Value.Ticks <= now)
                {
                    _orders.RemoveAt(i);
                    Enqueue(SimEventKind.OrderCancelled, null, o, null, (int)SimCancelReason.Expired);
                    continue;
                }

                if (TryTrigger(o, symbol, continuous, out double fill))
                {
                    if (o.OrderType == SimPendingOrderType.StopLimit)
                    {
                        double range = (o.StopLimitRangePips ?? 0) * symbol.Spec.PipSize;
                        double worst = o.Side == SimTradeSide.Buy ? o.TargetPrice + range : o.TargetPrice - range;
                        bool within = o.Side == SimTradeSide.Buy ? fill <= worst : fill >= worst;
                        if (!within)
                        {
                            // Price ran past the range: the order rests as a limit at the range's edge.
                            o.OrderType = SimPendingOrderType.Limit;
                            o.TargetPrice = symbol.RoundPrice(worst);
                            o.LastUpdateTime = TimeUtc;
                            Enqueue(SimEventKind.OrderModified, null, o, null, 0);
                            i++;
                            continue;
                        }
                    }

                    _orders.RemoveAt(i);
                    FillPendingOrder(o, fill);
                    continue;
                }

                i++;
            }
        }

        private static bool TryTrigger(SimPendingOrder o, SimSymbol symbol, bool continuous, out double fill)
        {
            bool buy = o.Side == SimTradeSide.Buy;
            double target = o.TargetPrice;
            double close = buy ? symbol.Ask : symbol.Bid;
            double prevClose = buy ? symbol.PrevAsk : symbol.PrevBid;
            fill = close;
            if (o.OrderType == SimPendingOrderType.Limit)
            {
                bool hit = buy ? close <= target : close >= target;
                if (!hit) return false;
                bool crossed = continuous && (buy ? prevClose > target : prevClose < target);
                if (crossed) fill = target;
                return true;
            }

            var method = o.StopOrderTriggerMethod;
            bool opposite = method == SimStopTriggerMethod.Opposite || method == SimStopTriggerMethod.DoubleOpposite;
            bool isDouble = method == SimStopTriggerMethod.DoubleTrade || method == SimStopTriggerMethod.DoubleOpposite;
            // Buy stop: Trade = ask, Opposite = bid. Sell stop: Trade = bid, Opposite = ask.
            bool byAsk = buy != opposite;
            double trigger = byAsk ? symbol.Ask : symbol.Bid;
            bool beyond = buy ? trigger >= target : trigger <= target;
            if (!beyond)
            {
                o.TriggerArmed = false;
                return false;
            }

            if (isDouble)
            {
                if (!o.TriggerArmed)
                {
                    o.TriggerArmed = true;
                    return false;
                }

                return true;
            }

            double prevTrigger = byAsk ? symbol.PrevAsk : symbol.PrevBid;
            bool crossedOnPath = continuous && (buy ? prevTrigger < target : prevTrigger > target);
            if (crossedOnPath)
            {
                double spread = symbol.Ask - symbol.Bid;
                fill = !opposite ? target : symbol.RoundPrice(buy ? target + spread : target - spread);
            }

            return true;
        }
    }
}
