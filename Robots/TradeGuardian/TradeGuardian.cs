// TradeGuardian — protects every position on the account, opened by hand or by other bots.
//
// What it does, on every tick: attaches a stop (ATR or fixed distance from the entry) and a ≥ 1.5R
// net-of-fees target to any position that has none; trails stops and moves them to a fee-covering
// break-even (ratchet only); cuts positions whose effective leverage or money at risk exceeds the cap
// (reduce to *Cut to* % of the cap, close, or warn only); enforces the daily limits account-wide — when the day's
// loss limit or profit target is hit it cancels pending orders, closes everything (optional) and keeps
// the account flat until the reset by closing any new position at once. Every action is journaled and
// the state is shown on the chart.
// It runs on the ticks of every symbol it holds a position in (Symbol.Tick of each, besides the chart's OnTick) and,
// as a backstop, on a timer when nothing it listens to has ticked for a while: an FX chart quiet at the weekend
// leaves no crypto position unwatched.
// What it does not promise: that a stop fills at its price (gaps), protection between ticks, or
// control over positions while it is not running.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using cAlgo.API;
using cAlgo.API.Indicators;
using cAlgo.API.Internals;
using PerpGuard.Algos.Glue;
using PerpGuard.Algos.Guardian;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Pipeline;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Rules;
using PerpGuard.Risk.Stops;

namespace cAlgo.Robots
{
    [Robot(AccessRights = AccessRights.None, TimeZone = TimeZones.UTC)]
    public class TradeGuardian : Robot
    {
        public const string PanelName = "PerpGuard.TradeGuardian.Panel";

        /// <summary>
        /// The backstop: when no tick it listens to came for this long, the timer runs the guard pass (a day's reset, the
        /// retry of a refused close, a position on a symbol that has stopped ticking). As the retry back-off: 5 s.
        /// </summary>
        public static readonly TimeSpan BackstopInterval = TimeSpan.FromSeconds(5);

        // ---- Risk ----
        [Parameter("Max leverage (x)", Group = "Risk", DefaultValue = 5.0, MinValue = 1, MaxValue = 10, Step = 0.5)]
        public double MaxLeverage { get; set; }

        /// <summary>
        /// Hysteresis of the oversize cut: above a cap (leverage or risk, per position or account-wide) the guardian cuts
        /// down to this share of the cap, so a position held near the cap is not trimmed again by a volume step at every
        /// small loss. 100 = cut to the cap itself.
        /// </summary>
        [Parameter("Cut to (% of cap)", Group = "Risk", DefaultValue = GuardianOptions.DefaultCutToPercentOfCap, MinValue = GuardianOptions.MinCutToPercentOfCap, MaxValue = 100, Step = 1)]
        public double CutToPercentOfCap { get; set; }

        [Parameter("Max risk per position % (0 = off)", Group = "Risk", DefaultValue = 2.0, MinValue = 0, MaxValue = 100, Step = 0.1)]
        public double MaxRiskPercentPerPosition { get; set; }

        [Parameter("Oversize action", Group = "Risk", DefaultValue = OversizeAction.Reduce)]
        public OversizeAction Oversize { get; set; }

        [Parameter("Max retries", Group = "Risk", DefaultValue = 2, MinValue = 0, MaxValue = 5)]
        public int MaxRetries { get; set; }

        // ---- Stops ----
        [Parameter("Stop mode", Group = "Stops", DefaultValue = StopMode.Atr)]
        public StopMode StopModeParameter { get; set; }

        [Parameter("ATR period", Group = "Stops", DefaultValue = 14, MinValue = 2, MaxValue = 500)]
        public int AtrPeriod { get; set; }

        [Parameter("Stop ATR multiple", Group = "Stops", DefaultValue = 1.5, MinValue = 0.1, MaxValue = 20, Step = 0.1)]
        public double StopAtrMultiple { get; set; }

        [Parameter("Fixed stop (pips)", Group = "Stops", DefaultValue = 300.0, MinValue = 0.01)]
        public double FixedStopPips { get; set; }

        [Parameter("Reward:risk (net)", Group = "Stops", DefaultValue = 1.5, MinValue = 1.5, MaxValue = 20, Step = 0.1)]
        public double RewardRisk { get; set; }

        [Parameter("Trailing stop", Group = "Stops", DefaultValue = true)]
        public bool TrailingEnabled { get; set; }

        [Parameter("Trail after (R)", Group = "Stops", DefaultValue = 1.0, MinValue = 0, MaxValue = 20, Step = 0.1)]
        public double TrailActivationR { get; set; }

        [Parameter("Trail distance (ATR)", Group = "Stops", DefaultValue = 1.5, MinValue = 0.1, MaxValue = 20, Step = 0.1)]
        public double TrailAtrMultiple { get; set; }

        [Parameter("Break-even", Group = "Stops", DefaultValue = true)]
        public bool BreakEvenEnabled { get; set; }

        [Parameter("Break-even at (R)", Group = "Stops", DefaultValue = 0.8, MinValue = 0.1, MaxValue = 20, Step = 0.1)]
        public double BreakEvenAtR { get; set; }

        // ---- Daily limits ----
        [Parameter("Daily loss limit %", Group = "Daily limits", DefaultValue = 2.0, MinValue = 0.1, MaxValue = 50, Step = 0.1)]
        public double DailyLossPercent { get; set; }

        [Parameter("Daily profit target % (0 = off)", Group = "Daily limits", DefaultValue = 3.0, MinValue = 0, MaxValue = 1000, Step = 0.1)]
        public double DailyProfitPercent { get; set; }

        [Parameter("Max trades per day (0 = off)", Group = "Daily limits", DefaultValue = 0, MinValue = 0)]
        public int MaxTradesPerDay { get; set; }

        [Parameter("Max losses in a row (0 = off)", Group = "Daily limits", DefaultValue = 0, MinValue = 0)]
        public int MaxConsecutiveLosses { get; set; }

        [Parameter("Cool-down after a loss (min)", Group = "Daily limits", DefaultValue = 0, MinValue = 0, MaxValue = 1440)]
        public int CooldownMinutes { get; set; }

        [Parameter("Day resets at (HH:mm)", Group = "Daily limits", DefaultValue = "00:00")]
        public string ResetTime { get; set; } = "00:00";

        [Parameter("Day time zone", Group = "Daily limits", DefaultValue = "UTC")]
        public string DayTimeZone { get; set; } = "UTC";

        [Parameter("Flatten on breach", Group = "Daily limits", DefaultValue = true)]
        public bool FlattenOnBreach { get; set; }

        // ---- Journal ----
        [Parameter("Journal", Group = "Journal", DefaultValue = true)]
        public bool JournalEnabled { get; set; }

        [Parameter("Print decisions", Group = "Journal", DefaultValue = true)]
        public bool PrintDecisions { get; set; }

        [Parameter("Show panel", Group = "Journal", DefaultValue = true)]
        public bool ShowPanel { get; set; }

        [Parameter("Storage key", Group = "Journal", DefaultValue = "")]
        public string StorageKey { get; set; } = string.Empty;

        private readonly Dictionary<int, TrackedPosition> _tracked = new Dictionary<int, TrackedPosition>();
        private readonly Dictionary<string, SymbolContext> _symbols = new Dictionary<string, SymbolContext>(StringComparer.Ordinal);
        private readonly HashSet<int> _openBeforeHalt = new HashSet<int>();

        // Positions that appeared during a cool-down after a losing trade (id → entry time): closed like those opened
        // while Reducing; a cool-down window is kept while one of them is still open.
        private readonly Dictionary<int, DateTime> _openedInCooldown = new Dictionary<int, DateTime>();

