using System;
using System.Globalization;
using System.Text;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Rules;

namespace PerpGuard.Risk.Daily
{
    /// <summary>
    /// A bot's closed trades of the current trading day, for the one-line summary it prints when the day ends (and
    /// at its stop): how many closed, won and lost, and their R. The day's money, entries and final state come from the
    /// tracker (<see cref="DailyRiskTracker.DayEnded"/>), which survives a restart; this tally covers the trades closed
    /// while the bot ran, and the line says so when the bot started during the day.
    /// </summary>
    public sealed class DayTally
    {
        private DateTime _sinceUtc;
        private bool _fromDayStart;
        private int _refusedAtStart;

        // The line's money format: the account currency's decimals (cents until told otherwise).
        private string _money = "0.00";

        public int Closed { get; private set; }

        public int Won { get; private set; }

        public int Lost { get; private set; }

        /// <summary>Closed trades with a planned risk, whose R is summed.</summary>
        public int WithR { get; private set; }

        public double SumR { get; private set; }

        public double BestR { get; private set; } = double.NaN;

        public double WorstR { get; private set; } = double.NaN;

        /// <summary>
        /// Prints the line's money (equities, change, loss limit) to the account currency's decimals, cTrader's
        /// <c>Account.Asset.Digits</c>: 2 for USD, 0 for JPY, 8 for a BTC deposit, whose day to the cent would read
        /// 0.51 -> 0.51 (0.00) for a 0.00334 BTC loss. Outside 0..10 (no asset known) it stays at cents.
        /// </summary>
        public void UseMoneyDigits(int digits)
        {
            _money = digits == 0 ? "0" : digits > 0 && digits <= 10 ? "0." + new string('0', digits) : "0.00";
        }

        /// <summary>
        /// Starts a day's tally at <paramref name="sinceUtc"/>: from the day's start (at the reset) or from the bot's
        /// start during the day. <paramref name="refusedSoFar"/> is the bot's running count of refused signals.
        /// </summary>
        public void Begin(DateTime sinceUtc, bool fromDayStart, int refusedSoFar)
        {
            _sinceUtc = sinceUtc;
            _fromDayStart = fromDayStart;
            _refusedAtStart = refusedSoFar;
            Closed = Won = Lost = WithR = 0;
            SumR = 0;
            BestR = WorstR = double.NaN;
        }

        /// <summary>
        /// One closed trade: won or lost as the account books it (to <paramref name="moneyStep"/>, 0.01 for cents; 0 =
        /// exact), and its R when it had a planned risk (both finite).
        /// </summary>
        public void RecordClose(double netProfit, double plannedRisk, double moneyStep)
        {
            Closed++;
            var booked = moneyStep > 0 ? Math.Round(netProfit / moneyStep, MidpointRounding.AwayFromZero) : netProfit;
            if (booked > 0)
            {
                Won++;
            }
            else if (booked < 0)
            {
                Lost++;
            }

            // Only money has an R: an infinite net or planned risk (a broken feed) would print "Infinity" or 0 R.
            if (plannedRisk > 0 && IsFinite(plannedRisk) && IsFinite(netProfit))
            {
                var r = netProfit / plannedRisk;
                WithR++;
                SumR += r;
                BestR = double.IsNaN(BestR) ? r : Math.Max(BestR, r);
                WorstR = double.IsNaN(WorstR) ? r : Math.Min(WorstR, r);
            }
        }

        /// <summary>
        /// The summary line: "Day 2024-01-05 ended Halted (DailyLossLimit): equity 10000.00 -> 9799.50 USD (-200.50,
        /// -2.01 %; loss limit 200.00), 3 entries; 3 closed: 1 won, 2 lost, R -1.50 (best +0.50, worst -1.00); 41 signals refused."
        /// <paramref name="ended"/> says "ended" at the reset and "so far" at a stop.
        /// </summary>
        public string Describe(in DailyStatus day, string currency, bool ended, int refusedSoFar) => Describe(day, currency, ended, (int?)refusedSoFar);

