using System;
using System.Globalization;
using PerpGuard.Risk.Rules;
using PerpGuard.Risk.Time;

namespace PerpGuard.Risk.Daily
{
    /// <summary>
    /// One change of the day's state or hold, with why and the numbers at that moment. Every one is
    /// raised by <see cref="DailyRiskTracker.Transitioned"/> for the journal.
    /// </summary>
    public readonly struct StateTransition
    {
        public StateTransition(TradingDay day, DateTime atUtc, TradingState from, TradingState to, bool onHold, ReasonCode reason, double equity, double dayPnL)
        {
            Day = day;
            AtUtc = atUtc;
            From = from;
            To = to;
            OnHold = onHold;
            Reason = reason;
            Equity = equity;
            DayPnL = dayPnL;
        }

        public TradingDay Day { get; }

        public DateTime AtUtc { get; }

        public TradingState From { get; }

        public TradingState To { get; }

        /// <summary>Whether a manual hold is on after this transition.</summary>
        public bool OnHold { get; }

        public ReasonCode Reason { get; }

        public double Equity { get; }

        public double DayPnL { get; }

        public override string ToString() => string.Format(
            CultureInfo.InvariantCulture,
            "{0:yyyy-MM-dd HH:mm:ss}Z day {1}: {2} -> {3}{4} ({5}), equity {6:0.00}, day P&L {7:0.00}",
            AtUtc,
            Day,
            From,
            To,
            OnHold ? " [hold]" : string.Empty,
            Reason,
            Equity,
            DayPnL);
    }
}
