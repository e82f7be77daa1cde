using System;
using System.Linq;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Pipeline;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Rules;
using PerpGuard.Risk.Sizing;
using PerpGuard.Risk.Time;

namespace PerpGuard.Risk.Tests.Pipeline
{
    /// <summary>
    /// A journal event keeps a refusing rule's numbers and writes its sentence only when read; the text is the
    /// one ReasonText gives (worked by hand below), and events without trade numbers report them as unknown.
    /// </summary>
    public class PipelineEventTests
    {
        private static readonly DateTime Noon = new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

        [Test]
        public void SetMessage_SpreadRuleRefusal_ReadsTheRuleSentenceWithItsNumbers()
        {
            // Spread 12.5 against a maximum of 10 (ReasonText's SpreadTooWide sentence, invariant culture).
            var decision = EntryDecision.Refuse(RiskDecision.Deny(ReasonCode.SpreadTooWide, "MaxSpread", 12.5, 10));
            var e = new PipelineEvent(Noon, PipelineEventKind.EntryRefused, decision.Reason);

            e.SetMessage(decision);

            var first = e.Message;
            Assert.That(first, Is.EqualTo("spread 12.5 is wider than the maximum 10"));
            Assert.That(e.Message, Is.SameAs(first), "built once");
            Assert.That(e.Message, Is.EqualTo(decision.Message));
        }

        [Test]
        public void SetMessage_CooldownRefusal_MatchesTheDecisionText()
        {
            // 7.5 minutes left of a 15-minute cool-down ("0.#" keeps the one decimal).
            var decision = EntryDecision.Refuse(RiskDecision.Deny(ReasonCode.CooldownAfterLoss, "CooldownAfterLosses", 7.5, 15));
            var e = new PipelineEvent(Noon, PipelineEventKind.EntryRefused, decision.Reason);

            e.SetMessage(decision);

            Assert.That(e.Message, Is.EqualTo("cooling down after a loss: 7.5 more minutes"));
        }

        [Test]
        public void SetMessage_SizingRefusal_TakesTheLibrarySentence()
        {
            var decision = EntryDecision.Refuse(SizingRefusal.BelowMinimumVolume);
            var e = new PipelineEvent(Noon, PipelineEventKind.EntryRefused, decision.Reason);

            e.SetMessage(decision);

            Assert.That(e.Message, Is.EqualTo("The allowed size is below the broker's minimum volume; the trade is refused, not rounded up."));
        }

        [Test]
        public void SetMessage_ExplicitText_KeepsIt()
        {
            var decision = EntryDecision.Refuse("MarketDataMissing", "ATR not warmed up");
            var e = new PipelineEvent(Noon, PipelineEventKind.EntryRefused, decision.Reason);

            e.SetMessage(decision);

            Assert.That(e.Message, Is.EqualTo("ATR not warmed up"));
        }

        [Test]
        public void Message_SetAfterSetMessage_ReplacesTheDeferredText()
        {
            var e = new PipelineEvent(Noon, PipelineEventKind.EntryRefused, "SpreadTooWide");
            e.SetMessage(EntryDecision.Refuse(RiskDecision.Deny(ReasonCode.SpreadTooWide, "MaxSpread", 12.5, 10)));

            e.Message = "by hand";

            Assert.That(e.Message, Is.EqualTo("by hand"));
        }

        [Test]
        public void TradeNumbers_NotSet_AreUnknown()
        {
            var e = new PipelineEvent(Noon, PipelineEventKind.EntryPlanned, string.Empty);

            Assert.That(e.Message, Is.Empty);
            Assert.That(double.IsNaN(e.GrossProfit) && double.IsNaN(e.Swap) && double.IsNaN(e.MaxAdverseExcursion)
                && double.IsNaN(e.MaxFavourableExcursion) && double.IsNaN(e.SpreadAtEntry), Is.True);
            Assert.That(e.EntryUtc, Is.Null);
            Assert.That(e.Transition, Is.Null);
        }

