using System;
using System.Collections.Generic;
using PerpGuard.Risk.Persistence;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Rules;
using PerpGuard.Risk.Time;

namespace PerpGuard.Risk.Daily
{
    /// <summary>
    /// The day's state machine and counters. Feed it balance and equity on every tick
    /// (<see cref="Update"/>), each filled entry (<see cref="RecordEntry"/>) and each closed trade
    /// (<see cref="RecordClosedTrade"/>); read <see cref="Status"/> for the rules and the chart.
    /// Active → Reducing → Halted only moves forward within a day; the reset at the configured time
    /// is the only way back to Active, and each change is raised on <see cref="Transitioned"/>.
    /// </summary>
    public sealed class DailyRiskTracker
    {
        /// <summary>
        /// The bound on the positions a day remembers as counted, for closes (<see cref="DailyState.CountedPositionIds"/>) and
        /// for entries (<see cref="DailyState.EnteredPositionIds"/>) each: under 6 KB of saved text per list. The scalper trades at most *Max trades per day* (20 by default); the guardian counts every
        /// position closed on the account. Past it the oldest ids are dropped and the closes up to that moment are taken as
        /// counted by time (<see cref="DailyState.CountedThroughUtc"/>): the ids are only needed for recent closes.
        /// </summary>
        public const int MaxCountedPositionIds = 500;

        // Comparisons at a limit tolerate double rounding (10,000 × 0.02 must equal 200.00).
        private const double Tolerance = 1e-9;

        private readonly DailyLimitsOptions _options;
        private readonly IClock _clock;
        private readonly TradingDaySchedule _schedule;

        private bool _started;
        private string _currency = string.Empty;
        private TradingDay _day;
        private DateTime _nextResetUtc;
        private double _startBalance;
        private double _startEquity;
        private double _initialBalance;
        private double _balance;
        private double _equity;
        private int _tradesToday;
        private int _lossStreak;
        private DateTime _cooldownUntilUtc;
        private TradingState _state;
        private ReasonCode _stateReason;
        private bool _onHold;
        private readonly CountedIdSet _closed = new CountedIdSet();
        private readonly CountedIdSet _entered = new CountedIdSet();
        private double _evaluatedEquity = double.NaN;
        private long _evaluatedChange = -1;

        /// <summary>Validates the options (all violations in one <see cref="ArgumentException"/>).</summary>
        public DailyRiskTracker(DailyLimitsOptions options, IClock clock)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _clock = clock ?? throw new ArgumentNullException(nameof(clock));
            options.ThrowIfInvalid();
            _schedule = options.CreateSchedule();
        }

        /// <summary>Raised for every state or hold change (journal it). Subscribe before <see cref="Start"/>.</summary>
        public event Action<StateTransition>? Transitioned;

        /// <summary>
        /// Raised at the reset, before the new day begins, with the ended day's numbers (its end balance and equity are
        /// those of the moment it ended). Not raised for a day that ended while the bot was stopped.
        /// </summary>
        public event Action<DailyStatus>? DayEnded;

        public DailyLimitsOptions Options => _options;

        public TradingDaySchedule Schedule => _schedule;

        public TradingState State => _state;

        public bool OnHold => _onHold;

        public bool IsStarted => _started;

        /// <summary>Increments on every change worth saving; persist when it differs from the last saved value.</summary>
        public long ChangeCount { get; private set; }

        /// <summary>
        /// True while Halted and the options ask to close positions and cancel pending orders. Not when the day is
        /// Halted because its saved state could not be read (<see cref="ReasonCode.CorruptState"/>): that is no
        /// breach, only an unknown day, and closing positions is a trade on it; no new entries, and the open positions
        /// keep their stops and management (docs/persistence.md).
        /// </summary>
        public bool ShouldFlatten => _state == TradingState.Halted && _options.FlattenOnHalt && _stateReason != ReasonCode.CorruptState;

        public DailyStatus Status => new DailyStatus(
            _started,
            _day,
            _state,
            _stateReason,
            _onHold,
            _startBalance,
            _startEquity,
            _balance,
            _equity,
            BaseAmount(),
            LossLimitMoney(),
            ProfitTargetMoney(),
            _tradesToday,
            _lossStreak,
            _cooldownUntilUtc,
            _nextResetUtc);