        // Every cool-down still needed (not only the latest, which is all the daily state keeps): saved per account.
        private readonly CooldownWindows _cooldowns = new CooldownWindows();
        private CooldownWindowsStore? _cooldownStore;
        private GuardianOptions _options = new GuardianOptions();
        private RobotClock? _clock;
        private LocalStorageStore? _store;
        private RobotJournal? _journal;
        private DailyRiskTracker? _daily;

        // The account's closed trades of the day, for the summary line printed when the day ends and at the stop.
        private readonly DayTally _dayTally = new DayTally();
        private double _moneyStep;
        private PerpGuard.Risk.Persistence.DailyStateStore? _persistence;
        private PerpGuard.Risk.Persistence.OpenAtBreachStore? _breachStore;
        private PerpGuard.Risk.Persistence.PositionPlanStore? _plans;
        private PerpGuard.Risk.Persistence.PositionPlanLoad? _savedPlans;
        private bool _plansChanged;
        private bool _saveEveryChange;
        private OrderExecutor? _executor;
        private CAlgoGateway? _gateway;
        private string _currency = string.Empty;
        private long _savedChange = -1;
        private bool _started;
        private LiveLease? _lease;
        private bool _leaseLost;
        private bool _pendingCancelledThisHalt;
        private bool _adopting;
        private bool _accountWarned;
        private AccountExposure[] _exposures = new AccountExposure[8];

        // The newest position's own leverage or risk cut, left to the account-wide pass of the same guard pass (one deal,
        // not two; see AccountPassCutsItFurther). At most one per pass (only the newest position); fields, not an object,
        // so a pass allocates nothing.
        private bool _ownCutDeferred;
        private PositionView _deferredView;
        private TrackedPosition? _deferredTracked;
        private GuardianAction _deferredAction;
        private TradingState _panelState = (TradingState)(-1);
        private Action<SymbolTickEventArgs>? _onSymbolTick;
        private DateTime _lastGuardUtc;

        public IReadOnlyList<PipelineEvent> Journal => _journal is null ? Array.Empty<PipelineEvent>() : _journal.Events;

        public DailyStatus DailyStatus => _daily is null ? default : _daily.Status;

        public GuardianOptions Options => _options;

        /// <summary>The text last drawn on the chart.</summary>
        public string PanelText { get; private set; } = string.Empty;

        protected override void OnStart()
        {
            _options = ReadOptions();
            var validation = _options.Validate();
            OptionsMapping.AddLibraryViolations(validation, _options.Daily, new FilterOptions { RolloverBlackoutMinutes = 0, MaxSpread = 0 });
            if (!validation.IsValid)
            {
                PrintText(validation.Message);
                Stop();
                return;
            }

            _currency = Account.Asset?.Name ?? "USD";
            _clock = new RobotClock(this);
            if (RunningMode == RunningMode.RealTime && !AcquireLease())
            {
                return;
            }

            _store = new LocalStorageStore(LocalStorage, "PerpGuard.Guardian." + _options.Journal.StorageKey + ".");
            _journal = new RobotJournal(this, _options.Journal.Enabled ? _store : null, _options.Journal.PrintDecisions, "PerpGuard.TradeGuardian", SymbolName, _currency);
            _gateway = new CAlgoGateway(this, string.Empty);
            _executor = new OrderExecutor(_gateway, _journal, _clock, _options.MaxRetries);
            _executor.FirstFailure += OnFirstFailure;

            var dailyOptions = OptionsMapping.ToDailyLimits(_options.Daily);
            dailyOptions.FlattenOnHalt = _options.FlattenOnBreach;
            _daily = new DailyRiskTracker(dailyOptions, _clock);
            _daily.Transitioned += OnTransition;
            _daily.DayEnded += OnDayEnded;
            // The day and the open-at-breach record live in Type scope (all instances on this device), keyed by the
            // account it guards: a new instance on a halted account finds the halt. Journal and plans stay with the instance.
            var shared = SharedDailyStore.ForGuardian(LocalStorage, Account.Number, _options.Journal.StorageKey);
            _persistence = new PerpGuard.Risk.Persistence.DailyStateStore(shared, "daily-state");
            _breachStore = new PerpGuard.Risk.Persistence.OpenAtBreachStore(shared, "open-at-breach");
            _cooldownStore = new CooldownWindowsStore(shared, "cooldown-windows");
            _plans = new PerpGuard.Risk.Persistence.PositionPlanStore(_store, "position-plans");
            _saveEveryChange = RunningMode == RunningMode.RealTime;
            var saved = _persistence.Load();
            if (saved.Status == PerpGuard.Risk.Persistence.LoadStatus.Missing && _lease?.ReadProblem is { } unread)
            {
                // The lease's read, the first of the Type scope, met the storage's failure: no first start but an unreadable day.
                saved = PerpGuard.Risk.Persistence.DailyStateLoad.Corrupt("The daily state '" + _persistence.Key + "' could not be read: " + unread);
            }

            _daily.Start(new Money(Account.Balance, _currency), new Money(Account.Equity, _currency), saved);
            _moneyStep = SymbolSpecs.MoneyStep(Account);
            _dayTally.UseMoneyDigits(Account.Asset?.Digits ?? -1);
            _dayTally.Begin(_clock.UtcNow, _clock.UtcNow <= _daily.Schedule.StartUtc(_daily.Status.Day), 0);
            var unknownDay = RestartRecords.UnknownDay(nameof(TradeGuardian), saved, _daily.Status,
                "positions open now stay under their stops and are still guarded (not closed for this); a position opened before the reset is closed.");
            if (unknownDay is not null)
            {
                PrintText(unknownDay);
            }

            if (saved.Status != PerpGuard.Risk.Persistence.LoadStatus.Missing)
            {
                _journal.Write(new PipelineEvent(_clock.UtcNow, PipelineEventKind.StateRestored, saved.Status.ToString())
                {
                    Message = saved.Problem ?? _daily.Status.State.ToString(),
                });
            }

            if (!TryContext(SymbolName, out _))
            {
                Stop();
                return;
            }

            // Trades closed on the account that the saved day had not counted (while it was stopped) count from their closes,
            // by position id (see docs/robots.md); the same list starts their cool-down windows.
            var notCounted = saved.State is not null
                ? RestartRecords.NotCounted(History, Positions, saved.State, _daily.Schedule)
                : new List<HistoryClose>();
            var closedWhileStopped = RestartRecords.CountClosedWhileStopped(notCounted, _daily, _currency, _clock.UtcNow);
            if (closedWhileStopped is not null)
            {
                _journal.Write(closedWhileStopped);
            }

            CountEntriesWhileStopped(saved);
            RestoreCooldowns(saved, notCounted);
            RestoreRulesOfTheDay(saved);

            Positions.Opened += OnPositionOpened;
            Positions.Closed += OnPositionClosed;
            PendingOrders.Created += OnPendingOrderCreated;
            Timer.Start(BackstopInterval);
            _journal.Write(new PipelineEvent(_clock.UtcNow, PipelineEventKind.Started, string.Empty));
            _started = true;
            _adopting = true;
            Guard();
            _adopting = false;
            _savedPlans = null;
            DrawPanel(true);
        }

        protected override void OnTick()
        {
            if (_started && LeaseKept())
            {
                Guard();
                DrawPanel(false);
            }
        }

        protected override void OnBar()
        {
            if (_started)
            {
                DrawPanel(true);
            }
        }

        /// <summary>A tick of another symbol the guardian holds a position in (the chart's own come through OnTick).</summary>
        private void OnSymbolTick(SymbolTickEventArgs args)
        {
            if (_started && LeaseKept())
            {
                Guard();
                DrawPanel(false);
            }
        }

