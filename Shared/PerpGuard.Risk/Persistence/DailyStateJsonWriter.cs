using System;
using System.Globalization;
using System.Text;
using PerpGuard.Risk.Daily;

namespace PerpGuard.Risk.Persistence
{
    /// <summary>
    /// Writes the daily-state record straight into a reused <see cref="StringBuilder"/>: the same text
    /// Newtonsoft's <c>JObject.ToString(Formatting.None)</c> gives (numbers as its "R" doubles with ".0",
    /// times ISO-8601 UTC), without building a token tree. A bot saves on every state change, so the
    /// only allocation left per save is the final string the store keeps. The fields added later (the counted and entered
    /// position ids and the times through which closes and entries count as counted) are written only when the state has them, so a state
    /// without them gives the earlier record. Not thread-safe (one per store).
    /// </summary>
    internal sealed class DailyStateJsonWriter
    {
        private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
        private readonly StringBuilder _text = new StringBuilder(512);

        public string Write(DailyState state)
        {
            var b = _text.Clear();
            b.Append('{');
            Name(b, "schema", first: true);
            Text(b, DailyStateStore.Schema);
            Name(b, "version");
            Integer(b, DailyState.CurrentVersion);
            Name(b, "day");
            Day(b, state.Day.Date);
            Name(b, "currency");
            Text(b, state.Currency);
            Name(b, "startBalance");
            Number(b, state.StartBalance);
            Name(b, "startEquity");
            Number(b, state.StartEquity);
            Name(b, "initialBalance");
            Number(b, state.InitialBalance);
            Name(b, "tradesToday");
            Integer(b, state.TradesToday);
            Name(b, "lossStreak");
            Integer(b, state.LossStreak);
            Name(b, "cooldownUntilUtc");
            Time(b, state.CooldownUntilUtc);
            Name(b, "state");
            Text(b, StateName(state.State));
            Name(b, "stateReason");
            Integer(b, (int)state.StateReason);
            Name(b, "onHold");
            b.Append(state.OnHold ? "true" : "false");
            Name(b, "savedAtUtc");
            Time(b, state.SavedAtUtc);
            // Added later, each written only when the state has it (oldest id first, bounded by the tracker).
            Ids(b, "countedPositionIds", state.CountedPositionIds);
            OptionalTime(b, "countedThroughUtc", state.CountedThroughUtc);
            Ids(b, "enteredPositionIds", state.EnteredPositionIds);
            OptionalTime(b, "enteredThroughUtc", state.EnteredThroughUtc);
            b.Append('}');
            return b.ToString();
        }

        private static void Ids(StringBuilder b, string name, int[]? ids)
        {
            if (ids is null)
            {
                return;
            }

            Name(b, name);
            b.Append('[');
            for (var i = 0; i < ids.Length; i++)
            {
                if (i > 0)
                {
                    b.Append(',');
                }

                Integer(b, ids[i]);
            }

            b.Append(']');
        }

        private static void OptionalTime(StringBuilder b, string name, DateTime? utc)
        {
            if (utc is { } value)
            {
                Name(b, name);
                Time(b, value);
            }
        }

        private static void Name(StringBuilder b, string name, bool first = false)
        {
            if (!first)
            {
                b.Append(',');
            }

            b.Append('"').Append(name).Append("\":");
        }

        private static string StateName(TradingState state)
        {
            switch (state)
            {
                case TradingState.Active:
                    return nameof(TradingState.Active);
                case TradingState.Reducing:
                    return nameof(TradingState.Reducing);
                case TradingState.Halted:
                    return nameof(TradingState.Halted);
                default:
                    return state.ToString();
            }
        }

        private static void Integer(StringBuilder b, int value)
        {
            Span<char> buffer = stackalloc char[16];
            value.TryFormat(buffer, out var n, default, CultureInfo.InvariantCulture);
            b.Append(buffer.Slice(0, n));
        }

        // Newtonsoft writes a double as value.ToString("R"), adding ".0" to whole numbers, and non-finite values as strings.
        private static void Number(StringBuilder b, double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                Text(b, value.ToString(CultureInfo.InvariantCulture));
                return;
            }

            Span<char> buffer = stackalloc char[40];
            value.TryFormat(buffer, out var n, "R", CultureInfo.InvariantCulture);
            var digits = buffer.Slice(0, n);
            b.Append(digits);
            if (digits.IndexOfAny('.', 'E', 'e') < 0)
            {
                b.Append(".0");
            }
        }

        private static void Time(StringBuilder b, DateTime utc)
        {
            Span<char> buffer = stackalloc char[40];
            DateTime.SpecifyKind(utc, DateTimeKind.Utc).TryFormat(buffer, out var n, TimeFormat, CultureInfo.InvariantCulture);
            b.Append('"').Append(buffer.Slice(0, n)).Append('"');
        }

        private static void Day(StringBuilder b, DateOnly date)
        {
            Span<char> buffer = stackalloc char[16];
            date.TryFormat(buffer, out var n, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            b.Append('"').Append(buffer.Slice(0, n)).Append('"');
        }

        // JSON string escaping as Newtonsoft's default: quote, backslash, control characters and the
        // line/paragraph separators (which JavaScript treats as line ends).
        private static void Text(StringBuilder b, string? value)
        {
            if (value is null)
            {
                b.Append("null");
                return;
            }

            b.Append('"');
            foreach (var c in value)
            {
                switch (c)
                {
                    case '"':
                        b.Append("\\\"");
                        break;
                    case '\\':
                        b.Append("\\\\");
                        break;
                    case '\n':
                        b.Append("\\n");
                        break;
                    case '\r':
                        b.Append("\\r");
                        break;
                    case '\t':
                        b.Append("\\t");
                        break;
                    case '\b':
                        b.Append("\\b");
                        break;
                    case '\f':
                        b.Append("\\f");
                        break;
                    default:
                        if (c < ' ' || c == '\u0085' || c == '\u2028' || c == '\u2029')
                        {
                            b.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            b.Append(c);
                        }

                        break;
                }
            }

            b.Append('"');
        }
    }
}
