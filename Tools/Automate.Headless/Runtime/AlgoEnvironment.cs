using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Reflection;
using cAlgo.API;
using cAlgo.API.Internals;

namespace PerpGuard.Headless.Runtime
{
    /// <summary>The current market instant, shared by every algo of a run (set by the engine per quote).</summary>
    public sealed class MarketClock
    {
        public long UtcTicks { get; set; }
    }

    /// <summary>IServer in one algo's time zone.</summary>
    public sealed class HeadlessServer : IServer
    {
        private readonly MarketClock _market;
        private readonly ZoneClock _zone;

        public HeadlessServer(MarketClock market, ZoneClock zone)
        {
            _market = market;
            _zone = zone;
        }

        public event Action? Connected;

        public event Action? Disconnected;

        public DateTime Time => _zone.ToZone(_market.UtcTicks);

        public DateTime TimeInUtc => new DateTime(_market.UtcTicks, DateTimeKind.Utc);

        public bool IsConnected => true;

        internal void RaiseConnected() => Connected?.Invoke();

        internal void RaiseDisconnected() => Disconnected?.Invoke();
    }

    /// <summary>
    /// What the algos of one run share: the account and its trading, the chart, storage, clock and log.
    /// <see cref="CreateContext"/> gives each algo its own view (time zone, bars, instance id).
    /// </summary>
    public sealed class AlgoEnvironment
    {
        private readonly List<IndicatorRunner> _runners = new List<IndicatorRunner>();
        private int _instances;

        public AlgoEnvironment(string symbolName, Symbol symbol, BarBuffer buffer, TimeFrame timeFrame, MarketClock clock)
        {
            SymbolName = symbolName;
            Symbol = symbol;
            Buffer = buffer;
            TimeFrame = timeFrame;
            Clock = clock;
        }

        public string SymbolName { get; }
        public Symbol Symbol { get; }
        public BarBuffer Buffer { get; }
        public TimeFrame TimeFrame { get; }
        public MarketClock Clock { get; }

        public IAccount Account { get; set; } = null!;
        public ITradingGateway Trading { get; set; } = null!;
        public Positions Positions { get; set; } = null!;
        public PendingOrders PendingOrders { get; set; } = null!;
        public History History { get; set; } = null!;
        public HeadlessChart Chart { get; set; } = new HeadlessChart();
        public Symbols Symbols { get; set; } = null!;
        public RecordingNotifications Notifications { get; } = new RecordingNotifications();
        public RunningMode RunningMode { get; set; } = RunningMode.SilentBacktesting;

        /// <summary>Folder for LocalStorage files (null: in memory only).</summary>
        public string? StorageDirectory { get; set; }

        /// <summary>LocalStorage refuses keys outside cTrader's documented form (see <see cref="FileLocalStorage.StrictKeys"/>).</summary>
        public bool StrictLocalStorageKeys { get; set; } = true;

        /// <summary>Receives every Print line ("[instance] message").</summary>
        public Action<string> Log { get; set; } = _ => { };

        /// <summary>Extra bars for other time frames (MarketData.GetBars), maintained by the engine.</summary>
        public Func<TimeFrame, Bars?>? OtherTimeFrames { get; set; }

        /// <summary>Bars of another symbol of the run (MarketData.GetBars(timeFrame, symbolName)); null when it has none.</summary>
        public Func<TimeFrame, string, HeadlessBars?>? OtherSymbolBars { get; set; }

        public Action<Robot, TradeResult>? TradeErrorHandler { get; set; }

        /// <summary>Passed to the contexts, bars and timers it creates (set by the engine; null otherwise).</summary>
        public RunSignals? Signals { get; set; }

        /// <summary>
        /// True while the run is being set up (<see cref="PerpGuard.Headless.Backtesting.PreparedBacktest.Start"/>):
        /// output series created then are filled up front, so their memory is committed during set-up rather
        /// than page by page inside the simulation loop.
        /// </summary>
        public bool CommitSeries { get; set; }

        public IReadOnlyList<IndicatorRunner> Runners => _runners;

