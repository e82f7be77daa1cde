using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using cAlgo.API;
using cAlgo.API.Internals;
using PerpGuard.Headless.Runtime;
using PerpGuard.Headless.Simulation;
using PerpGuard.MarketData;

namespace PerpGuard.Headless.Backtesting
{
    /// <summary>
    /// Runs robots and indicators over one symbol's data on a simulated account, like cTrader's backtester:
    /// per m1 bar four quotes (open → nearer extreme → farther extreme → close); at each quote the broker
    /// fills first, then on a new bar Bars grows and OnBarClosed/OnBar run, then OnTick. Indicators added to
    /// the run are recalculated on every quote (history once, the last bar per quote). Deterministic.
    /// The loop allocates nothing per quote unless an algo subscribes to per-tick events or trades.
    /// </summary>
    public sealed partial class BacktestEngine
    {
        private readonly BacktestOptions _options;
        private readonly List<string> _log = new List<string>();
        private readonly List<string> _errors = new List<string>();
        private RobotSlot[] _robots = Array.Empty<RobotSlot>();
        private IndicatorRunner[] _indicators = Array.Empty<IndicatorRunner>();
        private TimeFrameAggregator[] _aggregators = Array.Empty<TimeFrameAggregator>();
        private MarketClock _clock = null!;
        private SymbolAdapter _symbol = null!;
        private TradingServices? _services;
        private RunSignals _signals = new RunSignals();
        private int _active;
        private bool _started;

        // The only robot when nothing else needs the per-quote work (see Reexamine); null otherwise.
        private RobotSlot? _plain;

        // Bar-data loop state (RunBars → SimulateBar).
        private SimulatedBroker _broker = null!;
        private SimSymbol _simSymbol = null!;
        private BarBuffer _buffer = null!;
        private TickPath _path = null!;
        private SimQuote[] _quotes = Array.Empty<SimQuote>();
        private bool _pessimistic;
        private int _nextBar = -1;
        private long _barsDone;

        // The warm-up bars, counted once by Prepare (the curves are sized by it): StartBars puts them in the chart's
        // buffer, and the run's bar times start after them (RunBars). Options changed after Prepare do not move it.
        private int _warmup;

        public BacktestEngine(BacktestOptions options)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
        }

        public BacktestResult Run(params AlgoSpec[] robots) => Run(robots, Array.Empty<AlgoSpec>());

        public BacktestResult Run(IReadOnlyList<AlgoSpec> robots, IReadOnlyList<AlgoSpec> indicators) => Prepare(robots, indicators).Execute();