        /// <summary>
        /// Starts the tracker with the current account and whatever the store held:
        /// missing → a fresh day; restored on the same trading day → continues it (a halt stays a
        /// halt); restored from an earlier day → the reset happened while away; corrupt (or from a
        /// future day) → Halted until the next reset, never a silent fresh day.
        /// </summary>
        public void Start(Money balance, Money equity, DailyStateLoad? saved = null)
        {
            if (_started)
            {
                throw new InvalidOperationException("The daily tracker is already started.");
            }

            if (!string.Equals(balance.Currency, equity.Currency, StringComparison.Ordinal))
            {
                throw new ArgumentException("Balance and equity must be in the account currency.", nameof(equity));
            }

            var now = _clock.UtcNow;
            _currency = balance.Currency;
            _balance = balance.Amount;
            _equity = equity.Amount;
            _day = _schedule.DayOf(now);
            _nextResetUtc = _schedule.StartUtc(_day.Next);
            _started = true;
            _initialBalance = _options.InitialBalance > 0 ? _options.InitialBalance : balance.Amount;
            ChangeCount++;

            var state = saved?.State;
            if (saved is null || saved.Status == LoadStatus.Missing)
            {
                BeginDay(balance.Amount, equity.Amount);
                CountedThrough(now);
                return;
            }

            if (saved.Status == LoadStatus.Corrupt || state is null)
            {
                BeginDay(balance.Amount, equity.Amount);
                CountedThrough(now);
                MoveTo(TradingState.Halted, ReasonCode.CorruptState, now);
                return;
            }

            if (!string.IsNullOrEmpty(state.Currency) && !string.Equals(state.Currency, _currency, StringComparison.Ordinal))
            {
                // A state from another account currency cannot be trusted.
                BeginDay(balance.Amount, equity.Amount);
                CountedThrough(now);
                MoveTo(TradingState.Halted, ReasonCode.CorruptState, now);
                return;
            }

            if (_options.InitialBalance <= 0 && state.InitialBalance > 0)
            {
                _initialBalance = state.InitialBalance;
            }

            _onHold = state.OnHold;
            _cooldownUntilUtc = state.CooldownUntilUtc;

            if (state.Day == _day)
            {
                _startBalance = state.StartBalance;
                _startEquity = state.StartEquity;
                _tradesToday = state.TradesToday;
                _lossStreak = state.LossStreak;
                _state = state.State;
                _stateReason = state.StateReason;
                RestoreCounted(state);
                Evaluate(now);
                return;
            }

            if (state.Day < _day)
            {
                // Restored into a later day: the reset passed while the bot was away.
                _state = state.State;
                _stateReason = state.StateReason;
                BeginDay(balance.Amount, equity.Amount);
                if (_state != TradingState.Active)
                {
                    MoveTo(TradingState.Active, ReasonCode.DayReset, now);
                }

                Evaluate(now);
                return;
            }

            // Saved "tomorrow": the clock or the zone changed. Trust nothing.
            BeginDay(balance.Amount, equity.Amount);
            CountedThrough(now);
            MoveTo(TradingState.Halted, ReasonCode.CorruptState, now);
        }

        /// <summary>Per tick: rolls the day at the reset, then checks the loss limit and profit target. Allocates nothing.</summary>
        public void Update(Money balance, Money equity)
        {
            EnsureStarted();
            if (!string.Equals(balance.Currency, _currency, StringComparison.Ordinal) || !string.Equals(equity.Currency, _currency, StringComparison.Ordinal))
            {
                throw new ArgumentException("Balance and equity must be in the account currency " + _currency + ".");
            }

            UpdateAmounts(balance.Amount, equity.Amount);
        }

        /// <summary>
        /// <see cref="Update(Money, Money)"/> for amounts already in the tracker's <see cref="Currency"/> (a robot
        /// reads them from its own account on every tick). When neither equity nor anything the limits depend on
        /// changed since the last check — a flat bot between trades — the check is skipped: its answer is the same.
        /// </summary>
        public void UpdateAmounts(double balance, double equity)
        {
            EnsureStarted();
            var now = _clock.UtcNow;
            _balance = balance;
            _equity = equity;
            if (now >= _nextResetUtc)
            {
                Roll(now);
            }

            // Evaluate reads only equity, the day's start values, the state and the options; every change
            // of the start values or the state increments ChangeCount.
            if (!AlwaysEvaluate && equity == _evaluatedEquity && ChangeCount == _evaluatedChange)
            {
                return;
            }

            Evaluate(now);
            _evaluatedEquity = equity;
            _evaluatedChange = ChangeCount;
        }

