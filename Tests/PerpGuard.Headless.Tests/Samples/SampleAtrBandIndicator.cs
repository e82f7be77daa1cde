using cAlgo.API;
using cAlgo.API.Indicators;

namespace PerpGuard.Headless.Tests.Samples
{
    /// <summary>Sample indicator: ATR band around the close; draws a line and a label at the last value.</summary>
    [Indicator(IsOverlay = true, AccessRights = AccessRights.None, TimeZone = TimeZones.UTC)]
    public class SampleAtrBandIndicator : Indicator
    {
        private AverageTrueRange _atr = null!;

        [Parameter(DefaultValue = 3, MinValue = 1)]
        public int Period { get; set; }

        [Parameter(DefaultValue = MovingAverageType.WilderSmoothing)]
        public MovingAverageType MaType { get; set; }

        [Parameter(DefaultValue = 2.0, MinValue = 0.1)]
        public double Multiplier { get; set; }

        [Output("Upper", LineColor = "Red")]
        public IndicatorDataSeries Upper { get; set; } = null!;

        [Output("Lower", LineColor = "Green")]
        public IndicatorDataSeries Lower { get; set; } = null!;

        protected override void Initialize()
        {
            _atr = Indicators.AverageTrueRange(Period, MaType);
        }

        public override void Calculate(int index)
        {
            var atr = _atr.Result[index];
            Upper[index] = Bars.ClosePrices[index] + (Multiplier * atr);
            Lower[index] = Bars.ClosePrices[index] - (Multiplier * atr);
            if (IsLastBar)
            {
                Chart.DrawHorizontalLine("upper", Upper[index], Color.Red);
                Chart.DrawText("label", "ATR " + atr.ToString("F2", System.Globalization.CultureInfo.InvariantCulture), index, Upper[index], Color.White);
                Chart.DrawStaticText("status", "bars " + Bars.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), VerticalAlignment.Top, HorizontalAlignment.Left, Color.FromHex("#FFAA00"));
            }
        }
    }
}
