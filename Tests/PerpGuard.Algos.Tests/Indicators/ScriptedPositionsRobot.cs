using cAlgo.API;

namespace PerpGuard.Algos.Tests.Indicators
{
    /// <summary>
    /// Test cBot: opens one market position when the bar with index <see cref="OpenAtBar"/> opens and
    /// closes it when bar <see cref="CloseAtBar"/> opens (−1: never). Stop loss in pips (0: none).
    /// </summary>
    [Robot(AccessRights = AccessRights.None, TimeZone = TimeZones.UTC)]
    public class ScriptedPositionsRobot : Robot
    {
        /// <summary>Label of the positions it opens and closes (another bot's label makes them look like that bot's).</summary>
        [Parameter(DefaultValue = "ScriptedPositions")]
        public string Label { get; set; } = "ScriptedPositions";

        /// <summary>When this bar opens, <see cref="PartialCloseVolume"/> units of each of its positions are closed (−1: never).</summary>
        [Parameter(DefaultValue = -1)]
        public int PartialCloseAtBar { get; set; }

        [Parameter(DefaultValue = 0.0)]
        public double PartialCloseVolume { get; set; }

        [Parameter(DefaultValue = 2)]
        public int OpenAtBar { get; set; }

        [Parameter(DefaultValue = -1)]
        public int CloseAtBar { get; set; }

        [Parameter(DefaultValue = TradeType.Buy)]
        public TradeType Side { get; set; }

        [Parameter(DefaultValue = 0.5)]
        public double Volume { get; set; }

        [Parameter(DefaultValue = 0.0)]
        public double StopLossPips { get; set; }

        /// <summary>Volume of a second, opposite position opened with the first (0: none; hedged accounts).</summary>
        [Parameter(DefaultValue = 0.0)]
        public double HedgeVolume { get; set; }

        [Parameter(DefaultValue = -1)]
        public int ModifyAtBar { get; set; }

        /// <summary>New absolute stop-loss price at <see cref="ModifyAtBar"/>.</summary>
        [Parameter(DefaultValue = 0.0)]
        public double NewStopLoss { get; set; }

        protected override void OnBar()
        {
            var index = Bars.Count - 1;
            if (index == OpenAtBar)
            {
                var result = ExecuteMarketOrder(Side, SymbolName, Volume, Label, StopLossPips > 0 ? StopLossPips : (double?)null, null);
                if (!result.IsSuccessful)
                {
                    Print("open failed: " + result.Error.ToString());
                }

                if (HedgeVolume > 0)
                {
                    ExecuteMarketOrder(Side == TradeType.Buy ? TradeType.Sell : TradeType.Buy, SymbolName, HedgeVolume, Label);
                }
            }

            if (index == ModifyAtBar)
            {
                foreach (var position in Positions.FindAll(Label))
                {
                    position.ModifyStopLossPrice(NewStopLoss);
                }
            }

            if (index == PartialCloseAtBar)
            {
                foreach (var position in Positions.FindAll(Label))
                {
                    ClosePosition(position, PartialCloseVolume);
                }
            }

            if (index == CloseAtBar)
            {
                foreach (var position in Positions.FindAll(Label))
                {
                    ClosePosition(position);
                }
            }
        }

    }
}
