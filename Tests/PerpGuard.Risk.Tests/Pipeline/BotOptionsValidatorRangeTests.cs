using System;
using System.Collections.Generic;
using PerpGuard.Risk.Pipeline;

namespace PerpGuard.Risk.Tests.Pipeline
{
    /// <summary>
    /// Every parameter check of the bots, one value just outside the range docs/robots.md publishes (RiskManagedScalper's
    /// parameter table): the bot refuses to start and names the parameter. Written because removing any single check
    /// went unnoticed by the older tests (bad input would have traded). The edges that are allowed are checked too.
    /// </summary>
    public class BotOptionsValidatorRangeTests
    {
        private static IEnumerable<TestCaseData> OutOfRange()
        {
            TestCaseData Case(string label, Action<ScalperOptions> set, string expected) =>
                new TestCaseData(set, expected).SetName("Validate_" + label + "_Refused");

            yield return Case("RiskBelow001", o => o.Risk.RiskPercent = 0.009, "Risk per trade % must be between 0.01 and 10");
            yield return Case("RiskAbove10WithOverride", o => { o.Risk.RiskPercent = 10.01; o.Risk.AllowRiskAbove2Percent = true; }, "Risk per trade % must be between 0.01 and 10");
            yield return Case("MarginUseBelow1", o => o.Risk.MaxMarginUsePercent = 0.99, "Max margin use % must be between 1 and 100");
            yield return Case("MarginUseAbove100", o => o.Risk.MaxMarginUsePercent = 100.01, "Max margin use % must be between 1 and 100");
            yield return Case("StopOutBufferNegative", o => o.Risk.StopOutBufferPercent = -0.01, "Stop-out buffer % must be between 0 and 50");
            yield return Case("StopOutBufferAbove50", o => o.Risk.StopOutBufferPercent = 50.01, "Stop-out buffer % must be between 0 and 50");
            yield return Case("SizingModeUnknown", o => o.Risk.SizingMode = (SizingMode)99, "Sizing mode is unknown");
            yield return Case("StopModeUnknown", o => o.Stops.StopMode = (StopMode)99, "Stop mode is unknown");
            yield return Case("AtrPeriod1", o => o.Stops.AtrPeriod = 1, "ATR period must be between 2 and 500");
            yield return Case("AtrPeriod501", o => o.Stops.AtrPeriod = 501, "ATR period must be between 2 and 500");
            yield return Case("StopAtrMultipleBelow01", o => o.Stops.StopAtrMultiple = 0.09, "Stop ATR multiple must be between 0.1 and 20");
            yield return Case("StopAtrMultipleAbove20", o => { o.Stops.StopAtrMultiple = 20.01; o.Stops.MaxTargetAtr = 100; o.Stops.RewardRisk = 1.5; }, "Stop ATR multiple must be between 0.1 and 20");
            yield return Case("FixedStopZero", o => o.Stops.FixedStopPips = 0, "Fixed stop (pips) must be between 0.01 and");
            yield return Case("MaxTargetAtrAbove100", o => o.Stops.MaxTargetAtr = 100.01, "Max target (ATR) must be between 0.5 and 100");
            yield return Case("SlippageNegative", o => o.Stops.SlippageAllowancePips = -0.1, "Slippage allowance (pips) must be between 0 and");
            yield return Case("TrailAfterNegative", o => o.Stops.TrailActivationR = -0.1, "Trailing activation (R) must be between 0 and 20");
            yield return Case("TrailAfterAbove20", o => o.Stops.TrailActivationR = 20.1, "Trailing activation (R) must be between 0 and 20");
            yield return Case("TrailDistanceBelow01", o => o.Stops.TrailAtrMultiple = 0.09, "Trailing distance (ATR) must be between 0.1 and 20");
            yield return Case("BreakEvenBelow01", o => o.Stops.BreakEvenAtR = 0.09, "Break-even at (R) must be between 0.1 and 20");
            yield return Case("MaxTargetEqualToStopTimesReward", o => { o.Stops.StopAtrMultiple = 1.5; o.Stops.RewardRisk = 1.5; o.Stops.MaxTargetAtr = 2.25; }, "Max target (ATR) must exceed");
            yield return Case("DailyLossBelow01", o => o.Daily.DailyLossPercent = 0.09, "Daily loss limit % must be between 0.1 and 50");
            yield return Case("DailyLossAbove50", o => o.Daily.DailyLossPercent = 50.1, "Daily loss limit % must be between 0.1 and 50");
            yield return Case("DailyProfitNegative", o => o.Daily.DailyProfitPercent = -1, "Daily profit target % (0 = off) must be between 0 and");
            yield return Case("MaxTradesNegative", o => o.Daily.MaxTradesPerDay = -1, "Max trades per day (0 = off) must be between 0 and");
            yield return Case("MaxLossesNegative", o => o.Daily.MaxConsecutiveLosses = -1, "Max consecutive losses (0 = off) must be between 0 and");
            yield return Case("CooldownAbove1440", o => o.Daily.CooldownMinutes = 1441, "Cool-down after a loss (minutes) must be between 0 and 1440");
            yield return Case("ResetAt2400", o => o.Daily.ResetTime = "24:00", "Day reset time must be HH:mm");
            yield return Case("HaltActionUnknown", o => o.Daily.HaltAction = (HaltAction)99, "Halt action is unknown");
            yield return Case("SpreadMeasureUnknown", o => o.Filters.SpreadMeasure = (SpreadMeasure)99, "Spread measure is unknown");
            yield return Case("MaxSpreadNegative", o => o.Filters.MaxSpread = -1, "Max spread (0 = off) must be between 0 and");
            yield return Case("SpreadPercentOfStopAbove100", o => o.Filters.MaxSpread = 100.01, "Max spread as % of stop must be at most 100");
            yield return Case("MinAtrNegative", o => o.Filters.MinAtrPercent = -1, "Min ATR % must be between 0 and 100");
            yield return Case("MaxAtrAbove100", o => o.Filters.MaxAtrPercent = 100.1, "Max ATR % (0 = off) must be between 0 and 100");
            yield return Case("MinAtrEqualToMaxAtr", o => { o.Filters.MinAtrPercent = 2; o.Filters.MaxAtrPercent = 2; }, "Min ATR % must be below Max ATR %");
            yield return Case("SessionStartAt2400", o => o.Filters.SessionStart = "24:00", "Session start must be HH:mm");
            yield return Case("RolloverAt2400", o => o.Filters.RolloverTime = "24:00", "Rollover time must be HH:mm");
            yield return Case("RolloverBlackoutAbove240", o => o.Filters.RolloverBlackoutMinutes = 241, "Rollover blackout (minutes) must be between 0 and 240");
            yield return Case("StorageKeyWithSpace", o => o.Journal.StorageKey = "my key", "Journal storage key must not contain spaces or slashes");
            yield return Case("StorageKeyStartingWithSlash", o => o.Journal.StorageKey = "/key", "Journal storage key must not contain spaces or slashes");
            yield return Case("StorageKeyNull", o => o.Journal.StorageKey = null!, "Journal storage key must not contain spaces or slashes");
        }

