#nullable disable
using System;
using System.Globalization;
using PerpGuard.Headless.Runtime;

namespace cAlgo.API.Internals
{
    /// <summary>Base of Robot and Indicator. State comes from the headless runtime through <see cref="Context"/>.</summary>
    public class Algo
    {
        internal Algo()
        {
        }

        /// <summary>Set by the host before any lifecycle call; never part of the public surface.</summary>
        internal AlgoContext Context { get; set; }

        public string InstanceId => Context.InstanceId;
        public LocalStorage LocalStorage => Context.LocalStorage;
        public IIndicatorsAccessor Indicators => Context.Indicators;
        public INotifications Notifications => Context.Notifications;
        public TimeFrame TimeFrame => Context.TimeFrame;
        public IServer Server => Context.Server;
        public TimeZoneInfo TimeZone => Context.TimeZone;
        public Positions Positions => Context.Positions;
        public PendingOrders PendingOrders => Context.PendingOrders;
        public History History => Context.History;
        public Timer Timer => Context.Timer;

        /// <summary>Server time in the algo's time zone (cTrader: a shortcut for Server.Time).</summary>
        public DateTime Time => Context.Server.Time;
        public DateTime TimeInUtc => Context.Server.TimeInUtc;
        public RunningMode RunningMode => Context.RunningMode;
        public bool IsBacktesting => Context.RunningMode != RunningMode.RealTime;
        public Chart Chart => Context.Chart;
        public string SymbolName => Context.SymbolName;
        public Symbols Symbols => Context.Symbols;
        public Symbol Symbol => Context.Symbol;
        public double Bid => Context.Symbol.Bid;
        public double Ask => Context.Symbol.Ask;
        public Bars Bars => Context.Bars;
        public MarketData MarketData => Context.MarketData;

        protected virtual void OnException(Exception exception)
        {
        }

        protected virtual void OnTimer()
        {
        }

        public void BeginInvokeOnMainThread(Action action)
        {
            // Headless: one thread; run at once.
            action?.Invoke();
        }

        public void RefreshData()
        {
        }

        public IndicatorDataSeries CreateDataSeries() => Context.CreateDataSeries();

        public void Print(object value) => Context.Log(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);

        public void Print(params object[] parameters)
        {
            if (parameters == null)
            {
                Context.Log(string.Empty);
                return;
            }

            var parts = new string[parameters.Length];
            for (var i = 0; i < parameters.Length; i++)
            {
                parts[i] = Convert.ToString(parameters[i], CultureInfo.InvariantCulture) ?? string.Empty;
            }

            Context.Log(string.Join(" ", parts));
        }

        /// <summary>
        /// A composite format ("{0}"), even with no parameters: cTrader does not say it skips formatting then, and C#
        /// binds Print("text") to this overload, so text with braces must go through Print(object) (the strict reading).
        /// </summary>
        public void Print(string message, params object[] parameters) =>
            Context.Log(string.Format(CultureInfo.InvariantCulture, message, parameters ?? Array.Empty<object>()));

        internal void InvokeOnException(Exception exception) => OnException(exception);

        internal void InvokeOnTimer() => OnTimer();
    }
}
