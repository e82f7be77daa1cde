using cAlgo.API;
using cAlgo.API.Indicators;
using cAlgo.API.Internals;
using PerpGuard.Headless.BuiltInIndicators;

namespace PerpGuard.Headless.Runtime
{
    /// <summary>Algo.Indicators: built-ins (faithful to cTrader's open-source ones) and custom indicators.</summary>
    public sealed class IndicatorsAccessor : IIndicatorsAccessor
    {
        private readonly AlgoEnvironment _env;
        private readonly AlgoContext _owner;

        internal IndicatorsAccessor(AlgoEnvironment env, AlgoContext owner)
        {
            _env = env;
            _owner = owner;
        }

        private HeadlessBars OwnerBars => (HeadlessBars)_owner.Bars;

        public TIndicator GetIndicator<TIndicator>(params object[] parameterValues) =>
            _env.CreateIndicator<TIndicator>(OwnerBars, parameterValues ?? new object[0]);

        public TIndicator GetIndicator<TIndicator>(Bars bars, params object[] parameterValues) =>
            _env.CreateIndicator<TIndicator>(AsHeadless(bars), parameterValues ?? new object[0]);

        public MovingAverage MovingAverage(DataSeries source, int periods, MovingAverageType maType) =>
            MovingAverages.Create(_env, ClockFor(source), source, periods, maType);

        public ExponentialMovingAverage ExponentialMovingAverage(DataSeries source, int periods) =>
            _env.CreateIndicator<ExponentialMovingAverageIndicator>(ClockFor(source), new object[] { source, periods });

        public SimpleMovingAverage SimpleMovingAverage(DataSeries source, int periods) =>
            _env.CreateIndicator<SimpleMovingAverageIndicator>(ClockFor(source), new object[] { source, periods });

        public TrueRange TrueRange() => _env.CreateIndicator<TrueRangeIndicator>(OwnerBars, new object[0]);

        public TrueRange TrueRange(Bars bars) => _env.CreateIndicator<TrueRangeIndicator>(AsHeadless(bars), new object[0]);

        public WellesWilderSmoothing WellesWilderSmoothing(DataSeries source, int periods) =>
            _env.CreateIndicator<WellesWilderSmoothingIndicator>(ClockFor(source), new object[] { source, periods });

        public AverageTrueRange AverageTrueRange(int periods, MovingAverageType maType) =>
            _env.CreateIndicator<AverageTrueRangeIndicator>(OwnerBars, new object[] { periods, maType });

        public AverageTrueRange AverageTrueRange(Bars bars, int periods, MovingAverageType maType) =>
            _env.CreateIndicator<AverageTrueRangeIndicator>(AsHeadless(bars), new object[] { periods, maType });

        private HeadlessBars AsHeadless(Bars bars) =>
            bars as HeadlessBars ?? throw new System.ArgumentException("Bars must come from this runtime (Algo.Bars or MarketData.GetBars).", nameof(bars));

        /// <summary>A series advances with the bars it was built on; indicators over it share that clock.</summary>
        private HeadlessBars ClockFor(DataSeries source)
        {
            var buffer = source switch
            {
                BarPriceSeries p => p.Buffer,
                HeadlessIndicatorDataSeries s => s.Clock,
                _ => OwnerBars.Buffer,
            };
            return buffer == OwnerBars.Buffer ? OwnerBars : new HeadlessBars(buffer, OwnerBars.TimeFrame, OwnerBars.SymbolName, OwnerBars.Clock);
        }
    }
}