        private static IEnumerable<TestCaseData> AllowedEdges()
        {
            TestCaseData Case(string label, Action<ScalperOptions> set) => new TestCaseData(set).SetName("Validate_" + label + "_Valid");

            yield return Case("SpreadPercentOfStopExactly100", o => o.Filters.MaxSpread = 100);
            yield return Case("AbsoluteSpreadAbove100", o => { o.Filters.SpreadMeasure = SpreadMeasure.Absolute; o.Filters.MaxSpread = 150; });
            yield return Case("MaxAtrOffWithAMinimum", o => { o.Filters.MinAtrPercent = 5; o.Filters.MaxAtrPercent = 0; });
            yield return Case("SessionEndAt2400", o => o.Filters.SessionEnd = "24:00");
            yield return Case("NoRolloverRulesUnknownZone", o => { o.Filters.RolloverBlackoutMinutes = 0; o.Filters.FlatBeforeRolloverMinutes = 0; o.Filters.RolloverTimeZoneId = "Mars/Olympus"; });
            yield return Case("BreakEvenAtTheTrailActivation", o => { o.Stops.BreakEvenAtR = 1.0; o.Stops.TrailActivationR = 1.0; });
            yield return Case("BreakEvenAfterTrailWithTrailingOff", o => { o.Stops.TrailingEnabled = false; o.Stops.BreakEvenAtR = 1.5; o.Stops.TrailActivationR = 1.0; });
        }

        [TestCaseSource(nameof(OutOfRange))]
        public void Validate_OutOfRange_RefusedNamingTheParameter(Action<ScalperOptions> set, string expected)
        {
            var o = new ScalperOptions();
            set(o);

            var v = o.Validate();

            Assert.That(v.IsValid, Is.False);
            Assert.That(v.Message, Does.Contain(expected));
        }

        [TestCaseSource(nameof(AllowedEdges))]
        public void Validate_AllowedEdge_Valid(Action<ScalperOptions> set)
        {
            var o = new ScalperOptions();
            set(o);

            var v = o.Validate();

            Assert.That(v.IsValid, Is.True, v.Message);
        }

        [Test]
        public void AttemptNote_EachKindOfRejection_SaysWhetherTheOrderMayHaveFilled()
        {
            // Re-sent after a certain transient refusal; a certain refusal not retried; an unknown outcome never re-sent.
            Assert.That(TradeErrorPolicy.AttemptNote(GatewayResult.Failed("MarketClosed", true)), Is.EqualTo(" (transient)"));
            Assert.That(TradeErrorPolicy.AttemptNote(GatewayResult.Failed("NoMoney", false)), Is.EqualTo(" (not retried)"));
            Assert.That(TradeErrorPolicy.AttemptNote(GatewayResult.Failed("Timeout", true)), Is.EqualTo(" (outcome unknown: not sent again)"));
        }
    }
}