        /// <summary>Tests: evaluate on every update (the reference the skip is checked against).</summary>
        internal bool AlwaysEvaluate { get; set; }

        /// <summary>A new position (or an addition) was filled: counts toward the trades per day.</summary>
        public void RecordEntry() => RecordEntry(_clock.UtcNow);

        /// <summary>
        /// Position <paramref name="positionId"/> opened now: counted, and remembered so a restart does not count it again
        /// (<see cref="DailyState.EnteredPositionIds"/>). False when it was already counted today (nothing changes).
        /// </summary>
        public bool RecordEntry(int positionId) => RecordEntry(_clock.UtcNow, positionId);

        /// <summary><see cref="RecordEntry(DateTime)"/> for position <paramref name="positionId"/>, remembered; false when already counted today.</summary>
        public bool RecordEntry(DateTime enteredAtUtc, int positionId)
        {
            EnsureStarted();
            RollIfDue(_clock.UtcNow);
            if (_entered.Contains(positionId))
            {
                return false;
            }

            RecordEntry(enteredAtUtc);
            _entered.Add(positionId, _clock.UtcNow);
            return true;
        }

        /// <summary>
        /// True when position <paramref name="positionId"/>, opened at <paramref name="enteredAtUtc"/>, needs no counting as
        /// today's entry: counted today already (live, or at a restart; by id), opened before the day began, or opened at or
        /// before the time through which entries count as counted (a start without a trusted day, an older record's save).
        /// </summary>
        public bool HasCountedEntry(int positionId, DateTime enteredAtUtc)
        {
            EnsureStarted();
            return enteredAtUtc < _schedule.StartUtc(_day) || (_entered.ThroughUtc is { } through && enteredAtUtc <= through) || _entered.Contains(positionId);
        }

        /// <summary>
        /// A position that opened at <paramref name="enteredAtUtc"/> (e.g. while the bot was stopped, found at the
        /// restart): counted as if recorded then — the day turns Reducing at the entry that reached the limit, so
        /// what opened after it came after the turn. Record such entries in entry order.
        /// </summary>
        public void RecordEntry(DateTime enteredAtUtc)
        {
            EnsureStarted();
            var now = _clock.UtcNow;
            RollIfDue(now);
            _tradesToday++;
            ChangeCount++;
            if (_options.MaxTradesPerDay > 0 && _tradesToday >= _options.MaxTradesPerDay && _state == TradingState.Active)
            {
                MoveTo(TradingState.Reducing, ReasonCode.MaxTradesPerDay, enteredAtUtc > now ? now : enteredAtUtc);
            }
        }

        /// <summary>
        /// A trade closed with this net profit (after fees and swaps). A loss lengthens the streak and
        /// starts a cool-down that grows with it; anything else ends the streak.
        /// </summary>
        public void RecordClosedTrade(Money netProfit) => RecordClosedTrade(netProfit, _clock.UtcNow);

        /// <summary>
        /// The final close of position <paramref name="positionId"/> (cTrader <c>Position.Id</c>), counted now and
        /// remembered as counted so a restart does not count it again (<see cref="CountedCloses"/>). False when that
        /// position was already counted today (nothing changes). Allocates only when the remembered set grows.
        /// </summary>
        public bool RecordClosedTrade(Money netProfit, int positionId) => RecordClosedTrade(netProfit, _clock.UtcNow, positionId);

        /// <summary>
        /// <see cref="RecordClosedTrade(Money, DateTime)"/> for position <paramref name="positionId"/>, remembered as counted;
        /// false when it was already counted today or closed before the day began (nothing changes).
        /// </summary>
        public bool RecordClosedTrade(Money netProfit, DateTime closedAtUtc, int positionId)
        {
            EnsureStarted();
            RollIfDue(_clock.UtcNow);
            if (_closed.Contains(positionId))
            {
                return false;
            }

            if (!RecordClosedTradeCore(netProfit, closedAtUtc))
            {
                return false;
            }

            _closed.Add(positionId, _clock.UtcNow);
            return true;
        }

        /// <summary>True when the final close of <paramref name="positionId"/> was counted today (live, or found at a restart).</summary>
        public bool HasCounted(int positionId) => _closed.Contains(positionId);