        /// <summary>The backstop: guards when nothing it listens to has ticked for <see cref="BackstopInterval"/>.</summary>
        protected override void OnTimer()
        {
            if (_started && LeaseKept() && _clock!.UtcNow - _lastGuardUtc >= BackstopInterval)
            {
                Guard();
                DrawPanel(false);
            }
        }

        protected override void OnError(Error error)
        {
            // The platform calls this for every failed trading call (each retry of a close the market refuses):
            // an error code is journaled once, again only when it changes or after a call succeeded.
            if (_journal is not null && _clock is not null && _executor is not null && _executor.IsNewPlatformError(EnumNames<ErrorCode>.Of(error.Code)))
            {
                _journal.Write(new PipelineEvent(_clock.UtcNow, PipelineEventKind.ActionFailed, EnumNames<ErrorCode>.Of(error.Code)));
            }
        }

        protected override void OnStop()
        {
            if (!_started)
            {
                return;
            }

            // One that lost the lease (now, or earlier: then it is null, live) leaves the account's day, cool-downs and
            // breach record to the holder, and prints no day line (its day is not the account's); the lease is read again
            // now, as the last renewal may be up to a minute old.
            var holdsTheBook = RunningMode != RunningMode.RealTime;
            if (_lease is not null)
            {
                holdsTheBook = _lease.KeptAtStop(_clock!.UtcNow, out var check);
                if (!holdsTheBook)
                {
                    _lease = null;
                    PrintText(LiveLease.LostAtStopText("PerpGuard.TradeGuardian", check));
                }
            }

            if (holdsTheBook)
            {
                PrintText(_dayTally.Describe(_daily!.Status, _currency, ended: false));
                _persistence!.Save(_daily!.ToState());
                SaveCooldowns();
            }

            _lease?.Release();
            SavePlans();
            Timer.Stop();
            foreach (var context in _symbols.Values)
            {
                Unwatch(context);
            }

            // A stopped bot acts on nothing more (the platform drops its event handlers; a host that still calls them must not make it trade).
            _started = false;
        }

        private void Guard()
        {
            _lastGuardUtc = _clock!.UtcNow;
            // Once per tick, for every symbol seen so far (a new one reads its rate when it is first seen).
            foreach (var context in _symbols.Values)
            {
                context.RefreshRates(Account);
            }

            _daily!.Update(new Money(Account.Balance, _currency), new Money(Account.Equity, _currency));
            var status = _daily.Status;
            var halted = status.State == TradingState.Halted;
            var reducing = status.State == TradingState.Reducing;
            if (halted && !_pendingCancelledThisHalt)
            {
                CancelAllPending(status.StateReason);
                _pendingCancelledThisHalt = true;
            }
            else if (!halted)
            {
                _pendingCancelledThisHalt = false;
            }

            var positions = Positions;
            for (var i = positions.Count - 1; i >= 0; i--)
            {
                if (i >= positions.Count)
                {
                    continue;
                }

                var p = positions[i];
                if (!TryContext(p.SymbolName, out var ctx))
                {
                    continue;
                }

                if (!ctx.Watched)
                {
                    Watch(ctx);
                }

                var view = CAlgoGateway.View(p);
                var bid = ctx.Symbol.Bid;
                var ask = ctx.Symbol.Ask;
                if (!_tracked.TryGetValue(p.Id, out var tracked))
                {
                    // First sight: the tick the position opened in while the guardian runs (positions found
                    // at start are measured from then on; their spread at entry is unknown).
                    tracked = _adopting
                        ? Adopt(p, view.Side)
                        : new TrackedPosition(p.Id, view.Side, p.EntryPrice, p.StopLoss ?? double.NaN, double.NaN, _clock!.UtcNow) { SpreadAtEntry = ask - bid };
                    _tracked[p.Id] = tracked;
                }

                tracked.TrackExcursion(bid, ask);
                var market = new GuardianMarket(bid, ask, ctx.Atr(), Account.Equity, ctx.Fees, halted, _daily.ShouldFlatten) { Reducing = reducing };
                var newSinceHalt = (halted || reducing) && !_openBeforeHalt.Contains(p.Id);
                var inCooldown = _openedInCooldown.Count != 0 && _openedInCooldown.ContainsKey(p.Id);
                var action = ctx.Policy.Evaluate(view, tracked, market, newSinceHalt, inCooldown);
                Apply(view, tracked, action);
                if (action.Kind == GuardianActionKind.Protect && action.Protection.Kind == ProtectionKind.AttachStop && p.StopLoss.HasValue)
                {
                    // Stop attached: judge the size in the same tick rather than the next.
                    Apply(CAlgoGateway.View(p), tracked, ctx.Policy.Evaluate(CAlgoGateway.View(p), tracked, market, newSinceHalt, inCooldown));
                }

                if (double.IsNaN(tracked.PlannedRisk) && p.StopLoss.HasValue && tracked.HasInitialStop)
                {
                    // What the position risks from its entry to its first stop, fees included (for the journal and report).
                    tracked.PlannedRisk = p.VolumeInUnits * PositionProtector.PerUnitRisk(view.Side, p.EntryPrice, tracked.InitialStop, ctx.Fees.ForVolume(p.VolumeInUnits));
                    _plansChanged = true;
                }
            }

            GuardAccountLeverage();
            SaveIfChanged();
        }

        /// <summary>
        /// Account-wide: Σ notional ÷ equity above the cap → cut the newest positions until the account is
        /// at or under it (AccountLeveragePolicy); warn-only journals once per breach.
        /// </summary>
        private void GuardAccountLeverage()
        {
            var deferred = _ownCutDeferred;
            _ownCutDeferred = false;
            if (Positions.Count == 0)
            {
                _accountWarned = false;
                return;
            }

            var exposures = new Span<AccountExposure>(_exposures, 0, FillExposures());
            var equity = Account.Equity;
            var cap = _options.Risk.MaxLeverage;
            var leverage = AccountLeveragePolicy.Leverage(exposures, equity);
            if (!(leverage > cap * (1 + 1e-9)))
            {
                _accountWarned = false;
                if (deferred)
                {
                    // Positions guarded after it were cut for their own caps and took the account under the cap: the
                    // account pass has nothing to cut, so the newest position's own cut is done now, in this tick.
                    ReduceDeferred();
                }

                return;
            }

            if (_options.OversizeAction == OversizeAction.WarnOnly)
            {
                if (!_accountWarned)
                {
                    _accountWarned = true;
                    _journal!.Write(new PipelineEvent(_clock!.UtcNow, PipelineEventKind.OversizeWarning, GuardianReasons.AccountLeverageAboveCap)
                    {
                        Value = leverage,
                        Leverage = leverage,
                        Message = "account; limit " + cap.ToString("0.####", CultureInfo.InvariantCulture),
                    });
                }

                return;
            }

            var target = cap * _options.CutToFraction;
            var cuts = AccountLeveragePolicy.Decide(exposures, equity, cap, target, _options.OversizeAction);
            for (var i = 0; i < exposures.Length && cuts > 0; i++)
            {
                var e = exposures[i];
                if (e.Cut <= 0)
                {
                    continue;
                }

                cuts--;
                var position = FindPosition(e.Id);
                if (position is null)
                {
                    continue;
                }

                var view = CAlgoGateway.View(position);
                var ownNote = string.Empty;
                if (deferred && e.Id == _deferredView.Id)
                {
                    deferred = false;
                    if (!e.CloseAll && e.Cut < _deferredAction.Volume - e.VolumeStep * 1e-9)
                    {
                        // Others were cut for their own caps since: the account now needs less than this position's own
                        // cap does. Its own cut, one deal, covers both (a partial account cut here means no other is cut).
                        ReduceDeferred();
                        continue;
                    }

                    // One deal for both: the trader also learns that the position was over its own cap.
                    ownNote = "; also its own " + _deferredAction.Reason + ", limit " + _deferredAction.Limit.ToString("0.####", CultureInfo.InvariantCulture);
                    ForgetDeferred();
                }

                if (e.CloseAll)
                {
                    if (Close(view, PipelineEventKind.OversizeClosed, GuardianReasons.AccountLeverageAboveCap))
                    {
                        continue;
                    }

                    break; // the broker refused: judge again next tick rather than cutting others instead
                }

                if (_executor!.CloseFailures.IsWaiting(e.Id, _clock!.UtcNow))
                {
                    break; // refused a moment ago: asked again after the back-off, not on every tick
                }

                var result = Cut(e.Id, e.Units, e.Cut, _tracked.TryGetValue(e.Id, out var tracked) ? tracked : null);

                JournalReduce(result, new PipelineEvent(_clock!.UtcNow, result.Success ? PipelineEventKind.OversizeReduced : PipelineEventKind.ActionFailed, GuardianReasons.AccountLeverageAboveCap)
                {
                    PositionId = e.Id,
                    Side = view.Side,
                    Volume = e.Cut,
                    Value = leverage,
                    Leverage = leverage,
                    Message = "account; limit " + cap.ToString("0.####", CultureInfo.InvariantCulture) + CutToText(target, cap) + ownNote + (result.Success ? string.Empty : "; " + result.Error),
                });
                if (!result.Success)
                {
                    break;
                }
            }

            if (deferred)
            {
                // The account pass stopped before reaching it (a refused close of another position): its own cut still.
                ReduceDeferred();
            }
        }