        [Test]
        public void TradeNumbers_Set_ReadBackAndLeaveTheOthersUnknown()
        {
            var e = new PipelineEvent(Noon, PipelineEventKind.TradeClosed, "StopLoss") { GrossProfit = -96.5, EntryUtc = Noon.AddMinutes(-30) };

            Assert.That(e.GrossProfit, Is.EqualTo(-96.5));
            Assert.That(e.EntryUtc, Is.EqualTo(Noon.AddMinutes(-30)));
            Assert.That(double.IsNaN(e.Swap), Is.True);
            Assert.That(e.Transition, Is.Null);
        }

        [Test]
        public void PlanNumbers_SetOnAPlannedEntry_ReadBack()
        {
            var e = new PipelineEvent(Noon, PipelineEventKind.EntryPlanned, string.Empty)
            {
                Volume = 0.27,
                Price = 60_000,
                StopLoss = 59_700,
                TakeProfit = 60_600.08,
                PlannedRisk = 97.16,
                Leverage = 1.62,
                Value = 200,
            };

            Assert.That(new[] { e.Volume, e.Price, e.StopLoss, e.TakeProfit, e.PlannedRisk, e.Leverage, e.Value },
                Is.EqualTo(new[] { 0.27, 60_000, 59_700, 60_600.08, 97.16, 1.62, 200 }));
            Assert.That(double.IsNaN(e.FillPrice) && double.IsNaN(e.GrossProfit), Is.True, "not set: unknown");
        }

        [Test]
        public void Numbers_SetUnknownThenKnown_ReadTheLastValue()
        {
            var e = new PipelineEvent(Noon, PipelineEventKind.TradeClosed, "StopLoss") { PlannedRisk = double.NaN, EntryUtc = null };
            Assert.That(double.IsNaN(e.PlannedRisk), Is.True);
            Assert.That(e.EntryUtc, Is.Null);

            e.PlannedRisk = 50;
            e.FillPrice = 59_690.5;
            Assert.That(e.PlannedRisk, Is.EqualTo(50));
            Assert.That(e.FillPrice, Is.EqualTo(59_690.5));

            e.PlannedRisk = double.NaN;
            Assert.That(double.IsNaN(e.PlannedRisk), Is.True, "back to unknown");
        }

        [Test]
        public void Transition_SetOnAStateChange_ReadsBackWhole()
        {
            var t = new StateTransition(new TradingDay(new DateOnly(2026, 11, 25)), Noon, TradingState.Active, TradingState.Halted, false, ReasonCode.DailyLossLimit, 9_800, -200);
            var e = new PipelineEvent(Noon, PipelineEventKind.StateChanged, "DailyLossLimit") { Transition = t };

            Assert.That(e.Transition, Is.EqualTo(t));
            Assert.That(e.Transition!.Value.To, Is.EqualTo(TradingState.Halted));
            Assert.That(e.Transition.Value.DayPnL, Is.EqualTo(-200));

            e.Transition = null;
            Assert.That(e.Transition, Is.Null);
        }

        [Test]
        public void Kind_EveryKind_ReadsBackAsGiven()
        {
            foreach (PipelineEventKind kind in Enum.GetValues(typeof(PipelineEventKind)))
            {
                Assert.That(new PipelineEvent(Noon, kind, string.Empty).Kind, Is.EqualTo(kind));
            }

            Assert.That(new PipelineEvent(Noon, PipelineEventKind.ActionFailed, string.Empty).Kind, Is.EqualTo((PipelineEventKind)20), "stable number");
        }

        [Test]
        public void Side_SetAndCleared_ReadsBack()
        {
            var e = new PipelineEvent(Noon, PipelineEventKind.EntryRefused, "SpreadTooWide");
            Assert.That(e.Side, Is.Null, "no side until set");

            e.Side = TradeSide.Short;
            Assert.That(e.Side, Is.EqualTo(TradeSide.Short));
            e.Side = TradeSide.Long;
            Assert.That(e.Side, Is.EqualTo(TradeSide.Long));
            e.Side = null;
            Assert.That(e.Side, Is.Null);
        }

