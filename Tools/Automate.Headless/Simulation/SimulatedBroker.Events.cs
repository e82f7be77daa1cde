using System;

namespace PerpGuard.Headless.Simulation
{
    public sealed partial class SimulatedBroker
    {
        private enum SimEventKind : byte
        {
            PositionOpened,
            PositionClosed,
            PositionPartiallyClosed,
            PositionModified,
            OrderCreated,
            OrderModified,
            OrderFilled,
            OrderCancelled,
        }

        private struct SimEvent
        {
            public SimEventKind Kind;
            public SimPosition? Position;
            public SimPendingOrder? Order;
            public SimClosedTrade? Trade;
            public int Reason;
        }

        // Events are queued while state changes and delivered by the outermost call, so listeners
        // may re-enter the broker without invalidating an iteration in progress.
        private SimEvent[] _events;
        private int _eventCount;
        private int _depth;
        private bool _dispatching;

        private void Enqueue(SimEventKind kind, SimPosition? position, SimPendingOrder? order, SimClosedTrade? trade, int reason)
        {
            if (_eventCount == _events.Length) Array.Resize(ref _events, _events.Length * 2);
            ref var e = ref _events[_eventCount++];
            e.Kind = kind;
            e.Position = position;
            e.Order = order;
            e.Trade = trade;
            e.Reason = reason;
        }

        private void Enter() => _depth++;

        private void Leave()
        {
            _depth--;
            if (_depth == 0 && _eventCount > 0 && !_dispatching) Dispatch();
        }

        private void Dispatch()
        {
            _dispatching = true;
            int i = 0;
            try
            {
                // New events raised by re-entrant calls append to the queue and are delivered here too.
                while (i < _eventCount)
                {
                    var e = _events[i];
                    _events[i] = default;
                    i++;
                    var listener = Listener;
                    switch (e.Kind)
                    {
                        case SimEventKind.PositionOpened: listener.OnPositionOpened(e.Position!); break;
                        case SimEventKind.PositionClosed: listener.OnPositionClosed(e.Position!, e.Trade!, (SimCloseReason)e.Reason); break;
                        case SimEventKind.PositionPartiallyClosed: listener.OnPositionPartiallyClosed(e.Position!, e.Trade!, (SimCloseReason)e.Reason); break;
                        case SimEventKind.PositionModified: listener.OnPositionModified(e.Position!); break;
                        case SimEventKind.OrderCreated: listener.OnPendingOrderCreated(e.Order!); break;
                        case SimEventKind.OrderModified: listener.OnPendingOrderModified(e.Order!); break;
                        case SimEventKind.OrderFilled: listener.OnPendingOrderFilled(e.Order!, e.Position!); break;
                        case SimEventKind.OrderCancelled: listener.OnPendingOrderCancelled(e.Order!, (SimCancelReason)e.Reason); break;
                    }
                }
            }
            finally
            {
                for (int k = i; k < _eventCount; k++) _events[k] = default;
                _eventCount = 0;
                _dispatching = false;
            }
        }
    }
}