        /// <summary>The newest position's own cut left to the account pass, done as it would have been in the per-position pass.</summary>
        private void ReduceDeferred()
        {
            var tracked = _deferredTracked;
            var view = _deferredView;
            var action = _deferredAction;
            ForgetDeferred();
            if (tracked is not null && FindPosition(view.Id) is not null)
            {
                ReduceOwn(view, tracked, action);
            }
        }

        private void ForgetDeferred()
        {
            _ownCutDeferred = false;
            _deferredTracked = null;
        }

        /// <summary>Every position the guardian can price, into the reused <see cref="_exposures"/> array (no allocation once sized); the count.</summary>
        private int FillExposures()
        {
            var positions = Positions;
            var count = positions.Count;
            if (_exposures.Length < count)
            {
                _exposures = new AccountExposure[Math.Max(count, _exposures.Length * 2)];
            }

            var n = 0;
            for (var i = 0; i < count; i++)
            {
                var p = positions[i];
                if (!TryContext(p.SymbolName, out var ctx))
                {
                    continue;
                }

                var spec = ctx.Policy.Protector.Spec;
                var price = p.TradeType == TradeType.Buy ? ctx.Symbol.Bid : ctx.Symbol.Ask;
                _exposures[n++] = new AccountExposure(p.Id, p.EntryTime.Ticks, p.VolumeInUnits, price, ctx.Fees.QuoteToAccount, spec.VolumeMin, spec.VolumeStep);
            }

            return n;
        }

        /// <summary>
        /// One deal rather than two in the same second: a leverage or risk cut of the account's NEWEST position after which
        /// the account would still be above the leverage cap is left to the account-wide pass at the end of this same guard
        /// pass. That pass then acts (the account is above the cap even after the cut, so before it too), cuts the newest
        /// position first, and by more: after this position's own cut the account would be above the cap, hence above the
        /// target, so the account's excess is larger than the own cut. One partial close, journaled
        /// <c>AccountLeverageAboveCap</c>, that also satisfies the position's own cap (less volume: less leverage, less risk).
        /// Without this the position was cut for itself, then again at once for the account (65 such pairs in the default month).
        /// </summary>
        private bool AccountPassCutsItFurther(int id, double ownCut)
        {
            var n = FillExposures();
            var newest = -1;
            for (var i = 0; i < n; i++)
            {
                var e = _exposures[i];
                if (newest < 0 || e.OpenedTicks > _exposures[newest].OpenedTicks || (e.OpenedTicks == _exposures[newest].OpenedTicks && e.Id > _exposures[newest].Id))
                {
                    newest = i;
                }
            }

            if (newest < 0 || _exposures[newest].Id != id)
            {
                return false;
            }

            var self = _exposures[newest];
            var equity = Account.Equity;
            var afterOwnCut = AccountLeveragePolicy.TotalNotional(new ReadOnlySpan<AccountExposure>(_exposures, 0, n)) - ownCut * self.ClosePrice * self.QuoteToAccount;
            return equity > 0 && afterOwnCut > _options.Risk.MaxLeverage * equity * (1 + 1e-9);
        }

        /// <summary>
        /// A reduction is journaled when done; a refused one once per position and error (the executor's gate: it is
        /// tried again after the back-off, and journaled again only when the error changes or after a success).
        /// </summary>
        private void JournalReduce(GatewayResult result, PipelineEvent e)
        {
            var gate = _executor!.CloseFailures;
            if (result.Success)
            {
                gate.RecordSuccess(e.PositionId);
                _journal!.Write(e);
            }
            else if (gate.RecordFailure(e.PositionId, result.Error, e.Utc))
            {
                _executor.JournalFailure(e);
            }
        }

        /// <summary>A position's cut for its own leverage or risk cap: the partial close, its planned risk scaled, journaled.</summary>
        private void ReduceOwn(PositionView view, TrackedPosition tracked, GuardianAction action)
        {
            var result = Cut(view.Id, view.VolumeUnits, action.Volume, tracked);

            JournalReduce(result, new PipelineEvent(_clock!.UtcNow, result.Success ? PipelineEventKind.OversizeReduced : PipelineEventKind.ActionFailed, action.Reason)
            {
                PositionId = view.Id,
                Side = view.Side,
                Volume = action.Volume,
                Value = action.Measured,
                Leverage = action.Reason == GuardianReasons.LeverageAboveCap ? action.Measured : double.NaN,
                Message = "limit " + action.Limit.ToString("0.####", CultureInfo.InvariantCulture) + CutToText(action.Limit * _options.CutToFraction, action.Limit) + (result.Success ? string.Empty : "; " + result.Error),
            });
        }

        /// <summary>
        /// Closes <paramref name="cut"/> of a position's <paramref name="units"/>; once the broker took it, the position's
        /// planned risk keeps the share of the volume kept (its 1 R shrinks with it).
        /// </summary>
        private GatewayResult Cut(int positionId, double units, double cut, TrackedPosition? tracked)
        {
            var result = _gateway!.ClosePartial(positionId, cut);
            if (result.Success && units > 0 && tracked is not null && !double.IsNaN(tracked.PlannedRisk))
            {
                tracked.PlannedRisk *= (units - cut) / units;
                _plansChanged = true;
            }

            return result;
        }

        /// <summary>"; cut to 4.5" when the cut aims under the cap (hysteresis), nothing when it aims at the cap.</summary>
        private static string CutToText(double target, double cap)
            => target < cap ? "; cut to " + target.ToString("0.####", CultureInfo.InvariantCulture) : string.Empty;

        private Position? FindPosition(int id)
        {
            var positions = Positions;
            for (var i = 0; i < positions.Count; i++)
            {
                if (positions[i].Id == id)
                {
                    return positions[i];
                }
            }

            return null;
        }

