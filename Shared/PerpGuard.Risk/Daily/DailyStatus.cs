using System;
using PerpGuard.Risk.Rules;
using PerpGuard.Risk.Time;

namespace PerpGuard.Risk.Daily
{
    /// <summary>
    /// The day's numbers at one moment, as the rules and the chart read them. A value type: taking
    /// it on every tick allocates nothing. Money amounts are in the account currency.
    /// </summary>
    public readonly struct DailyStatus
    {
        public DailyStatus(
            bool isStarted,
            TradingDay day,
            TradingState state,
            ReasonCode stateReason,
            bool onHold,
            double startBalance,
            double startEquity,
            double balance,
            double equity,
            double baseAmount,
            double lossLimitMoney,
            double profitTargetMoney,
            int tradesToday,
            int lossStreak,
            DateTime cooldownUntilUtc,
            DateTime nextResetUtc)
        {
            IsStarted = isStarted;
            Day = day;
            State = state;
            StateReason = stateReason;
            OnHold = onHold;
            StartBalance = startBalance;
            StartEquity = startEquity;
            Balance = balance;
            Equity = equity;
            BaseAmount = baseAmount;
            LossLimitMoney = lossLimitMoney;
            ProfitTargetMoney = profitTargetMoney;
            TradesToday = tradesToday;
            LossStreak = lossStreak;
            CooldownUntilUtc = cooldownUntilUtc;
            NextResetUtc = nextResetUtc;
        }

        public bool IsStarted { get; }

        public TradingDay Day { get; }

        public TradingState State { get; }

        /// <summary>Why the day is in its state (None while Active).</summary>
        public ReasonCode StateReason { get; }

        public bool OnHold { get; }

        public double StartBalance { get; }

        /// <summary>Equity at the day's start: today's P&amp;L is measured from here.</summary>
        public double StartEquity { get; }

        public double Balance { get; }

        public double Equity { get; }

        /// <summary>The amount the limits are fractions of (see <see cref="DailyBaseKind"/>).</summary>
        public double BaseAmount { get; }

        /// <summary>base × max daily loss.</summary>
        public double LossLimitMoney { get; }

        /// <summary>base × profit target; +∞ when there is no target.</summary>
        public double ProfitTargetMoney { get; }

        public int TradesToday { get; }

        public int LossStreak { get; }

        public DateTime CooldownUntilUtc { get; }

        public DateTime NextResetUtc { get; }

        /// <summary>Today's P&amp;L including floating P&amp;L, fees and swaps: equity − start-of-day equity.</summary>
        public double DayPnL => Equity - StartEquity;

        /// <summary>Today's loss as a positive amount (0 on a winning day).</summary>
        public double DayLoss => DayPnL < 0 ? -DayPnL : 0;

        /// <summary>The equity at which the day halts: start-of-day equity − loss limit.</summary>
        public double FloorEquity => StartEquity - LossLimitMoney;

        /// <summary>Money that may still be lost today before the halt: max(0, equity − floor).</summary>
        public double RemainingBudget
        {
            get
            {
                var remaining = Equity - FloorEquity;
                return remaining > 0 ? remaining : 0;
            }
        }

        public bool IsCoolingDown(DateTime utcNow) => utcNow < CooldownUntilUtc;

        /// <summary>True only when a new entry is not blocked by the state or a hold (rules still apply).</summary>
        public bool AcceptsEntries => IsStarted && State == TradingState.Active && !OnHold;
    }
}
