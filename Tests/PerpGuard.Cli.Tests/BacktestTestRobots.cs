using System;
using System.Collections.Generic;
using cAlgo.API;

namespace PerpGuard.Cli.Tests
{
    /// <summary>A journal event shaped like the robots' (Kind, Reason, Utc, PositionId, PlannedRisk, Message).</summary>
    public sealed class TestJournalEvent
    {
        public DateTime Utc { get; set; }
        public string Kind { get; set; } = string.Empty;
        public string Reason { get; set; } = string.Empty;
        public int PositionId { get; set; }
        public double PlannedRisk { get; set; } = double.NaN;
        public string Message { get; set; } = string.Empty;
    }

    /// <summary>
    /// Tiny cBot for the backtest pipeline tests: every <see cref="Every"/> bars it buys 0.01 with a
    /// 50-pip stop and 75-pip target when flat, and every other time it "refuses" (journals
    /// EntryRefused/SpreadTooWide). Its planned risk is 0.01 × 50 = 0.5 USD (pip 1 on BTCUSD).
    /// </summary>
    [Robot(AccessRights = AccessRights.None)]
    public class JournalingTestRobot : Robot
    {
        private readonly List<TestJournalEvent> _journal = new List<TestJournalEvent>();
        private int _bars;
        private bool _refuse;

        [Parameter("Every", DefaultValue = 30, MinValue = 2)]
        public int Every { get; set; }

        public IReadOnlyList<TestJournalEvent> Journal => _journal;

        protected override void OnStart()
        {
            Positions.Opened += args => _journal.Add(new TestJournalEvent
            {
                Utc = Server.Time, Kind = "PositionOpened", PositionId = args.Position.Id, PlannedRisk = 0.5,
            });
        }

        protected override void OnBar()
        {
            _bars++;
            if (_bars % Every != 0 || Positions.Count > 0)
            {
                return;
            }

            _refuse = !_refuse;
            if (_refuse)
            {
                _journal.Add(new TestJournalEvent { Utc = Server.Time, Kind = "EntryRefused", Reason = "SpreadTooWide" });
                return;
            }

            ExecuteMarketOrder(TradeType.Buy, SymbolName, 0.01, "test", 50, 75);
        }
    }
}
