using System;
using System.Collections.Generic;
using System.Linq;
using cAlgo.Robots;
using PerpGuard.Algos.Tests.Indicators;
using PerpGuard.Headless.Backtesting;
using PerpGuard.MarketData;
using PerpGuard.Risk.Pipeline;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>
    /// The daily loss limit crossed on the very quote at which the signal bar's successor opens — the quote where
    /// OnBar would enter — must refuse that entry. The headless runtime calls OnBar before OnTick on a bar's first
    /// quote (the robot must not rely on either order), so the day's numbers OnTick keeps are one quote old when
    /// OnBar decides: OnBar has to bring them up to date itself before planning.
    /// Crafted m1 bars (BTCUSD as RobotRuns lists it, commission 0, spread 1: ask = bid + 1), equity 10,000:
    /// <list type="bullet">
    /// <item>Bars 0–129 climb 10 a bar: bar i opens at 60,000 + 10 i and closes 10 higher, high +2, low −2 (no
    /// pullback reaches the fast EMA, which trails about 40 below the close). Bars 0–119 are history.</item>
    /// <item>A second robot buys 0.2 BTC at bar 122's open: ask 61,220 + 1 = 61,221.</item>
    /// <item>Bar 130 (open 61,300) dips to 61,200, through the fast EMA (≈ 61,270), and closes up at 61,310: a long
    /// signal for the OnBar at bar 131's first quote. The other position floats at worst 0.2 × (61,200 − 61,221) = −4.20.</item>
    /// <item>Bar 131 opens with a gap to 59,900: that position floats 0.2 × (59,900 − 61,221) = −264.20, beyond a 2 %
    /// limit of the day's starting equity, 0.02 × 10,000 = 200 (within a 3 % limit, 300).</item>
    /// </list>
    /// </summary>
    public class ScalperDailyLossTests
    {
        internal static readonly DateTime T0 = new DateTime(2022, 1, 3, 8, 0, 0, DateTimeKind.Utc);

        internal const int SignalBar = 130;

        internal static DateTime GapOpen => T0.AddMinutes(SignalBar + 1);

        /// <summary>The bars above; <paramref name="barsAfterGap"/> flat bars at 59,900 from the gap on (5 by default).</summary>
        internal static MarketBar[] Bars(int barsAfterGap = 5)
        {
            var bars = new List<MarketBar>();
            for (var i = 0; i < SignalBar; i++)
            {
                var open = 60_000 + (10.0 * i);
                bars.Add(new MarketBar(T0.AddMinutes(i), open, open + 12, open - 2, open + 10, 1));
            }

            bars.Add(new MarketBar(T0.AddMinutes(SignalBar), 61_300, 61_312, 61_200, 61_310, 1));
            for (var i = SignalBar + 1; i < SignalBar + 1 + barsAfterGap; i++)
            {
                bars.Add(new MarketBar(T0.AddMinutes(i), 59_900, 59_900, 59_900, 59_900, 1));
            }

            return bars.ToArray();
        }

        private static (BacktestResult Result, RiskManagedScalper Bot) Run(double dailyLossPercent)
        {
            var options = RobotRuns.Options(Bars(), spread: 1.0);
            options.Symbol.Commission = 0;
            var manual = new Dictionary<string, string>
            {
                ["OpenAtBar"] = "122",
                ["Side"] = "Buy",
                ["Volume"] = "0.2",
            };
            var scalper = RobotRuns.Params(("DailyLossPercent", dailyLossPercent), ("DailyProfitPercent", 0));

            var result = new BacktestEngine(options).Run(AlgoSpec.Of<ScriptedPositionsRobot>(manual), AlgoSpec.Of<RiskManagedScalper>(scalper));
            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            var bot = (RiskManagedScalper)result.Robots[1];
            return (result, bot);
        }

        [Test]
        public void OnBar_LossLimitCrossedOnTheSignalBarsFirstQuote_RefusesTheEntryAsHalted()
        {
            var (result, bot) = Run(dailyLossPercent: 2);

            Assert.That(bot.Journal.OfKind(PipelineEventKind.EntryPlanned), Is.Empty, "no order planned on the gap's quote");
            Assert.That(bot.Journal.OfKind(PipelineEventKind.PositionOpened), Is.Empty);
            Assert.That((result.Trades.Count, result.OpenPositionsAtEnd), Is.EqualTo((0, 1)), "only the other robot's 0.2 BTC, still open");

            var halt = bot.Journal.OfKind(PipelineEventKind.StateChanged).Single();
            Assert.That((halt.Reason, halt.Message, halt.Utc), Is.EqualTo(("DailyLossLimit", "Active -> Halted", GapOpen)));
            Assert.That(halt.Value, Is.EqualTo(-264.2).Within(1e-6), "the day's P&L at the gap: 0.2 × (59,900 − 61,221)");

            var refused = bot.Journal.OfKind(PipelineEventKind.EntryRefused).Single();
            Assert.That((refused.Reason, refused.Side, refused.Utc), Is.EqualTo(("TradingHalted", (TradeSide?)TradeSide.Long, GapOpen)));
            Assert.That(refused.Message, Is.Not.Empty);
            Assert.That(IndexOf(bot, refused), Is.GreaterThan(IndexOf(bot, halt)), "halted first, then refused");
            Assert.That(bot.RefusedByReason, Is.EquivalentTo(new Dictionary<string, int> { ["TradingHalted"] = 1 }));
        }

        [Test]
        public void OnBar_SameGapWithinTheLimit_EntersOnTheSignalBarsFirstQuote()
        {
            // The control: a 3 % limit (300) holds the 264.20 loss, and the same signal is taken at the gap's quote —
            // so the refusal above is the limit's doing, not a filter's or the signal's.
            var (result, bot) = Run(dailyLossPercent: 3);

            Assert.That(bot.Journal.OfKind(PipelineEventKind.StateChanged), Is.Empty);
            Assert.That(bot.Journal.OfKind(PipelineEventKind.EntryRefused), Is.Empty);
            var opened = bot.Journal.OfKind(PipelineEventKind.PositionOpened).Single();
            Assert.That((opened.Side, opened.Utc), Is.EqualTo(((TradeSide?)TradeSide.Long, GapOpen)));
            Assert.That(opened.FillPrice, Is.EqualTo(59_901).Within(1e-9), "bought at the gap's ask");
        }

        private static int IndexOf(RiskManagedScalper bot, PipelineEvent e)
        {
            for (var i = 0; i < bot.Journal.Count; i++)
            {
                if (ReferenceEquals(bot.Journal[i], e))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
