using System;
using cAlgo.API;
using cAlgo.API.Internals;

namespace PerpGuard.Headless.Runtime
{
    /// <summary>
    /// Everything one algo instance sees through cAlgo.API. Built by the host (see PerpGuard.Headless.Hosting);
    /// the cAlgo types read it through an internal property, so nothing of ours shows on their public surface.
    /// </summary>
    public sealed class AlgoContext
    {
        private readonly Action<string> _log;

        public AlgoContext(
            string instanceId,
            string symbolName,
            Symbol symbol,
            Bars bars,
            IServer server,
            TimeZoneInfo timeZone,
            Action<string> log)
        {
            InstanceId = instanceId;
            SymbolName = symbolName;
            Symbol = symbol;
            Bars = bars;
            Server = server;
            TimeZone = timeZone;
            _log = log;
            TimeFrame = bars.TimeFrame;
        }

        public string InstanceId { get; }
        public string SymbolName { get; }
        public Symbol Symbol { get; }
        public Bars Bars { get; }
        public IServer Server { get; }
        public TimeZoneInfo TimeZone { get; }
        public TimeFrame TimeFrame { get; }

        public LocalStorage LocalStorage { get; set; } = null!;
        public IIndicatorsAccessor Indicators { get; set; } = null!;
        public INotifications Notifications { get; set; } = new RecordingNotifications();
        public Positions Positions { get; set; } = null!;
        public PendingOrders PendingOrders { get; set; } = null!;
        public History History { get; set; } = null!;
        public Timer Timer { get; set; } = null!;
        public RunningMode RunningMode { get; set; } = RunningMode.SilentBacktesting;
        public Chart Chart { get; set; } = null!;
        public IndicatorArea IndicatorArea { get; set; } = null!;
        public Symbols Symbols { get; set; } = null!;
        public cAlgo.API.Internals.MarketData MarketData { get; set; } = null!;
        public IAccount Account { get; set; } = null!;
        public ITradingGateway Trading { get; set; } = null!;

        /// <summary>Creates series sized like <see cref="Bars"/> (set by the host).</summary>
        public Func<IndicatorDataSeries> SeriesFactory { get; set; } = null!;

        /// <summary>Called when a trade operation fails (the host forwards it to Robot.OnError).</summary>
        public Action<Robot, TradeResult>? TradeErrorHandler { get; set; }

        /// <summary>True once the algo called Stop().</summary>
        public bool StopRequested { get; private set; }

        /// <summary>Told when the algo asks to stop (null outside an engine run).</summary>
        internal RunSignals? Signals { get; set; }

        internal void Log(string message) => _log(message);

        internal IndicatorDataSeries CreateDataSeries() => SeriesFactory();

        internal void RequestStop()
        {
            StopRequested = true;
            Signals?.Raise();
        }

        internal void ReportTradeError(Robot robot, TradeResult result) => TradeErrorHandler?.Invoke(robot, result);
    }
}
