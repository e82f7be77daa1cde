using System;
using System.IO;
using System.Linq;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Journal;
using PerpGuard.Risk.Persistence;
using PerpGuard.Risk.Pipeline;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Rules;
using PerpGuard.Risk.Time;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>How a robot's pipeline events become versioned journal records.</summary>
    public class PipelineJournalMapperTests
    {
        private static readonly DateTime T0 = new DateTime(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);

        private static PipelineJournalMapper Mapper() => new PipelineJournalMapper("PerpGuard.RiskManagedScalper", "BTCUSD", "USD");

        [Test]
        public void Map_RefusedEntry_DecisionDenyWithStableCode()
        {
            var e = new PipelineEvent(T0, PipelineEventKind.EntryRefused, "SpreadTooWide") { Side = TradeSide.Long, Price = 60_000, Value = 120, Message = "spread 30 > 20" };

            var d = (DecisionEvent)Mapper().Map(e);

            Assert.That((d.Verdict, d.Reason, d.ReasonNumber, d.Rule, d.Scale), Is.EqualTo((Verdict.Deny, ReasonCode.SpreadTooWide, 200, "SpreadTooWide", 0.0)), "200 = SpreadTooWide (docs/risk-daily.md)");
            Assert.That((d.Intent, d.Side, d.IntendedPrice, d.Atr, d.Message), Is.EqualTo((OrderIntent.Entry, (TradeSide?)TradeSide.Long, (double?)60_000, (double?)120, "spread 30 > 20")));
            Assert.That((d.AtUtc, d.Source, d.Symbol), Is.EqualTo((T0, "PerpGuard.RiskManagedScalper", "BTCUSD")));
        }

        [Test]
        public void Map_SizingRefusal_NoNumberButRuleKeepsTheCode()
        {
            var d = (DecisionEvent)Mapper().Map(new PipelineEvent(T0, PipelineEventKind.EntryRefused, "below-minimum-volume"));

            Assert.That((d.Verdict, d.Reason, d.Rule), Is.EqualTo((Verdict.Deny, ReasonCode.None, "below-minimum-volume")));
        }

        [Test]
        public void Map_ClosedTradeWorkedExample_NetProfitAndRMultiple()
        {
            // docs/risk-daily.md worked example: 0.27 BTC long, intended 60,000, filled 60,005, stop 59,700,
            // exit 60,600, fees 16.28, swap 1.50 → gross 0.27 × 595 = 160.65, net 142.87, planned 97.16 → +1.47 R.
            var m = Mapper();
            m.Map(new PipelineEvent(T0, PipelineEventKind.EntryPlanned, string.Empty) { Value = 200 });
            m.Map(new PipelineEvent(T0, PipelineEventKind.PositionOpened, string.Empty) { PositionId = 7, Price = 60_000, FillPrice = 60_005, StopLoss = 59_700, TakeProfit = 60_600, PlannedRisk = 97.16 });
            var close = new PipelineEvent(T0.AddMinutes(30), PipelineEventKind.TradeClosed, "TakeProfit")
            {
                PositionId = 7, Side = TradeSide.Long, Volume = 0.27, Price = 60_005, FillPrice = 60_600, StopLoss = 60_005,
                PlannedRisk = 97.16, Value = 142.87, GrossProfit = 160.65, Swap = -1.50, EntryUtc = T0,
            };

            var c = (TradeClosedEvent)m.Map(close);

            Assert.That(c.NetProfit, Is.EqualTo(142.87).Within(1e-9));
            Assert.That(c.Commission, Is.EqualTo(16.28).Within(1e-9));
            Assert.That(c.Swap, Is.EqualTo(1.50).Within(1e-9));
            Assert.That(c.RMultiple, Is.EqualTo(1.47).Within(0.005));
            Assert.That((c.IntendedEntryPrice, c.FilledEntryPrice, c.InitialStopPrice, c.ExitPrice), Is.EqualTo((60_000.0, 60_005.0, 59_700.0, 60_600.0)), "1 R from the initial stop, not the moved one");
            Assert.That((c.PositionId, c.ClosedBy, c.ClosedByNumber, c.Currency, c.EntryTimeUtc), Is.EqualTo(("7", ReasonCode.TakeProfit, 301, "USD", T0)));
            Assert.That(c.StopInAtr, Is.EqualTo(305.0 / 200).Within(1e-9), "ATR at entry from the plan");
            Assert.That(c.EntrySlippage, Is.EqualTo(5.0).Within(1e-9));
        }

        [Test]
        public void Map_ClosedTradeWithExcursions_MaeMfeInPriceAndInR()
        {
            // Long filled at 60,005 with its first stop at 59,700: 1 R = 305 in price. The bot saw the bid
            // 91.5 below the fill at worst and 457.5 above at best, spread 2.5 at entry:
            // MAE = 91.5 → 91.5 / 305 = 0.3 R; MFE = 457.5 → 457.5 / 305 = 1.5 R.
            var m = Mapper();
            m.Map(new PipelineEvent(T0, PipelineEventKind.PositionOpened, string.Empty) { PositionId = 8, Price = 60_000, StopLoss = 59_700 });
            var c = (TradeClosedEvent)m.Map(new PipelineEvent(T0.AddMinutes(5), PipelineEventKind.TradeClosed, "StopLoss")
            {
                PositionId = 8, Side = TradeSide.Long, Volume = 0.1, Price = 60_005, FillPrice = 60_100, Value = 5,
                MaxAdverseExcursion = 91.5, MaxFavourableExcursion = 457.5, SpreadAtEntry = 2.5,
            });

            Assert.That((c.MaxAdverseExcursion, c.MaxFavourableExcursion, c.SpreadAtEntry), Is.EqualTo((91.5, 457.5, 2.5)));
            Assert.That(c.MaeR, Is.EqualTo(0.3).Within(1e-9));
            Assert.That(c.MfeR, Is.EqualTo(1.5).Within(1e-9));
        }

        [Test]
        public void Map_ClosedTradeWithoutExcursions_ZeroNotNaN()
        {
            // A position adopted after a restart: its spread at entry is unknown (NaN) and stays out of the JSON as 0.
            var c = (TradeClosedEvent)Mapper().Map(new PipelineEvent(T0, PipelineEventKind.TradeClosed, "StopLoss") { PositionId = 9, Value = -5 });

            Assert.That((c.MaxAdverseExcursion, c.MaxFavourableExcursion, c.SpreadAtEntry), Is.EqualTo((0.0, 0.0, 0.0)));
        }

        [Test]
        public void Map_ClosedByTheBotAfterExpectClose_Flatten304()
        {
            var m = Mapper();
            m.ExpectClose(3, PipelineEventKind.FlattenClose);

            var c = (TradeClosedEvent)m.Map(new PipelineEvent(T0, PipelineEventKind.TradeClosed, "Closed") { PositionId = 3, Value = -10 });
            var manual = (TradeClosedEvent)m.Map(new PipelineEvent(T0, PipelineEventKind.TradeClosed, "Closed") { PositionId = 4, Value = -10 });

            Assert.That(c.ClosedByNumber, Is.EqualTo(304));
            Assert.That(manual.ClosedByNumber, Is.EqualTo(303), "Closed with no bot action = by hand");
            Assert.That(c.RMultiple, Is.Null, "no planned risk known");
        }

        [TestCase("FlatBeforeRollover", 307)]
        [TestCase("DailyLossLimit", 304)] // the halt's flatten names the day's reason: still "closed by the daily halt"
        public void Map_FlattenWithItsReason_ClosedByTheRolloverExitOrTheHalt(string reason, int closedBy)
        {
            var m = Mapper();
            m.ExpectClose(3, PipelineEventKind.FlattenClose, reason);

            var c = (TradeClosedEvent)m.Map(new PipelineEvent(T0, PipelineEventKind.TradeClosed, "Closed") { PositionId = 3, Value = -10 });

            Assert.That(c.ClosedByNumber, Is.EqualTo(closedBy));
        }

        [Test]
        public void Map_StateChange_StateChangedRecordFromTheTransition()
        {
            var day = new TradingDay(new DateOnly(2026, 11, 25));
            var t = new StateTransition(day, T0, TradingState.Active, TradingState.Halted, false, ReasonCode.DailyLossLimit, 9_800, -200);

            var s = (StateChangedEvent)Mapper().Map(new PipelineEvent(T0, PipelineEventKind.StateChanged, "DailyLossLimit") { Transition = t });

            Assert.That((s.Day, s.From, s.To, s.ReasonNumber, s.Equity, s.DayPnL), Is.EqualTo((day, TradingState.Active, TradingState.Halted, 100, 9_800.0, -200.0)));
        }

        [Test]
        public void Map_OtherKinds_NoteWithReadableText()
        {
            var n = (NoteEvent)Mapper().Map(new PipelineEvent(T0, PipelineEventKind.StopMoved, "BreakEven") { PositionId = 5, StopLoss = 60_010.5 });

            Assert.That(n.Text, Is.EqualTo("StopMoved BreakEven id=5 stop=60010.5"));
            Assert.That(n.Reason, Is.EqualTo(ReasonCode.None));
        }

        [Test]
        public void Map_EveryKindThroughJournalStore_ReadsBackClean()
        {
            var store = new InMemoryKeyValueStore();
            var m = Mapper();
            var journal = new JournalStore(store, "journal");
            foreach (PipelineEventKind kind in Enum.GetValues(typeof(PipelineEventKind)))
            {
                journal.Append(m.Map(new PipelineEvent(T0, kind, kind.ToString()) { PositionId = 1 }));
            }

            var back = new JournalStore(store, "journal").ReadAll();

            Assert.That(back.Problems, Is.Empty);
            Assert.That(back.Events.Count, Is.EqualTo(Enum.GetValues(typeof(PipelineEventKind)).Length));
        }
    }
}
