using System;
using FsCheck;
using FsCheck.Fluent;
using PerpGuard.Risk.Filters;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Rules;
using PerpGuard.Risk.Tests.Rules;
using PerpGuard.Risk.Tests.Time;
using PerpGuard.Risk.Time;
using PerpGuard.Tests.Common;

namespace PerpGuard.Risk.Tests.Filters
{
    public class MarketFilterTests
    {
        private static RiskContext At(double bid, double ask, double atr = double.NaN, double stop = double.NaN, string? utc = null) =>
            RiskPipelineTests.Entry(RiskPipelineTests.Day(), market: new MarketSnapshot(bid, ask, atr), stop: stop, now: utc is null ? null : FakeClock.Utc(utc));

        [TestCase(60_010.00, Verdict.Allow)] // spread 10.00 = limit
        [TestCase(60_010.01, Verdict.Deny)]  // spread 10.01
        public void MaxSpread_AbsoluteTenDollars_DeniesAbove(double ask, Verdict expected)
        {
            Assert.That(new MaxSpread(SpreadLimitKind.Absolute, 10).Evaluate(At(60_000, ask)).Verdict, Is.EqualTo(expected));
        }

        // Bid 59,997, ask 60,003: spread 6 on mid 60,000 = 6 / 60,000 × 10,000 = 1.0 bps.
        [TestCase(60_003.00, Verdict.Allow)]
        [TestCase(60_003.10, Verdict.Deny)] // 6.1 / 60,000.05 × 10,000 = 1.0167 bps
        public void MaxSpread_OneBasisPoint_DeniesAbove(double ask, Verdict expected)
        {
            Assert.That(new MaxSpread(SpreadLimitKind.BasisPoints, 1).Evaluate(At(59_997, ask)).Verdict, Is.EqualTo(expected));
        }

        // Stop 300 away; 20 % of it is 60: spread 60 passes, 60.5 does not.
        [TestCase(60_060.0, Verdict.Allow)]
        [TestCase(60_060.5, Verdict.Deny)]
        public void MaxSpread_FifthOfTheStop_DeniesAbove(double ask, Verdict expected)
        {
            Assert.That(new MaxSpread(SpreadLimitKind.FractionOfStop, 0.2).Evaluate(At(60_000, ask, stop: 300)).Verdict, Is.EqualTo(expected));
        }

        [Test]
        public void MaxSpread_FractionOfStopWithoutStop_DeniesForMissingData()
        {
            Assert.That(new MaxSpread(SpreadLimitKind.FractionOfStop, 0.2).Evaluate(At(60_000, 60_001)).Reason, Is.EqualTo(ReasonCode.MarketDataMissing));
        }

        [Test]
        public void MaxSpread_NoQuote_DeniesForMissingData()
        {
            Assert.That(new MaxSpread(SpreadLimitKind.Absolute, 10).Evaluate(At(0, 0)).Reason, Is.EqualTo(ReasonCode.MarketDataMissing));
        }

        [Test]
        public void MaxSpread_ReduceOrderWithWideSpread_Allowed()
        {
            var context = new RiskContext(RiskPipelineTests.Now, OrderIntent.Reduce, RiskPipelineTests.Day(), new MarketSnapshot(60_000, 61_000, 50));

            Assert.That(new MaxSpread(SpreadLimitKind.Absolute, 10).Evaluate(context).IsAllowed, Is.True);
        }

        // Mid 60,000 (bid = ask); band 0.05 %–0.5 %: ATR 30 = 0.05 %, ATR 300 = 0.5 %.
        [TestCase(29.99, ReasonCode.VolatilityTooLow)]
        [TestCase(30.00, ReasonCode.None)]
        [TestCase(300.00, ReasonCode.None)]
        [TestCase(300.01, ReasonCode.VolatilityTooHigh)]
        [TestCase(double.NaN, ReasonCode.MarketDataMissing)]
        public void AtrPercentBand_AroundBand_DeniesOutside(double atr, ReasonCode expected)
        {
            var rule = new AtrPercentBand(Fraction.FromFraction(0.0005), Fraction.FromFraction(0.005));

            Assert.That(rule.Evaluate(At(60_000, 60_000, atr)).Reason, Is.EqualTo(expected));
        }

        // 08:00–16:00 London on weekdays; 1 Jul 2026 is a Wednesday on BST (UTC+1).
        [TestCase("2026-07-01T06:59:59Z", false)] // 07:59:59 BST
        [TestCase("2026-07-01T07:00:00Z", true)]  // 08:00 BST
        [TestCase("2026-07-01T14:59:59Z", true)]  // 15:59:59 BST
        [TestCase("2026-07-01T15:00:00Z", false)] // 16:00 BST
        [TestCase("2026-07-04T10:00:00Z", false)] // Saturday
        [TestCase("2026-01-14T08:00:00Z", true)]  // Wednesday on GMT: 08:00 local = 08:00 UTC
        public void TradingHours_LondonSessionWeekdays_OpenOnlyInside(string utc, bool open)
        {
            var rule = new TradingHours(TimeZones.Find("Europe/London"), new[] { new TradingWindow(TimeSpan.FromHours(8), TimeSpan.FromHours(16), WeekDays.Weekdays) });

            Assert.That(rule.Evaluate(At(60_000, 60_001, utc: utc)).IsAllowed, Is.EqualTo(open));
        }

