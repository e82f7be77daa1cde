using System.Globalization;

namespace PerpGuard.Risk.Rules
{
    /// <summary>
    /// Every trader-facing sentence for a reason code, in one place, formatted with the invariant
    /// culture. Measured and limit values are in the unit the reason names.
    /// </summary>
    public static class ReasonText
    {
        public static string Describe(in RiskDecision decision)
        {
            var verb = decision.Verdict == Verdict.Reduce
                ? string.Format(CultureInfo.InvariantCulture, "size cut to {0:0.##} % ", decision.Scale * 100)
                : string.Empty;
            return decision.Verdict == Verdict.Allow && decision.Reason == ReasonCode.None
                ? "allowed"
                : verb + Describe(decision.Reason, decision.Measured, decision.Limit);
        }

        public static string Describe(ReasonCode reason, double measured = double.NaN, double limit = double.NaN)
        {
            var m = measured;
            var l = limit;
            switch (reason)
            {
                case ReasonCode.None:
                    return "no reason";
                case ReasonCode.DailyLossLimit:
                    return F("daily loss {0:0.00} reached the limit {1:0.00}", m, l);
                case ReasonCode.DailyLossWarning:
                    return F("daily loss {0:0.00} passed the reducing threshold {1:0.00}: only exposure-reducing orders", m, l);
                case ReasonCode.DailyProfitTarget:
                    return F("daily profit {0:0.00} reached the target {1:0.00}", m, l);
                case ReasonCode.MaxTradesPerDay:
                    return F("{0:0} trades today reached the maximum {1:0}", m, l);
                case ReasonCode.MaxConsecutiveLosses:
                    return F("{0:0} losses in a row reached the maximum {1:0}", m, l);
                case ReasonCode.CooldownAfterLoss:
                    return F("cooling down after a loss: {0:0.#} more minutes", m, l);
                case ReasonCode.ManualHold:
                    return "trading is on manual hold";
                case ReasonCode.ManualRelease:
                    return "manual hold released";
                case ReasonCode.TradingHalted:
                    return "trading is halted until the next daily reset";
                case ReasonCode.TradingReducing:
                    return "only exposure-reducing orders until the next daily reset";
                case ReasonCode.DayReset:
                    return "new trading day";
                case ReasonCode.CorruptState:
                    return "the saved daily state could not be read: halted until the next reset";
                case ReasonCode.DailyBudgetExceeded:
                    return F("planned risk {0:0.00} is more than the {1:0.00} left of today's loss budget", m, l);
                case ReasonCode.NotStarted:
                    return "the daily tracker has not started";
                case ReasonCode.OrderOutcomeUnknown:
                    return "an order's outcome is unknown and it may still fill: no new entry until its fill appears or the wait ends";
                case ReasonCode.SpreadTooWide:
                    return F("spread {0:0.########} is wider than the maximum {1:0.########}", m, l);
                case ReasonCode.VolatilityTooLow:
                    return F("ATR {0:0.####} % of price is below the band's floor {1:0.####} %", m, l);
                case ReasonCode.VolatilityTooHigh:
                    return F("ATR {0:0.####} % of price is above the band's ceiling {1:0.####} %", m, l);
                case ReasonCode.OutsideTradingHours:
                    return "outside the trading hours";
                case ReasonCode.RolloverBlackout:
                    return F("{0:0.#} minutes from the swap rollover (blackout {1:0.#} minutes)", m, l);
                case ReasonCode.MarketDataMissing:
                    return "market data (quote, ATR or stop distance) is missing";
                case ReasonCode.StopLoss:
                    return "closed at the stop loss";
                case ReasonCode.TakeProfit:
                    return "closed at the take profit";
                case ReasonCode.TrailingStop:
                    return "closed at the trailing stop";
                case ReasonCode.ManualClose:
                    return "closed by hand";
                case ReasonCode.Flatten:
                    return "closed by the daily halt";
                case ReasonCode.StopNotAttached:
                    return "closed because its stop could not be attached";
                case ReasonCode.GapThroughStop:
                    return "price gapped through the stop";
                case ReasonCode.FlatBeforeRollover:
                    return "closed before the swap rollover";
                case ReasonCode.SwapBeyondPlan:
                    return "the swap or funding it paid is not in the plan";
                default:
                    return reason.ToString();
            }
        }

        private static string F(string format, double measured, double limit) =>
            string.Format(CultureInfo.InvariantCulture, format, measured, limit);
    }
}
