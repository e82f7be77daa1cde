using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Margin;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Risk.Tests
{
    public class LiquidationTests
    {
        private static readonly MaintenanceBrackets Brackets = MaintenanceBrackets.FromRates(new[] { 0.0, 50_000, 250_000 }, new[] { 0.004, 0.005, 0.01 });

        [Test]
        public void MaintenanceBracketsFromRates_BinanceTable_DerivesCum()
        {
            // cum₂ = 0 + 50,000 × (0.5 % − 0.4 %) = 50; cum₃ = 50 + 250,000 × (1 % − 0.5 %) = 1,300 (issue 2 example).
            Assert.That(Brackets[1].MaintenanceAmount, Is.EqualTo(50).Within(1e-9));
            Assert.That(Brackets[2].MaintenanceAmount, Is.EqualTo(1_300).Within(1e-9));
        }

        // Binance one-way isolated, by hand with LP = (WB + cum − side·Q·EP) / (Q·MMR − side·Q):
        // long 1 @ 10,000, margin 200, MMR 0.4 %: (200 − 10,000) / (0.004 − 1) = 9,839.36.
        // short: (200 + 10,000) / (0.004 + 1) = 10,159.36.
        [TestCase(TradeSide.Long, 9_839.357430)]
        [TestCase(TradeSide.Short, 10_159.362550)]
        public void BinanceIsolated_FirstBracket_MatchesFormula(TradeSide side, double expected)
        {
            var result = BinanceLiquidation.Isolated(side, 10_000, 1, 200, Brackets);

            Assert.That(result.Price!.Value.Value, Is.EqualTo(expected).Within(1e-5));
        }

        [Test]
        public void BinanceIsolated_PriceFallsIntoLowerBracket_RechecksBracket()
        {
            // Long 5 @ 52,000 = 260,000 notional → bracket 3 (1 %, cum 1,300), 20x margin 13,000:
            // (13,000 + 1,300 − 260,000) / (0.05 − 5) = 49,636.36, where notional 248,182 is bracket 2;
            // re-checked with 0.5 %, cum 50: (13,000 + 50 − 260,000) / (0.025 − 5) = 49,638.19 (stays in bracket 2).
            var first = BinanceLiquidation.WithBracket(TradeSide.Long, 52_000, 5, 13_000, 0.01, 1_300);
            var rechecked = BinanceLiquidation.Isolated(TradeSide.Long, 52_000, 5, 13_000, Brackets);

            Assert.That(first.Price!.Value.Value, Is.EqualTo(49_636.3636).Within(1e-3));
            Assert.That(rechecked.Price!.Value.Value, Is.EqualTo(49_638.1910).Within(1e-3));
        }

        [Test]
        public void BinanceCross_OtherPositionsLoss_MovesLiquidationCloser()
        {
            // Cross wallet 1,000, other positions: maintenance 100 and −300 unrealised → effective 600:
            // long 1 @ 10,000, MMR 0.4 %: (1,000 − 100 − 300 − 10,000) / (−0.996) = 9,437.75.
            var result = BinanceLiquidation.Cross(TradeSide.Long, 10_000, 1, 1_000, 100, -300, Brackets);

            Assert.That(result.Price!.Value.Value, Is.EqualTo(9_437.751).Within(1e-3));
        }

        [TestCase(10_000)]
        [TestCase(10_100)]
        public void BinanceIsolated_FullyFundedLong_CannotBeLiquidated(double margin)
        {
            // 1x long with the whole notional as margin: the formula gives ≤ 0 → "never", not a negative price.
            var result = BinanceLiquidation.Isolated(TradeSide.Long, 10_000, 1, margin, Brackets);

            Assert.That(result.Outcome, Is.EqualTo(LiquidationOutcome.Never));
            Assert.That(result.Price, Is.Null);
        }

        [Test]
        public void BybitIsolated_Short50x_Is10150()
        {
            // Bybit help centre short formula: 10,000 × (1 + 1/50 − 0.5 %) = 10,150.
            Assert.That(BybitLiquidation.Isolated(TradeSide.Short, 10_000, 50, 0.005).Price!.Value.Value, Is.EqualTo(10_150).Within(1e-9));
        }

        [TestCase(1.0, LiquidationOutcome.AtPrice)]
        [TestCase(0.9, LiquidationOutcome.Never)]
        public void BybitIsolated_LowLeverageLong_NeverOrTiny(double leverage, LiquidationOutcome outcome)
        {
            // 1x: 10,000 × 0.005 = 50 (still a price); below 1x the formula goes negative → never.
            Assert.That(BybitLiquidation.Isolated(TradeSide.Long, 10_000, leverage, 0.005).Outcome, Is.EqualTo(outcome));
        }

        private static StopOutAccount Account(double equity, MarginAggregation aggregation = MarginAggregation.Max, MarginPricing pricing = MarginPricing.FrozenAtOpen, MarginSchedule? schedule = null, double price = 60_000)
            => new StopOutAccount(equity, price, Fraction.FromPercent(50), 0, schedule ?? MarginSchedule.Fixed(5), aggregation, pricing, ConversionRates.Identity);

        // Hedged 0.5 long + 0.3 short @ 60,000, 1:5, equity 10,000, stop-out 50 %:
        // Max: margin 6,000 → 10,000 + 0.2 (X − 60,000) = 3,000 → 25,000.
        // Sum: margin 9,600 → 10,000 + 0.2 (X − 60,000) = 4,800 → 34,000.
        [TestCase(MarginAggregation.Max, 25_000)]
        [TestCase(MarginAggregation.Sum, 34_000)]
        public void CTraderStopOut_HedgedPositions_UsesAggregatedMargin(MarginAggregation aggregation, double expected)
        {
            var positions = new[] { new PositionExposure(TradeSide.Long, 0.5, 60_000), new PositionExposure(TradeSide.Short, 0.3, 60_000) };

            Assert.That(CTraderStopOut.Solve(Account(10_000, aggregation), positions).Price!.Value.Value, Is.EqualTo(expected).Within(1e-3));
        }

        [Test]
        public void CTraderStopOut_TwoLongsDifferentEntries_FrozenAtEachEntry()
        {
            // 0.3 @ 60,000 + 0.2 @ 55,000, price 60,000: margin (18,000 + 11,000) / 5 = 5,800 → 2,900;
            // 10,000 + 0.5 (X − 60,000) = 2,900 → 45,800.
            var positions = new[] { new PositionExposure(TradeSide.Long, 0.3, 60_000), new PositionExposure(TradeSide.Long, 0.2, 55_000) };

            Assert.That(CTraderStopOut.Solve(Account(10_000), positions).Price!.Value.Value, Is.EqualTo(45_800).Within(1e-3));
        }

        [Test]
        public void CTraderStopOut_FullyHedged_CannotBeStoppedOut()
        {
            var positions = new[] { new PositionExposure(TradeSide.Long, 0.5, 60_000), new PositionExposure(TradeSide.Short, 0.5, 60_000) };

            Assert.That(CTraderStopOut.Solve(Account(10_000), positions).Outcome, Is.EqualTo(LiquidationOutcome.Never));
        }

        [Test]
        public void CTraderStopOut_SmallLong_CannotBeStoppedOut()
        {
            // 0.1 @ 60,000: 10,000 + 0.1 (X − 60,000) = 600 → X = −34,000 → never.
            var result = CTraderStopOut.Solve(Account(10_000), new PositionExposure(TradeSide.Long, 0.1, 60_000));

            Assert.That(result.Outcome, Is.EqualTo(LiquidationOutcome.Never));
            Assert.That(result.Price, Is.Null);
        }

        [TestCase(2_999.99, LiquidationOutcome.Immediate)]
        [TestCase(3_000.01, LiquidationOutcome.AtPrice)]
        public void CTraderStopOut_EquityAroundStopOut_ImmediateBelowLevel(double equity, LiquidationOutcome outcome)
        {
            // Margin 6,000 × 50 % = 3,000 of equity needed.
            Assert.That(CTraderStopOut.Solve(Account(equity), new PositionExposure(TradeSide.Long, 0.5, 60_000)).Outcome, Is.EqualTo(outcome));
        }

        // Dynamic tiers (100k @ 10, 400k @ 5, rest @ 2), 10 BTC long @ 60,000, equity 200,000, stop-out 50 %:
        // live: in the 2nd band margin = 10,000 + (10X − 100,000)/5 = 2X − 10,000;
        //   200,000 + 10 (X − 60,000) = 0.5 (2X − 10,000) → 9X = 395,000 → 43,888.89 (notional 438,889: 2nd band ✓).
        // frozen: margin at 600k = 140,000 → 70,000: 10X − 400,000 = 70,000 → 47,000.
        [TestCase(MarginPricing.RecalculatedAtPrice, 43_888.8889)]
        [TestCase(MarginPricing.FrozenAtOpen, 47_000.0)]
        public void CTraderStopOut_DynamicTiers_MatchesHandWorked(MarginPricing pricing, double expected)
        {
            var result = CTraderStopOut.Solve(Account(200_000, pricing: pricing, schedule: TestSymbols.BtcTiers()), new PositionExposure(TradeSide.Long, 10, 60_000));

            Assert.That(result.Price!.Value.Value, Is.EqualTo(expected).Within(1e-3));
        }

        [Test]
        public void WithBuffer_FivePercent_MovesFivePercentTowardEntry()
        {
            // 46,000 + (60,000 − 46,000) × 5 % = 46,700.
            Assert.That(LiquidationResult.At(46_000).WithBuffer(60_000, Fraction.FromPercent(5)).Price!.Value.Value, Is.EqualTo(46_700).Within(1e-9));
        }

        [TestCase(TradeSide.Long, 46_700.01, true)]
        [TestCase(TradeSide.Long, 46_700.0, false)]
        [TestCase(TradeSide.Short, 46_699.99, true)]
        public void IsStopInside_AroundBufferedPrice_StrictlyInside(TradeSide side, double stop, bool inside)
        {
            Assert.That(LiquidationResult.At(46_700).IsStopInside(side, stop), Is.EqualTo(inside));
        }
    }
}
