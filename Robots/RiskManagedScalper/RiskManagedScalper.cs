// RiskManagedScalper — a trend-pullback scalper for perpetual-style crypto CFDs (default BTCUSD, m1)
// whose every decision comes from PerpGuard's risk library.
//
// What it does: on each closed bar, if the fast EMA is above a rising trend EMA and the bar dipped to
// the fast EMA and closed back above it as an up bar, it buys (the mirror image sells). Each order is
// sized by the library (fixed % / volatility / combined, fees and slippage included, leverage and
// margin capped, stop inside the account stop-out price), carries its stop and a ≥ 1.5R net-of-fees
// target from the moment it is sent, and is refused with a reason code when the day's limits, the
// market filters or the broker minimum say no. Stops trail and move to break-even (ratchet only).
// What it does not promise: fills at the stop price (gaps and slippage can lose more than planned —
// such trades are journaled as LossBeyondPlan/GapThroughStop), profits, or protection of positions it
// did not open (use TradeGuardian for those).
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using cAlgo.API;
using cAlgo.API.Indicators;
using cAlgo.API.Internals;
using PerpGuard.Algos.Glue;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Filters;
using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Pipeline;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Rules;
using PerpGuard.Risk.Stops;

namespace cAlgo.Robots
{
    [Robot(AccessRights = AccessRights.None, TimeZone = TimeZones.UTC)]
    public class RiskManagedScalper : Robot
    {
        /// <summary>
        /// Every order carries this label (followed by "." and the storage key when one is set, so two instances
        /// on one symbol with different keys never manage each other's positions); the bot manages only positions
        /// that have its own.
        /// </summary>
        public const string BotLabel = "PerpGuard.RiskManagedScalper";

        /// <summary>The longest order label cTrader takes (Open API ProtoOANewOrderReq.label: "MaxLength = 100").</summary>
        public const int MaxLabelLength = 100;

        /// <summary>Refusal reason: a netted account already holds a position on the symbol that is not the bot's.</summary>
        public const string NettedPositionOpen = "NettedPositionOpen";

        /// <summary>The journal's reason for a position of the bot's that it did not see open (an order's late fill).</summary>
        public const string LateFill = "LateFill";

        /// <summary>The key of the unknown-outcome order's record, beside the day's state in the book's Type scope.</summary>
        public const string OrderOutcomeKey = "order-outcome-unknown";

        // ---- Entry ----
        [Parameter("Fast EMA period", Group = "Entry", DefaultValue = 9, MinValue = 2, MaxValue = 500)]
        public int FastEmaPeriod { get; set; }

        [Parameter("Trend EMA period", Group = "Entry", DefaultValue = 50, MinValue = 3, MaxValue = 1000)]
        public int TrendEmaPeriod { get; set; }

        // ---- Risk ----
        [Parameter("Risk per trade %", Group = "Risk", DefaultValue = 1.0, MinValue = 0.01, MaxValue = 10, Step = 0.05)]
        public double RiskPercent { get; set; }

        [Parameter("Allow risk above 2%", Group = "Risk", DefaultValue = false)]
        public bool AllowRiskAbove2Percent { get; set; }

        [Parameter("Sizing mode", Group = "Risk", DefaultValue = SizingMode.FixedPercent)]
        public SizingMode Sizing { get; set; }

        [Parameter("Max leverage (x)", Group = "Risk", DefaultValue = 5.0, MinValue = 1, MaxValue = 10, Step = 0.5)]
        public double MaxLeverage { get; set; }

        [Parameter("Max margin use %", Group = "Risk", DefaultValue = 50.0, MinValue = 1, MaxValue = 100)]
        public double MaxMarginUsePercent { get; set; }

        [Parameter("Stop-out buffer %", Group = "Risk", DefaultValue = 5.0, MinValue = 0, MaxValue = 50)]
        public double StopOutBufferPercent { get; set; }

        [Parameter("Max retries", Group = "Risk", DefaultValue = 2, MinValue = 0, MaxValue = 5)]
        public int MaxRetries { get; set; }

        [Parameter("Late fill wait (s)", Group = "Risk", DefaultValue = OrderOutcomeWait.DefaultSeconds, MinValue = OrderOutcomeWait.MinSeconds, MaxValue = OrderOutcomeWait.MaxSeconds)]
        public int LateFillWaitSeconds { get; set; }

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

        [Parameter("Max target (ATR)", Group = "Stops", DefaultValue = 8.0, MinValue = 0.5, MaxValue = 100)]
        public double MaxTargetAtr { get; set; }

        [Parameter("Slippage allowance (pips)", Group = "Stops", DefaultValue = 0.0, MinValue = 0)]
        public double SlippageAllowancePips { get; set; }

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

        [Parameter("Max trades per day (0 = off)", Group = "Daily limits", DefaultValue = 20, MinValue = 0)]
        public int MaxTradesPerDay { get; set; }

        [Parameter("Max losses in a row (0 = off)", Group = "Daily limits", DefaultValue = 3, MinValue = 0)]
        public int MaxConsecutiveLosses { get; set; }

        [Parameter("Cool-down after a loss (min)", Group = "Daily limits", DefaultValue = 15, MinValue = 0, MaxValue = 1440)]
        public int CooldownMinutes { get; set; }

        [Parameter("Day resets at (HH:mm)", Group = "Daily limits", DefaultValue = "00:00")]
        public string ResetTime { get; set; } = "00:00";

        [Parameter("Day time zone", Group = "Daily limits", DefaultValue = "UTC")]
        public string DayTimeZone { get; set; } = "UTC";

        [Parameter("On halt", Group = "Daily limits", DefaultValue = HaltAction.Flatten)]
        public HaltAction OnHalt { get; set; }

        // ---- Filters ----
        [Parameter("Spread measure", Group = "Filters", DefaultValue = SpreadMeasure.PercentOfStop)]
        public SpreadMeasure SpreadMeasureParameter { get; set; }