        /// <summary>The summary line of a bot that refuses no signals (the guardian): without the refusals.</summary>
        public string Describe(in DailyStatus day, string currency, bool ended) => Describe(day, currency, ended, null);

        private string Describe(in DailyStatus day, string currency, bool ended, int? refusedSoFar)
        {
            var c = CultureInfo.InvariantCulture;
            var text = new StringBuilder(320);
            text.Append("Day ").Append(day.Day.ToString()).Append(ended ? " ended " : " so far: ").Append(EnumNames<TradingState>.Of(day.State));
            if (day.State != TradingState.Active && day.StateReason != ReasonCode.None)
            {
                text.Append(" (").Append(ReasonNames.Of(day.StateReason)).Append(')');
            }

            if (day.OnHold)
            {
                // A held day reads Active with no entries: say why.
                text.Append(", on hold");
            }

            // The change is that of the two equities as printed (each to the account's money unit, in decimal): a trader subtracting them
            // finds it, never a cent off (10000.004 -> 9900.006 prints 10000.00 -> 9900.01 and -99.99, not -100.00).
            // The percent is of the exact equities, not of the rounded ones (0.51234 -> 0.50900 BTC printed to the cent
            // would read 0.00 % for the day's -0.65 %).
            var startText = day.StartEquity.ToString(_money, c);
            var endText = day.Equity.ToString(_money, c);
            var shown = Printed(startText, out var start) & Printed(endText, out var end);
            var pnl = shown ? (double)(end - start) : day.Equity - day.StartEquity;
            text.Append(ended ? ": " : "; ")
                .Append("equity ").Append(startText).Append(" -> ").Append(endText).Append(' ').Append(currency)
                .Append(" (").Append(Signed(pnl, _money));
            if (day.StartEquity > 0)
            {
                text.Append(", ").Append(Signed(100 * (day.Equity - day.StartEquity) / day.StartEquity, "0.00")).Append(" %");
            }

            if (day.LossLimitMoney > 0 && IsFinite(day.LossLimitMoney))
            {
                // A day 0.29 short of its limit prints -2.00 % and ends Active: the limit beside it says why.
                text.Append("; loss limit ").Append(day.LossLimitMoney.ToString(_money, c));
            }

            text.Append("), ").Append(day.TradesToday.ToString(c)).Append(day.TradesToday == 1 ? " entry; " : " entries; ");
            if (!_fromDayStart)
            {
                text.Append("since the bot started at ").Append(_sinceUtc.ToString("HH:mm", c)).Append(" UTC ");
            }

            text.Append(Closed.ToString(c)).Append(" closed");
            if (Closed > 0)
            {
                text.Append(": ").Append(Won.ToString(c)).Append(" won, ").Append(Lost.ToString(c)).Append(" lost");
                if (WithR > 0)
                {
                    text.Append(", R ").Append(Signed(SumR, "0.00"));
                    if (WithR < Closed)
                    {
                        text.Append(" over ").Append(WithR.ToString(c)).Append(" with a planned risk");
                    }

                    text.Append(" (best ").Append(Signed(BestR, "0.00")).Append(", worst ").Append(Signed(WorstR, "0.00")).Append(')');
                }
            }

            if (refusedSoFar is { } total)
            {
                var refused = total - _refusedAtStart;
                text.Append("; ").Append(refused.ToString(c)).Append(refused == 1 ? " signal refused." : " signals refused.");
            }
            else
            {
                text.Append('.');
            }

            return text.ToString();
        }

        private static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);

        // The printed amount back as an exact decimal; false for a non-finite equity, whose text is no number.
        private static bool Printed(string text, out decimal value) =>
            decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);

        // "+1.50" / "-1.50" / "0.00": a day's R and P&L read at a glance (a value that rounds to zero is "0.00", unsigned).
        private static string Signed(double value, string format)
        {
            var text = value.ToString(format, CultureInfo.InvariantCulture);
            var zero = 0.0.ToString(format, CultureInfo.InvariantCulture);
            if (text == zero || text == "-" + zero)
            {
                return zero;
            }

            return value > 0 ? "+" + text : text;
        }
    }
}
