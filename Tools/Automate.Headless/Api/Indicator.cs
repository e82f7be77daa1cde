#nullable disable
using cAlgo.API.Internals;

namespace cAlgo.API
{
    /// <summary>Base class of indicators. The headless host runs Initialize once, then Calculate per bar.</summary>
    public abstract class Indicator : Algo
    {
        protected Indicator()
        {
        }

        /// <summary>True while Calculate runs for the newest bar (recalculated on every tick).</summary>
        public bool IsLastBar { get; internal set; }

        public IndicatorArea IndicatorArea => Context.IndicatorArea;

        public IAccount Account => Context.Account;

        public abstract void Calculate(int index);

        protected virtual void Initialize()
        {
        }

        protected virtual void OnDestroy()
        {
        }

        public override string ToString() => GetType().Name;

        internal void InvokeInitialize() => Initialize();

        internal void InvokeOnDestroy() => OnDestroy();
    }
}
