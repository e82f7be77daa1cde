#nullable disable
using cAlgo.API.Internals;

namespace cAlgo.API
{
    public class PositionOpenedEventArgs
    {
        internal PositionOpenedEventArgs(Position position)
        {
            Position = position;
        }

        public Position Position { get; }
    }

    public class PositionClosedEventArgs
    {
        protected PositionClosedEventArgs(Position position, PositionCloseReason reason)
        {
            Position = position;
            Reason = reason;
        }

        internal static PositionClosedEventArgs Create(Position position, PositionCloseReason reason) => new PositionClosedEventArgs(position, reason);

        public Position Position { get; }
        public PositionCloseReason Reason { get; }
    }

    public class PositionModifiedEventArgs
    {
        internal PositionModifiedEventArgs(Position position)
        {
            Position = position;
        }

        public Position Position { get; }
    }

    public class PendingOrderCreatedEventArgs
    {
        internal PendingOrderCreatedEventArgs(PendingOrder pendingOrder)
        {
            PendingOrder = pendingOrder;
        }

        public PendingOrder PendingOrder { get; }
    }

    public class PendingOrderModifiedEventArgs
    {
        internal PendingOrderModifiedEventArgs(PendingOrder pendingOrder)
        {
            PendingOrder = pendingOrder;
        }

        public PendingOrder PendingOrder { get; }
    }

    public class PendingOrderCancelledEventArgs
    {
        internal PendingOrderCancelledEventArgs(PendingOrder pendingOrder, PendingOrderCancellationReason reason)
        {
            PendingOrder = pendingOrder;
            Reason = reason;
        }

        public PendingOrder PendingOrder { get; }
        public PendingOrderCancellationReason Reason { get; }
    }

    public class PendingOrderFilledEventArgs
    {
        internal PendingOrderFilledEventArgs(PendingOrder pendingOrder, Position position)
        {
            PendingOrder = pendingOrder;
            Position = position;
        }

        public PendingOrder PendingOrder { get; }
        public Position Position { get; }
    }

    public class BarOpenedEventArgs
    {
        internal BarOpenedEventArgs(Bars bars)
        {
            Bars = bars;
        }

        public Bars Bars { get; }
    }

    public class BarClosedEventArgs
    {
        internal BarClosedEventArgs(Bars bars)
        {
            Bars = bars;
        }

        public Bars Bars { get; }
    }

    public class BarsTickEventArgs
    {
        internal BarsTickEventArgs(Bars bars, bool isBarOpened)
        {
            Bars = bars;
            IsBarOpened = isBarOpened;
        }

        public Bars Bars { get; }
        public bool IsBarOpened { get; }
    }

    public class SymbolTickEventArgs
    {
        internal SymbolTickEventArgs(string symbolName, double bid, double ask, Symbol symbol)
        {
            SymbolName = symbolName;
            Bid = bid;
            Ask = ask;
            Symbol = symbol;
        }

        public string SymbolName { get; }
        public double Bid { get; }
        public double Ask { get; }
        public Symbol Symbol { get; }
    }
}
