using cAlgo.API;
using cAlgo.API.Indicators;

namespace PerpGuard.Headless.Tests.Samples
{
    /// <summary>Tiny sample cBot: fast/slow SMA cross on closed bars, fixed SL/TP in pips, one position at a time.</summary>
    [Robot(AccessRights = AccessRights.None, TimeZone = TimeZones.UTC)]
    public class SampleSmaCrossRobot : Robot
    {
        private const string Label = "SampleSmaCross";
        private SimpleMovingAverage _fast = null!;
        private SimpleMovingAverage _slow = null!;

        [Parameter("Fast Periods", DefaultValue = 5, MinValue = 1, Group = "Signal")]
        public int FastPeriods { get; set; }

        [Parameter("Slow Periods", DefaultValue = 20, MinValue = 2, Group = "Signal")]
        public int SlowPeriods { get; set; }

        [Parameter("Volume (units)", DefaultValue = 0.1, MinValue = 0.01, Group = "Risk")]
        public double VolumeInUnits { get; set; }

        [Parameter("Stop Loss (pips)", DefaultValue = 40, MinValue = 1, Group = "Risk")]
        public double StopLossPips { get; set; }

        [Parameter("Take Profit (pips)", DefaultValue = 60, MinValue = 1, Group = "Risk")]
        public double TakeProfitPips { get; set; }

        protected override void OnStart()
        {
            _fast = Indicators.SimpleMovingAverage(Bars.ClosePrices, FastPeriods);
            _slow = Indicators.SimpleMovingAverage(Bars.ClosePrices, SlowPeriods);
        }

        protected override void OnBar()
        {
            // Index Count-1 is the new bar; compare the two closed bars before it.
            var crossedUp = _fast.Result.Last(1) > _slow.Result.Last(1) && _fast.Result.Last(2) <= _slow.Result.Last(2);
            var crossedDown = _fast.Result.Last(1) < _slow.Result.Last(1) && _fast.Result.Last(2) >= _slow.Result.Last(2);
            if (Positions.Find(Label) != null || (!crossedUp && !crossedDown))
            {
                return;
            }

            var result = ExecuteMarketOrder(crossedUp ? TradeType.Buy : TradeType.Sell, SymbolName, VolumeInUnits, Label, StopLossPips, TakeProfitPips);
            if (!result.IsSuccessful)
            {
                Print("Order refused: {0}", result.Error);
            }
        }
    }
}