        /// <summary>
        /// Builds the run (broker, algos bound and initialised, buffers and curves preallocated) without
        /// simulating; <see cref="PreparedBacktest.Execute"/> then runs the loop. Lets benchmarks measure the loop alone.
        /// </summary>
        public PreparedBacktest Prepare(IReadOnlyList<AlgoSpec> robots, IReadOnlyList<AlgoSpec> indicators)
        {
            var bars = _options.Bars;
            var ticks = _options.Ticks;
            if ((bars == null) == (ticks == null))
            {
                throw new ArgumentException("Give either Bars (m1) or Ticks, not both and not neither.");
            }

            var brokerOptions = new SimBrokerOptions
            {
                Slippage = _options.Slippage ?? SimSlippageModel.None,
                Faults = _options.Faults,
                PessimisticBarFills = _options.Pessimistic,
            };
            var broker = new SimulatedBroker(_options.Account, _options.Symbol, brokerOptions);

            // cTrader's prices sit on the symbol's grid (TickSize, Digits): data finer than that is snapped once, here,
            // into a copy, so the per-quote path only adds whole-tick spreads to prices already on the grid.
            var grid = broker.Symbol.Grid;
            if (bars != null)
            {
                bars = PriceGridSnapper.Snap(bars, grid);
            }
            else
            {
                ticks = PriceGridSnapper.Snap(ticks!, grid);
            }
            if (_options.Funding != null && _options.Funding.Length > 0)
            {
                broker.SetFundingSchedule(broker.Symbol, _options.Funding);
            }

            var capacity = bars?.Length ?? EstimateBars(ticks!);
            var buffer = new BarBuffer(capacity + 1);
            buffer.Commit();
            _clock = new MarketClock();
            var firstZone = _options.TimeZone ?? (robots.Count > 0 ? AlgoEnvironment.TimeZoneOf(robots[0].Type) : null);
            var services = new TradingServices(broker, new ZoneClock(ZoneClock.Resolve(firstZone)))
            {
                PartialCloseRaisesClosed = _options.PartialCloseRaisesClosed,
                LoseMarketOrderReplies = _options.LostMarketOrderReplies,
                LostReplyError = _options.LostMarketOrderReplyError,
            };
            _services = services;
            _symbol = services.Symbol;
            _signals = new RunSignals();
            _symbol.Signals = _signals;
            // No folder given: LocalStorage lives in memory for the run, as in cTrader's backtests (no temp folder left behind).
            var storage = _options.StorageDirectory;
            var env = new AlgoEnvironment(_options.Symbol.Name, services.Symbol, buffer, _options.TimeFrame, _clock)
            {
                Account = services.Account,
                Trading = services,
                Positions = services.Positions,
                PendingOrders = services.PendingOrders,
                History = services.History,
                Symbols = services.Symbols,
                RunningMode = _options.RunningMode,
                StorageDirectory = storage,
                StrictLocalStorageKeys = _options.StrictLocalStorageKeys,
                Log = Log,
                Signals = _signals,
            };
            var chartBars = new HeadlessBars(buffer, _options.TimeFrame, _options.Symbol.Name, services.AccountZone);
            env.Chart.Bars = chartBars;
            env.Chart.Symbol = services.Symbol;
            env.Chart.Times = chartBars.OpenTimes;
            env.TradeErrorHandler = OnTradeError;
            env.OtherTimeFrames = tf =>
            {
                foreach (var a in _aggregators)
                {
                    if (a.TimeFrame.Equals(tf))
                    {
                        return new HeadlessBars(a.Buffer, tf, _options.Symbol.Name, services.AccountZone);
                    }
                }

                var created = new TimeFrameAggregator(buffer, tf, (capacity / 2) + 16);
                var list = new List<TimeFrameAggregator>(_aggregators) { created };
                _aggregators = list.ToArray();
                _signals.Raise();
                return new HeadlessBars(created.Buffer, tf, _options.Symbol.Name, services.AccountZone);
            };

            PrepareOtherSymbols(broker, services, env);

            var robotSlots = new List<RobotSlot>();
            foreach (var spec in robots)
            {
                if (!typeof(Robot).IsAssignableFrom(spec.Type))
                {
                    throw new ArgumentException(spec.Type.Name + " is not a cAlgo Robot");
                }

                var robot = (Robot)Activator.CreateInstance(spec.Type)!;
                var ctx = env.CreateContext(robot, timeZoneId: _options.TimeZone);
                ParameterBinder.Bind(robot, spec.Parameters, ctx.Bars);
                robotSlots.Add(new RobotSlot(robot, ctx));
            }

            var indicatorRunners = new List<IndicatorRunner>();
            var indicatorOutputs = new List<IndicatorOutputs>();
            env.CommitSeries = true;
            foreach (var spec in indicators)
            {
                var runner = env.CreateIndicator(spec.Type, chartBars, null, spec.Parameters);
                indicatorRunners.Add(runner);
                var outs = new List<(string, string, IndicatorDataSeries)>();
                foreach (var (property, attribute) in ParameterBinder.Outputs(spec.Type))
                {
                    outs.Add((attribute.Name ?? property.Name, property.Name, (IndicatorDataSeries)property.GetValue(runner.Indicator)!));
                }

                indicatorOutputs.Add(new IndicatorOutputs(runner.Indicator, outs, runner));
            }

            env.CommitSeries = false;
            _robots = robotSlots.ToArray();
            _indicators = indicatorRunners.ToArray();
            _active = _robots.Length;

            var result = new BacktestResult { InitialBalance = broker.Balance, MoneyDigits = broker.Settings.MoneyDigits, StorageDirectory = storage ?? string.Empty };
            if (bars != null)
            {
                // The bar times are not stored by the loop: the chart's bar buffer holds them (RunBars).
                _warmup = WarmupCount(bars.Length);
                var n = bars.Length - _warmup;
                result.BalanceCurve = new double[n];
                result.EquityCurve = new double[n];

                // Commit the curve memory during setup (see BarBuffer.Commit).
                Array.Clear(result.BalanceCurve);
                Array.Clear(result.EquityCurve);
            }

            var sw = new Stopwatch();
            Action start = () =>
            {
                if (bars != null)
                {
                    // Output series the algos create now are set-up memory: fill them up front (see CommitSeries).
                    env.CommitSeries = true;
                    try
                    {
                        StartBars(bars, broker, buffer, result, sw);
                    }
                    finally
                    {
                        env.CommitSeries = false;
                    }
                }
            };

            return new PreparedBacktest(start, () =>
            {
                if (bars != null)
                {
                    StartBars(bars, broker, buffer, result, sw);
                    RunBars(bars, result, sw);
                }
                else
                {
                    RunTicks(ticks!, broker, buffer, result, sw);
                }

                foreach (var slot in _robots)
                {
                    if (slot.Active)
                    {
                        StopRobot(slot);
                    }

                    slot.Storage.FlushAll();
                }

                foreach (var runner in _indicators)
                {
                    runner.Indicator.InvokeOnDestroy();
                }

                result.EngineSeconds = sw.Elapsed.TotalSeconds;
                result.FinalBalance = broker.Balance;
                result.FinalEquity = broker.Equity;
                result.Trades = CollectTrades(broker);
                result.OpenPositionsAtEnd = broker.Positions.Count;
                result.Log = _log.ToArray();
                result.Errors = _errors.ToArray();
                result.Robots = Array.ConvertAll(_robots, s => s.Robot);
                result.Indicators = indicatorOutputs;
                result.Chart = env.Chart;
                result.Bars = chartBars;
                return result;
            });
        }

