using System;
using System.Globalization;
using System.IO;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Rules;

namespace PerpGuard.Risk.Pipeline
{
    /// <summary>
    /// The wait after a market order whose outcome is unknown (<see cref="TradeErrorPolicy.IsOutcomeUnknown"/>: Timeout,
    /// TechnicalError, Disconnected…) and whose fill the port did not find: the broker may still fill it, so new entries
    /// are refused (<see cref="ReasonCode.OrderOutcomeUnknown"/>) until the fill appears — then it is the day's entry —
    /// or until <see cref="Wait"/> of server time has passed since the order was sent. Checked at entry time only: a
    /// bot with no signal does no work for it. Saved as one small record so that a restart within the wait still waits,
    /// and counts a fill it finds as the entry (docs/execution.md).
    /// </summary>
    public sealed class OrderOutcomeWait
    {
        /// <summary>Two m1 bars: a fill that comes later than a reply's timeout still shows up within it.</summary>
        public const int DefaultSeconds = 120;

        public const int MinSeconds = 10;

        public const int MaxSeconds = 3600;

        /// <summary>The record's schema name.</summary>
        public const string Schema = "perpguard.order-outcome-unknown";

        // A fill is not dated before its order's send time; a second covers a platform that stamps the two apart.
        private static readonly TimeSpan FillTimeTolerance = TimeSpan.FromSeconds(1);

        public OrderOutcomeWait(TimeSpan wait)
        {
            if (!(wait > TimeSpan.Zero))
            {
                throw new ArgumentOutOfRangeException(nameof(wait), wait, "The wait must be positive.");
            }

            Wait = wait;
        }

        public TimeSpan Wait { get; }

        /// <summary>An order's outcome is still unknown (entries are refused until <see cref="UntilUtc"/>).</summary>
        public bool IsOpen { get; private set; }

        /// <summary>The order's side; null when the record could not be read (any side's fill is then taken as it).</summary>
        public TradeSide? Side { get; private set; }

        /// <summary>Units the order asked for.</summary>
        public double Volume { get; private set; }

        /// <summary>The price the entry was planned at (the journal's intended entry of a late fill).</summary>
        public double EntryPrice { get; private set; }

        /// <summary>The error code the order was answered with.</summary>
        public string Error { get; private set; } = string.Empty;

        /// <summary>Server time the order was sent.</summary>
        public DateTime SentUtc { get; private set; }

        /// <summary>Entries resume at this server time if no fill has appeared by then.</summary>
        public DateTime UntilUtc => SentUtc + Wait;

        /// <summary>Starts the wait for an order sent at <paramref name="sentUtc"/> and answered <paramref name="error"/>.</summary>
        public void Open(TradeSide side, double volume, double entryPrice, string error, DateTime sentUtc)
        {
            IsOpen = true;
            Side = side;
            Volume = volume;
            EntryPrice = entryPrice;
            Error = error ?? string.Empty;
            SentUtc = sentUtc;
        }

        /// <summary>A saved record could not be read: wait from <paramref name="nowUtc"/> for a fill of either side.</summary>
        public void OpenUnknown(DateTime nowUtc)
        {
            IsOpen = true;
            Side = null;
            Volume = double.NaN;
            EntryPrice = double.NaN;
            Error = "Unknown";
            SentUtc = nowUtc;
        }

        /// <summary>The wait is over: the fill appeared, or the time ran out.</summary>
        public void End() => IsOpen = false;

        /// <summary>True while entries must wait (open, and the time has not run out).</summary>
        public bool Holds(DateTime nowUtc) => IsOpen && nowUtc < UntilUtc;

        /// <summary>
        /// True when a position of the bot's on <paramref name="side"/>, opened at <paramref name="entryUtc"/>, can be the
        /// order's fill: the wait is open (a fill found after the time ran out is still the bot's position, but entries
        /// have resumed), the side matches and it did not open before the order was sent.
        /// </summary>
        public bool IsFillOf(TradeSide side, DateTime entryUtc) =>
            IsOpen && (!Side.HasValue || Side.Value == side) && entryUtc >= SentUtc - FillTimeTolerance;

        /// <summary>The refusal a new entry gets while the wait holds.</summary>
        public EntryDecision Refusal() => EntryDecision.Refuse(
            ReasonNames.Of(ReasonCode.OrderOutcomeUnknown),
            string.Format(CultureInfo.InvariantCulture,
                "the order sent at {0:HH:mm:ss} was answered {1}, which does not say whether it was executed: no new entry until its fill appears or until {2:HH:mm:ss} UTC",
                SentUtc, Error, UntilUtc));

        /// <summary>The record that lets a restart within the wait keep waiting (empty when the wait is over).</summary>
        public string Serialize()
        {
            if (!IsOpen)
            {
                return string.Empty;
            }

            var o = new JObject
            {
                ["schema"] = Schema,
                ["version"] = 1,
                ["side"] = Side.HasValue ? Side.Value.ToString() : null,
                ["volume"] = Volume,
                ["entryPrice"] = EntryPrice,
                ["error"] = Error,
                ["sentUtc"] = SentUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            };
            return o.ToString(Formatting.None);
        }

        /// <summary>
        /// Reads a saved record: false (and nothing changed) for an empty one, true with the wait open for a readable one;
        /// a record that cannot be read opens the wait from <paramref name="nowUtc"/> for either side and says why in
        /// <paramref name="problem"/> (an unknown order is waited for, never forgotten).
        /// </summary>
        public bool Restore(string? text, DateTime nowUtc, out string? problem)
        {
            problem = null;
            if (string.IsNullOrEmpty(text))
            {
                return false;
            }

            try
            {
                // Dates stay text: the record's own format is parsed below, exactly.
                JObject o;
                using (var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None })
                {
                    o = JObject.Load(reader);
                }

                if ((string?)o["schema"] != Schema || (int?)o["version"] != 1)
                {
                    throw new FormatException("not a " + Schema + " version 1 record");
                }

                var sideText = (string?)o["side"];
                TradeSide? side = null;
                if (sideText is not null)
                {
                    side = sideText == "Long" ? TradeSide.Long : sideText == "Short" ? TradeSide.Short : throw new FormatException("side '" + sideText + "'");
                }

                var sentText = (string?)o["sentUtc"] ?? throw new FormatException("no sentUtc");
                var sent = DateTime.ParseExact(sentText, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
                IsOpen = true;
                Side = side;
                Volume = (double?)o["volume"] ?? double.NaN;
                EntryPrice = (double?)o["entryPrice"] ?? double.NaN;
                Error = (string?)o["error"] ?? "Unknown";
                SentUtc = sent;
                return true;
            }
            catch (Exception ex) when (ex is JsonException || ex is FormatException || ex is InvalidCastException || ex is ArgumentException || ex is OverflowException)
            {
                problem = ex.Message;
                OpenUnknown(nowUtc);
                return true;
            }
        }
    }
}