        [TestCase(-1)]
        [TestCase(21)]
        [TestCase(999)]
        [TestCase(65_536 + 3)]
        public void Constructor_UndefinedKind_ThrowsNamingKind(int undefined)
        {
            // Kinds are 0..20 (ActionFailed = 20); 65,539 would have wrapped to PositionOpened in the ushort packing.
            Assert.That(() => new PipelineEvent(Noon, (PipelineEventKind)undefined, string.Empty),
                Throws.TypeOf<ArgumentOutOfRangeException>().With.Property(nameof(ArgumentOutOfRangeException.ParamName)).EqualTo("kind"));
        }

        [Test]
        public void Kind_DefinedValues_AreContiguousFromZero()
        {
            // The constructor's check is a range check against the first and last kind: it is exact only while no
            // number in between is missing.
            var values = Enum.GetValues(typeof(PipelineEventKind)).Cast<PipelineEventKind>().Select(k => (int)k).OrderBy(v => v).ToArray();

            Assert.That(values, Is.EqualTo(Enumerable.Range(0, 21)), "EntryRefused = 0 .. ActionFailed = 20, none missing");
        }

        [TestCase(-1)]
        [TestCase(2)]
        [TestCase(7)]
        [TestCase(255)]
        public void Side_UndefinedSide_ThrowsAndKeepsTheOldSide(int undefined)
        {
            // Sides are Long = 0 and Short = 1; 255 would have wrapped to "no side" (0) in the byte packing.
            var e = new PipelineEvent(Noon, PipelineEventKind.EntryRefused, "SpreadTooWide") { Side = TradeSide.Short };

            Assert.That(() => e.Side = (TradeSide)undefined,
                Throws.TypeOf<ArgumentOutOfRangeException>().With.Property(nameof(ArgumentOutOfRangeException.ParamName)).EqualTo("value"));
            Assert.That(e.Side, Is.EqualTo(TradeSide.Short), "unchanged");
        }

        [Test]
        public void Side_DefinedValues_AreContiguousFromZero()
        {
            var values = Enum.GetValues(typeof(TradeSide)).Cast<TradeSide>().Select(s => (int)s).OrderBy(v => v);

            Assert.That(values, Is.EqualTo(new[] { 0, 1 }), "Long = 0, Short = 1");
        }

        [Test]
        public void Constructor_DefinedKindAndSide_AllocatesOnlyTheEvent()
        {
            // The checks must not box the enum (Enum.IsDefined would): a thousand events cost a thousand times one.
            static PipelineEvent Make(int i) => new PipelineEvent(Noon, (PipelineEventKind)(i % 21), string.Empty) { Side = (TradeSide)(i & 1) };
            Make(0);
            var before = GC.GetAllocatedBytesForCurrentThread();
            Make(1);
            var one = GC.GetAllocatedBytesForCurrentThread() - before;

            PipelineEvent? last = null;
            before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 1_000; i++)
            {
                last = Make(i);
            }

            Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.EqualTo(1_000 * one));
            Assert.That((last!.Kind, last.Side), Is.EqualTo(((PipelineEventKind)(999 % 21), TradeSide.Short)));
        }

        [Test]
        public void EnumNames_Of_IsTheEnumText()
        {
            Assert.That(EnumNames<TradingState>.Of(TradingState.Halted), Is.EqualTo("Halted"));
            Assert.That(EnumNames<SizingCaps>.Of(SizingCaps.None), Is.EqualTo("None"));
            var combined = (SizingCaps)3;
            Assert.That(EnumNames<SizingCaps>.Of(combined), Is.EqualTo(combined.ToString()).And.EqualTo("DailyAllowance, Leverage"), "flag combination, as Enum.ToString writes it");
            var halted = EnumNames<TradingState>.Of(TradingState.Halted);
            Assert.That(EnumNames<TradingState>.Of(TradingState.Halted), Is.SameAs(halted), "made once");
        }

        [Test]
        public void EnumNames_Of_SecondCallAllocatesNothing()
        {
            EnumNames<TradingState>.Of(TradingState.Reducing);
            var before = GC.GetAllocatedBytesForCurrentThread();
            var length = 0;
            for (var i = 0; i < 1_000; i++)
            {
                length += EnumNames<TradingState>.Of(TradingState.Reducing).Length;
            }

            Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.EqualTo(0));
            Assert.That(length, Is.EqualTo(8_000));
        }
    }
}
