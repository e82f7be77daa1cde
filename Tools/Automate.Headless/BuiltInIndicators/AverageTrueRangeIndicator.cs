using cAlgo.API;
using cAlgo.API.Indicators;

namespace PerpGuard.Headless.BuiltInIndicators
{
    /// <summary>cTrader's Average True Range: MovingAverage(TrueRange, Periods, MAType); defaults 14, Simple.</summary>
    [Indicator(IsOverlay = false, AccessRights = AccessRights.None)]
    public sealed class AverageTrueRangeIndicator : Indicator, AverageTrueRange
    {
        private MovingAverage _movingAverage = null!;

        [Parameter(DefaultValue = 14, MinValue = 1)]
        public int Periods { get; set; }

        [Parameter("MA Type", DefaultValue = MovingAverageType.Simple)]
        public MovingAverageType MAType { get; set; }

        [Output("Main")]
        public IndicatorDataSeries Result { get; set; } = null!;

        protected override void Initialize()
        {
            var trueRange = Indicators.TrueRange(Bars);
            _movingAverage = Indicators.MovingAverage(trueRange.Result, Periods, MAType);
        }

        public override void Calculate(int index)
        {
            Result[index] = _movingAverage.Result[index];
        }
    }
}
