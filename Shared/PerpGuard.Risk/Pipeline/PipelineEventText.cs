using System.Globalization;
using System.Text;

namespace PerpGuard.Risk.Pipeline
{
    /// <summary>
    /// One readable, invariant-culture line for a pipeline event: the robots print it to the log,
    /// and the journal keeps it as the text of events that have no record type of their own.
    /// </summary>
    public static class PipelineEventText
    {
        /// <summary>"2026-11-25 09:01:00Z Kind Reason id=… side=… price=…" (the log line).</summary>
        public static string Format(PipelineEvent e) =>
            e.Utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "Z " + Describe(e);

        /// <summary>The line without its time: kind, reason, then every known number.</summary>
        public static string Describe(PipelineEvent e)
        {
            var b = new StringBuilder(160);
            b.Append(e.Kind.ToString());
            if (e.Reason.Length > 0)
            {
                b.Append(' ').Append(e.Reason);
            }

            if (e.PositionId != 0)
            {
                b.Append(" id=").Append(e.PositionId.ToString(CultureInfo.InvariantCulture));
            }

            if (e.Side.HasValue)
            {
                // Named by a switch: Enum.ToString boxes the value.
                b.Append(" side=").Append(e.Side.Value == Primitives.TradeSide.Long ? nameof(Primitives.TradeSide.Long) : nameof(Primitives.TradeSide.Short));
            }

            Num(b, "volume", e.Volume);
            Num(b, "price", e.Price);
            Num(b, "fill", e.FillPrice);
            Num(b, "stop", e.StopLoss);
            Num(b, "target", e.TakeProfit);
            Num(b, "plannedRisk", e.PlannedRisk);
            Num(b, "value", e.Value);
            Num(b, "leverage", e.Leverage);
            if (e.Message.Length > 0)
            {
                b.Append(" | ").Append(e.Message.Replace('\n', ' '));
            }

            return b.ToString();
        }

        private static void Num(StringBuilder b, string name, double value)
        {
            if (!double.IsNaN(value))
            {
                b.Append(' ').Append(name).Append('=').Append(value.ToString("0.########", CultureInfo.InvariantCulture));
            }
        }
    }
}
