using System;
using System.Globalization;
using System.IO;
using System.Threading;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Journal;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Rules;
using PerpGuard.Risk.Tests.Rules;
using PerpGuard.Risk.Tests.Time;
using PerpGuard.Risk.Time;

namespace PerpGuard.Risk.Tests.Journal
{
    public class JournalRecordTests
    {
        /// <summary>
        /// The BTCUSD example (0.27 BTC long, stop 59,700, net-1.5R target 60,600.08, planned
        /// risk 97.16) with an entry filled 5 USD worse and an exit 0.08 short of the target.
        /// </summary>
        internal static TradeClosedEvent Example() => new TradeClosedEvent
        {
            AtUtc = FakeClock.Utc("2026-11-25T11:30:00Z"),
            Source = "RiskManagedScalper",
            Symbol = "BTCUSD",
            PositionId = "1234",
            Label = "PerpGuard.Scalper",
            Side = TradeSide.Long,
            Volume = 0.27,
            Currency = "USD",
            EntryTimeUtc = FakeClock.Utc("2026-11-25T10:00:00Z"),
            IntendedEntryPrice = 60_000,
            FilledEntryPrice = 60_005,
            IntendedExitPrice = 60_600.08,
            ExitPrice = 60_600,
            InitialStopPrice = 59_700,
            TargetPrice = 60_600.08,
            SpreadAtEntry = 12,
            AtrAtEntry = 150,
            Commission = 16.281675, // 0.05 % of 60,005 × 0.27 (8.100675) + 0.05 % of 60,600 × 0.27 (8.181)
            Swap = 1.5,
            GrossProfit = 160.65,   // (60,600 − 60,005) × 0.27
            PlannedRiskMoney = 97.16,
            MaxAdverseExcursion = 100,
            MaxFavourableExcursion = 640,
            ClosedBy = ReasonCode.TakeProfit,
        };

        [Test]
        public void TradeClosed_WorkedLong_DerivedNumbersMatchHandWorking()
        {
            var t = Example();

            Assert.That(t.NetProfit, Is.EqualTo(142.868325).Within(1e-9));          // 160.65 − 16.281675 − 1.5
            Assert.That(t.RMultiple, Is.EqualTo(1.470444).Within(1e-6));            // 142.868325 / 97.16
            Assert.That(t.EntrySlippage, Is.EqualTo(5).Within(1e-9));               // paid 60,005 for 60,000
            Assert.That(t.ExitSlippage, Is.EqualTo(0.08).Within(1e-9));             // got 60,600 for 60,600.08
            Assert.That(t.StopDistance, Is.EqualTo(305).Within(1e-9));              // 60,005 − 59,700
            Assert.That(t.StopInAtr, Is.EqualTo(2.033333).Within(1e-6));            // 305 / 150
            Assert.That(t.TargetInAtr, Is.EqualTo(3.967200).Within(1e-6));          // 595.08 / 150
            Assert.That(t.MaeR, Is.EqualTo(0.327869).Within(1e-6));                 // 100 / 305
            Assert.That(t.MfeR, Is.EqualTo(2.098361).Within(1e-6));                 // 640 / 305
            Assert.That(t.LostMoreThanPlanned, Is.False);
            Assert.That(t.ExitTimeUtc, Is.EqualTo(t.AtUtc));
        }

        [Test]
        public void TradeClosed_ShortFilledLower_SlippageIsPositive()
        {
            var t = new TradeClosedEvent { Side = TradeSide.Short, IntendedEntryPrice = 60_000, FilledEntryPrice = 59_990, IntendedExitPrice = 60_300, ExitPrice = 60_320 };

            Assert.That(t.EntrySlippage, Is.EqualTo(10));  // sold 10 lower than intended
            Assert.That(t.ExitSlippage, Is.EqualTo(20));   // bought back 20 above the stop
        }

        [Test]
        public void TradeClosed_GapThroughStop_LostMoreThanPlanned()
        {
            // Planned 100; gross −130 and 5 of fees: net −135 = −1.35 R.
            var t = new TradeClosedEvent { GrossProfit = -130, Commission = 5, PlannedRiskMoney = 100 };

            Assert.That(t.RMultiple, Is.EqualTo(-1.35).Within(1e-12));
            Assert.That(t.LostMoreThanPlanned, Is.True);
        }