        [Parameter("Max spread (0 = off)", Group = "Filters", DefaultValue = 20.0, MinValue = 0)]
        public double MaxSpread { get; set; }

        [Parameter("Min ATR % of price", Group = "Filters", DefaultValue = 0.0, MinValue = 0, MaxValue = 100)]
        public double MinAtrPercent { get; set; }

        [Parameter("Max ATR % of price (0 = off)", Group = "Filters", DefaultValue = 2.0, MinValue = 0, MaxValue = 100)]
        public double MaxAtrPercent { get; set; }

        [Parameter("Session start (HH:mm)", Group = "Filters", DefaultValue = "00:00")]
        public string SessionStart { get; set; } = "00:00";

        [Parameter("Session end (HH:mm)", Group = "Filters", DefaultValue = "00:00")]
        public string SessionEnd { get; set; } = "00:00";

        [Parameter("Session time zone", Group = "Filters", DefaultValue = "UTC")]
        public string SessionTimeZone { get; set; } = "UTC";

        [Parameter("Rollover at (HH:mm)", Group = "Filters", DefaultValue = "17:00")]
        public string RolloverTime { get; set; } = "17:00";

        [Parameter("Rollover time zone", Group = "Filters", DefaultValue = "America/New_York")]
        public string RolloverTimeZone { get; set; } = "America/New_York";

        [Parameter("Rollover blackout (min)", Group = "Filters", DefaultValue = 5, MinValue = 0, MaxValue = 240)]
        public int RolloverBlackoutMinutes { get; set; }

        [Parameter("Flat before rollover (min, 0 = off)", Group = "Filters", DefaultValue = 5, MinValue = 0, MaxValue = 240)]
        public int FlatBeforeRolloverMinutes { get; set; }

        // ---- Journal ----
        [Parameter("Journal", Group = "Journal", DefaultValue = true)]
        public bool JournalEnabled { get; set; }

        [Parameter("Print decisions", Group = "Journal", DefaultValue = true)]
        public bool PrintDecisions { get; set; }

        [Parameter("Storage key", Group = "Journal", DefaultValue = "")]
        public string StorageKey { get; set; } = string.Empty;

        private readonly Dictionary<int, TrackedPosition> _tracked = new Dictionary<int, TrackedPosition>();
        private readonly RefusalTally _refusals = new RefusalTally();

        // The day's closed trades for the summary line printed when the day ends and at the stop.
        private readonly DayTally _dayTally = new DayTally();
        private double _moneyStep;
        private ScalperOptions _options = new ScalperOptions();
        private ExponentialMovingAverage? _fastEma;
        private ExponentialMovingAverage? _trendEma;
        private AverageTrueRange? _atr;
        private InstrumentSpec? _spec;
        private ConversionRates _rates;
        private FeeCoefficients _fees;
        private RobotClock? _clock;

        // The platform's account, kept: OnTick reads its balance and equity on every tick, and Account is a chain of
        // dependent reads behind the algo (the profile's hottest loads of OnTick, with the clock's).
        private IAccount? _account;
        private LocalStorageStore? _store;
        private RobotJournal? _journal;
        private DailyRiskTracker? _daily;
        private PerpGuard.Risk.Persistence.DailyStateStore? _persistence;
        private PerpGuard.Risk.Persistence.PositionPlanStore? _plans;
        private bool _plansChanged;
        private EntryPlanner? _planner;
        private OrderExecutor? _executor;
        private PositionProtector? _protector;
        private RolloverExit? _rolloverExit;
        private LiveLease? _lease;
        private CAlgoGateway? _gateway;
        private OrderOutcomeWait? _outcomeWait;
        private PerpGuard.Risk.Persistence.IKeyValueStore? _outcomeStore;
        private string _currency = string.Empty;
        private string _label = BotLabel;
        private long _savedChange = -1;
        private bool _saveEveryChange;
        private bool _started;

        /// <summary>The decisions journaled so far (for tests and review).</summary>
        public IReadOnlyList<PipelineEvent> Journal => _journal is null ? Array.Empty<PipelineEvent>() : _journal.Events;

        /// <summary>
        /// Every refused entry signal by reason code. The journal holds the first refusal of each reason per day
        /// and state; this holds the count of all of them (the backtest report's refusedByReason).
        /// </summary>
        public IReadOnlyDictionary<string, int> RefusedByReason => _refusals.ByReason;

        /// <summary>The day's numbers now (state, P&amp;L vs limits, trades, cool-down).</summary>
        public DailyStatus DailyStatus => _daily is null ? default : _daily.Status;

        /// <summary>The options the bot runs with (after validation).</summary>
        public ScalperOptions Options => _options;

