using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using cAlgo.Robots;
using PerpGuard.Algos.Tests.Indicators;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.Drivers;
using PerpGuard.MarketData;
using PerpGuard.Risk.Pipeline;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>
    /// TradeGuardian's "Cut to (% of cap)" in headless backtests: a position held after a cut drifts back toward the cap
    /// as it loses; inside the band nothing is cut again, past the cap it is cut once more — to the target again.
    /// </summary>
    public class GuardianCutHysteresisTests
    {
        private static readonly DateTime T0 = new DateTime(2022, 1, 3, 10, 0, 0, DateTimeKind.Utc);

        /// <summary>
        /// Flat BTC bars: bid 60,000 (bars 0–3), 59,000 (bars 4–6), 58,000 (bars 7–9); ask = bid + 1, no commission,
        /// equity 10,000. A 1 BTC long is bought at bar 2 (ask 60,001); the guardian's cap is 5x, stop 5,000 pips away
        /// (55,001, never reached), risk cap off.
        /// </summary>
        private static (TradeGuardian Guardian, StopProbe Probe) Run(double cutToPercent)
        {
            var bars = Enumerable.Range(0, 10)
                .Select(i => { var p = i < 4 ? 60_000 : i < 7 ? 59_000 : 58_000; return new MarketBar(T0.AddMinutes(i), p, p, p, p, 1); })
                .ToArray();
            var options = RobotRuns.Options(bars, spread: 1.0);
            options.WarmupBars = 0;
            options.Symbol.Commission = 0;
            var opener = new Dictionary<string, string> { ["OpenAtBar"] = "2", ["Side"] = "Buy", ["Volume"] = "1.0" };
            var guardian = RobotRuns.Params(
                ("MaxLeverage", 5), ("CutToPercentOfCap", cutToPercent), ("MaxRiskPercentPerPosition", 0), ("Oversize", OversizeAction.Reduce),
                ("StopModeParameter", StopMode.Fixed), ("FixedStopPips", 5_000), ("TrailingEnabled", false), ("BreakEvenEnabled", false),
                ("DailyLossPercent", 50), ("DailyProfitPercent", 0));

            var result = new BacktestEngine(options).Run(AlgoSpec.Of<ScriptedPositionsRobot>(opener), AlgoSpec.Of<TradeGuardian>(guardian), AlgoSpec.Of<StopProbe>());

            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            return ((TradeGuardian)result.Robots[1], (StopProbe)result.Robots[2]);
        }

        [Test]
        public void Guardian_CutTo90PercentThenPriceDrifts_NoSecondCutInsideTheBandOneOncePastTheCap()
        {
            var (guardian, probe) = Run(90);

            // Bar 2, bought at 60,001: equity 10,000 − 1 (spread) = 9,999; 60,000 / 9,999 = 6.0006x > 5x. Cut to 90 % of
            // 5x = 4.5x: 4.5 × 9,999 / 60,000 = 0.749925 BTC → floored to 0.74 kept, 0.26 closed (44,400 / 9,999 = 4.4404x).
            // Bar 4, bid 59,000: equity 10,000 − 0.26 × 1 − 0.74 × 1,001 = 9,259; 0.74 × 59,000 = 43,660 → 4.7154x:
            // inside the band (≤ 5x), nothing is cut.
            // Bar 7, bid 58,000: equity 10,000 − 0.26 − 0.74 × 2,001 = 8,519; 42,920 / 8,519 = 5.0382x > 5x → cut to
            // 4.5x: 4.5 × 8,519 / 58,000 = 0.66096 → 0.66 kept, 0.08 closed (38,280 / 8,519 = 4.4935x).
            var cuts = guardian.Journal.OfKind(PipelineEventKind.OversizeReduced).ToList();
            Assert.That(cuts.Select(e => (e.Utc, e.Reason, Math.Round(e.Volume, 8))), Is.EqualTo(new[]
            {
                (T0.AddMinutes(2), GuardianReasons.LeverageAboveCap, 0.26),
                (T0.AddMinutes(7), GuardianReasons.LeverageAboveCap, 0.08),
            }));
            Assert.That(cuts[0].Leverage, Is.EqualTo(60_000 / 9_999.0).Within(1e-9));
            Assert.That(cuts[1].Leverage, Is.EqualTo(42_920 / 8_519.0).Within(1e-9));
            Assert.That(cuts[1].Message, Is.EqualTo("limit 5; cut to 4.5"));
            Assert.That(cuts[0].Message, Is.EqualTo("limit 5; cut to 4.5"));

            // The probe runs after the guardian in every tick: the highest it sees is the drift inside the band.
            Assert.That(probe.MaxAccountLeverage, Is.EqualTo(43_660 / 9_259.0).Within(1e-9));
        }

        [Test]
        public void Guardian_CutToTheCapThenPriceDrifts_CutAgainAtEveryStep()
        {
            var (guardian, probe) = Run(100);

            // Bar 2: 5 × 9,999 / 60,000 = 0.83325 → 0.83 kept, 0.17 cut (4.9805x).
            // Bar 4: equity 10,000 − 0.17 − 0.83 × 1,001 = 9,169; 48,970 / 9,169 = 5.3408x → 5 × 9,169 / 59,000 = 0.77703
            // → 0.77 kept, 0.06 cut. Bar 7: equity 10,000 − 0.17 − 0.06 × 1,001 − 0.77 × 2,001 = 8,399; 44,660 / 8,399 =
            // 5.3173x → 5 × 8,399 / 58,000 = 0.72405 → 0.72 kept, 0.05 cut. Three deals where the band needs two.
            var cuts = guardian.Journal.OfKind(PipelineEventKind.OversizeReduced).ToList();
            Assert.That(cuts.Select(e => (e.Utc, Math.Round(e.Volume, 8))), Is.EqualTo(new[]
            {
                (T0.AddMinutes(2), 0.17),
                (T0.AddMinutes(4), 0.06),
                (T0.AddMinutes(7), 0.05),
            }));
            Assert.That(cuts[2].Message, Is.EqualTo("limit 5"), "no target named when the cut aims at the cap");
            Assert.That(probe.MaxAccountLeverage, Is.LessThanOrEqualTo(5.0));
        }

        /// <summary>
        /// An older 0.2 BTC long (1.2x) and a new 1 BTC long (6x alone) at bid 60,000 / ask 60,001, no commission: the
        /// new one is over the cap on its own and the account with it. It is cut once, not once for itself and again
        /// for the account in the same second.
        /// </summary>
        [Test]
        public void Guardian_NewestPositionOverTheCapWithAnOlderOne_OneCutForBoth()
        {
            var bars = Enumerable.Range(0, 6).Select(i => new MarketBar(T0.AddMinutes(i), 60_000, 60_000, 60_000, 60_000, 1)).ToArray();
            var options = RobotRuns.Options(bars, spread: 1.0);
            options.WarmupBars = 0;
            options.Symbol.Commission = 0;
            var older = new Dictionary<string, string> { ["OpenAtBar"] = "1", ["Side"] = "Buy", ["Volume"] = "0.2" };
            var newer = new Dictionary<string, string> { ["OpenAtBar"] = "3", ["Side"] = "Buy", ["Volume"] = "1.0" };
            var guardian = RobotRuns.Params(
                ("MaxLeverage", 5), ("CutToPercentOfCap", 90), ("MaxRiskPercentPerPosition", 0), ("Oversize", OversizeAction.Reduce),
                ("StopModeParameter", StopMode.Fixed), ("FixedStopPips", 5_000), ("TrailingEnabled", false), ("BreakEvenEnabled", false),
                ("DailyLossPercent", 50), ("DailyProfitPercent", 0));

            var result = new BacktestEngine(options).Run(
                AlgoSpec.Of<ScriptedPositionsRobot>(older), AlgoSpec.Of<ScriptedPositionsRobot>(newer), AlgoSpec.Of<TradeGuardian>(guardian), AlgoSpec.Of<StopProbe>());

            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            var journal = ((TradeGuardian)result.Robots[2]).Journal;
            var probe = (StopProbe)result.Robots[3];

            // Bar 3: equity 10,000 − 0.2 − 1.0 (spreads) = 9,998.8. The new long alone: 60,000 / 9,998.8 = 6.0007x; its own
            // cut to 4.5x (0.26, keeping 0.74) would leave the account at (0.2 + 0.74) × 60,000 / 9,998.8 = 5.64x, still
            // over 5x, so the account-wide pass cuts it in the same tick: 72,000 − 4.5 × 9,998.8 = 27,005.4 too much =
            // 0.45009 BTC → 0.46 (rounded up), 1.0 → 0.54, in ONE partial close. After: 0.74 × 60,000 / 9,998.8 = 4.4405x.
            var cuts = journal.Where(e => e.Kind == PipelineEventKind.OversizeReduced || e.Kind == PipelineEventKind.OversizeClosed).ToList();
            Assert.That(cuts.Select(e => (e.Utc, e.Reason, Math.Round(e.Volume, 8))), Is.EqualTo(new[]
            {
                (T0.AddMinutes(3), GuardianReasons.AccountLeverageAboveCap, 0.46),
            }));
            Assert.That(cuts[0].Leverage, Is.EqualTo(72_000 / 9_998.8).Within(1e-9));
            Assert.That(result.Trades.Select(t => Math.Round(t.VolumeInUnits, 8)), Is.EqualTo(new[] { 0.46 }), "one deal");
            Assert.That(probe.MaxAccountLeverage, Is.EqualTo(44_400 / 9_998.8).Within(1e-9));
            Assert.That(cuts[0].Message, Is.EqualTo("account; limit 5; cut to 4.5; also its own LeverageAboveCap, limit 5"));
        }

        /// <summary>
        /// The same with a risk cut: an older 0.45 BTC long (2.7x) and a new 0.8 BTC long (4.8x alone, under the leverage cap)
        /// whose 4,000-pip stop risks more than the 20 % risk cap; the two together are 7.5x.
        /// </summary>
        [Test]
        public void Guardian_NewestPositionOverTheRiskCapWithTheAccountOverTheLeverageCap_OneCutForBoth()
        {
            var bars = Enumerable.Range(0, 6).Select(i => new MarketBar(T0.AddMinutes(i), 60_000, 60_000, 60_000, 60_000, 1)).ToArray();
            var options = RobotRuns.Options(bars, spread: 1.0);
            options.WarmupBars = 0;
            options.Symbol.Commission = 0;
            var older = new Dictionary<string, string> { ["OpenAtBar"] = "1", ["Side"] = "Buy", ["Volume"] = "0.45" };
            var newer = new Dictionary<string, string> { ["OpenAtBar"] = "3", ["Side"] = "Buy", ["Volume"] = "0.8" };
            var guardian = RobotRuns.Params(
                ("MaxLeverage", 5), ("CutToPercentOfCap", 90), ("MaxRiskPercentPerPosition", 20), ("Oversize", OversizeAction.Reduce),
                ("StopModeParameter", StopMode.Fixed), ("FixedStopPips", 4_000), ("TrailingEnabled", false), ("BreakEvenEnabled", false),
                ("DailyLossPercent", 50), ("DailyProfitPercent", 0));

            var result = new BacktestEngine(options).Run(
                AlgoSpec.Of<ScriptedPositionsRobot>(older), AlgoSpec.Of<ScriptedPositionsRobot>(newer), AlgoSpec.Of<TradeGuardian>(guardian), AlgoSpec.Of<StopProbe>());

            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            var journal = ((TradeGuardian)result.Robots[2]).Journal;

            // Bar 3: equity 10,000 − 0.45 − 0.8 (spreads) = 9,998.75. The new long risks 0.8 × (60,001 − 56,001) = 3,200 >
            // 20 % × 9,998.75 = 1,999.75; its own cut to 90 % of that (1,799.78 / 4,000 = 0.4499 → 0.44 kept, 0.36 cut)
            // would leave the account at (0.45 + 0.44) × 60,000 / 9,998.75 = 5.34x, over 5x: the account-wide pass cuts it
            // once instead: 75,000 − 4.5 × 9,998.75 = 30,005.63 too much = 0.50009 BTC → 0.51, 0.8 → 0.29 (risk 1,160,
            // within both caps). The older long (risk 0.45 × 4,000 = 1,800 ≤ 1,999.75) is not touched.
            var cuts = journal.Where(e => e.Kind == PipelineEventKind.OversizeReduced || e.Kind == PipelineEventKind.OversizeClosed).ToList();
            Assert.That(cuts.Select(e => (e.Utc, e.Reason, Math.Round(e.Volume, 8))), Is.EqualTo(new[]
            {
                (T0.AddMinutes(3), GuardianReasons.AccountLeverageAboveCap, 0.51),
            }));
            Assert.That(result.Trades.Select(t => Math.Round(t.VolumeInUnits, 8)), Is.EqualTo(new[] { 0.51 }), "one deal");

            // The deal is the account's, and the trader also learns that the position was over its own risk cap (1,999.75).
            Assert.That(cuts[0].Message, Is.EqualTo("account; limit 5; cut to 4.5; also its own RiskAboveCap, limit 1999.75"));
        }

        /// <summary>
        /// Two longs of 0.5 BTC bought at 60,001 in bar 3 (spread 1, no commission), the older with its stop at
        /// <paramref name="olderStopPips"/>, the newer at 5,000, beside a guardian with a 5x cap, a 20 % risk cap per
        /// position and cuts to 90 %; both must be cut. Returns the guardian's journal and the two position ids, older first.
        /// </summary>
        private static (BacktestResult Result, IReadOnlyList<PipelineEvent> Journal, int[] Ids) TwoLongsOverTheRiskCap(int olderStopPips)
        {
            var bars = Enumerable.Range(0, 6).Select(i => new MarketBar(T0.AddMinutes(i), 60_000, 60_000, 60_000, 60_000, 1)).ToArray();
            var options = RobotRuns.Options(bars, spread: 1.0);
            options.WarmupBars = 0;
            options.Symbol.Commission = 0;
            var older = new Dictionary<string, string> { ["OpenAtBar"] = "3", ["Side"] = "Buy", ["Volume"] = "0.5", ["StopLossPips"] = olderStopPips.ToString(CultureInfo.InvariantCulture) };
            var newer = new Dictionary<string, string> { ["OpenAtBar"] = "3", ["Side"] = "Buy", ["Volume"] = "0.5", ["StopLossPips"] = "5000" };
            var guardian = RobotRuns.Params(
                ("MaxLeverage", 5), ("CutToPercentOfCap", 90), ("MaxRiskPercentPerPosition", 20), ("Oversize", OversizeAction.Reduce),
                ("TrailingEnabled", false), ("BreakEvenEnabled", false), ("DailyLossPercent", 50), ("DailyProfitPercent", 0));

            var result = new BacktestEngine(options).Run(
                AlgoSpec.Of<ScriptedPositionsRobot>(older), AlgoSpec.Of<ScriptedPositionsRobot>(newer), AlgoSpec.Of<TradeGuardian>(guardian), AlgoSpec.Of<StopProbe>());

            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            var journal = ((TradeGuardian)result.Robots[2]).Journal;
            var ids = journal.OfKind(PipelineEventKind.OversizeReduced).Select(e => e.PositionId).Distinct().OrderBy(id => id).ToArray();
            Assert.That(ids, Has.Length.EqualTo(2), "both positions are cut");
            return (result, journal, ids);
        }

        /// <summary>Every cut (reduced or closed) as (time, "older"/"newer", reason, volume).</summary>
        private static List<(DateTime Utc, string Which, string Reason, double Volume)> Cuts(IReadOnlyList<PipelineEvent> journal, int olderId) =>
            journal.Where(e => e.Kind == PipelineEventKind.OversizeReduced || e.Kind == PipelineEventKind.OversizeClosed)
                .Select(e => (e.Utc, e.PositionId == olderId ? "older" : "newer", e.Reason, Math.Round(e.Volume, 8))).ToList();

        /// <summary>
        /// Two longs of 0.5 BTC opened in the same bar, each with its own stop too wide for the 20 % risk cap (the older at
        /// 6,000 pips, the newer at 5,000), 6x together. The newer one's own cut would leave the account over 5x, so it is
        /// left to the account-wide pass; but the older one, guarded after it in the same pass, is cut for its own risk
        /// and takes the account under 5x. The newer one must still get its own cut in that tick — its risk above the cap
        /// is not left for the next one.
        /// </summary>
        [Test]
        public void Guardian_NewestLeftToTheAccountPassWhichThenHasNothingToCut_OwnRiskCutStillInTheSameTick()
        {
            var (result, journal, ids) = TwoLongsOverTheRiskCap(olderStopPips: 6000);

            // Bar 3, both bought at 60,001: equity 10,000 − 2 × 0.5 (spreads) = 9,999; risk cap 20 % = 1,999.8, its 90 % 1,799.82.
            // No commission; the risk counts the 0.03 booking reserve of a round trip (three cents, FeeCoefficients).
            // Newer: 0.5 × 5,000 + 0.03 = 2,500.03 over the cap → (1,799.82 − 0.03) / 5,000 = 0.359958 → 0.35 kept, 0.15 to
            // cut; the account after it: 0.85 × 60,000 / 9,999 = 5.10x > 5x → left to the account pass. Older: 0.5 × 6,000 +
            // 0.03 = 3,000.03 → 1,799.79 / 6,000 = 0.29997 → 0.29 kept, 0.21 cut; the account: 0.79 × 60,000 / 9,999 = 4.74x
            // ≤ 5x — nothing for the account pass, so the newer one's own 0.15 is cut there, in the same tick.
            var cuts = Cuts(journal, ids[0]);
            Assert.That(cuts, Is.EquivalentTo(new[]
            {
                (T0.AddMinutes(3), "older", GuardianReasons.RiskAboveCap, 0.21),
                (T0.AddMinutes(3), "newer", GuardianReasons.RiskAboveCap, 0.15),
            }));
            var newerCut = journal.OfKind(PipelineEventKind.OversizeReduced).Single(e => e.PositionId == ids[1]);
            Assert.That(newerCut.Value, Is.EqualTo(2_500.03).Within(1e-6));
            Assert.That(newerCut.Message, Is.EqualTo("limit 1999.8; cut to 1799.82"));
        }

        /// <summary>
        /// As above with the older long's stop at 4,800 pips: after its own cut the account is still over 5x, but by less
        /// than the newer one's own cut. The newer one gets the larger of the two cuts — its own, which covers the account
        /// too — in one deal, not the account's smaller one that would leave its risk above the 90 % target.
        /// </summary>
        [Test]
        public void Guardian_NewestLeftToTheAccountPassWhichThenNeedsLess_TheLargerOwnCutInOneDeal()
        {
            var (result, journal, ids) = TwoLongsOverTheRiskCap(olderStopPips: 4800);

            // Bar 3: equity 9,999, risk cap 1,999.8, target 1,799.82 (0.03 booking reserve as above). Newer: 0.35 kept, 0.15
            // to cut, the account after it 0.85 × 60,000 / 9,999 = 5.10x → left to the account pass. Older: 0.5 × 4,800 +
            // 0.03 = 2,400.03 → 1,799.79 / 4,800 = 0.374956 → 0.37 kept, 0.13 cut; the account: 0.87 × 60,000 = 52,200 /
            // 9,999 = 5.22x, still over 5x: 52,200 − 4.5 × 9,999 = 7,204.5 too much = 0.120075 → 0.13 of the newer one —
            // less than its own 0.15 (0.37 kept would risk 1,850.03, above its 1,799.82 target). Its own 0.15 is cut.
            var cuts = Cuts(journal, ids[0]);
            Assert.That(cuts, Is.EquivalentTo(new[]
            {
                (T0.AddMinutes(3), "older", GuardianReasons.RiskAboveCap, 0.13),
                (T0.AddMinutes(3), "newer", GuardianReasons.RiskAboveCap, 0.15),
            }));
            Assert.That(result.Trades.Count, Is.EqualTo(2), "one deal each");
        }

        /// <summary>
        /// cTrader's parameter box enforces MinValue/MaxValue (so does the stand-in's binder: 40 never reaches the robot);
        /// the options' own validation (every violation in one message, CutHysteresisTests) must agree with the box.
        /// </summary>
        [Test]
        public void Parameter_CutToPercentOfCap_RiskGroupRangeAgreesWithTheOptionsValidation()
        {
            var attribute = typeof(TradeGuardian).GetProperty(nameof(TradeGuardian.CutToPercentOfCap))!.GetCustomAttributes(typeof(cAlgo.API.ParameterAttribute), false)
                .Cast<cAlgo.API.ParameterAttribute>().Single();
            var min = Convert.ToDouble(attribute.MinValue, System.Globalization.CultureInfo.InvariantCulture);
            var max = Convert.ToDouble(attribute.MaxValue, System.Globalization.CultureInfo.InvariantCulture);

            Assert.That((attribute.Name, attribute.Group), Is.EqualTo(("Cut to (% of cap)", "Risk")));
            Assert.That(Convert.ToDouble(attribute.DefaultValue, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(GuardianOptions.DefaultCutToPercentOfCap));
            Assert.That((min, max), Is.EqualTo((50.0, 100.0)));
            Assert.That(new GuardianOptions { CutToPercentOfCap = min }.Validate().IsValid && new GuardianOptions { CutToPercentOfCap = max }.Validate().IsValid, Is.True);
            Assert.That(new GuardianOptions { CutToPercentOfCap = min - 0.1 }.Validate().IsValid || new GuardianOptions { CutToPercentOfCap = max + 0.1 }.Validate().IsValid, Is.False);
        }

        [Test]
        public void OnStart_CutToPercentOfCap_ReachesTheGuardiansOptions()
        {
            var bars = Enumerable.Range(0, 5).Select(i => new MarketBar(T0.AddMinutes(i), 60_000, 60_000, 60_000, 60_000, 1)).ToArray();
            var options = RobotRuns.Options(bars);
            options.WarmupBars = 0;

            var result = new BacktestEngine(options).Run(AlgoSpec.Of<TradeGuardian>(RobotRuns.Params(("CutToPercentOfCap", 95))));

            Assert.That(((TradeGuardian)result.Robots[0]).Options.CutToPercentOfCap, Is.EqualTo(95));
        }

        /// <summary>
        /// Real data (the Nautilus BTC-perp minutes, venue not stated, 1–8 Jan 2022) with a seeded manual trader opening up to 8x: with the
        /// default band no position is cut again by the per-position rules after its first cut (measured: every repeat
        /// cut at 100 % was a step or two at ≈ 5.0x), and the account is never seen above the cap.
        /// </summary>
        [Test]
        public void Guardian_RealWeekDefaultBand_FewerRepeatCutsThanAtTheCapAndNeverAboveIt()
        {
            var atCap = RunWeek(100);
            var band = RunWeek(GuardianOptions.DefaultCutToPercentOfCap);

            Assert.That(RepeatCuts(atCap.Guardian), Is.GreaterThan(0), "at 100 % positions held at the cap are trimmed again");
            Assert.That(RepeatCuts(band.Guardian), Is.LessThan(RepeatCuts(atCap.Guardian)));
            Assert.That(band.Probe.MaxAccountLeverage, Is.LessThanOrEqualTo(5.0 * (1 + 1e-9)));
            Assert.That(band.Probe.MaxLeverage, Is.LessThanOrEqualTo(5.0 * (1 + 1e-9)));
        }

        private static (TradeGuardian Guardian, StopProbe Probe) RunWeek(double cutToPercent)
        {
            var driver = new Dictionary<string, string> { ["Seed"] = "7", ["OpenProbability"] = "0.04", ["MaxLeverage"] = "8", ["CloseProbability"] = "0.01" };
            var result = new BacktestEngine(RobotRuns.Options(RobotRuns.NautilusDays(7)))
                .Run(AlgoSpec.Of<ManualTraderDriver>(driver),
                    AlgoSpec.Of<TradeGuardian>(RobotRuns.Params(("CutToPercentOfCap", cutToPercent), ("DailyLossPercent", 50), ("DailyProfitPercent", 0))),
                    AlgoSpec.Of<StopProbe>());
            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            return ((TradeGuardian)result.Robots[1], (StopProbe)result.Robots[2]);
        }

        /// <summary>Per-position cuts (leverage or risk) of a position already cut at an earlier time.</summary>
        private static int RepeatCuts(TradeGuardian guardian)
        {
            var firstCut = new Dictionary<int, DateTime>();
            var repeats = 0;
            foreach (var e in guardian.Journal.Where(e => e.Kind == PipelineEventKind.OversizeReduced || e.Kind == PipelineEventKind.OversizeClosed))
            {
                if (!firstCut.TryGetValue(e.PositionId, out var first))
                {
                    firstCut[e.PositionId] = e.Utc;
                }
                else if (e.Utc > first && (e.Reason == GuardianReasons.LeverageAboveCap || e.Reason == GuardianReasons.RiskAboveCap))
                {
                    repeats++;
                }
            }

            return repeats;
        }
    }
}
