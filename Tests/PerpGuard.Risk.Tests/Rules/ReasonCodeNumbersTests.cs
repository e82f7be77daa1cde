using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using PerpGuard.Risk.Rules;

namespace PerpGuard.Risk.Tests.Rules
{
    /// <summary>
    /// Reason codes are part of the saved day's schema (<c>stateReason</c> is written as its number) and of the
    /// journal: a renumbered code would read back a saved halt as another reason after an upgrade. The numbers below
    /// are the published ones (docs/risk-daily.md and the rule table there), not read from the enum.
    /// </summary>
    public class ReasonCodeNumbersTests
    {
        private static readonly Dictionary<string, int> Published = new Dictionary<string, int>
        {
            ["None"] = 0,
            ["DailyLossLimit"] = 100,
            ["DailyLossWarning"] = 101,
            ["DailyProfitTarget"] = 102,
            ["MaxTradesPerDay"] = 103,
            ["MaxConsecutiveLosses"] = 104,
            ["CooldownAfterLoss"] = 105,
            ["ManualHold"] = 106,
            ["TradingHalted"] = 107,
            ["TradingReducing"] = 108,
            ["DayReset"] = 109,
            ["CorruptState"] = 110,
            ["ManualRelease"] = 111,
            ["DailyBudgetExceeded"] = 112,
            ["NotStarted"] = 113,
            ["OrderOutcomeUnknown"] = 114,
            ["SpreadTooWide"] = 200,
            ["VolatilityTooLow"] = 201,
            ["VolatilityTooHigh"] = 202,
            ["OutsideTradingHours"] = 203,
            ["RolloverBlackout"] = 204,
            ["MarketDataMissing"] = 205,
            ["StopLoss"] = 300,
            ["TakeProfit"] = 301,
            ["TrailingStop"] = 302,
            ["ManualClose"] = 303,
            ["Flatten"] = 304,
            ["StopNotAttached"] = 305,
            ["GapThroughStop"] = 306,
            ["FlatBeforeRollover"] = 307,
            ["SwapBeyondPlan"] = 308,
        };

        [Test]
        public void EveryCode_KeepsItsPublishedNumber()
        {
            var actual = Enum.GetValues(typeof(ReasonCode)).Cast<ReasonCode>().ToDictionary(c => c.ToString(), c => (int)c);

            // Both ways: a code renumbered or removed fails, and so does a new code not yet published here and in the docs.
            Assert.That(actual, Is.EquivalentTo(Published));
        }

        [Test]
        public void RiskDailyDoc_NamesEveryCodeNumber()
        {
            var root = TestContext.CurrentContext.TestDirectory;
            while (root != null && !File.Exists(Path.Combine(root, "Plugins.sln")))
            {
                root = Path.GetDirectoryName(root);
            }

            Assert.That(root, Is.Not.Null, "repository root");
            var doc = File.ReadAllText(Path.Combine(root!, "docs", "risk-daily.md"));

            // Only the section that lists the codes: elsewhere the page's worked examples have numbers such as
            // "200 USD left" or "305 USD of price", which would stand in for a code the list lost.
            const string Heading = "## Rules and filters (the entry check)";
            var start = doc.IndexOf(Heading, StringComparison.Ordinal);
            Assert.That(start, Is.GreaterThanOrEqualTo(0), "the section " + Heading);
            var end = doc.IndexOf("\n## ", start + Heading.Length, StringComparison.Ordinal);
            var section = end < 0 ? doc.Substring(start) : doc.Substring(start, end - start);
            var missing = Published.Values.Where(n => n != 0 && !Regex.IsMatch(section, @"(?<![\d.,])" + n + @"(?![\d.,]\d)")).ToList();

            Assert.That(missing, Is.Empty, "reason codes docs/risk-daily.md does not list");
        }
    }
}