        protected override void OnStart()
        {
            _options = ReadOptions();
            var validation = _options.Validate();
            OptionsMapping.AddLibraryViolations(validation, _options.Daily, _options.Filters);
            validation.Require(_options.Journal.StorageKey.Length <= MaxLabelLength - BotLabel.Length - 1,
                "Storage key must be at most " + (MaxLabelLength - BotLabel.Length - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) +
                " characters (it ends the order label, which cTrader limits to " + MaxLabelLength.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")");
            if (!validation.IsValid)
            {
                PrintText(validation.Message);
                Stop();
                return;
            }

            try
            {
                _spec = SymbolSpecs.From(Symbol, SymbolName, Account.PreciseLeverage);
                _rates = SymbolSpecs.Rates(Symbol, Account);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is InvalidOperationException)
            {
                PrintText("Invalid parameters: " + ex.Message);
                Stop();
                return;
            }

            _fees = SymbolSpecs.Fees(_spec, _rates, Account);
            _currency = Account.Asset?.Name ?? "USD";
            _label = _options.Journal.StorageKey.Length == 0 ? BotLabel : BotLabel + "." + _options.Journal.StorageKey;
            _clock = new RobotClock(this);
            _account = Account;
            if (RunningMode == RunningMode.RealTime && !AcquireLease())
            {
                return;
            }

            _store = new LocalStorageStore(LocalStorage, "PerpGuard.Scalper." + _options.Journal.StorageKey + ".");
            _journal = new RobotJournal(this, _options.Journal.Enabled ? _store : null, _options.Journal.PrintDecisions, BotLabel, SymbolName, _currency);
            _gateway = new CAlgoGateway(this, _label);
            _executor = new OrderExecutor(_gateway, _journal, _clock, _options.MaxRetries);
            _executor.FirstFailure += OnFirstFailure;
            _protector = new PositionProtector(_options.Stops, _spec);
            _rolloverExit = OptionsMapping.ToRolloverExit(_options.Filters);

            var dailyOptions = OptionsMapping.ToDailyLimits(_options.Daily);
            _daily = new DailyRiskTracker(dailyOptions, _clock);
            _daily.Transitioned += OnTransition;
            _daily.DayEnded += OnDayEnded;
            // The day lives in Type scope (all instances on this device), keyed by account, symbol and storage key: a
            // new instance of a halted bot finds the halt. Journal and plans stay with the instance.
            _persistence = new PerpGuard.Risk.Persistence.DailyStateStore(SharedDailyStore.ForScalper(LocalStorage, Account.Number, SymbolName, _options.Journal.StorageKey), "daily-state");
            _saveEveryChange = RunningMode == RunningMode.RealTime;
            var saved = _persistence.Load();
            if (saved.Status == PerpGuard.Risk.Persistence.LoadStatus.Missing && _lease?.ReadProblem is { } unread)
            {
                // The lease's read, the first of the Type scope, met the storage's failure: the empty scope the day's read
                // found after it is no first start but a day that cannot be read (halted as unknown until the reset).
                saved = PerpGuard.Risk.Persistence.DailyStateLoad.Corrupt("The daily state '" + _persistence.Key + "' could not be read: " + unread);
            }

            _daily.Start(new Money(Account.Balance, _currency), new Money(Account.Equity, _currency), saved);
            _moneyStep = SymbolSpecs.MoneyStep(Account);
            _dayTally.UseMoneyDigits(Account.Asset?.Digits ?? -1);
            _dayTally.Begin(_clock.UtcNow, _clock.UtcNow <= _daily.Schedule.StartUtc(_daily.Status.Day), _refusals.Total);
            var unknownDay = RestartRecords.UnknownDay(nameof(RiskManagedScalper), saved, _daily.Status,
                "open positions keep their stops and are still managed (not closed for this).");
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

            if (saved.State is not null)
            {
                // Its stops hit while it was stopped count from their closes: a restart is no way around the cool-down.
                // Those the saved day had not counted, by position id (docs/persistence.md): never one counted live twice.
                var closes = RestartRecords.NotCounted(History.FindAll(_label, SymbolName), Positions.FindAll(_label, SymbolName), saved.State, _daily.Schedule);
                var closedWhileStopped = RestartRecords.CountClosedWhileStopped(closes, _daily, _currency, _clock.UtcNow);
                if (closedWhileStopped is not null)
                {
                    _journal.Write(closedWhileStopped);
                }
            }

            var rules = RiskPipelines.Standard(dailyOptions, OptionsMapping.ToMarketFilters(_options.Filters));
            _planner = new EntryPlanner(_options.Risk, _options.Stops, rules, _spec, LibrarySizer.Instance, _moneyStep);

            _fastEma = Indicators.ExponentialMovingAverage(Bars.ClosePrices, _options.FastEmaPeriod);
            _trendEma = Indicators.ExponentialMovingAverage(Bars.ClosePrices, _options.TrendEmaPeriod);
            _atr = Indicators.AverageTrueRange(_options.Stops.AtrPeriod, MovingAverageType.Simple);

            Positions.Closed += OnPositionClosed;
            _plans = new PerpGuard.Risk.Persistence.PositionPlanStore(_store, "position-plans");
            RestoreOutcomeWait();
            AdoptOpenPositions();
            CountLateFillClosedWhileStopped();
            EndOutcomeWaitIfOver();
            _journal.Write(new PipelineEvent(_clock.UtcNow, PipelineEventKind.Started, string.Empty) { Message = rules.Describe() });
            _started = true;
            if (_lease is not null)
            {
                Timer.Start(PerpGuard.Risk.Persistence.InstanceLease.DefaultHeartbeat);
            }

            SaveIfChanged();
        }

        protected override void OnTick()
        {
            if (!_started)
            {
                return;
            }

            _daily!.UpdateAmounts(_account!.Balance, _account.Equity);
            if (_daily.ShouldFlatten)
            {
                FlattenOwn();
            }
            else if (_tracked.Count > 0 && _rolloverExit is not null)
            {
                // Every own position is tracked (adopted ones from their first tick), so an empty map means flat.
                CloseBeforeRolloverIfDue();
            }

            ProtectOwnPositions();
            SaveIfChanged();
        }

        protected override void OnBar()
        {
            if (!_started || Bars.Count < 3)
            {
                return;
            }

            var closed = Bars.Last(1);
            var fast = _fastEma!.Result.Last(1);

            // The trend EMA is read only when the bar's shape can signal at all (most bars cannot): a read can make
            // the platform recalculate the indicator's forming bar.
            if (PullbackSignal.CanSignal(closed.Open, closed.High, closed.Low, closed.Close, fast))
            {
                var bar = new ClosedBar(closed.Open, closed.High, closed.Low, closed.Close, fast, _trendEma!.Result.Last(1), _trendEma.Result.Last(2));
                var signal = PullbackSignal.Evaluate(bar);
                if (signal.HasValue && CountOwnPositions() == 0)
                {
                    // The day's numbers as of this quote before deciding. Without a signal nothing here reads them,
                    // and every OnTick brings them up to date (whichever of the two the platform calls first).
                    _daily!.UpdateAmounts(_account!.Balance, _account.Equity);
                    TryEnter(signal.Value);
                }
            }

            SaveIfChanged();
        }