        /// <summary>
        /// The bar-data run up to the robots' start: warm-up bars into the buffer, then bars until OnStart has run
        /// (at the first quote, so normally one bar). Runs once; <see cref="RunBars"/> goes on from there.
        /// </summary>
        private void StartBars(MarketBar[] bars, SimulatedBroker broker, BarBuffer buffer, BacktestResult result, Stopwatch sw)
        {
            if (_nextBar >= 0)
            {
                return;
            }

            var warmup = _warmup;
            for (var i = 0; i < warmup; i++)
            {
                var b = bars[i];
                buffer.Append(b.OpenTimeUtc.Ticks, b.Open, b.High, b.Low, b.Close, TickPath.QuotesPerBar);
                _clock.UtcTicks = b.OpenTimeUtc.Ticks;
            }

            if (_others.Length != 0)
            {
                AppendOtherHistory(warmup < bars.Length ? bars[warmup].OpenTimeUtc.Ticks : long.MaxValue);
            }

            _broker = broker;
            _simSymbol = broker.Symbol;
            _buffer = buffer;
            _path = new TickPath(_options.Spread ?? SimSpreadModel.Fixed(_options.Symbol.TickSize), broker.Symbol.Grid);
            _quotes = new SimQuote[TickPath.QuotesPerBar];
            _pessimistic = _options.Pessimistic;
            _nextBar = warmup;

            sw.Start();
            while (!_started && _nextBar < bars.Length)
            {
                SimulateBar(in bars[_nextBar]);
                result.BalanceCurve[_barsDone] = broker.Balance;
                result.EquityCurve[_barsDone] = broker.Equity;
                _barsDone++;
                _nextBar++;
            }

            sw.Stop();
        }