        private void Apply(PositionView view, TrackedPosition tracked, GuardianAction action)
        {
            switch (action.Kind)
            {
                case GuardianActionKind.Close:
                    var kind = action.Reason == GuardianReasons.LeverageAboveCap || action.Reason == GuardianReasons.RiskAboveCap
                        ? PipelineEventKind.OversizeClosed
                        : action.Reason == ProtectionReasons.StopAlreadyBreached ? PipelineEventKind.NakedPositionClosed : PipelineEventKind.FlattenClose;
                    Close(view, kind, action.Reason);
                    break;
                case GuardianActionKind.Reduce:
                    if (_executor!.CloseFailures.IsWaiting(view.Id, _clock!.UtcNow))
                    {
                        break; // refused a moment ago: asked again after the back-off, not on every tick
                    }

                    if ((action.Reason == GuardianReasons.LeverageAboveCap || action.Reason == GuardianReasons.RiskAboveCap) && AccountPassCutsItFurther(view.Id, action.Volume))
                    {
                        // The account-wide pass of this tick cuts it once, by at least as much — or, when positions guarded
                        // after it bring the account down first, does this cut itself (GuardAccountLeverage).
                        _ownCutDeferred = true;
                        _deferredView = view;
                        _deferredTracked = tracked;
                        _deferredAction = action;
                        break;
                    }

                    ReduceOwn(view, tracked, action);
                    break;
                case GuardianActionKind.Warn:
                    tracked.Warned = true;
                    _journal!.Write(new PipelineEvent(_clock!.UtcNow, PipelineEventKind.OversizeWarning, action.Reason)
                    {
                        PositionId = view.Id,
                        Side = view.Side,
                        Volume = view.VolumeUnits,
                        Value = action.Measured,
                        Message = "limit " + action.Limit.ToString("0.####", CultureInfo.InvariantCulture),
                    });
                    break;
                case GuardianActionKind.Protect:
                    Protect(view, tracked, action.Protection);
                    break;
            }
        }

        private void Protect(PositionView view, TrackedPosition tracked, ProtectionAction action)
        {
            switch (action.Kind)
            {
                case ProtectionKind.AttachStop:
                    if (_executor!.SetStop(view.Id, action.Stop, PipelineEventKind.StopAttached, action.Reason))
                    {
                        if (!tracked.HasInitialStop)
                        {
                            tracked.SetInitialStop(action.Stop);
                        }

                        if (!double.IsNaN(action.Target) && _gateway!.SetTakeProfit(view.Id, action.Target).Success)
                        {
                            _journal!.Write(new PipelineEvent(_clock!.UtcNow, PipelineEventKind.TargetAttached, ProtectionReasons.MissingTarget) { PositionId = view.Id, TakeProfit = action.Target });
                        }
                    }
                    else
                    {
                        // A position that cannot get a stop is not kept.
                        Close(view, PipelineEventKind.NakedPositionClosed, ReasonNames.Of(ReasonCode.StopNotAttached));
                    }

                    break;
                case ProtectionKind.AttachTarget:
                    if (_gateway!.SetTakeProfit(view.Id, action.Target).Success)
                    {
                        _journal!.Write(new PipelineEvent(_clock!.UtcNow, PipelineEventKind.TargetAttached, action.Reason) { PositionId = view.Id, TakeProfit = action.Target });
                    }

                    break;
                case ProtectionKind.MoveStop:
                    _executor!.SetStop(view.Id, action.Stop, PipelineEventKind.StopMoved, action.Reason);
                    break;
                case ProtectionKind.Close:
                    Close(view, PipelineEventKind.NakedPositionClosed, action.Reason);
                    break;
            }
        }

        private void CancelAllPending(ReasonCode reason)
        {
            var orders = PendingOrders;
            for (var i = orders.Count - 1; i >= 0; i--)
            {
                var o = orders[i];
                if (CancelPendingOrder(o).IsSuccessful)
                {
                    _journal!.Write(new PipelineEvent(_clock!.UtcNow, PipelineEventKind.PendingCancelled, ReasonNames.Of(reason)) { PositionId = o.Id });
                }
            }
        }

        private void OnPendingOrderCreated(PendingOrderCreatedEventArgs args)
        {
            // The halt cancels what is pending once; an order placed later would fill and be closed at once (paying
            // spread and fees for nothing), so it is cancelled as it appears.
            if (!_started || _leaseLost)
            {
                return;
            }

            var status = _daily!.Status;
            if (status.State == TradingState.Halted && CancelPendingOrder(args.PendingOrder).IsSuccessful)
            {
                _journal!.Write(new PipelineEvent(_clock!.UtcNow, PipelineEventKind.PendingCancelled, ReasonNames.Of(status.StateReason)) { PositionId = args.PendingOrder.Id });
            }
        }

        private void OnPositionOpened(PositionOpenedEventArgs args)
        {
            if (!_started || _leaseLost)
            {
                return;
            }

            // Its symbol's ticks from now on (a symbol the guardian held nothing in was not listened to).
            if (TryContext(args.Position.SymbolName, out var context) && !context.Watched)
            {
                Watch(context);
            }

            // The cool-down as it stood when the position appeared (a loss starts it when the trade closes).
            var cooling = _daily!.Status.IsCoolingDown(_clock!.UtcNow);
            if (cooling)
            {
                _openedInCooldown[args.Position.Id] = args.Position.EntryTime;
            }

            // By id: a restart does not count it again whatever entry time the platform stamps on it.
            _daily.RecordEntry(args.Position.Id);
            SaveIfChanged();
            // Protection follows on the next guard pass; when halted, reducing or cooling down the position is closed there at once.
            if (_daily.Status.State != TradingState.Active || cooling)
            {
                Guard();
            }
        }

        private void OnPositionClosed(PositionClosedEventArgs args)
        {
            var p = args.Position;
            if (!_started || _leaseLost || FindPosition(p.Id) is not null)
            {
                // Still open: a partial close (the guardian's own reductions too). cTrader does not document whether
                // that raises Closed or Modified (REFERENCE.md §8); either way the position stays tracked, counts as
                // open at a breach, and the trade closes with its last part.
                return;
            }

            var planned = double.NaN;
            double mae = double.NaN, mfe = double.NaN, spread = double.NaN;
            if (_tracked.TryGetValue(p.Id, out var tracked))
            {
                planned = tracked.PlannedRisk;
                if (double.IsNaN(planned) && TryContext(p.SymbolName, out var ctx))
                {
                    // Closed before the guard pass priced it (e.g. kept flat in the tick it appeared): its
                    // first stop, or the stop it came with, is still its 1 R.
                    var stop = tracked.HasInitialStop ? tracked.InitialStop : p.StopLoss ?? double.NaN;
                    if (!double.IsNaN(stop))
                    {
                        planned = p.VolumeInUnits * PositionProtector.PerUnitRisk(tracked.Side, p.EntryPrice, stop, ctx.Fees.ForVolume(p.VolumeInUnits));
                    }
                }

                // The exit fill may lie beyond any tick the guardian saw (a stop filled inside the quote that hit it).
                tracked.TrackPrice(p.CurrentPrice);
                mae = tracked.MaxAdverseExcursion;
                mfe = tracked.MaxFavourableExcursion;
                spread = tracked.SpreadAtEntry;
                _tracked.Remove(p.Id);
                _plansChanged = true;
            }

            _openBeforeHalt.Remove(p.Id);
            _openedInCooldown.Remove(p.Id);
            if (_symbols.TryGetValue(p.SymbolName, out var closedOn) && closedOn.Watched && !HoldsAny(p.SymbolName))
            {
                // The last position on that symbol: its ticks are not needed until another opens there.
                Unwatch(closedOn);
            }

            _executor!.Forget(p.Id);
            if (_daily!.RecordClosedTrade(new Money(p.NetProfit, _currency), p.Id))
            {
                _dayTally.RecordClose(p.NetProfit, planned, _moneyStep);
            }

            if (p.NetProfit < 0 && _options.Daily.CooldownMinutes > 0)
            {
                // The cool-down this loss started, remembered beside the others (a restart judges entries against all).
                var now = _clock!.UtcNow;
                if (_cooldowns.Add(now, _daily.Status.CooldownUntilUtc))
                {
                    SaveCooldowns();
                }
            }
            _journal!.Write(new PipelineEvent(_clock!.UtcNow, PipelineEventKind.TradeClosed, EnumNames<PositionCloseReason>.Of(args.Reason))
            {
                PositionId = p.Id,
                Side = p.TradeType == TradeType.Buy ? TradeSide.Long : TradeSide.Short,
                Volume = p.VolumeInUnits,
                Price = p.EntryPrice,
                FillPrice = p.CurrentPrice,
                StopLoss = p.StopLoss ?? double.NaN,
                PlannedRisk = planned,
                Value = p.NetProfit,
                MaxAdverseExcursion = mae,
                MaxFavourableExcursion = mfe,
                SpreadAtEntry = spread,
                GrossProfit = p.GrossProfit,
                Swap = p.Swap,
                EntryUtc = p.EntryTime,
            });

            // A loss larger than the position's planned risk comes from a gap or slippage through its stop, or from swap
            // or funding the plan leaves out (a stop filled at its price after a funding charge is no gap).
            if (!double.IsNaN(planned) && -p.NetProfit > planned * 1.0001 + 0.01)
            {
                var cause = LossBeyondPlanCause.Of(p.NetProfit, p.Swap, planned, args.Reason == PositionCloseReason.StopLoss);
                _journal.Write(new PipelineEvent(_clock.UtcNow, PipelineEventKind.LossBeyondPlan,
                    cause != ReasonCode.None ? ReasonNames.Of(cause) : EnumNames<PositionCloseReason>.Of(args.Reason))
                {
                    PositionId = p.Id,
                    PlannedRisk = planned,
                    Value = p.NetProfit,
                });
            }

            SaveIfChanged();
        }