        // 22:00–02:00 UTC opening Monday to Friday.
        [TestCase("2026-07-04T01:00:00Z", true)]  // Saturday 01:00: opened Friday 22:00
        [TestCase("2026-07-06T01:00:00Z", false)] // Monday 01:00: would have opened Sunday
        [TestCase("2026-07-06T22:00:00Z", true)]  // Monday 22:00
        [TestCase("2026-07-07T02:00:00Z", false)] // end is exclusive
        public void TradingHours_WindowAcrossMidnight_BelongsToTheOpeningDay(string utc, bool open)
        {
            var rule = new TradingHours(TimeZoneInfo.Utc, new[] { new TradingWindow(TimeSpan.FromHours(22), TimeSpan.FromHours(2), WeekDays.Weekdays) });

            Assert.That(rule.IsOpen(FakeClock.Utc(utc)), Is.EqualTo(open));
        }

        // Rollover 17:00 New York, blackout 5 minutes either side. July: EDT, rollover at 21:00 UTC.
        [TestCase("2026-07-01T20:54:59Z", false)]
        [TestCase("2026-07-01T20:55:00Z", true)]
        [TestCase("2026-07-01T21:04:59Z", true)]
        [TestCase("2026-07-01T21:05:00Z", false)]
        [TestCase("2026-01-14T21:00:00Z", false)] // January: EST, rollover at 22:00 UTC
        [TestCase("2026-01-14T21:56:00Z", true)]
        public void RolloverBlackout_NewYork1700_BlocksFiveMinutesEitherSide(string utc, bool blocked)
        {
            var rule = new RolloverBlackout(TradingDaySchedule.Create("America/New_York", TimeSpan.FromHours(17)), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5));

            var decision = rule.Evaluate(At(60_000, 60_001, utc: utc));

            Assert.That(decision.IsDenied, Is.EqualTo(blocked));
            Assert.That(decision.Reason, Is.EqualTo(blocked ? ReasonCode.RolloverBlackout : ReasonCode.None));
        }

        [Test]
        public void RolloverBlackout_OneRuleAskedOutOfTimeOrder_StillAnswersEachInstant()
        {
            var rule = new RolloverBlackout(TradingDaySchedule.Create("America/New_York", TimeSpan.FromHours(17)), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5));

            Assert.That(rule.IsBlackedOut(FakeClock.Utc("2026-07-01T20:56:00Z"), out _), Is.True);   // 4 min before 17:00 EDT
            Assert.That(rule.IsBlackedOut(FakeClock.Utc("2026-01-14T20:56:00Z"), out _), Is.False);  // January: rollover is 22:00 UTC
            Assert.That(rule.IsBlackedOut(FakeClock.Utc("2026-07-01T21:02:00Z"), out var minutes), Is.True);
            Assert.That(minutes, Is.EqualTo(2).Within(1e-9));
        }

        [TestCase(-1)]
        [TestCase(24 * 60)]
        public void TradingWindow_TimeOutsideDay_Throws(int minutes)
        {
            Assert.That(() => new TradingWindow(TimeSpan.FromMinutes(minutes), TimeSpan.FromHours(1)), Throws.TypeOf<ArgumentOutOfRangeException>());
        }

        [Test]
        public void TradingWindow_StartEqualsEnd_CoversTheWholeDayOfItsWeekdays()
        {
            var window = new TradingWindow(TimeSpan.FromHours(9), TimeSpan.FromHours(9), WeekDays.Monday);

            Assert.That(window.Contains(new DateTime(2026, 7, 6, 3, 0, 0)), Is.True);  // Monday 03:00
            Assert.That(window.Contains(new DateTime(2026, 7, 7, 3, 0, 0)), Is.False); // Tuesday
        }

        [Test]
        public void MaxSpread_AnyWholeCentSpread_DeniedExactlyAboveTenDollars()
        {
            var rule = new MaxSpread(SpreadLimitKind.Absolute, 10);
            // Quotes in whole cents around 60,000: denied exactly when the spread is over 1,000 cents.
            Prop.ForAll(
                Gen.Choose(0, 4000).ToArbitrary(),
                Gen.Choose(5_000_000, 7_000_000).ToArbitrary(),
                (cents, bidCents) =>
                {
                    var decision = rule.Evaluate(At(bidCents / 100.0, (bidCents + cents) / 100.0));
                    return decision.IsDenied == (cents > 1000);
                }).Check(PropertyBudget.Config);
        }

        [Test]
        public void Validate_SeveralBadSettings_AllInOneMessage()
        {
            var options = new MarketFilterOptions
            {
                MaxSpread = double.NaN,
                AtrMin = Fraction.FromPercent(1),
                AtrMax = Fraction.FromPercent(0.5),
                RolloverTimeZone = "Atlantis/Capital",
            };

            var message = options.Validate();

            Assert.That(message, Does.Contain("3 problems").And.Contain("MaxSpread").And.Contain("AtrMax").And.Contain("Atlantis/Capital"));
        }
    }
}
