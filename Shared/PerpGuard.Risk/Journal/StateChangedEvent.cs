using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Rules;
using PerpGuard.Risk.Time;

namespace PerpGuard.Risk.Journal
{
    /// <summary>A change of the day's state or hold (halt, reduce, reset, hold, release).</summary>
    public sealed class StateChangedEvent : JournalEvent
    {
        public override JournalEventKind Kind => JournalEventKind.StateChanged;

        public TradingDay Day { get; set; }

        public TradingState From { get; set; }

        public TradingState To { get; set; }

        public bool OnHold { get; set; }

        public ReasonCode Reason { get; set; }

        public int ReasonNumber => (int)Reason;

        public double Equity { get; set; }

        public double DayPnL { get; set; }

        public static StateChangedEvent FromTransition(in StateTransition transition, string? source = null) => new StateChangedEvent
        {
            AtUtc = transition.AtUtc,
            Source = source,
            Day = transition.Day,
            From = transition.From,
            To = transition.To,
            OnHold = transition.OnHold,
            Reason = transition.Reason,
            Equity = transition.Equity,
            DayPnL = transition.DayPnL,
        };
    }
}
