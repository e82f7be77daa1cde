using cAlgo.API;

namespace PerpGuard.Headless.Runtime
{
    /// <summary>The Error passed to Robot.OnError when a trade operation fails.</summary>
    public sealed class TradeError : Error
    {
        public TradeError(TradeResult result)
        {
            TradeResult = result;
            Code = result.Error ?? ErrorCode.TechnicalError;
        }

        public ErrorCode Code { get; }

        public TradeResult TradeResult { get; }
    }
}