        protected override void OnError(Error error)
        {
            // A failed trade result never stops the bot; it is journaled and the next tick re-checks every stop.
            // The platform calls this for every failed trading call (each retry of a close the market refuses):
            // an error code is journaled once, again only when it changes or after a call succeeded.
            if (_journal is not null && _clock is not null && _executor is not null && _executor.IsNewPlatformError(EnumNames<ErrorCode>.Of(error.Code)))
            {
                _journal.Write(new PipelineEvent(_clock.UtcNow, PipelineEventKind.ActionFailed, EnumNames<ErrorCode>.Of(error.Code)));
            }
        }

        /// <summary>A live instance renews its lease once a heartbeat here, off the tick path.</summary>
        protected override void OnTimer()
        {
            if (_started && _lease is not null && _lease.IsRenewalDue(_clock!.UtcNow))
            {
                RenewLease();
            }
        }

        protected override void OnStop()
        {
            if (!_started)
            {
                return;
            }

            if (_lease is not null)
            {
                // Still the holder, read again now (the last renewal may be up to a minute old): its day is the book's day.
                // One that lost the lease saves nothing over the holder's and prints no day line (its day is not the
                // book's); one found lost earlier is no longer started.
                if (_lease.KeptAtStop(_clock!.UtcNow, out var check))
                {
                    PrintDaySoFar();
                    _persistence!.Save(_daily!.ToState());
                    _lease.Release();
                }
                else
                {
                    _lease = null;
                    PrintText(LiveLease.LostAtStopText(BotLabel, check));
                }
            }
            else
            {
                PrintDaySoFar();
                if (RunningMode != RunningMode.RealTime)
                {
                    _persistence!.Save(_daily!.ToState());
                }
            }

            SavePlans();

            // A stopped bot acts on nothing more (the platform drops its event handlers; a host that still calls them must not make it trade).
            _started = false;
        }

        private void PrintDaySoFar() => PrintText(_dayTally.Describe(_daily!.Status, _currency, ended: false, _refusals.Total));

        private void TryEnter(TradeSide side)
        {
            var status = _daily!.Status;
            if (!status.AcceptsEntries)
            {
                // Halted, reducing or on hold: the state gate refuses whatever the plan says, so skip planning.
                // A repeat is only counted: the decision and its journal line are built for the first one only.
                var gate = TradingStateGate.ForEntry(status);
                var reason = ReasonNames.Of(gate.Reason);
                if (_refusals.Count(reason, status))
                {
                    JournalRefusal(side, reason, EntryDecision.Refuse(gate), double.NaN);
                }

                return;
            }

            if (Account.AccountType == AccountType.Netted && SymbolHasOtherExposure())
            {
                // A netted account holds one position per symbol: an order now would add to, cut or reverse a position
                // that is not ours (the bot only gets here while flat itself). A standing condition: journaled once.
                if (_refusals.Count(NettedPositionOpen, status))
                {
                    JournalRefusal(side, NettedPositionOpen, EntryDecision.Refuse(NettedPositionOpen,
                        "netted account with a position or pending order on " + SymbolName + " that is not this bot's: an order would share its position"), double.NaN);
                }

                return;
            }

            RefreshRates();
            var atr = _atr!.Result.Last(1);
            var ctx = new EntryContext(
                _clock!.UtcNow,
                side,
                Symbol.Bid,
                Symbol.Ask,
                atr,
                _options.Risk.SizingMode == SizingMode.Combined ? AverageAtr() : 0,
                new Money(Account.Balance, _currency),
                new Money(Account.Equity, _currency),
                Account.Margin,
                Account.StopOutLevel,
                status,
                _rates);
            var decision = _planner!.Plan(ctx);
            if (!decision.Accepted)
            {
                _refusals.Count(decision.Reason, status);
                JournalRefusal(side, decision.Reason, decision, atr);
                return;
            }

            if (WaitsForOrderOutcome(side, status, atr))
            {
                return;
            }

            // The lease is read again right before an order (rare: one read and write per entry): the timer renews
            // it a minute apart, so another instance that took the book since (two started at once, or one started
            // while this one's heartbeat looked stale) would otherwise see this instance enter beside it.
            if (_lease is not null && !RenewLease())
            {
                return;
            }

            _journal!.Write(new PipelineEvent(ctx.UtcNow, PipelineEventKind.EntryPlanned, decision.BoundBy)
            {
                Side = side,
                Volume = decision.Volume,
                Price = decision.EntryPrice,
                StopLoss = decision.StopPrice,
                TakeProfit = decision.TargetPrice,
                PlannedRisk = decision.PlannedRisk,
                Leverage = decision.Leverage,
                Value = atr,
            });

            var outcome = _executor!.Open(decision, "PerpGuard");
            switch (outcome.Status)
            {
                case ExecutionStatus.Opened:
                    _daily.RecordEntry();
                    break;
                case ExecutionStatus.ClosedUnprotected:
                case ExecutionStatus.Unprotected:
                    // The broker took the order but not its stop, even after the retries (closed at once, or still to be
                    // closed): no new entry today, as when a stop is lost later (ProtectOwnPositions). The next order
                    // would meet the same broker and pay a round trip for nothing.
                    _daily.RecordEntry();
                    _daily.Halt(ReasonCode.StopNotAttached);
                    break;
                case ExecutionStatus.Rejected when TradeErrorPolicy.IsOutcomeUnknown(outcome.Error):
                    // The broker may still fill it (the port found no fill yet): no new entry until it shows up or the wait ends.
                    _outcomeWait!.Open(side, decision.Volume, decision.EntryPrice, outcome.Error, ctx.UtcNow);
                    SaveOutcomeWait();
                    break;
            }

            if (outcome.Status == ExecutionStatus.Opened || outcome.Status == ExecutionStatus.Unprotected)
            {
                var p = outcome.Position;
                var stop = p.StopLoss ?? (side == TradeSide.Long ? p.EntryPrice - Math.Abs(decision.EntryPrice - decision.StopPrice) : p.EntryPrice + Math.Abs(decision.EntryPrice - decision.StopPrice));
                var opened = new TrackedPosition(p.Id, side, p.EntryPrice, stop, outcome.PlannedRisk, ctx.UtcNow) { SpreadAtEntry = ctx.Ask - ctx.Bid };
                opened.TrackExcursion(Symbol.Bid, Symbol.Ask);
                _tracked[p.Id] = opened;
                _plansChanged = true;
            }
        }