        // Called once per run: tiered compilation would run it as on-stack-replaced code until dozens of runs had
        // promoted it, so repeated runs (benchmarks, optimisation) reached full speed late and unpredictably
        // (after 75–130 runs of a month). Compiled optimised at once; SimulateBar, called per bar, still tiers with PGO.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void RunBars(MarketBar[] bars, BacktestResult result, Stopwatch sw)
        {
            var broker = _broker;
            var n = bars.Length - _warmup;
            var balance = result.BalanceCurve;
            var equity = result.EquityCurve;
            var progress = _options.Progress;
            var done = _barsDone;

            sw.Start();
            for (var i = _nextBar; i < bars.Length; i++)
            {
                if (_active == 0 && _robots.Length > 0)
                {
                    // Every robot has stopped (possibly in OnStart): the run ends at the last simulated bar.
                    break;
                }

                SimulateBar(in bars[i]);
                balance[done] = broker.Balance;
                equity[done] = broker.Equity;
                done++;
                if (progress != null && (done & 1023) == 0)
                {
                    progress(done, n);
                }
            }

            sw.Stop();
            _nextBar = bars.Length;
            _barsDone = done;
            progress?.Invoke(done, n);
            result.BarsSimulated = done;
            result.QuotesSimulated = done * TickPath.QuotesPerBar;
            // Curve point k is the buffer's bar warm-up + k: warm-up bars first, then one bar per simulated bar. The
            // count StartBars used, not the option read again (it may have changed since PreparedBacktest.Start).
            result.SetBarTimes(_buffer.OpenTimeUtcTicks, _warmup, checked((int)done));
            result.BalanceCurve = Trim(balance, done);
            result.EquityCurve = Trim(equity, done);
        }

        /// <summary>
        /// One m1 bar: its four quotes (open → nearer extreme → farther extreme → close), each through the broker,
        /// the bars buffer (the first opens the bar, then OnBarClosed/OnBar run) and the per-tick callbacks.
        /// </summary>
        private void SimulateBar(in MarketBar bar)
        {
            var quotes = _quotes;
            var broker = _broker;
            var symbol = _simSymbol;
            var buffer = _buffer;
            _path.Expand(in bar, quotes);
            if (_pessimistic)
            {
                broker.BeginBar(symbol, TickPath.EnvelopeOf(quotes));
            }

            if (_others.Length != 0)
            {
                SimulateQuotesWithOthers(in bar, quotes);
            }
            else
            {
                // The bar's first quote opens it; the other three update it (peeled: no per-quote test of which).
                ref readonly var open = ref quotes[0];
                var openBid = open.Bid;
                _clock.UtcTicks = open.TimeTicks;
                broker.ProcessQuote(symbol, open.TimeTicks, openBid, open.Ask, open.Continuous);
                buffer.OpenBar(bar.OpenTimeUtc.Ticks, openBid);
                if (_started)
                {
                    NewBar();
                }

                AfterQuote(openBid, true);
                for (var k = 1; k < quotes.Length; k++)
                {
                    ref readonly var quote = ref quotes[k];
                    var bid = quote.Bid;
                    _clock.UtcTicks = quote.TimeTicks;
                    broker.ProcessQuote(symbol, quote.TimeTicks, bid, quote.Ask, quote.Continuous);
                    buffer.Update(bid);
                    AfterQuote(bid, false);
                }
            }

            if (_pessimistic)
            {
                broker.EndBar(symbol);
            }
        }

