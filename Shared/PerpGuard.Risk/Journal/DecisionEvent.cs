using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Rules;

namespace PerpGuard.Risk.Journal
{
    /// <summary>
    /// One risk decision about an order: what was intended, what the pipeline said and why, and
    /// the market at that moment. Refused entries are journaled like allowed ones.
    /// </summary>
    public sealed class DecisionEvent : JournalEvent
    {
        public override JournalEventKind Kind => JournalEventKind.Decision;

        public OrderIntent Intent { get; set; }

        public TradeSide? Side { get; set; }

        public Verdict Verdict { get; set; }

        /// <summary>Stable reason code (its name; <see cref="ReasonNumber"/> is the number).</summary>
        public ReasonCode Reason { get; set; }

        public int ReasonNumber => (int)Reason;

        /// <summary>The rule that decided (null when allowed by all).</summary>
        public string? Rule { get; set; }

        public string Message { get; set; } = string.Empty;

        /// <summary>Size multiplier the pipeline applied (1 allow, 0 deny).</summary>
        public double Scale { get; set; } = 1;

        public double? IntendedPrice { get; set; }

        public double? StopPrice { get; set; }

        public double? TargetPrice { get; set; }

        /// <summary>Volume in units after the decision (null when refused before sizing).</summary>
        public double? Volume { get; set; }

        public double? PlannedRiskMoney { get; set; }

        public double? Bid { get; set; }

        public double? Ask { get; set; }

        public double? Spread { get; set; }

        public double? Atr { get; set; }

        /// <summary>Today's P&amp;L and remaining budget when it was decided.</summary>
        public double? DayPnL { get; set; }

        public double? RemainingBudget { get; set; }

        /// <summary>Fills the decision and the market/day fields from the pipeline's inputs and answer.</summary>
        public static DecisionEvent FromDecision(in RiskDecision decision, in RiskContext context, string? symbol = null, string? source = null)
        {
            var market = context.Market;
            return new DecisionEvent
            {
                AtUtc = context.UtcNow,
                Source = source,
                Symbol = symbol,
                Intent = context.Intent,
                Verdict = decision.Verdict,
                Reason = decision.Reason,
                Rule = decision.RuleName,
                Message = decision.Message,
                Scale = decision.Scale,
                PlannedRiskMoney = Finite(context.PlannedRiskMoney),
                Bid = market.HasQuote ? market.Bid : null,
                Ask = market.HasQuote ? market.Ask : null,
                Spread = market.HasQuote ? market.Spread : null,
                Atr = market.HasAtr ? market.Atr : null,
                DayPnL = context.Daily.IsStarted ? context.Daily.DayPnL : null,
                RemainingBudget = context.Daily.IsStarted ? context.Daily.RemainingBudget : null,
            };
        }

        private static double? Finite(double value) => double.IsNaN(value) || double.IsInfinity(value) ? null : value;
    }
}
