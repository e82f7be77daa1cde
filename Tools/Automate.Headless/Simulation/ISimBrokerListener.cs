namespace PerpGuard.Headless.Simulation
{
    /// <summary>
    /// Broker events for the host (h3's cAlgo adapters). Events are queued while the broker is
    /// changing state and delivered when the outermost broker call finishes, so a handler may call
    /// back into the broker (open, close, modify) safely.
    /// </summary>
    public interface ISimBrokerListener
    {
        void OnPositionOpened(SimPosition position);

        /// <summary>Full close. <paramref name="trade"/> is the closing deal (also in History).</summary>
        void OnPositionClosed(SimPosition position, SimClosedTrade trade, SimCloseReason reason);

        /// <summary>Part of the position closed; it stays open with less volume.</summary>
        void OnPositionPartiallyClosed(SimPosition position, SimClosedTrade trade, SimCloseReason reason);

        /// <summary>SL/TP/trailing changed (incl. a trailing move), volume changed or netting merged into it.</summary>
        void OnPositionModified(SimPosition position);

        void OnPendingOrderCreated(SimPendingOrder order);

        void OnPendingOrderModified(SimPendingOrder order);

        void OnPendingOrderFilled(SimPendingOrder order, SimPosition position);

        void OnPendingOrderCancelled(SimPendingOrder order, SimCancelReason reason);
    }

    /// <summary>A listener that ignores everything (the default).</summary>
    public sealed class NullSimBrokerListener : ISimBrokerListener
    {
        public static NullSimBrokerListener Instance { get; } = new NullSimBrokerListener();

        public void OnPositionOpened(SimPosition position) { }
        public void OnPositionClosed(SimPosition position, SimClosedTrade trade, SimCloseReason reason) { }
        public void OnPositionPartiallyClosed(SimPosition position, SimClosedTrade trade, SimCloseReason reason) { }
        public void OnPositionModified(SimPosition position) { }
        public void OnPendingOrderCreated(SimPendingOrder order) { }
        public void OnPendingOrderModified(SimPendingOrder order) { }
        public void OnPendingOrderFilled(SimPendingOrder order, SimPosition position) { }
        public void OnPendingOrderCancelled(SimPendingOrder order, SimCancelReason reason) { }
    }
}