        /// <summary>The bar's four quotes when other symbols are quoted too: theirs that come earlier go first.</summary>
        // A loop of its own, not a test per quote in SimulateBar's: that test cost the lone-symbol path ≈ 2 ns per bar.
        private void SimulateQuotesWithOthers(in MarketBar bar, SimQuote[] quotes)
        {
            var broker = _broker;
            var symbol = _simSymbol;
            var buffer = _buffer;
            for (var k = 0; k < quotes.Length; k++)
            {
                ref readonly var quote = ref quotes[k];

                // Other symbols' earlier quotes first (also those inside a gap of the chart's data).
                DrainOthers(quote.TimeTicks);
                var bid = quote.Bid;
                _clock.UtcTicks = quote.TimeTicks;
                broker.ProcessQuote(symbol, quote.TimeTicks, bid, quote.Ask, quote.Continuous);
                if (k == 0)
                {
                    buffer.OpenBar(bar.OpenTimeUtc.Ticks, bid);
                    if (_started)
                    {
                        NewBar();
                    }
                }
                else
                {
                    buffer.Update(bid);
                }

                AfterQuote(bid, k == 0);
            }
        }

        // The loop runs once per backtest, so tiered JIT would leave it unoptimised: compile it optimised up front.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void RunTicks(QuoteTick[] ticks, SimulatedBroker broker, BarBuffer buffer, BacktestResult result, Stopwatch sw)
        {
            var frame = _options.TimeFrame.Duration ?? throw new NotSupportedException("Tick data needs a time-based TimeFrame (minutes, hours, days).");
            var times = new List<DateTime>();
            var balance = new List<double>();
            var equity = new List<double>();
            var symbol = broker.Symbol;
            long currentBucket = long.MinValue;
            long quotesDone = 0;

            sw.Start();
            for (var i = 0; i < ticks.Length; i++)
            {
                var t = ticks[i];
                var bucket = t.TimeUtc.Ticks - (t.TimeUtc.Ticks % frame.Ticks);
                var isNewBar = bucket != currentBucket;
                if (isNewBar && currentBucket != long.MinValue)
                {
                    // The finished bar's point, at its close: before this tick's fills and marks.
                    times.Add(new DateTime(currentBucket, DateTimeKind.Utc));
                    balance.Add(broker.Balance);
                    equity.Add(broker.Equity);
                }

                var quote = new SimQuote(t.TimeUtc, t.Bid, t.Ask, false);
                _clock.UtcTicks = t.TimeUtc.Ticks;
                broker.ProcessQuote(symbol, in quote);
                if (isNewBar)
                {
                    currentBucket = bucket;
                    buffer.OpenBar(bucket, t.Bid);
                    if (_started)
                    {
                        NewBar();
                    }
                }
                else
                {
                    buffer.Update(t.Bid);
                }

                AfterQuote(t.Bid, isNewBar);
                quotesDone++;
                if (_active == 0 && _robots.Length > 0)
                {
                    break;
                }
            }

            if (currentBucket != long.MinValue)
            {
                times.Add(new DateTime(currentBucket, DateTimeKind.Utc));
                balance.Add(broker.Balance);
                equity.Add(broker.Equity);
            }

            sw.Stop();
            result.BarsSimulated = times.Count;
            result.QuotesSimulated = quotesDone;
            result.BarTimesUtc = times.ToArray();
            result.BalanceCurve = balance.ToArray();
            result.EquityCurve = equity.ToArray();
        }

        /// <summary>
        /// Everything after the broker and the bars buffer took a quote: other time frames, OnStart at the first
        /// quote, then the per-tick work (<see cref="Tick"/>). While a single robot runs with nothing else listening
        /// (<see cref="Reexamine"/>), only its OnTick is called: the rest of <see cref="Tick"/> would find nothing to do.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void AfterQuote(double bid, bool barOpened)
        {
            if (_signals.Raised)
            {
                Reexamine();
            }

            var plain = _plain;
            if (plain != null)
            {
                if (plain.HasOnTick)
                {
                    InvokeOnTick(plain);
                    if (_signals.Raised)
                    {
                        // OnTick asked to stop, started a timer or subscribed to something: finish as Tick would.
                        FinishTick(plain);
                    }
                }

                return;
            }

            var aggregators = _aggregators;
            for (var a = 0; a < aggregators.Length; a++)
            {
                aggregators[a].OnQuote(bid);
            }

            if (!_started)
            {
                StartAll();
            }

            Tick(barOpened);
        }

