#nullable disable
using System.Globalization;

namespace cAlgo.API
{
    public sealed class TradeResult
    {
        internal TradeResult(bool isSuccessful, ErrorCode? error, Position position, PendingOrder pendingOrder)
        {
            IsSuccessful = isSuccessful;
            Error = error;
            Position = position;
            PendingOrder = pendingOrder;
        }

        public bool IsSuccessful { get; }
        public ErrorCode? Error { get; }
        public Position Position { get; }
        public PendingOrder PendingOrder { get; }

        public override string ToString() => IsSuccessful
            ? string.Format(CultureInfo.InvariantCulture, "TradeResult (Success, Position: {0}, PendingOrder: {1})", Position?.Id, PendingOrder?.Id)
            : string.Format(CultureInfo.InvariantCulture, "TradeResult (Error: {0})", Error);
    }

    public sealed class TradeOperation
    {
        internal TradeOperation(TradeResult result)
        {
            TradeResult = result;
        }

        public bool IsExecuting => TradeResult == null;
        public TradeResult TradeResult { get; }

        public override string ToString() => "TradeOperation (" + (IsExecuting ? "Executing" : TradeResult.ToString()) + ")";
    }
}