        /// <summary>
        /// A close or stop move that failed for a new reason: the journal printed it when decisions are printed; when
        /// they are not, this one line still tells the trader (the executor keeps retrying every few seconds).
        /// </summary>
        private void OnFirstFailure(PipelineEvent failed)
        {
            if (!_options.Journal.PrintDecisions)
            {
                PrintText(PipelineEventText.Format(failed));
            }
        }

        /// <summary>Closes through the executor, telling the journal first why (the platform only reports "Closed").</summary>
        private bool Close(PositionView view, PipelineEventKind kind, string reason)
        {
            _journal!.ExpectClose(view.Id, kind);
            return _executor!.Close(view, kind, reason);
        }

        private void OnTransition(StateTransition t)
        {
            if ((t.To == TradingState.Halted && t.From != TradingState.Halted) || (t.From == TradingState.Active && t.To == TradingState.Reducing))
            {
                // Remember what was open at the breach (or when the day turned Reducing): with "flatten" off those
                // may stay, anything newer is closed. Saved, so a restart on this day keeps exactly these.
                _openBeforeHalt.Clear();
                var positions = Positions;
                for (var i = 0; i < positions.Count; i++)
                {
                    _openBeforeHalt.Add(positions[i].Id);
                }

                _breachStore?.Save(new PerpGuard.Risk.Persistence.OpenAtBreach(t.Day.ToString(), EnumNames<TradingState>.Of(t.To), t.AtUtc, new List<int>(_openBeforeHalt)));
            }

            _journal?.Write(new PipelineEvent(t.AtUtc, PipelineEventKind.StateChanged, ReasonNames.Of(t.Reason))
            {
                Value = t.DayPnL,
                Message = EnumNames<TradingState>.Of(t.From) + " -> " + EnumNames<TradingState>.Of(t.To),
                Transition = t,
            });
        }

        /// <summary>
        /// Positions found open that the saved day had not counted as entries (by position id: opened while the guardian was
        /// stopped) during the current trading day are counted as the day's trades, in entry order, as they would have been live: when one of them brings
        /// the day to *Max trades per day* the day turns Reducing there, and the later ones count as opened after it
        /// (closed by the rules restored next). Positions opened and closed while it was stopped are in the account's
        /// History: they count too (once per position, however many deals closed it), in the same entry order.
        /// </summary>
        private void CountEntriesWhileStopped(PerpGuard.Risk.Persistence.DailyStateLoad saved)
        {
            if (saved.Status != PerpGuard.Risk.Persistence.LoadStatus.Restored || saved.State is null || saved.State.Day > _daily!.Status.Day)
            {
                return;
            }

            // Same day: what the saved day had not counted, by position id (a record from before the ids: what opened after its
            // save). A later day (the reset passed while stopped): what opened since the reset.
            var positions = Positions;
            var opened = new List<(DateTime EntryTime, int Id)>();
            var seen = new HashSet<int>();
            for (var i = 0; i < positions.Count; i++)
            {
                if (!_daily.HasCountedEntry(positions[i].Id, positions[i].EntryTime) && seen.Add(positions[i].Id))
                {
                    opened.Add((positions[i].EntryTime, positions[i].Id));
                }
            }

            var history = History;
            for (var i = 0; i < history.Count; i++)
            {
                var t = history[i];
                if (!_daily.HasCountedEntry(t.PositionId, t.EntryTime) && seen.Add(t.PositionId))
                {
                    opened.Add((t.EntryTime, t.PositionId));
                }
            }

            if (opened.Count == 0)
            {
                return;
            }

            // The day turns Reducing at the entry that reaches the limit (dated then), so the open-at-breach record
            // saved by OnTransition carries that time and RestoreRulesOfTheDay keeps only what was open by then.
            opened.Sort((a, b) => a.EntryTime != b.EntryTime ? a.EntryTime.CompareTo(b.EntryTime) : a.Id.CompareTo(b.Id));
            foreach (var (entryTime, id) in opened)
            {
                _daily.RecordEntry(entryTime, id);
            }

            _journal!.Write(new PipelineEvent(_clock!.UtcNow, PipelineEventKind.StateRestored, "EntriesWhileStopped")
            {
                Value = opened.Count,
                Message = opened.Count.ToString(CultureInfo.InvariantCulture) + " position(s) opened while the guardian was stopped, counted as today's trades",
            });
        }