        /// <summary>
        /// Journals a refused signal (the caller has counted it). A refusal the plan made (spread, size below the
        /// minimum, cool-down…) is a decision with its own numbers: every one is journaled. While the day does not
        /// accept entries (halted, reducing, on hold) the decision was made once, when the state changed: only the
        /// first refusal of each reason per day and state is journaled and the repeats are counted, so a halted
        /// day's hundreds of identical refusals cost a counter increment each.
        /// </summary>
        private void JournalRefusal(TradeSide side, string reason, in EntryDecision decision, double atr)
        {
            if (double.IsNaN(atr))
            {
                atr = _atr!.Result.Last(1);
            }

            // The rule's text is built from its numbers only when printed or written out.
            var refused = new PipelineEvent(_clock!.UtcNow, PipelineEventKind.EntryRefused, reason)
            {
                Side = side,
                Price = side == TradeSide.Long ? Symbol.Ask : Symbol.Bid,
                Value = atr,
            };
            refused.SetMessage(decision);
            _journal!.Write(refused);
        }

        private void ProtectOwnPositions()
        {
            // Flat on most ticks: only the count is read here (small enough to inline into OnTick); the walk, whose many
            // locals make a costly call frame, runs when there is a position.
            var positions = Positions;
            if (positions.Count != 0)
            {
                ProtectEach(positions);
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private void ProtectEach(Positions positions)
        {
            var atr = double.NaN;
            for (var i = 0; i < positions.Count; i++)
            {
                var p = positions[i];
                if (!IsOwn(p))
                {
                    continue;
                }

                // Read the ATR only when there is something to protect: reading it makes the platform
                // recalculate the indicator, and the bot is flat most of the time.
                if (double.IsNaN(atr))
                {
                    atr = _atr!.Result.Last(1);
                    RefreshRates();
                }

                var view = CAlgoGateway.View(p);
                if (!_tracked.TryGetValue(p.Id, out var tracked))
                {
                    tracked = AdoptLateFill(p, view.Side);
                }

                var bid = Symbol.Bid;
                var ask = Symbol.Ask;
                tracked.TrackExcursion(bid, ask);
                var action = _protector!.Evaluate(view, tracked, bid, ask, atr, _fees);
                Apply(view, tracked, action);
            }
        }

        private void Apply(PositionView view, TrackedPosition tracked, ProtectionAction action)
        {
            switch (action.Kind)
            {
                case ProtectionKind.AttachStop:
                    if (_executor!.SetStop(view.Id, action.Stop, PipelineEventKind.StopAttached, action.Reason))
                    {
                        if (!tracked.HasInitialStop)
                        {
                            tracked.SetInitialStop(action.Stop);
                            _plansChanged = true;
                        }

                        if (!double.IsNaN(action.Target))
                        {
                            _gateway!.SetTakeProfit(view.Id, action.Target);
                        }
                    }
                    else
                    {
                        // Never keep a naked position: close it and stop trading for the day.
                        Close(view, PipelineEventKind.NakedPositionClosed, ReasonNames.Of(ReasonCode.StopNotAttached));
                        _daily!.Halt(ReasonCode.StopNotAttached);
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

        private void FlattenOwn()
        {
            var positions = Positions;
            for (var i = positions.Count - 1; i >= 0; i--)
            {
                var p = positions[i];
                if (IsOwn(p))
                {
                    Close(CAlgoGateway.View(p), PipelineEventKind.FlattenClose, ReasonNames.Of(_daily!.Status.StateReason));
                }
            }

            var orders = PendingOrders;
            for (var i = orders.Count - 1; i >= 0; i--)
            {
                var o = orders[i];
                if (o.Label == _label && CancelPendingOrder(o).IsSuccessful)
                {
                    _journal!.Write(new PipelineEvent(_clock!.UtcNow, PipelineEventKind.PendingCancelled, ReasonNames.Of(_daily!.Status.StateReason)) { PositionId = o.Id });
                }
            }
        }

        /// <summary>
        /// In the minutes before the swap rollover, closes the bot's positions: the plan never counted a swap, and the rollover's
        /// spread can take a stop. A close the market refuses is tried again on the next ticks (the executor's back-off).
        /// </summary>
        private void CloseBeforeRolloverIfDue()
        {
            if (!_rolloverExit!.IsDue(_clock!.UtcNow))
            {
                return;
            }

            var positions = Positions;
            for (var i = positions.Count - 1; i >= 0; i--)
            {
                var p = positions[i];
                if (IsOwn(p))
                {
                    Close(CAlgoGateway.View(p), PipelineEventKind.FlattenClose, ReasonNames.Of(ReasonCode.FlatBeforeRollover));
                }
            }
        }

        private void OnPositionClosed(PositionClosedEventArgs args)
        {
            var p = args.Position;
            if (!_started || !IsOwn(p) || _gateway!.Find(p.Id) is not null)
            {
                // Still open: a partial close. cTrader does not document whether that raises Closed or Modified
                // (REFERENCE.md §8); either way the position stays tracked and the trade closes with its last part.
                return;
            }

            _executor!.Forget(p.Id);
            var planned = double.NaN;
            double mae = double.NaN, mfe = double.NaN, spread = double.NaN;
            if (_tracked.TryGetValue(p.Id, out var tracked))
            {
                planned = tracked.PlannedRisk;
                // The exit fill may lie beyond any tick the bot saw (a stop filled inside the quote that hit it).
                tracked.TrackPrice(p.CurrentPrice);
                mae = tracked.MaxAdverseExcursion;
                mfe = tracked.MaxFavourableExcursion;
                spread = tracked.SpreadAtEntry;
                _tracked.Remove(p.Id);
                _plansChanged = true;
            }
            else if (_outcomeWait!.IsFillOf(p.TradeType == TradeType.Buy ? TradeSide.Long : TradeSide.Short, p.EntryTime))
            {
                // The awaited late fill opened and closed before a tick showed it (its stop hit at once): still the day's entry.
                CountLateFill(p, p.TradeType == TradeType.Buy ? TradeSide.Long : TradeSide.Short, p.StopLoss ?? double.NaN, double.NaN);
            }

            var net = p.NetProfit;
            if (_daily!.RecordClosedTrade(new Money(net, _currency), p.Id))
            {
                _dayTally.RecordClose(net, planned, _moneyStep);
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
                Value = net,
                MaxAdverseExcursion = mae,
                MaxFavourableExcursion = mfe,
                SpreadAtEntry = spread,
                GrossProfit = p.GrossProfit,
                Swap = p.Swap,
                EntryUtc = p.EntryTime,
            });

            // A loss larger than planned comes from a gap or slippage through the stop, or from swap or funding the
            // plan leaves out (a stop filled at its price after a funding charge is no gap).
            if (!double.IsNaN(planned) && -net > planned * 1.0001 + 0.01)
            {
                var cause = LossBeyondPlanCause.Of(net, p.Swap, planned, args.Reason == PositionCloseReason.StopLoss);
                _journal.Write(new PipelineEvent(_clock.UtcNow, PipelineEventKind.LossBeyondPlan,
                    cause != ReasonCode.None ? ReasonNames.Of(cause) : EnumNames<PositionCloseReason>.Of(args.Reason))
                {
                    PositionId = p.Id,
                    PlannedRisk = planned,
                    Value = net,
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
            _journal!.ExpectClose(view.Id, kind, reason);
            return _executor!.Close(view, kind, reason);
        }

        /// <summary>At the reset: one line for the day that ended (state, money, entries, closed trades in R, refusals).</summary>
        private void OnDayEnded(DailyStatus ended)
        {
            PrintText(_dayTally.Describe(ended, _currency, ended: true, _refusals.Total));
            _dayTally.Begin(ended.NextResetUtc, fromDayStart: true, _refusals.Total);
        }

        private void OnTransition(StateTransition t)
        {
            _journal?.Write(new PipelineEvent(t.AtUtc, PipelineEventKind.StateChanged, ReasonNames.Of(t.Reason))
            {
                Value = t.DayPnL,
                Message = EnumNames<TradingState>.Of(t.From) + " -> " + EnumNames<TradingState>.Of(t.To),
                Transition = t,
            });
        }

        /// <summary>
        /// After a restart: keep managing our own open positions. Each one's 1R is the stop it was opened with, read
        /// from the saved plans (a stop trailed or moved to break-even since would make R, the break-even trigger and
        /// the trailing trigger wrong); without a plan its current stop stands in, and the journal says so.
        /// </summary>
        private void AdoptOpenPositions()
        {
            PerpGuard.Risk.Persistence.PositionPlanLoad? saved = null;
            var positions = Positions;
            for (var i = 0; i < positions.Count; i++)
            {
                var p = positions[i];
                if (!IsOwn(p) || _tracked.ContainsKey(p.Id))
                {
                    continue;
                }

                if (saved is null)
                {
                    saved = _plans!.Load();
                    if (saved.Status == PerpGuard.Risk.Persistence.LoadStatus.Corrupt)
                    {
                        PrintText(RestartRecords.UnreadablePlans(nameof(RiskManagedScalper), saved.Problem!));
                    }
                }

                var side = p.TradeType == TradeType.Buy ? TradeSide.Long : TradeSide.Short;
                var fromPlan = RestartRecords.TryPlan(saved, p, _spec!.TickSize * 0.5, out var plan);
                var stop = fromPlan ? plan.InitialStop : p.StopLoss ?? double.NaN;
                var planned = fromPlan && !double.IsNaN(plan.PlannedRisk)
                    ? plan.PlannedRisk
                    : double.IsNaN(stop) ? double.NaN : p.VolumeInUnits * PositionProtector.PerUnitRisk(side, p.EntryPrice, stop, _fees.ForVolume(p.VolumeInUnits));
                _tracked[p.Id] = new TrackedPosition(p.Id, side, p.EntryPrice, stop, planned, p.EntryTime);
                _plansChanged = true;
                _journal!.Write(RestartRecords.Adopted(_clock!.UtcNow, p, side, fromPlan, stop, planned, saved.Problem));
                if (_outcomeWait!.IsFillOf(side, p.EntryTime))
                {
                    // The fill of the order a stopped instance was waiting for (it came in the wait or while the bot was
                    // stopped): the wait's record says it was never counted.
                    CountLateFill(p, side, stop, planned);
                }
            }
        }

        /// <summary>
        /// A position of the bot's that it did not see open, found on a tick: the fill of a market order answered with an
        /// unknown outcome that showed up after the port had looked for it (the only way one appears while the bot runs:
        /// a second instance of the book is kept out by the lease). Tracked from its stop like an adopted position, and
        /// counted as the day's entry.
        /// </summary>
        private TrackedPosition AdoptLateFill(Position p, TradeSide side)
        {
            var stop = p.StopLoss ?? double.NaN;
            var planned = double.IsNaN(stop) ? double.NaN : p.VolumeInUnits * PositionProtector.PerUnitRisk(side, p.EntryPrice, stop, _fees.ForVolume(p.VolumeInUnits));
            var tracked = new TrackedPosition(p.Id, side, p.EntryPrice, stop, planned, _clock!.UtcNow);
            _tracked[p.Id] = tracked;
            _plansChanged = true;
            CountLateFill(p, side, stop, planned);
            return tracked;
        }

        /// <summary>Counts a late fill as the day's entry, journals it, and ends the wait when it was the order waited for.</summary>
        private void CountLateFill(Position p, TradeSide side, double stop, double planned) =>
            CountLateFill(p.Id, side, p.EntryTime, p.VolumeInUnits, p.EntryPrice, stop, p.TakeProfit ?? double.NaN, planned);

        private void CountLateFill(int positionId, TradeSide side, DateTime entryUtc, double volume, double entryPrice, double stop, double target, double planned)
        {
            var awaited = _outcomeWait!.IsFillOf(side, entryUtc);
            // By position id: one the day has counted already (a crash between saving the count and clearing the wait's
            // record) is not counted again.
            var counted = _daily!.RecordEntry(entryUtc, positionId);
            _journal!.Write(new PipelineEvent(_clock!.UtcNow, PipelineEventKind.PositionOpened, LateFill)
            {
                PositionId = positionId,
                Side = side,
                Volume = volume,
                Price = awaited && !double.IsNaN(_outcomeWait.EntryPrice) ? _outcomeWait.EntryPrice : entryPrice,
                FillPrice = entryPrice,
                StopLoss = stop,
                TakeProfit = target,
                PlannedRisk = planned,
                Message = (awaited
                    ? "the fill of the order answered " + _outcomeWait.Error + " at " + _outcomeWait.SentUtc.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + " UTC: "
                    : "a position of the bot's it did not see open (a late fill): ") + (counted ? "counted as the day's entry" : "already counted as the day's entry"),
            });
            if (awaited)
            {
                // The count (with the position's id) is saved before the wait's record is cleared: a crash between the two
                // finds the id counted at the restart, never the fill uncounted.
                if (_saveEveryChange)
                {
                    _persistence!.SaveIfChanged(_daily, ref _savedChange);
                }

                _outcomeWait.End();
                SaveOutcomeWait();
            }
        }

        /// <summary>
        /// At entry time only: true (refused, counted and journaled) while the wait for an unknown-outcome order's fill
        /// holds; once its time has run out without a fill the wait ends and entries resume.
        /// </summary>
        private bool WaitsForOrderOutcome(TradeSide side, in DailyStatus status, double atr)
        {
            if (!_outcomeWait!.IsOpen)
            {
                return false;
            }

            if (_outcomeWait.Holds(_clock!.UtcNow))
            {
                // Each one journaled, as the plan's refusals are: they are few (the wait is short) and each says until when.
                var reason = ReasonNames.Of(ReasonCode.OrderOutcomeUnknown);
                _refusals.Count(reason, status);
                JournalRefusal(side, reason, _outcomeWait.Refusal(), atr);
                return true;
            }

            _outcomeWait.End();
            SaveOutcomeWait();
            return false;
        }

        /// <summary>Reads the wait a stopped instance of the book left (its record lives beside the day's state).</summary>
        private void RestoreOutcomeWait()
        {
            _outcomeWait = new OrderOutcomeWait(TimeSpan.FromSeconds(_options.LateFillWaitSeconds));
            _outcomeStore = SharedDailyStore.ForScalper(LocalStorage, Account.Number, SymbolName, _options.Journal.StorageKey);
            string? problem;
            try
            {
                _outcomeWait.Restore(_outcomeStore.Get(OrderOutcomeKey), _clock!.UtcNow, out problem);
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                // The storage itself failed (LocalStorageException…): an order that may still fill is waited for, never forgotten.
                problem = ex.Message;
                _outcomeWait.OpenUnknown(_clock!.UtcNow);
            }

            if (problem is not null)
            {
                PrintText("The record of an order whose outcome is unknown could not be read (" + problem + "): no new entry for " +
                    _options.LateFillWaitSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) +
                    " s, and a position of the bot's that appears meanwhile counts as the day's entry.");
            }
        }

        /// <summary>
        /// At the start, after the adoption: the awaited fill may have opened and closed while the bot was stopped (its stop
        /// hit). Its close is counted from the history with the day's other closes; here it is counted as the day's entry,
        /// which the wait's record says it never was.
        /// </summary>
        private void CountLateFillClosedWhileStopped()
        {
            if (!_outcomeWait!.IsOpen)
            {
                return;
            }

            foreach (var t in History.FindAll(_label, SymbolName))
            {
                var side = t.TradeType == TradeType.Buy ? TradeSide.Long : TradeSide.Short;
                if (_outcomeWait.IsFillOf(side, t.EntryTime))
                {
                    CountLateFill(t.PositionId, side, t.EntryTime, t.VolumeInUnits, t.EntryPrice, double.NaN, double.NaN, double.NaN);
                    return;
                }
            }
        }

        /// <summary>At the start, after the adoption: a restored wait whose time ran out while the bot was stopped is over.</summary>
        private void EndOutcomeWaitIfOver()
        {
            if (_outcomeWait!.IsOpen && !_outcomeWait.Holds(_clock!.UtcNow))
            {
                _outcomeWait.End();
                SaveOutcomeWait();
            }
        }

        // Written whenever it changes, live or not (rare: one order in very many), so a restart always finds it.
        private void SaveOutcomeWait() => _outcomeStore!.Set(OrderOutcomeKey, _outcomeWait!.Serialize());

        /// <summary>The open positions' plans as one record (a restart reads it back in <see cref="AdoptOpenPositions"/>).</summary>
        private void SavePlans()
        {
            _plans!.Save(RestartRecords.PlansOf(_tracked.Values));
            _plansChanged = false;
        }

        private int CountOwnPositions()
        {
            var n = 0;
            var positions = Positions;
            for (var i = 0; i < positions.Count; i++)
            {
                if (IsOwn(positions[i]))
                {
                    n++;
                }
            }

            return n;
        }

        /// <summary>
        /// A position on the symbol, or another's pending order there (it would fill into the same netted position
        /// later): either way an order of ours now would share one position with the trader's.
        /// </summary>
        private bool SymbolHasOtherExposure()
        {
            var positions = Positions;
            for (var i = 0; i < positions.Count; i++)
            {
                if (positions[i].SymbolName == SymbolName)
                {
                    return true;
                }
            }

            var orders = PendingOrders;
            for (var i = 0; i < orders.Count; i++)
            {
                if (orders[i].SymbolName == SymbolName && orders[i].Label != _label)
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsOwn(Position p) => p.Label == _label && p.SymbolName == SymbolName;

        private double AverageAtr()
        {
            // The usual ATR level for combined sizing: the mean of the last 5 × period closed ATR values.
            var series = _atr!.Result;
            var n = Math.Min(5 * _options.Stops.AtrPeriod, series.Count - 1);
            double sum = 0;
            var count = 0;
            for (var i = 1; i <= n; i++)
            {
                var v = series.Last(i);
                if (!double.IsNaN(v))
                {
                    sum += v;
                    count++;
                }
            }

            return count > 0 ? sum / count : 0;
        }

        // Before sizing and while protecting: the quote→account rate of the moment (see SymbolSpecs.RefreshRates).
        private void RefreshRates() => SymbolSpecs.RefreshRates(Symbol, Account, _spec!, ref _rates, ref _fees);

        /// <summary>
        /// Takes the book's lease (account, symbol, storage key) or prints why not and stops: a second instance with the
        /// same label would enter on the same bar as the first and double the risk.
        /// </summary>
        private bool AcquireLease()
        {
            _lease = LiveLease.TryAcquire(LocalStorage, SharedDailyStore.ForScalper(LocalStorage, Account.Number, SymbolName, _options.Journal.StorageKey), InstanceId, _clock!.UtcNow, out var check);
            if (_lease is null)
            {
                PrintText(SecondInstanceText(check));
                Stop();
            }

            return _lease is not null;
        }

        /// <summary>Renews the lease; false (and stopped) when another instance has taken the book meanwhile.</summary>
        private bool RenewLease() => Held(_lease!.Renew(_clock!.UtcNow));

        /// <summary>Reads the lease without renewing it (before a save: the heartbeat stays a minute apart, on the timer).</summary>
        private bool LeaseStillHeld() => Held(_lease!.Check(_clock!.UtcNow));

        private bool Held(PerpGuard.Risk.Persistence.LeaseCheck check)
        {
            if (check.IsHeld)
            {
                return true;
            }

            // The other instance trades this book now (same label: it manages our positions too); this one bows out
            // without saving the day over the holder's, and acts on nothing more until the platform has stopped it
            // (not started: every handler returns at once, and OnStop saves nothing).
            _lease = null;
            _started = false;
            PrintText(SecondInstanceText(check));
            Stop();
            return false;
        }

        private string SecondInstanceText(PerpGuard.Risk.Persistence.LeaseCheck check) =>
            LiveLease.SecondInstanceText(
                BotLabel,
                "account " + Account.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", " + SymbolName + ", storage key '" + _options.Journal.StorageKey + "'",
                check,
                "Two would both enter on the same bar and double the risk",
                "stop the other one, or give this one another Storage key");

        private void SaveIfChanged()
        {
            // Live, every change is saved at once, so a restart finds it. A backtest keeps LocalStorage in memory
            // only (as cTrader does) and never restarts mid-run: there the state is saved once, on stop.
            if (_saveEveryChange && _started)
            {
                // The lease is read again before a save (a change: a few a trade, never a quiet tick): another instance
                // may have taken the book since the last renewal, and the day it keeps must not be written over.
                if (_lease is not null && (_daily!.ChangeCount != _savedChange || _plansChanged) && !LeaseStillHeld())
                {
                    return;
                }

                _persistence!.SaveIfChanged(_daily!, ref _savedChange);
                if (_plansChanged)
                {
                    SavePlans();
                }
            }
        }

        /// <summary>
        /// Prints text as it is. Print("text") binds to Print(string message, params object[]), a composite format in
        /// cTrader: a trader's text or an error message with a brace would throw there (see docs/robots.md).
        /// </summary>
        private void PrintText(string text) => Print((object)text);

        private ScalperOptions ReadOptions() => new ScalperOptions
        {
            FastEmaPeriod = FastEmaPeriod,
            TrendEmaPeriod = TrendEmaPeriod,
            MaxRetries = MaxRetries,
            LateFillWaitSeconds = LateFillWaitSeconds,
            Risk = new RiskOptions
            {
                RiskPercent = RiskPercent,
                AllowRiskAbove2Percent = AllowRiskAbove2Percent,
                SizingMode = Sizing,
                MaxLeverage = MaxLeverage,
                MaxMarginUsePercent = MaxMarginUsePercent,
                StopOutBufferPercent = StopOutBufferPercent,
            },
            Stops = new StopOptions
            {
                StopMode = StopModeParameter,
                AtrPeriod = AtrPeriod,
                StopAtrMultiple = StopAtrMultiple,
                FixedStopPips = FixedStopPips,
                RewardRisk = RewardRisk,
                MaxTargetAtr = MaxTargetAtr,
                SlippageAllowancePips = SlippageAllowancePips,
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
                HaltAction = OnHalt,
            },
            Filters = new FilterOptions
            {
                SpreadMeasure = SpreadMeasureParameter,
                MaxSpread = MaxSpread,
                MinAtrPercent = MinAtrPercent,
                MaxAtrPercent = MaxAtrPercent,
                SessionStart = SessionStart,
                SessionEnd = SessionEnd,
                SessionTimeZoneId = SessionTimeZone,
                RolloverTime = RolloverTime,
                RolloverTimeZoneId = RolloverTimeZone,
                RolloverBlackoutMinutes = RolloverBlackoutMinutes,
                FlatBeforeRolloverMinutes = FlatBeforeRolloverMinutes,
            },
            Journal = new JournalOptions
            {
                Enabled = JournalEnabled,
                PrintDecisions = PrintDecisions,
                StorageKey = StorageKey ?? string.Empty,
            },
        };
    }
}