        [Test]
        public void Serialize_TradeClosed_RoundTripsAndCarriesDerivedFields()
        {
            var json = JournalJson.Serialize(Example());
            var back = (TradeClosedEvent)JournalJson.Deserialize(json);

            Assert.That(json, Does.StartWith("{\"v\":1,\"kind\":\"TradeClosed\",\"atUtc\":\"2026-11-25T11:30:00.0000000Z\""));
            Assert.That(json, Does.Contain("\"closedBy\":\"TakeProfit\"").And.Contain("\"closedByNumber\":301").And.Contain("\"rMultiple\":1.47"));
            Assert.That(back.NetProfit, Is.EqualTo(142.868325).Within(1e-9));
            Assert.That(back.EntryTimeUtc, Is.EqualTo(FakeClock.Utc("2026-11-25T10:00:00Z")));
            Assert.That(back.EntryTimeUtc.Kind, Is.EqualTo(DateTimeKind.Utc));
            Assert.That(back.ClosedBy, Is.EqualTo(ReasonCode.TakeProfit));
            Assert.That(back.Side, Is.EqualTo(TradeSide.Long));
        }

        [Test]
        public void Serialize_CommaDecimalCulture_WritesInvariantNumbers()
        {
            var previous = Thread.CurrentThread.CurrentCulture;
            try
            {
                Thread.CurrentThread.CurrentCulture = new CultureInfo("de-DE");
                Assert.That(JournalJson.Serialize(Example()), Does.Contain("\"volume\":0.27"));
            }
            finally
            {
                Thread.CurrentThread.CurrentCulture = previous;
            }
        }

        [Test]
        public void FromDecision_RefusedEntry_RecordsRuleReasonAndMarket()
        {
            var context = RiskPipelineTests.Entry(RiskPipelineTests.Day(9_800), market: new MarketSnapshot(60_000, 60_012, 150), plannedRisk: 97.16);
            var decision = RiskPipelines.Daily(new DailyLimitsOptions()).Evaluate(context);

            var e = (DecisionEvent)JournalJson.Deserialize(JournalJson.Serialize(DecisionEvent.FromDecision(decision, context, "BTCUSD", "Scalper")));

            Assert.That(e.Verdict, Is.EqualTo(Verdict.Deny));
            Assert.That(e.Reason, Is.EqualTo(ReasonCode.DailyLossLimit));
            Assert.That(e.Rule, Is.EqualTo("MaxDailyLossFraction"));
            Assert.That(e.Message, Is.EqualTo("daily loss 200.00 reached the limit 200.00"));
            Assert.That(e.Spread, Is.EqualTo(12));
            Assert.That(e.Atr, Is.EqualTo(150));
            Assert.That(e.RemainingBudget, Is.EqualTo(0));
            Assert.That(e.AtUtc, Is.EqualTo(RiskPipelineTests.Now));
        }

        [Test]
        public void FromTransition_Halt_RoundTripsDayAndReason()
        {
            var transition = new StateTransition(TradingDay.Parse("2026-11-25"), FakeClock.Utc("2026-11-25T12:00:00Z"), TradingState.Active, TradingState.Halted, false, ReasonCode.DailyLossLimit, 9_800, -200);

            var json = JournalJson.Serialize(StateChangedEvent.FromTransition(transition, "Guardian"));
            var back = (StateChangedEvent)JournalJson.Deserialize(json);

            Assert.That(json, Does.Contain("\"day\":\"2026-11-25\"").And.Contain("\"reasonNumber\":100"));
            Assert.That(back.Day, Is.EqualTo(TradingDay.Parse("2026-11-25")));
            Assert.That(back.To, Is.EqualTo(TradingState.Halted));
            Assert.That(back.DayPnL, Is.EqualTo(-200));
        }

        [TestCase("{\"v\":2,\"kind\":\"Note\"}", "schema version 2")]
        [TestCase("{\"kind\":\"Note\"}", "no schema version")]
        [TestCase("{\"v\":1,\"kind\":\"Dream\"}", "unknown kind 'Dream'")]
        [TestCase("{\"v\":1,\"kind\":\"TradeClosed\",\"volume\":\"big\"}", "wrong type")]
        [TestCase("[1,2", "not valid JSON")]
        public void Deserialize_BadRecord_ThrowsNamingTheProblem(string json, string problem)
        {
            Assert.That(() => JournalJson.Deserialize(json), Throws.TypeOf<JournalFormatException>().With.Message.Contains(problem));
        }

        [Test]
        public void ReadLines_OneBadLine_ReportsSourceAndLineAndKeepsTheRest()
        {
            var note = JournalJson.Serialize(new NoteEvent { AtUtc = FakeClock.Utc("2026-11-25T09:00:00Z"), Text = "started" });
            var text = note + "\n\n{broken\n" + JournalJson.Serialize(Example()) + "\n";

            var result = JournalJson.ReadLines(new StringReader(text), "journal.jsonl");

            Assert.That(result.Events, Has.Count.EqualTo(2));
            Assert.That(result.Problems, Has.Count.EqualTo(1));
            Assert.That(result.Problems[0], Does.StartWith("journal.jsonl:3: not valid JSON"));
        }
    }
}
