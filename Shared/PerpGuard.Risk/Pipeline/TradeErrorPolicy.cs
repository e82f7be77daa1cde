namespace PerpGuard.Risk.Pipeline
{
    /// <summary>
    /// What a failed trading call's error code (cTrader's <c>ErrorCode</c> name, as <see cref="GatewayResult.Error"/>
    /// carries it) says about the order: refused before anything was executed, or an outcome nobody knows. cTrader
    /// documents each code in one line ("A generic technical error with a trade request", …) and never says whether
    /// the server executed the request, so only the codes that name a refusal of the request itself count as
    /// "certainly not executed"; every other code, and any code this version does not know, is "outcome unknown".
    /// A market order is sent again only after a certain refusal the port calls transient: re-sending an order whose
    /// outcome is unknown could double the position (docs/execution.md).
    /// </summary>
    public static class TradeErrorPolicy
    {
        /// <summary>
        /// True for the codes that name a refusal of the request (BadVolume, NoMoney, MarketClosed, EntityNotFound,
        /// UnknownSymbol, InvalidRequest, NoTradingPermission): nothing was executed. False for TechnicalError,
        /// Timeout and Disconnected (the request may have reached the server and been executed), for
        /// InvalidStopLossTakeProfit (a market order's stop and target are distances from the fill, so whether the
        /// order was executed before they were refused is not stated), and for any other text.
        /// </summary>
        public static bool IsCertainlyNotExecuted(string error)
        {
            switch (error)
            {
                case "BadVolume":
                case "NoMoney":
                case "MarketClosed":
                case "EntityNotFound":
                case "UnknownSymbol":
                case "InvalidRequest":
                case "NoTradingPermission":
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>The order may or may not have been executed: look for its fill, never send it again.</summary>
        public static bool IsOutcomeUnknown(string error) => !IsCertainlyNotExecuted(error ?? string.Empty);

        /// <summary>
        /// True when a failed market order may be sent again: the port says a repeat may pass
        /// (<see cref="GatewayResult.Transient"/>) and the code says nothing was executed. Whatever the port says,
        /// an outcome-unknown answer is never re-sent.
        /// </summary>
        public static bool MayResendOrder(in GatewayResult result) =>
            !result.Success && result.Transient && IsCertainlyNotExecuted(result.Error);

        /// <summary>The journal's note on a rejected attempt: re-sent, given up as unknown, or not retried.</summary>
        public static string AttemptNote(in GatewayResult result)
        {
            if (MayResendOrder(result))
            {
                return " (transient)";
            }

            return IsOutcomeUnknown(result.Error) ? " (outcome unknown: not sent again)" : " (not retried)";
        }
    }
}
