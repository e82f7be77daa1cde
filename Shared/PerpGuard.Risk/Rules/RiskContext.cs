using System;
using PerpGuard.Risk.Daily;

namespace PerpGuard.Risk.Rules
{
    /// <summary>
    /// Everything a rule may look at for one order: the time, what the order does to exposure, the
    /// day's numbers, the market, and (for entries) the planned stop distance and risk money.
    /// A value type passed by reference: building one per tick allocates nothing.
    /// </summary>
    public readonly struct RiskContext
    {
        public RiskContext(DateTime utcNow, OrderIntent intent, DailyStatus daily, MarketSnapshot market, double stopDistance = double.NaN, double plannedRiskMoney = double.NaN)
        {
            UtcNow = utcNow;
            Intent = intent;
            Daily = daily;
            Market = market;
            StopDistance = stopDistance;
            PlannedRiskMoney = plannedRiskMoney;
        }

        public DateTime UtcNow { get; }

        public OrderIntent Intent { get; }

        public DailyStatus Daily { get; }

        public MarketSnapshot Market { get; }

        /// <summary>Entry-to-stop distance in price units; NaN when not known.</summary>
        public double StopDistance { get; }

        /// <summary>What the order would lose at its stop, in account money; NaN when not known.</summary>
        public double PlannedRiskMoney { get; }

        public bool IsEntry => Intent == OrderIntent.Entry;
    }
}