        /// <summary>
        /// After a restart, the rules of the day apply to the positions found open as they would have without it:
        /// on a Halted or Reducing day only the positions open when the day turned so stay (the saved open-at-breach
        /// record); a position whose entry time lies inside the restored cool-down [until − cool-down, until) is
        /// closed as if it had appeared while the guardian ran — stopping the guardian, trading, and starting it
        /// again cannot bypass either rule.
        /// </summary>
        private void RestoreRulesOfTheDay(PerpGuard.Risk.Persistence.DailyStateLoad saved)
        {
            var status = _daily!.Status;
            var positions = Positions;
            if (status.State == TradingState.Halted || status.State == TradingState.Reducing)
            {
                var state = EnumNames<TradingState>.Of(status.State);
                var record = _breachStore!.Load(out var problem);
                if (record is not null && record.Day == status.Day.ToString() && record.State == state)
                {
                    // A listed id whose position opened after the change is another position (ids reused): not kept.
                    _openBeforeHalt.Clear();
                    var listed = new HashSet<int>(record.PositionIds);
                    for (var i = 0; i < positions.Count; i++)
                    {
                        if (listed.Contains(positions[i].Id) && positions[i].EntryTime <= record.AtUtc)
                        {
                            _openBeforeHalt.Add(positions[i].Id);
                        }
                    }
                }
                else if (problem is not null && saved.State is not null && saved.State.Day == status.Day && saved.State.State == status.State)
                {
                    // The record is unreadable (kept aside, see docs/persistence.md), the day's state is not: a position that
                    // opened by the day's last save stayed open under a running guardian on this Halted/Reducing day, so it
                    // was open at the turn; one opened later (while stopped) is treated as new and closed.
                    _openBeforeHalt.Clear();
                    var keptUntil = saved.State.SavedAtUtc;
                    for (var i = 0; i < positions.Count; i++)
                    {
                        if (positions[i].EntryTime <= keptUntil)
                        {
                            _openBeforeHalt.Add(positions[i].Id);
                        }
                    }

                    var text = nameof(TradeGuardian) + ": " + problem + " Positions that opened by the day's last save (" +
                        keptUntil.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC) stay; any opened later counts as new and is closed.";
                    PrintText(text);
                    _journal!.Write(new PipelineEvent(_clock!.UtcNow, PipelineEventKind.StateRestored, "OpenAtBreachUnreadable") { Message = text });
                }
                else
                {
                    // No record of this day (an older version, or the record lost): a Reducing day keeps what is open,
                    // a Halted day keeps nothing (with "Flatten on breach" off, every position found open is closed).
                    if (status.State == TradingState.Reducing)
                    {
                        for (var i = 0; i < positions.Count; i++)
                        {
                            _openBeforeHalt.Add(positions[i].Id);
                        }
                    }

                    _journal!.Write(new PipelineEvent(_clock!.UtcNow, PipelineEventKind.StateRestored, "OpenAtBreachMissing")
                    {
                        Message = (problem ?? "no record of the positions open when the day turned " + state) +
                            (status.State == TradingState.Reducing ? "; every position open now is kept" : "; every position open now counts as new"),
                    });
                }
            }

            // A position whose entry lies in any remembered cool-down is closed as if it had appeared while the guardian ran.
            if (_cooldowns.Count != 0)
            {
                for (var i = 0; i < positions.Count; i++)
                {
                    var entry = positions[i].EntryTime;
                    if (_cooldowns.Contains(entry))
                    {
                        _openedInCooldown[positions[i].Id] = entry;
                    }
                }

                SaveCooldowns();
            }
        }

        /// <summary>
        /// The cool-downs a restart judges the positions found open against: the saved ones (every window still running
        /// at the last save, and any that holds a position still to be closed) and one for each loss in
        /// <paramref name="notCounted"/> — the closes the saved day had not counted (by position id), from its close
        /// (<see cref="RestartRecords.CountClosedWhileStopped"/> counts the same trades into the day; the tracker keeps only
        /// the end of the latest cool-down). A loss counted live already started its window then. Without a saved record
        /// (an older version's day) the day's latest cool-down stands in, from its end back by the cool-down length.
        /// </summary>
        private void RestoreCooldowns(PerpGuard.Risk.Persistence.DailyStateLoad saved, List<HistoryClose> notCounted)
        {
            var cooldown = TimeSpan.FromMinutes(_options.Daily.CooldownMinutes);
            if (!_cooldownStore!.Load(_cooldowns, out var problem))
            {
                if (problem is not null)
                {
                    var text = nameof(TradeGuardian) + ": " + problem + " The saved day's latest cool-down stands in.";
                    PrintText(text);
                    _journal!.Write(new PipelineEvent(_clock!.UtcNow, PipelineEventKind.StateRestored, "CooldownWindowsUnreadable") { Message = text });
                }

                var until = saved.State?.CooldownUntilUtc ?? DateTime.MinValue;
                if (cooldown > TimeSpan.Zero && until > DateTime.MinValue + cooldown)
                {
                    _cooldowns.Add(until - cooldown, until);
                }
            }

            if (cooldown <= TimeSpan.Zero || saved.State is null)
            {
                return;
            }

            // One per position, at its last closing deal, with that deal's net (as RestartRecords counts them).
            foreach (var c in notCounted)
            {
                if (c.NetProfit < 0)
                {
                    _cooldowns.Add(c.ClosedAtUtc, c.ClosedAtUtc + cooldown);
                }
            }
        }

        /// <summary>Saves the cool-downs still needed: those running now and those holding a position still to be closed.</summary>
        private void SaveCooldowns()
        {
            _cooldowns.RemoveEnded(_clock!.UtcNow, _openedInCooldown.Values);
            _cooldownStore!.Save(_cooldowns);
        }

        /// <summary>Listens to the ticks of a symbol other than the chart's (whose ticks come through OnTick).</summary>
        private void Watch(SymbolContext context)
        {
            context.Watched = true;
            if (!context.IsChart)
            {
                _onSymbolTick ??= OnSymbolTick;
                context.Symbol.Tick += _onSymbolTick;
            }
        }

        private void Unwatch(SymbolContext context)
        {
            if (context.Watched && !context.IsChart && _onSymbolTick is not null)
            {
                context.Symbol.Tick -= _onSymbolTick;
            }

            context.Watched = false;
        }

