using System;
using System.Collections.Generic;
using System.Linq;
using cAlgo.API;
using FsCheck;
using FsCheck.Fluent;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.Simulation;
using PerpGuard.MarketData;
using PerpGuard.Tests.Common;
using static PerpGuard.Headless.Tests.Simulation.SimTestFactory;

namespace PerpGuard.Headless.Tests.Simulation
{
    /// <summary>
    /// Prices on the symbol's grid (TickSize, Digits). cTrader carries every price as a whole number of price units
    /// (OpenApiModelMessages.proto: spot and trendbar prices are integers, ProtoOASymbol.digits "number of price
    /// digits"), so quotes, fills and SL/TP levels are multiples of the tick — never bid + spread with a float step.
    /// </summary>
    public class PriceGridTests
    {
        private static readonly SimPriceGrid Cents = new SimPriceGrid(0.01, 2);

        private static SimQuote[] Expand(TickPath path, MarketBar bar)
        {
            var quotes = new SimQuote[4];
            path.Expand(in bar, quotes);
            return quotes;
        }

        [Test]
        public void Expand_FixedSpreadOnGrid_AskIsTheDecimalPrice()
        {
            // The journal showed asks like 42103.57000000001: in doubles 42095.16 + 8.41 = 42103.57000000001.
            // On the grid: 4,209,516 + 841 = 4,210,357 hundredths → 42103.57 exactly as written.
            var path = new TickPath(SimSpreadModel.Fixed(8.41), Cents);
            var q = Expand(path, new MarketBar(T0, 42095.16, 42100.00, 42090.00, 42095.16, 1));
            Assert.That(q[0].Ask, Is.EqualTo(42103.57));
            Assert.That(q[3].Ask, Is.EqualTo(42103.57));
        }

        [Test]
        public void Expand_FixedSpreadOffGrid_RoundedOnceToWholeTicks()
        {
            // The CLI's default spread was 0.02 % of the first close rounded to 8 decimals, e.g. 8.4176: a quote
            // spread is a whole number of ticks, so 8.4176 → 842 ticks of 0.01 = 8.42; bid 42095.16 → ask 42103.58.
            var path = new TickPath(SimSpreadModel.Fixed(8.4176), Cents);
            var q = Expand(path, new MarketBar(T0, 42095.16, 42100.00, 42090.00, 42095.16, 1));
            Assert.That(path.FixedSpread, Is.EqualTo(8.42));
            Assert.That(new[] { q[0].Ask, q[1].Ask, q[2].Ask, q[3].Ask }, Is.EqualTo(new[] { 42103.58, 42108.42, 42098.42, 42103.58 }));
        }

        [TestCase(0.004, 0.01, TestName = "Expand_PositiveSpreadBelowHalfATick_OneTickNotFree")]
        [TestCase(0.0, 0.0, TestName = "Expand_ZeroSpread_StaysZero")]
        public void Expand_TinySpreads_RoundedToWholeTicks(double spread, double expected)
        {
            var path = new TickPath(SimSpreadModel.Fixed(spread), Cents);
            var q = Expand(path, new MarketBar(T0, 100.00, 101.00, 99.00, 100.00, 1));
            Assert.That(path.FixedSpread, Is.EqualTo(expected));
            Assert.That(q[0].Ask, Is.EqualTo(100.00 + expected));
        }

        [Test]
        public void Expand_RandomSpreadOnGrid_WholeTicksInsideTheRange()
        {
            // Random spread 0.05–0.10 on a 0.02 tick (digits 2): only 0.06, 0.08 and 0.10 are whole ticks in range.
            var grid = new SimPriceGrid(0.02, 2);
            var path = new TickPath(SimSpreadModel.Random(0.05, 0.10, 7), grid);
            var seen = new HashSet<double>();
            Prop.ForAll<int>(k =>
            {
                double open = 30000 + (Math.Abs(k % 5000) * 0.02);
                var bar = new MarketBar(T0, grid.Snap(open), grid.Snap(open + 1), grid.Snap(open - 1), grid.Snap(open), 1);
                var q = Expand(path, bar);
                return q.All(x =>
                {
                    double spreadTicks = Math.Round((x.Ask - x.Bid) / 0.02);
                    seen.Add(spreadTicks);
                    return x.Ask == grid.Snap(x.Ask) && spreadTicks >= 3 && spreadTicks <= 5;
                });
            }).Check(PropertyBudget.Config);
            Assert.That(seen, Is.EquivalentTo(new[] { 3.0, 4.0, 5.0 }));
        }

        [Test]
        public void ExecuteMarketOrder_SlippageOffGrid_FillRoundedUpToTheNextTickForABuy()
        {
            // Slippage 0.013 = 1.3 ticks: a buy at ask 60000.00 would fill at 60000.013, rounded against the trader to
            // 60000.02 (not 60000.013, nor the nearest tick 60000.01).
            var broker = Broker(options: new SimBrokerOptions { Slippage = SimSlippageModel.Fixed(0.013) });
            broker.ProcessQuote(T0, 59999.50, 60000.00);
            var p = broker.ExecuteMarketOrder(Buy(0.1)).Position!;
            Assert.That(p.EntryPrice, Is.EqualTo(60000.02));
        }