        /// <summary>
        /// A trade that closed at <paramref name="closedAtUtc"/> (e.g. at its stop while the bot was stopped, found in
        /// the history at the restart): counted as if recorded then — its cool-down runs from the close, not from now.
        /// A close before the current trading day began is not counted: the streak ended with that day. Record such
        /// trades in closing order.
        /// </summary>
        public void RecordClosedTrade(Money netProfit, DateTime closedAtUtc) => RecordClosedTradeCore(netProfit, closedAtUtc);

        private bool RecordClosedTradeCore(Money netProfit, DateTime closedAtUtc)
        {
            EnsureStarted();
            if (!string.Equals(netProfit.Currency, _currency, StringComparison.Ordinal))
            {
                throw new ArgumentException("Net profit must be in the account currency " + _currency + ".", nameof(netProfit));
            }

            var now = _clock.UtcNow;
            RollIfDue(now);
            if (closedAtUtc > now)
            {
                closedAtUtc = now;
            }

            if (closedAtUtc < _schedule.StartUtc(_day))
            {
                return false;
            }

            ChangeCount++;
            if (netProfit.Amount >= 0)
            {
                _lossStreak = 0;
                return true;
            }

            _lossStreak++;
            var until = closedAtUtc + _options.CooldownFor(_lossStreak);
            if (until > _cooldownUntilUtc)
            {
                _cooldownUntilUtc = until;
            }

            if (_options.MaxConsecutiveLosses > 0 && _lossStreak >= _options.MaxConsecutiveLosses && _state == TradingState.Active)
            {
                // At the close that reached the limit: positions opened after it (while the bot was stopped) came
                // after the day turned, and a restarted guardian closes them.
                MoveTo(TradingState.Reducing, ReasonCode.MaxConsecutiveLosses, closedAtUtc);
            }

            return true;
        }

        /// <summary>Manual hold: no entries until <see cref="Release"/>, across resets too.</summary>
        public void Hold()
        {
            EnsureStarted();
            if (_onHold)
            {
                return;
            }

            _onHold = true;
            ChangeCount++;
            Raise(_state, _state, ReasonCode.ManualHold, _clock.UtcNow);
        }

        /// <summary>Ends a manual hold. The day's state is untouched: a halted day stays halted.</summary>
        public void Release()
        {
            EnsureStarted();
            if (!_onHold)
            {
                return;
            }

            _onHold = false;
            ChangeCount++;
            Raise(_state, _state, ReasonCode.ManualRelease, _clock.UtcNow);
        }

        /// <summary>Halts the day now for a reason found outside the tracker (e.g. a stop that could not be attached).</summary>
        public void Halt(ReasonCode reason)
        {
            EnsureStarted();
            if (_state != TradingState.Halted)
            {
                MoveTo(TradingState.Halted, reason, _clock.UtcNow);
            }
        }

        /// <summary>Stops new entries for the rest of the day (Reducing) for an outside reason.</summary>
        public void Reduce(ReasonCode reason)
        {
            EnsureStarted();
            if (_state == TradingState.Active)
            {
                MoveTo(TradingState.Reducing, reason, _clock.UtcNow);
            }
        }

        /// <summary>Today's remaining loss budget in the account currency (feed it to the sizer's daily allowance).</summary>
        public Money RemainingBudget
        {
            get
            {
                EnsureStarted();
                return new Money(Status.RemainingBudget, _currency);
            }
        }

        public string Currency => _currency;

        /// <summary>The price at which this open position would bring equity to today's floor (see <see cref="FloorPrice.Compute"/>).</summary>
        public FloorPrice PriceAtDailyFloor(TradeSide side, Volume volume, Price current, double valuePerUnitOfPrice) =>
            FloorPrice.Compute(side, volume, current, valuePerUnitOfPrice, Status.RemainingBudget);

        /// <summary>The record to persist.</summary>
        public DailyState ToState() => new DailyState
        {
            Day = _day,
            Currency = _currency,
            StartBalance = _startBalance,
            StartEquity = _startEquity,
            InitialBalance = _initialBalance,
            TradesToday = _tradesToday,
            LossStreak = _lossStreak,
            CooldownUntilUtc = _cooldownUntilUtc,
            State = _state,
            StateReason = _stateReason,
            OnHold = _onHold,
            SavedAtUtc = _clock.UtcNow,
            CountedPositionIds = _closed.ToArray(),
            CountedThroughUtc = _closed.ThroughUtc,
            EnteredPositionIds = _entered.ToArray(),
            EnteredThroughUtc = _entered.ThroughUtc,
        };