        /// <summary>
        /// Picks the per-quote path after a <see cref="RunSignals"/> signal: the lean one needs a started run with
        /// one active robot, no run indicators, no other time frames, no Symbol.Tick or Bars.Tick subscriber, no
        /// running timer and no pending stop. Every change of these raises the signal.
        /// </summary>
        private void Reexamine()
        {
            _signals.Clear();
            _plain = null;
            if (!_started || _robots.Length != 1 || _indicators.Length != 0 || _aggregators.Length != 0 || _symbol.HasTickListeners)
            {
                return;
            }

            var slot = _robots[0];
            if (slot.Active && !slot.Bars.HasTickListeners && !slot.Context.StopRequested && !slot.Timer.IsRunning)
            {
                _plain = slot;
            }
        }

        /// <summary>What <see cref="Tick"/> does for a robot after its OnTick.</summary>
        private void FinishTick(RobotSlot slot)
        {
            if (slot.Context.StopRequested)
            {
                StopRobot(slot);
                return;
            }

            if (slot.Timer.IsRunning)
            {
                slot.Timer.Advance(_clock.UtcTicks, slot.OnTimer);
            }
        }

        private void StartAll()
        {
            _started = true;
            _signals.Raise();
            foreach (var slot in _robots)
            {
                Call(slot, Callback.Start);
            }

            foreach (var runner in _indicators)
            {
                runner.EnsureCalculated();
            }
        }