        [Test]
        public void ExecuteMarketOrder_AbsoluteStopsOffGrid_RoundedToTheGrid()
        {
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60000);
            var p = broker.ExecuteMarketOrder(Buy(0.1) with { StopLossPrice = 59000.123, TakeProfitPrice = 61000.4449 }).Position!;
            Assert.That(p.StopLoss, Is.EqualTo(59000.12));
            Assert.That(p.TakeProfit, Is.EqualTo(61000.44));
        }

        [Test]
        public void PlaceLimitOrder_TargetOffGrid_RoundedToTheGrid()
        {
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60000);
            var o = broker.PlaceLimitOrder(new SimPendingOrderRequest(SimPendingOrderType.Limit, SimTradeSide.Buy, 0.1, 59500.005)).PendingOrder!;
            Assert.That(o.TargetPrice, Is.EqualTo(59500.01)); // half a tick goes away from zero
        }

        [Test]
        public void StopOut_CrossingBetweenTicks_ClosesAtFirstGridPriceBeyond()
        {
            // 0.3 BTC long at 60,000, leverage 5: margin 3,600; stop-out at 50 % → equity 1,800 → loss 8,200 →
            // bid 60,000 − 8,200 / 0.3 = 32,666.666…, between ticks. At 32,666.67 equity is 1,800.001 (still open);
            // the first tick at or below the crossing is 32,666.66: gross 0.3 × (32,666.66 − 60,000) = −8,200.002
            // → booked −8,200.00; balance 1,800.00.
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60000);
            broker.ExecuteMarketOrder(Buy(0.3));
            broker.ProcessQuote(broker.Symbol, new SimQuote(T0.AddMinutes(1), 47000, 47000, false));
            broker.ProcessQuote(broker.Symbol, new SimQuote(T0.AddMinutes(1).AddSeconds(15), 30000, 30000, true));
            Assert.That(broker.History[0].Reason, Is.EqualTo(SimCloseReason.StopOut));
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(32666.66));
            Assert.That(broker.Balance, Is.EqualTo(1800.00));
        }

        [Test]
        public void Validate_TickNotAWholeMultipleOfDigits_Reported()
        {
            var spec = Btc();
            spec.TickSize = 0.001; // 3 decimals on a 2-digit symbol
            Assert.That(spec.Validate(), Has.Some.Contains("TickSize must be a whole multiple of 10^-Digits"));
        }

        [Test]
        public void Engine_DataOffGridAndSpreadOffGrid_EveryQuoteOnTheGrid()
        {
            // Bars with a price finer than the symbol's digits (the Nautilus file has closes like 43613.875) and the
            // CLI's default-style spread (0.02 % of the first close, 8.41 and change): every ask the robot sees is on the
            // grid, every spread 842 ticks, the off-grid close snapped (43613.875 → 43613.88).
            var bars = new[]
            {
                new MarketBar(T0, 42095.16, 42100.00, 42090.00, 42095.16, 1),
                new MarketBar(T0.AddMinutes(1), 43609.75, 43620.25, 43606.75, 43613.875, 1),
                new MarketBar(T0.AddMinutes(2), 43613.88, 43615.00, 43600.01, 43601.99, 1),
            };
            var options = TestBars.Options(bars);
            options.Spread = SimSpreadModel.Fixed(42095.16 * 0.0002);
            var result = new BacktestEngine(options).Run(AlgoSpec.Of<QuoteRecorder>());
            var robot = (QuoteRecorder)result.Robots[0];
            Assert.That(robot.Quotes, Has.Count.EqualTo(12));
            Assert.That(robot.Quotes.All(q => q.Ask == Cents.Snap(q.Ask) && q.Bid == Cents.Snap(q.Bid)), Is.True);
            Assert.That(robot.Quotes.Select(q => Math.Round((q.Ask - q.Bid) * 100)).Distinct(), Is.EqualTo(new[] { 842.0 }));
            Assert.That(robot.Quotes[7], Is.EqualTo((43613.88, 43622.30)));
            Assert.That(bars[1].Close, Is.EqualTo(43613.875), "the caller's array is left as it was");
        }

        /// <summary>Records every quote it sees.</summary>
        [Robot(AccessRights = AccessRights.None, TimeZone = TimeZones.UTC)]
        public sealed class QuoteRecorder : Robot
        {
            public List<(double Bid, double Ask)> Quotes { get; } = new List<(double Bid, double Ask)>();

            protected override void OnTick() => Quotes.Add((Symbol.Bid, Symbol.Ask));
        }
    }
}