        private void RollIfDue(DateTime now)
        {
            if (now >= _nextResetUtc)
            {
                Roll(now);
            }
        }

        private void Roll(DateTime now)
        {
            DayEnded?.Invoke(Status);
            _day = _schedule.DayOf(now);
            _nextResetUtc = _schedule.StartUtc(_day.Next);
            BeginDay(_balance, _equity);
            ChangeCount++;
            if (_state != TradingState.Active)
            {
                MoveTo(TradingState.Active, ReasonCode.DayReset, now);
            }
        }

        private void BeginDay(double balance, double equity)
        {
            _startBalance = balance;
            _startEquity = equity;
            _tradesToday = 0;
            _lossStreak = 0;
            _closed.Clear();
            _entered.Clear();
        }

        // Nothing before now was counted by this tracker, and nothing before now is to be counted later either: a first
        // start, or a day whose saved state is unknown, begins counting here (as the former time rule did).
        private void CountedThrough(DateTime utc)
        {
            _closed.Through(utc);
            _entered.Through(utc);
        }

        private void RestoreCounted(DailyState state)
        {
            _closed.Restore(state.CountedPositionIds, state.CountedThroughUtc, state.SavedAtUtc);
            _entered.Restore(state.EnteredPositionIds, state.EnteredThroughUtc, state.SavedAtUtc);
        }

        private void Evaluate(DateTime now)
        {
            if (_state == TradingState.Halted)
            {
                // A day halted only because its saved state was unreadable still has its loss limit, measured from the
                // equity at the restart (the least the day has lost): reaching it is a breach, which flattens when asked.
                if (_stateReason == ReasonCode.CorruptState && AtOrAbove(_startEquity - _equity, LossLimitMoney()))
                {
                    MoveTo(TradingState.Halted, ReasonCode.DailyLossLimit, now);
                }

                return;
            }

            var loss = _startEquity - _equity;
            var limit = LossLimitMoney();
            if (AtOrAbove(loss, limit))
            {
                MoveTo(TradingState.Halted, ReasonCode.DailyLossLimit, now);
                return;
            }

            var target = ProfitTargetMoney();
            if (!double.IsPositiveInfinity(target) && AtOrAbove(-loss, target))
            {
                MoveTo(TradingState.Halted, ReasonCode.DailyProfitTarget, now);
                return;
            }

            if (_state == TradingState.Active && _options.ReducingAtShareOfLimit < 1 && AtOrAbove(loss, limit * _options.ReducingAtShareOfLimit))
            {
                MoveTo(TradingState.Reducing, ReasonCode.DailyLossWarning, now);
            }
        }

        private static bool AtOrAbove(double value, double limit) =>
            value >= limit - (Tolerance * Math.Max(1.0, Math.Abs(limit)));

        private void MoveTo(TradingState to, ReasonCode reason, DateTime now)
        {
            var from = _state;
            _state = to;
            _stateReason = to == TradingState.Active ? ReasonCode.None : reason;
            ChangeCount++;
            Raise(from, to, reason, now);
        }

        private void Raise(TradingState from, TradingState to, ReasonCode reason, DateTime now) =>
            Transitioned?.Invoke(new StateTransition(_day, now, from, to, _onHold, reason, _equity, _equity - _startEquity));

        private double BaseAmount()
        {
            switch (_options.Base)
            {
                case DailyBaseKind.StartOfDayEquity:
                    return _startEquity;
                case DailyBaseKind.HigherOfBalanceAndEquity:
                    return Math.Max(_startBalance, _startEquity);
                case DailyBaseKind.InitialBalance:
                    return _initialBalance;
                case DailyBaseKind.FixedAmount:
                    return _options.FixedBaseAmount;
                default:
                    return _startBalance;
            }
        }

        private double LossLimitMoney() => BaseAmount() * _options.MaxDailyLoss.Value;

        private double ProfitTargetMoney() =>
            _options.DailyProfitTarget is { } target ? BaseAmount() * target.Value : double.PositiveInfinity;

        private void EnsureStarted()
        {
            if (!_started)
            {
                throw new InvalidOperationException("Call Start(balance, equity, saved) before feeding the daily tracker.");
            }
        }
    }
}
