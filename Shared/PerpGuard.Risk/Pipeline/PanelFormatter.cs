using System;
using System.Globalization;
using System.Text;
using PerpGuard.Risk.Daily;

namespace PerpGuard.Risk.Pipeline
{
    /// <summary>The guardian's chart panel text: state, today's P&amp;L vs limits, remaining budget, trades, cool-down.</summary>
    public static class PanelFormatter
    {
        public static string Format(in DailyStatus s, DateTime utcNow, DailyLimitOptions limits)
        {
            var c = CultureInfo.InvariantCulture;
            var b = new StringBuilder(256);
            b.Append("PerpGuard TradeGuardian: ").Append(s.State.ToString());
            if (s.State != TradingState.Active)
            {
                b.Append(" (").Append(s.StateReason.ToString()).Append(')');
            }

            if (s.OnHold)
            {
                b.Append(" [hold]");
            }

            b.Append('\n');
            b.Append("Today P&L: ").Append(s.DayPnL.ToString("0.00", c))
                .Append("  (limit -").Append(s.LossLimitMoney.ToString("0.00", c));
            if (!double.IsInfinity(s.ProfitTargetMoney))
            {
                b.Append(" / target +").Append(s.ProfitTargetMoney.ToString("0.00", c));
            }

            b.Append(")\n");
            b.Append("Remaining budget: ").Append(s.RemainingBudget.ToString("0.00", c)).Append('\n');
            b.Append("Trades today: ").Append(s.TradesToday.ToString(c));
            if (limits.MaxTradesPerDay > 0)
            {
                b.Append(" / ").Append(limits.MaxTradesPerDay.ToString(c));
            }

            b.Append('\n');
            b.Append("Cool-down until: ")
                .Append(s.IsCoolingDown(utcNow) ? s.CooldownUntilUtc.ToString("HH:mm", c) + " UTC" : "-").Append('\n');
            b.Append("Next reset: ").Append(s.NextResetUtc.ToString("yyyy-MM-dd HH:mm", c)).Append(" UTC");
            return b.ToString();
        }
    }
}