        private void NewBar()
        {
            var robots = _robots;
            for (var r = 0; r < robots.Length; r++)
            {
                var slot = robots[r];
                if (!slot.Active)
                {
                    continue;
                }

                slot.Bars.RaiseBarOpened();

                // A callback the robot does not override is empty: skip the call, keep the stop check that follows it.
                if (slot.HasOnBarClosed)
                {
                    Call(slot, Callback.BarClosed);
                }
                else if (slot.Context.StopRequested)
                {
                    StopRobot(slot);
                }

                if (slot.HasOnBar)
                {
                    Call(slot, Callback.Bar);
                }
                else if (slot.Context.StopRequested)
                {
                    StopRobot(slot);
                }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Tick(bool barOpened)
        {
            var indicators = _indicators;
            for (var i = 0; i < indicators.Length; i++)
            {
                indicators[i].EnsureCalculated();
            }

            if (_symbol.HasTickListeners)
            {
                _symbol.RaiseTick();
            }

            var robots = _robots;
            for (var r = 0; r < robots.Length; r++)
            {
                var slot = robots[r];
                if (!slot.Active)
                {
                    continue;
                }

                if (slot.Bars.HasTickListeners)
                {
                    slot.Bars.RaiseTick(barOpened);
                }

                if (slot.HasOnTick)
                {
                    InvokeOnTick(slot);
                }

                if (slot.Context.StopRequested)
                {
                    StopRobot(slot);
                    continue;
                }

                if (slot.Timer.IsRunning)
                {
                    slot.Timer.Advance(_clock.UtcTicks, slot.OnTimer);
                }
            }
        }

        // Out of line so the per-quote loop above keeps its locals in registers (a try region would spill them).
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void InvokeOnTick(RobotSlot slot)
        {
            try
            {
                slot.Robot.InvokeOnTick();
            }
            catch (Exception e)
            {
                HandleError(slot, e);
            }
        }

        private void Call(RobotSlot slot, Callback callback)
        {
            if (!slot.Active)
            {
                return;
            }

            try
            {
                switch (callback)
                {
                    case Callback.Start: slot.Robot.InvokeOnStart(); break;
                    case Callback.Tick: slot.Robot.InvokeOnTick(); break;
                    case Callback.Bar: slot.Robot.InvokeOnBar(); break;
                    default: slot.Robot.InvokeOnBarClosed(); break;
                }
            }
            catch (Exception e)
            {
                HandleError(slot, e);
            }

            if (slot.Context.StopRequested && slot.Active)
            {
                StopRobot(slot);
            }
        }

        private void HandleError(RobotSlot slot, Exception e)
        {
            _errors.Add(string.Format(CultureInfo.InvariantCulture, "{0:yyyy-MM-ddTHH:mm:ss}Z [{1}] {2}: {3}", new DateTime(_clock.UtcTicks), slot.Context.InstanceId, e.GetType().Name, e.Message));
            if (slot.HandlesExceptions)
            {
                try
                {
                    slot.Robot.InvokeOnException(e);
                    return;
                }
                catch (Exception inner)
                {
                    _errors.Add(slot.Context.InstanceId + " OnException threw " + inner.GetType().Name + ": " + inner.Message);
                }
            }

            // cTrader stops an algo on an unhandled exception when it does not handle them itself.
            StopRobot(slot);
        }

        private void StopRobot(RobotSlot slot)
        {
            if (!slot.Active)
            {
                return;
            }

            slot.Active = false;
            _active--;
            _signals.Raise();
            try
            {
                slot.Robot.InvokeOnStop();
            }
            catch (Exception e)
            {
                _errors.Add(slot.Context.InstanceId + " OnStop threw " + e.GetType().Name + ": " + e.Message);
            }

            // cTrader delivers no more position or order events to a stopped robot.
            _services?.Detach(slot.Robot);
        }

        private void OnTradeError(Robot robot, TradeResult result)
        {
            foreach (var slot in _robots)
            {
                if (ReferenceEquals(slot.Robot, robot) && slot.Active)
                {
                    try
                    {
                        robot.InvokeOnError(new TradeError(result));
                    }
                    catch (Exception e)
                    {
                        HandleError(slot, e);
                    }
                }
            }
        }

        private void Log(string line) 
        {
            var stamped = new DateTime(_clock.UtcTicks).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "Z " + line;
            _log.Add(stamped);
            _options.Log?.Invoke(stamped);
        }

        private static IReadOnlyList<ClosedTradeRecord> CollectTrades(SimulatedBroker broker)
        {
            var trades = new List<ClosedTradeRecord>(broker.History.Count);
            foreach (var t in broker.History)
            {
                trades.Add(new ClosedTradeRecord
                {
                    PositionId = t.PositionId,
                    ClosingDealId = t.ClosingDealId,
                    Symbol = t.SymbolName,
                    Side = t.Side == SimTradeSide.Buy ? TradeType.Buy : TradeType.Sell,
                    EntryTimeUtc = DateTime.SpecifyKind(t.EntryTime, DateTimeKind.Utc),
                    EntryPrice = t.EntryPrice,
                    ExitTimeUtc = DateTime.SpecifyKind(t.ClosingTime, DateTimeKind.Utc),
                    ExitPrice = t.ClosingPrice,
                    VolumeInUnits = t.VolumeInUnits,
                    StopLoss = t.StopLoss,
                    TakeProfit = t.TakeProfit,
                    GrossProfit = t.GrossProfit,
                    Commission = t.NetProfit - t.GrossProfit - t.Swap,
                    Swap = t.Swap,
                    NetProfit = t.NetProfit,
                    BalanceAfter = t.Balance,
                    CloseReason = (PositionCloseReason)(int)t.Reason,
                    IsPartial = t.IsPartial,
                    Label = t.Label ?? string.Empty,
                    Comment = t.Comment ?? string.Empty,
                });
            }

            return trades;
        }

        /// <summary>The history bars loaded before the robots start (the option, clamped to the data).</summary>
        private int WarmupCount(int barCount) => Math.Min(Math.Max(_options.WarmupBars, 0), barCount);

        private static int EstimateBars(QuoteTick[] ticks) =>
            ticks.Length == 0 ? 16 : (int)Math.Min(int.MaxValue - 1, ((ticks[^1].TimeUtc - ticks[0].TimeUtc).Ticks / TimeSpan.TicksPerMinute) + 2);

        private static T[] Trim<T>(T[] values, long count)
        {
            if (count == values.Length)
            {
                return values;
            }

            var trimmed = new T[count];
            Array.Copy(values, trimmed, count);
            return trimmed;
        }

        private enum Callback
        {
            Start,
            Tick,
            Bar,
            BarClosed,
        }

        private sealed class RobotSlot
        {
            public RobotSlot(Robot robot, AlgoContext context)
            {
                Robot = robot;
                Context = context;
                Bars = (HeadlessBars)context.Bars;
                Timer = (HeadlessTimer)context.Timer;
                Storage = (FileLocalStorage)context.LocalStorage;

                // Like cTrader's backtester: LocalStorage lives in memory during the run; written once at stop. A run
                // in RealTime mode stands for a live instance: its flushes reach the files at once, where another
                // instance's Reload sees them.
                Storage.DeferFlushUntilStop = context.RunningMode != RunningMode.RealTime;
                HandlesExceptions = Overrides(robot.GetType(), "OnException");
                HasOnTick = OverridesCallback(robot.GetType(), "OnTick");
                HasOnBar = OverridesCallback(robot.GetType(), "OnBar");
                HasOnBarClosed = OverridesCallback(robot.GetType(), "OnBarClosed");
                OnTimer = robot.InvokeOnTimer;
            }

            public Robot Robot { get; }
            public AlgoContext Context { get; }
            public HeadlessBars Bars { get; }
            public HeadlessTimer Timer { get; }
            public FileLocalStorage Storage { get; }
            public bool HandlesExceptions { get; }

            // False when the robot keeps the empty base callback, so the engine need not call it.
            public bool HasOnTick { get; }
            public bool HasOnBar { get; }
            public bool HasOnBarClosed { get; }
            public Action OnTimer { get; }
            public bool Active { get; set; } = true;

            private static bool Overrides(Type type, string method)
            {
                var m = type.GetMethod(method, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);
                return m != null && m.DeclaringType != typeof(Algo);
            }

            /// <summary>
            /// True unless the parameterless virtual <paramref name="method"/> is Robot's own (empty) one. Errs towards
            /// true: calling an empty callback is only slower, skipping a real one would change the run.
            /// </summary>
            private static bool OverridesCallback(Type type, string method)
            {
                var m = type.GetMethod(method, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public, null, Type.EmptyTypes, null);
                return m == null || m.DeclaringType != typeof(Robot);
            }
        }
    }
}

namespace PerpGuard.Headless.Backtesting
{
    /// <summary>A backtest set up and ready to simulate; <see cref="Execute"/> runs it once.</summary>
    public sealed class PreparedBacktest
    {
        private readonly Action _start;
        private readonly Func<BacktestResult> _execute;
        private bool _done;

        internal PreparedBacktest(Action start, Func<BacktestResult> execute)
        {
            _start = start;
            _execute = execute;
        }

        /// <summary>
        /// Optional: with bar data, simulates up to and including the robots' start (OnStart runs at the first
        /// quote, as in <see cref="Execute"/>), so a benchmark can measure the steady-state loop alone. Execute
        /// then goes on from there; the result is the same as without this call. Does nothing with tick data.
        /// </summary>
        public void Start()
        {
            if (_done)
            {
                throw new InvalidOperationException("A prepared backtest runs once; prepare another.");
            }

            _start();
        }

        public BacktestResult Execute()
        {
            if (_done)
            {
                throw new InvalidOperationException("A prepared backtest runs once; prepare another.");
            }

            _done = true;
            return _execute();
        }
    }
}
