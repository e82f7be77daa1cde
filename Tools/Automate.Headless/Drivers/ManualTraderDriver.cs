using System;
using System.Collections.Generic;
using cAlgo.API;
using cAlgo.API.Internals;

namespace PerpGuard.Headless.Drivers
{
    /// <summary>
    /// A seeded stand-in for a human trader, for TradeGuardian's backtests: on each bar it may open a
    /// market position without a stop (sometimes with one), sized at a random effective leverage
    /// between <see cref="MinLeverage"/> and <see cref="MaxLeverage"/> (so some are oversize), and may
    /// close one of its positions at random. Same seed, same data → same orders.
    /// </summary>
    [Robot(AccessRights = AccessRights.None, TimeZone = TimeZones.UTC)]
    public class ManualTraderDriver : Robot
    {
        [Parameter("Seed", DefaultValue = 42)]
        public int Seed { get; set; }

        [Parameter("Open probability per bar", DefaultValue = 0.05, MinValue = 0, MaxValue = 1)]
        public double OpenProbability { get; set; }

        [Parameter("Close probability per bar", DefaultValue = 0.01, MinValue = 0, MaxValue = 1)]
        public double CloseProbability { get; set; }

        [Parameter("Min leverage (x)", DefaultValue = 0.5, MinValue = 0.01)]
        public double MinLeverage { get; set; }

        [Parameter("Max leverage (x)", DefaultValue = 8.0, MinValue = 0.01)]
        public double MaxLeverage { get; set; }

        [Parameter("Share opened with a stop", DefaultValue = 0.2, MinValue = 0, MaxValue = 1)]
        public double StopShare { get; set; }

        [Parameter("Max open positions", DefaultValue = 3, MinValue = 1)]
        public int MaxOpenPositions { get; set; }

        [Parameter("Label", DefaultValue = "manual")]
        public string Label { get; set; } = "manual";

        /// <summary>
        /// A trader whose new position is closed by someone else within a minute (a guardian keeping a halted
        /// account flat) stops opening for this many bars instead of clicking again at once (0 = never pauses).
        /// </summary>
        [Parameter("Pause after a refused position (bars)", DefaultValue = 60, MinValue = 0)]
        public int PauseAfterRefusalBars { get; set; }

        private readonly List<int> _opened = new List<int>();
        private Random _random = new Random(42);
        private int _closingOwn;
        private int _pausedBars;

        /// <summary>Ids of the positions this driver opened, in order.</summary>
        public IReadOnlyList<int> OpenedPositionIds => _opened;

        /// <summary>Orders the broker refused.</summary>
        public int Rejected { get; private set; }

        /// <summary>Times the driver paused after one of its positions was closed at once by someone else.</summary>
        public int Pauses { get; private set; }

        protected override void OnStart()
        {
            _random = new Random(Seed);
            Positions.Closed += OnPositionClosed;
        }

        private void OnPositionClosed(PositionClosedEventArgs args)
        {
            var p = args.Position;
            if (_closingOwn > 0 || p.Label != Label || args.Reason != PositionCloseReason.Closed || PauseAfterRefusalBars <= 0)
            {
                return;
            }

            if (Server.Time - p.EntryTime < TimeSpan.FromMinutes(1))
            {
                _pausedBars = PauseAfterRefusalBars;
                Pauses++;
            }
        }

        protected override void OnBar()
        {
            // Draw every number each bar, used or not, so one decision never shifts the next bar's.
            var openDraw = _random.NextDouble();
            var sideDraw = _random.NextDouble();
            var leverageDraw = _random.NextDouble();
            var stopDraw = _random.NextDouble();
            var stopPipsDraw = _random.NextDouble();
            var closeDraw = _random.NextDouble();
            var pickDraw = _random.NextDouble();

            var mine = Positions.FindAll(Label, SymbolName);
            if (closeDraw < CloseProbability && mine.Length > 0)
            {
                _closingOwn++;
                ClosePosition(mine[(int)(pickDraw * mine.Length) % mine.Length]);
                _closingOwn--;
            }

            if (_pausedBars > 0)
            {
                _pausedBars--;
                return;
            }

            if (openDraw >= OpenProbability || mine.Length >= MaxOpenPositions)
            {
                return;
            }

            var type = sideDraw < 0.5 ? TradeType.Buy : TradeType.Sell;
            var price = type == TradeType.Buy ? Symbol.Ask : Symbol.Bid;
            if (!(price > 0) || !(Account.Equity > 0))
            {
                return;
            }

            var leverage = MinLeverage + (MaxLeverage - MinLeverage) * leverageDraw;
            var units = Symbol.NormalizeVolumeInUnits(leverage * Account.Equity / price, RoundingMode.Down);
            if (units < Symbol.VolumeInUnitsMin)
            {
                return;
            }

            double? stopPips = null;
            if (stopDraw < StopShare)
            {
                // A "manual" stop of 0.2 %–1 % of the price.
                stopPips = Math.Round(price * (0.002 + 0.008 * stopPipsDraw) / Symbol.PipSize);
            }

            var result = ExecuteMarketOrder(type, SymbolName, units, Label, stopPips, null);
            if (result.IsSuccessful && result.Position is not null)
            {
                _opened.Add(result.Position.Id);
            }
            else
            {
                Rejected++;
            }
        }
    }
}