        private bool HoldsAny(string symbolName)
        {
            var positions = Positions;
            for (var i = 0; i < positions.Count; i++)
            {
                if (string.Equals(positions[i].SymbolName, symbolName, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        private bool TryContext(string symbolName, out SymbolContext context)
        {
            if (_symbols.TryGetValue(symbolName, out context!))
            {
                return true;
            }

            try
            {
                var symbol = symbolName == SymbolName ? Symbol : Symbols.GetSymbol(symbolName);
                if (symbol is null)
                {
                    return false;
                }

                var spec = SymbolSpecs.From(symbol, symbolName, Account.PreciseLeverage);
                var rates = SymbolSpecs.Rates(symbol, Account);
                var bars = symbolName == SymbolName ? Bars : MarketData.GetBars(TimeFrame, symbolName);
                var atr = Indicators.AverageTrueRange(bars, _options.Stops.AtrPeriod, MovingAverageType.Simple);
                var protector = new PositionProtector(_options.Stops, spec);
                context = new SymbolContext(symbol, rates, SymbolSpecs.Fees(protector.Spec, rates, Account), atr, new GuardianPolicy(_options, protector))
                {
                    IsChart = symbolName == SymbolName,
                };
                _symbols[symbolName] = context;
                return true;
            }
            catch (Exception ex) when (ex is ArgumentException || ex is InvalidOperationException)
            {
                PrintText("TradeGuardian cannot protect " + symbolName + ": " + ex.Message);
                context = null!;
                return false;
            }
        }

        private void DrawPanel(bool force)
        {
            if (!_options.ShowPanel || RunningMode == RunningMode.Optimization)
            {
                return;
            }

            // Redrawn on each bar and on a state change only: building the text allocates, ticks must not.
            var status = _daily!.Status;
            if (!force && status.State == _panelState)
            {
                return;
            }

            var now = _clock!.UtcNow;
            _panelState = status.State;
            PanelText = PanelFormatter.Format(status, now, _options.Daily);
            Chart.DrawStaticText(PanelName, PanelText, VerticalAlignment.Top, HorizontalAlignment.Left,
                status.State == TradingState.Active ? Color.White : status.State == TradingState.Reducing ? Color.Orange : Color.Red);
        }

        /// <summary>
        /// Takes the account's lease or prints why not and stops: two guardians on one account would both cut the same
        /// position at the leverage cap (twice as much) and each count the other's trades.
        /// </summary>
        private bool AcquireLease()
        {
            _lease = LiveLease.TryAcquire(LocalStorage, SharedDailyStore.ForGuardian(LocalStorage, Account.Number, _options.Journal.StorageKey), InstanceId, _clock!.UtcNow, out var check);
            if (_lease is null)
            {
                PrintText(SecondInstanceText(check));
                Stop();
            }

            return _lease is not null;
        }

        /// <summary>True while this instance holds the account (renewed once a heartbeat); false, stopped, when another took it.</summary>
        private bool LeaseKept()
        {
            if (_leaseLost)
            {
                // Stop() asks the platform to stop; until it has, this instance acts on nothing.
                return false;
            }

            if (_lease is null || !_lease.IsRenewalDue(_clock!.UtcNow))
            {
                return true;
            }

            return Held(_lease.Renew(_clock.UtcNow));
        }

        /// <summary>False (and stopping) when another guardian has taken the account.</summary>
        private bool Held(PerpGuard.Risk.Persistence.LeaseCheck check)
        {
            if (check.IsHeld)
            {
                return true;
            }

            _lease = null;
            _leaseLost = true;
            _saveEveryChange = false;
            PrintText(SecondInstanceText(check));
            Stop();
            return false;
        }

        private string SecondInstanceText(PerpGuard.Risk.Persistence.LeaseCheck check) =>
            LiveLease.SecondInstanceText(
                "PerpGuard.TradeGuardian",
                "account " + Account.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                check,
                "Two guardians would both cut the same position at the leverage cap and each count the other's trades",
                "stop the other one (one guardian guards the whole account)");

        private void SaveIfChanged()
        {
            if (_leaseLost)
            {
                // Another guardian holds the account: the day it keeps is the account's day.
                return;
            }

            // Live, the lease is read again (not renewed: the heartbeat stays on its minute) before a save, a change
            // that comes a few times a trade: another guardian may have taken the account since the last renewal.
            if (_lease is not null && _saveEveryChange && (_daily!.ChangeCount != _savedChange || _plansChanged) && !Held(_lease.Check(_clock!.UtcNow)))
            {
                return;
            }

            _persistence!.SaveIfChanged(_daily!, ref _savedChange);

            // Plans change when a position gets its first stop or closes. Live, saved at once; a backtest never
            // restarts mid-run and saves them once, on stop.
            if (_plansChanged && _saveEveryChange)
            {
                SavePlans();
            }
        }

        /// <summary>
        /// A position found open at the start: its 1R is the first stop it had (the saved plan), not a stop the
        /// guardian has since trailed or moved to break-even. Without a plan its current stop stands in (journaled).
        /// </summary>
        private TrackedPosition Adopt(Position p, TradeSide side)
        {
            if (_savedPlans is null)
            {
                _savedPlans = _plans!.Load();
                if (_savedPlans.Status == PerpGuard.Risk.Persistence.LoadStatus.Corrupt)
                {
                    PrintText(RestartRecords.UnreadablePlans(nameof(TradeGuardian), _savedPlans.Problem!));
                }
            }

            if (RestartRecords.TryPlan(_savedPlans, p, Math.Abs(p.EntryPrice) * 1e-12, out var plan))
            {
                _journal!.Write(RestartRecords.Adopted(_clock!.UtcNow, p, side, true, plan.InitialStop, plan.PlannedRisk, null));
                return new TrackedPosition(p.Id, side, p.EntryPrice, plan.InitialStop, plan.PlannedRisk, _clock.UtcNow) { SpreadAtEntry = double.NaN };
            }

            if (p.StopLoss.HasValue)
            {
                _journal!.Write(RestartRecords.Adopted(_clock!.UtcNow, p, side, false, p.StopLoss.Value, double.NaN, _savedPlans.Problem));
            }

            return new TrackedPosition(p.Id, side, p.EntryPrice, p.StopLoss ?? double.NaN, double.NaN, _clock!.UtcNow) { SpreadAtEntry = double.NaN };
        }

        private void SavePlans()
        {
            _plans!.Save(RestartRecords.PlansOf(_tracked.Values));
            _plansChanged = false;
        }

        /// <summary>
        /// Prints text as it is. Print("text") binds to Print(string message, params object[]), a composite format in
        /// cTrader: a trader's text or an error message with a brace would throw there (see docs/robots.md).
        /// </summary>
        private void PrintText(string text) => Print((object)text);

        /// <summary>At the reset: one line for the account's day that ended (state, money, entries, closed trades in R).</summary>
        private void OnDayEnded(DailyStatus ended)
        {
            PrintText(_dayTally.Describe(ended, _currency, ended: true));
            _dayTally.Begin(ended.NextResetUtc, fromDayStart: true, refusedSoFar: 0);
        }

        private GuardianOptions ReadOptions() => new GuardianOptions
        {
            MaxRiskPercentPerPosition = MaxRiskPercentPerPosition,
            OversizeAction = Oversize,
            CutToPercentOfCap = CutToPercentOfCap,
            FlattenOnBreach = FlattenOnBreach,
            ShowPanel = ShowPanel,
            MaxRetries = MaxRetries,
            Risk = new RiskOptions { MaxLeverage = MaxLeverage },
            Stops = new StopOptions
            {
                StopMode = StopModeParameter,
                AtrPeriod = AtrPeriod,
                StopAtrMultiple = StopAtrMultiple,
                FixedStopPips = FixedStopPips,
                RewardRisk = RewardRisk,
                MaxTargetAtr = 100,
                TrailingEnabled = TrailingEnabled,
                TrailActivationR = TrailActivationR,
                TrailAtrMultiple = TrailAtrMultiple,
                BreakEvenEnabled = BreakEvenEnabled,
                BreakEvenAtR = BreakEvenAtR,
            },
            Daily = new DailyLimitOptions
            {
                DailyLossPercent = DailyLossPercent,
                DailyProfitPercent = DailyProfitPercent,
                MaxTradesPerDay = MaxTradesPerDay,
                MaxConsecutiveLosses = MaxConsecutiveLosses,
                CooldownMinutes = CooldownMinutes,
                ResetTime = ResetTime,
                TimeZoneId = DayTimeZone,
                HaltAction = FlattenOnBreach ? HaltAction.Flatten : HaltAction.BlockEntriesOnly,
            },
            Journal = new JournalOptions
            {
                Enabled = JournalEnabled,
                PrintDecisions = PrintDecisions,
                StorageKey = StorageKey ?? string.Empty,
            },
        };

        private sealed class SymbolContext
        {
            private readonly AverageTrueRange _atr;
            private ConversionRates _rates;

            public SymbolContext(Symbol symbol, ConversionRates rates, FeeCoefficients fees, AverageTrueRange atr, GuardianPolicy policy)
            {
                Symbol = symbol;
                _rates = rates;
                Fees = fees;
                _atr = atr;
                Policy = policy;
            }

            public Symbol Symbol { get; }

            /// <summary>The chart's symbol: its ticks come through OnTick.</summary>
            public bool IsChart { get; set; }

            /// <summary>Its ticks run the guard pass (subscribed while the guardian holds a position in it).</summary>
            public bool Watched { get; set; }

            /// <summary>Fees and the quote→account rate; the rate follows the market (<see cref="RefreshRates"/>).</summary>
            public FeeCoefficients Fees { get; private set; }

            public GuardianPolicy Policy { get; }

            /// <summary>
            /// Re-reads the quote→account rate (a EUR account on BTCUSD, say, moves with EURUSD): notional,
            /// leverage and risk in account currency would otherwise drift with the rate seen at the start.
            /// </summary>
            public void RefreshRates(IAccount account)
            {
                var fees = Fees;
                var rates = _rates;
                if (SymbolSpecs.RefreshRates(Symbol, account, Policy.Protector.Spec, ref rates, ref fees))
                {
                    _rates = rates;
                    Fees = fees;
                }
            }

            /// <summary>ATR of the last closed bar (NaN while warming up: the fixed stop is used then).</summary>
            public double Atr() => _atr.Result.Last(1);
        }
    }
}
