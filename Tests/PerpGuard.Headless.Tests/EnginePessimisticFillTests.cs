using System;
using cAlgo.API;
using PerpGuard.Headless.Backtesting;
using PerpGuard.MarketData;

namespace PerpGuard.Headless.Tests
{
    /// <summary>
    /// The engine's pessimistic option (<see cref="BacktestOptions.Pessimistic"/>): the broker is told each bar's
    /// range before its first quote, so a bar that reaches both the stop and the target fills the stop.
    /// </summary>
    public class EnginePessimisticFillTests
    {
        private static MarketBar[] Bars() => new[]
        {
            // Flat bar: the robot buys 1 BTC at its first quote, ask 100 (no spread), stop 97, target 103.
            new MarketBar(TestBars.Start, 100, 100, 100, 100, 1),

            // High first (4 from the open against 5 to the low): 100 → 104 (passes the target) → 95 (the stop) → 100.
            new MarketBar(TestBars.Start.AddMinutes(1), 100, 104, 95, 100, 1),
            new MarketBar(TestBars.Start.AddMinutes(2), 100, 100, 100, 100, 1),
        };

        private static ClosedTradeRecord RunOnce(bool pessimistic)
        {
            var options = TestBars.Options(Bars(), spread: 0);
            options.Pessimistic = pessimistic;
            var result = new BacktestEngine(options).Run(AlgoSpec.Of<BuyAtStartRobot>());
            Assert.That(result.Errors, Is.Empty);
            Assert.That(result.Trades, Has.Count.EqualTo(1));
            return result.Trades[0];
        }

        [Test]
        public void BarReachingTargetThenStop_PathOrder_ClosesAtTheTarget()
        {
            // The path meets the target first, at +15 s: closed at 103 (a level crossed on the way fills at the level).
            var trade = RunOnce(pessimistic: false);
            Assert.That(trade.CloseReason, Is.EqualTo(PositionCloseReason.TakeProfit));
            Assert.That(trade.ExitPrice, Is.EqualTo(103));
        }

        [Test]
        public void BarReachingTargetThenStop_Pessimistic_ClosesAtTheStop()
        {
            // The same bar reaches both: pessimistic fills the stop, 97 (gross −3 on 1 BTC).
            var trade = RunOnce(pessimistic: true);
            Assert.That(trade.CloseReason, Is.EqualTo(PositionCloseReason.StopLoss));
            Assert.That(trade.ExitPrice, Is.EqualTo(97));
        }

        public class BuyAtStartRobot : Robot
        {
            protected override void OnStart() => ExecuteMarketOrder(TradeType.Buy, SymbolName, 1, "p", 3, 3);
        }
    }
}
