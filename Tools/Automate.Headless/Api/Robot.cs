#nullable disable
using System;
using cAlgo.API.Internals;
using PerpGuard.Headless.Runtime;

namespace cAlgo.API
{
    /// <summary>Base class of cBots. The headless host drives the lifecycle through internal members.</summary>
    public partial class Robot : Algo
    {
        public Robot()
        {
        }

        public IAccount Account => Context.Account;

        public TradeResult LastResult { get; private set; }

        protected virtual void OnStart()
        {
        }

        protected virtual void OnStop()
        {
        }

        protected virtual void OnTick()
        {
        }

        protected virtual void OnBar()
        {
        }

        protected virtual void OnBarClosed()
        {
        }

        protected virtual void OnError(Error error)
        {
        }

        /// <summary>Asks the host to stop this robot; OnStop runs once, after the current callback.</summary>
        public void Stop() => Context.RequestStop();

        public override string ToString() => GetType().Name;

        protected virtual double GetFitness(GetFitnessArgs args) => 0.0;

        internal void InvokeOnStart() => OnStart();

        internal void InvokeOnStop() => OnStop();

        internal void InvokeOnTick() => OnTick();

        internal void InvokeOnBar() => OnBar();

        internal void InvokeOnBarClosed() => OnBarClosed();

        internal void InvokeOnError(Error error) => OnError(error);

        private TradeResult Trade(MarketOrderRequest request) => Trade(Context.Trading.ExecuteMarketOrder(request));

        private TradeResult Trade(PendingOrderRequest request) => Trade(Context.Trading.PlacePendingOrder(request));

        private TradeResult Trade(TradeResult result)
        {
            LastResult = result;
            if (!result.IsSuccessful)
            {
                Context.ReportTradeError(this, result);
            }

            return result;
        }

        private static TradeOperation Async(TradeResult result, Action<TradeResult> callback)
        {
            // Headless trading is synchronous: the operation has completed when it is returned.
            callback?.Invoke(result);
            return new TradeOperation(result);
        }
    }
}