        /// <summary>Builds the context one algo instance sees, with times in its attribute's zone.</summary>
        public AlgoContext CreateContext(Algo algo, BarBuffer? buffer = null, TimeFrame? timeFrame = null, string? timeZoneId = null)
        {
            var zoneId = timeZoneId ?? TimeZoneOf(algo.GetType());
            var zone = new ZoneClock(ZoneClock.Resolve(zoneId));
            var bars = new HeadlessBars(buffer ?? Buffer, timeFrame ?? TimeFrame, SymbolName, zone) { Signals = Signals };
            var id = algo.GetType().Name + "-" + (++_instances).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var log = Log;
            var ctx = new AlgoContext(id, SymbolName, Symbol, bars, new HeadlessServer(Clock, zone), zone.Zone, m => log("[" + id + "] " + m))
            {
                Account = Account,
                Trading = Trading,
                Positions = Positions,
                PendingOrders = PendingOrders,
                History = History,
                Chart = Chart,
                IndicatorArea = Chart.MainArea,
                Symbols = Symbols,
                Notifications = Notifications,
                RunningMode = RunningMode,
                Timer = new HeadlessTimer(Clock) { Signals = Signals },
                TradeErrorHandler = TradeErrorHandler,
                Signals = Signals,
            };
            ctx.LocalStorage = new FileLocalStorage(StorageDirectory, algo.GetType().Name, id)
            {
                StrictKeys = StrictLocalStorageKeys,
                Report = m => log("[" + id + "] " + m),
            };
            ctx.MarketData = new HeadlessMarketData(this, bars, zone);
            ctx.SeriesFactory = () => new HeadlessIndicatorDataSeries(bars.Buffer, bars.Buffer.Capacity);
            ctx.Indicators = new IndicatorsAccessor(this, ctx);
            algo.Context = ctx;
            return ctx;
        }

        /// <summary>Creates, binds (positional values) and initialises an indicator over the given bars.</summary>
        public TIndicator CreateIndicator<TIndicator>(HeadlessBars bars, object[] parameterValues)
        {
            var runner = CreateIndicator(typeof(TIndicator), bars, parameterValues, null);
            return (TIndicator)(object)runner.Indicator;
        }

        /// <summary>Creates an indicator; parameters by name (strings) or positional values.</summary>
        public IndicatorRunner CreateIndicator(Type type, HeadlessBars bars, object[]? positional, IReadOnlyDictionary<string, string>? named)
        {
            if (!typeof(Indicator).IsAssignableFrom(type))
            {
                throw new ArgumentException(type.Name + " is not a cAlgo Indicator", nameof(type));
            }

            var indicator = (Indicator)Activator.CreateInstance(type)!;
            var ctx = CreateContext(indicator, bars.Buffer, bars.TimeFrame);
            var ownBars = ctx.Bars;
            if (positional != null)
            {
                ParameterBinder.BindPositional(indicator, positional, ownBars);
            }
            else
            {
                ParameterBinder.Bind(indicator, named, ownBars);
            }

            var runner = new IndicatorRunner(indicator, bars.Buffer);
            foreach (var (property, _) in ParameterBinder.Outputs(type))
            {
                var series = new HeadlessIndicatorDataSeries(bars.Buffer, bars.Buffer.Capacity) { Owner = runner };
                runner.AddOutput(series);
                if (CommitSeries)
                {
                    series.Commit();
                }

                property.SetValue(indicator, series);
            }

            indicator.InvokeInitialize();
            _runners.Add(runner);
            return runner;
        }

        // Per type, read once (see ParameterBinder: attribute reads are not cheap).
        private static readonly ConcurrentDictionary<Type, string?> TimeZoneByType = new ConcurrentDictionary<Type, string?>();

        public static string? TimeZoneOf(Type algoType) =>
            TimeZoneByType.GetOrAdd(algoType, t => t.GetCustomAttribute<RobotAttribute>()?.TimeZone ?? t.GetCustomAttribute<IndicatorAttribute>()?.TimeZone);
    }
}
