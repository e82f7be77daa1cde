using System;
using PerpGuard.Headless.Simulation;
using static PerpGuard.Headless.Tests.Simulation.SimTestFactory;

namespace PerpGuard.Headless.Tests.Simulation
{
    /// <summary>
    /// Stop-out on a straight-line segment for shorts, spreads, a second close on the same segment, ties of margin,
    /// and a stop-out that comes before a take profit or a stop on the segment (the cases mutation testing found
    /// unchecked). Ledgers worked by hand; BTCUSD leverage 5, stop-out 50 %.
    /// </summary>
    public class SimulatedBrokerStopOutPathTests
    {
        private static void Jump(SimulatedBroker broker, int second, double bid, double ask) =>
            broker.ProcessQuote(broker.Symbol, new SimQuote(T0.AddSeconds(second), bid, ask, false));

        private static void Line(SimulatedBroker broker, int second, double bid, double ask) =>
            broker.ProcessQuote(broker.Symbol, new SimQuote(T0.AddSeconds(second), bid, ask, true));

        [Test]
        public void Shorts_StoppedOutOnTheAsk_CloseOnTheTickAboveAndTheRestMarkedAtTheAsk()
        {
            // Sold at the bid 60,000 (ask 60,010): A 0.3 (18,000 → margin 3,600), B 0.05 (3,000 → margin 600).
            // Margin 4,200, stop-out at equity 2,100. Equity = 10,000 − 0.35 × (ask − 60,000).
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60010);
            var a = broker.ExecuteMarketOrder(Sell(0.3)).Position!;
            var b = broker.ExecuteMarketOrder(Sell(0.05)).Position!;
            Jump(broker, 1, 79990, 80000); // equity 10,000 − 7,000 = 3,000: open
            Assert.That(broker.History, Is.Empty);
            // Ask 80,000 → 90,000: equity 2,100 at ask = 60,000 + 7,900 / 0.35 = 82,571.4286. A (larger margin) goes,
            // bought back at the first tick at or above: 82,571.43. Gross (60,000 − 82,571.43) × 0.3 = −6,771.429 →
            // −6,771.43; balance 3,228.57. B alone: margin 600, level 300; at the end equity 3,228.57 − 0.05 × 30,000
            // = 1,728.57 → B stays, marked at the ask 90,000.
            Line(broker, 2, 89990, 90000);
            Assert.That(broker.History, Has.Count.EqualTo(1));
            Assert.That(broker.History[0].PositionId, Is.EqualTo(a.Id));
            Assert.That(broker.History[0].Reason, Is.EqualTo(SimCloseReason.StopOut));
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(82571.43).Within(1e-9));
            Assert.That(broker.Balance, Is.EqualTo(3228.57).Within(1e-9));
            Assert.That(b.CurrentPrice, Is.EqualTo(90000));
            Assert.That(b.GrossProfit, Is.EqualTo(-1500).Within(1e-9));
            Assert.That(broker.Equity, Is.EqualTo(1728.57).Within(1e-9));
        }

        [Test]
        public void Longs_OnAEuroAccount_StoppedOutOnTheBidConvertedAndTheRestMarkedAtTheBid()
        {
            // EUR account, BTCUSD, 1 USD = 0.5 EUR. Bought at the ask 60,000 (bid 59,990): A 0.6 (36,000 USD → margin
            // 7,200 USD = 3,600 EUR), B 0.1 (6,000 USD → 600 EUR). Margin 4,200, stop-out at equity 2,100.
            // Equity = 10,000 + 0.7 × (bid − 60,000) × 0.5 = 10,000 + 0.35 × (bid − 60,000).
            var spec = Btc();
            spec.QuoteToAccountRate = 0.5;
            var account = Account();
            account.Currency = "EUR";
            account.UsdToAccountRate = 0.5;
            var broker = Broker(spec, account);
            broker.ProcessQuote(T0, 59990, 60000);
            var a = broker.ExecuteMarketOrder(Buy(0.6)).Position!;
            var b = broker.ExecuteMarketOrder(Buy(0.1)).Position!;
            Assert.That(broker.Margin, Is.EqualTo(4200).Within(1e-9));
            Jump(broker, 1, 40000, 40010); // equity 10,000 − 7,000 = 3,000: open
            // Bid 40,000 → 30,000: equity 2,100 at bid = 60,000 − 7,900 / 0.35 = 37,428.5714; A sold at the tick at
            // or below: 37,428.57. Gross (37,428.57 − 60,000) × 0.6 × 0.5 = −6,771.429 → −6,771.43; balance
            // 3,228.57. B: margin 600, level 300; at the end 3,228.57 + (30,000 − 60,000) × 0.1 × 0.5 = 1,728.57.
            Line(broker, 2, 30000, 30010);
            Assert.That(broker.History, Has.Count.EqualTo(1));
            Assert.That(broker.History[0].PositionId, Is.EqualTo(a.Id));
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(37428.57).Within(1e-9));
            Assert.That(broker.Balance, Is.EqualTo(3228.57).Within(1e-9));
            Assert.That(b.CurrentPrice, Is.EqualTo(30000));
            Assert.That(broker.Equity, Is.EqualTo(1728.57).Within(1e-9));
        }

        [Test]
        public void TwoStopOutsOnOneSegment_TheSecondAtItsOwnCrossing()
        {
            // Account 20,000; at 60,000 (no spread) A 0.6 (margin 7,200) and B 0.3 (3,600): margin 10,800, level
            // 5,400; equity = 20,000 + 0.9 × (bid − 60,000).
            var broker = Broker(account: Account(20000));
            broker.ProcessQuote(T0, 60000, 60000);
            var a = broker.ExecuteMarketOrder(Buy(0.6)).Position!;
            var b = broker.ExecuteMarketOrder(Buy(0.3)).Position!;
            Jump(broker, 1, 50000, 50000); // equity 11,000
            // Line 50,000 → 30,000.
            // 1) equity 5,400 at bid 60,000 − 14,600 / 0.9 = 43,777.78: A sold at 43,777.77 (tick at or below);
            //    gross (43,777.77 − 60,000) × 0.6 = −9,733.338 → −9,733.34; balance 10,266.66.
            // 2) B alone, level 1,800: 10,266.66 + 0.3 × (bid − 60,000) = 1,800 → bid 31,777.80: gross
            //    (31,777.80 − 60,000) × 0.3 = −8,466.66; balance 1,800.00.
            Line(broker, 2, 30000, 30000);
            Assert.That(broker.Positions, Is.Empty);
            Assert.That(broker.History, Has.Count.EqualTo(2));
            Assert.That(broker.History[0].PositionId, Is.EqualTo(a.Id));
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(43777.77).Within(1e-9));
            Assert.That(broker.History[1].PositionId, Is.EqualTo(b.Id));
            Assert.That(broker.History[1].ClosingPrice, Is.EqualTo(31777.80).Within(1e-9));
            Assert.That(broker.Balance, Is.EqualTo(1800).Within(1e-9));
        }

        [Test]
        public void EqualMargins_TheLowerNetProfitStoppedOutFirst()
        {
            // A 0.5 at 60,000 and B 0.75 at 40,000: both 30,000 USD notional, margin 6,000 each (ties).
            // Jump to 12,000: A −24,000, B −21,000; equity 50,000 − 45,000 = 5,000; margin 12,000 → 41.7 % → stop-out.
            // Ties go to the lower net profit: A. Balance 26,000; equity 26,000 − 21,000 = 5,000 on margin 6,000 =
            // 83.3 % → B stays.
            var broker = Broker(account: Account(50000));
            broker.ProcessQuote(T0, 60000, 60000);
            var a = broker.ExecuteMarketOrder(Buy(0.5)).Position!;
            broker.ProcessQuote(T0.AddSeconds(1), 40000, 40000);
            var b = broker.ExecuteMarketOrder(Buy(0.75)).Position!;
            Assert.That(a.Margin, Is.EqualTo(b.Margin));
            broker.ProcessQuote(T0.AddSeconds(2), 12000, 12000);
            Assert.That(broker.History, Has.Count.EqualTo(1));
            Assert.That(broker.History[0].PositionId, Is.EqualTo(a.Id));
            Assert.That(broker.Balance, Is.EqualTo(26000).Within(1e-9));
            Assert.That(broker.Positions, Is.EqualTo(new[] { b }));
        }

        [Test]
        public void ShortWithStopBeyondTheLevel_StoppedOutOnTheSegmentFirst()
        {
            // Short 0.5 at the bid 60,000 (ask 60,010), margin 6,000: level 3,000 at ask 74,000; SL 74,500 (by ask).
            // Ask 73,000 → 75,000: the level (t = 0.5) comes before the stop (t = 0.75): stopped out at 74,000,
            // balance 10,000 − 7,000 = 3,000 (the stop would have left 10,000 − 7,250 = 2,750).
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60010);
            broker.ExecuteMarketOrder(Sell(0.5) with { StopLossPrice = 74500 });
            Jump(broker, 1, 72990, 73000);
            Line(broker, 2, 74990, 75000);
            Assert.That(broker.History, Has.Count.EqualTo(1));
            Assert.That(broker.History[0].Reason, Is.EqualTo(SimCloseReason.StopOut));
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(74000).Within(1e-9));
            Assert.That(broker.Balance, Is.EqualTo(3000).Within(1e-9));
        }

        [Test]
        public void ShortWithStopJustBeforeTheLevelByTheAsk_ClosedByItsStop()
        {
            // Same short, SL 73,995 (by ask): the ask meets it at t = 995 / 2,000 = 0.4975, before the level
            // (t = 0.5, equity there 10,000 − 0.5 × 13,995 = 3,002.50 > 3,000): closed by the stop at 73,995,
            // balance 3,002.50. (Judged by the bid, which reaches 73,995 only at t = 0.5025, it would be a stop-out.)
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60010);
            broker.ExecuteMarketOrder(Sell(0.5) with { StopLossPrice = 73995 });
            Jump(broker, 1, 72990, 73000);
            Line(broker, 2, 74990, 75000);
            Assert.That(broker.History, Has.Count.EqualTo(1));
            Assert.That(broker.History[0].Reason, Is.EqualTo(SimCloseReason.StopLoss));
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(73995));
            Assert.That(broker.Balance, Is.EqualTo(3002.50).Within(1e-9));
        }

        [Test]
        public void ShortWithOppositeStopJustBeforeTheLevelByTheAsk_StoppedOutBecauseItWatchesTheBid()
        {
            // Same short, SL 73,995 Opposite (by bid): the bid meets it at t = 1,005 / 2,000 = 0.5025, after the level
            // (t = 0.5): stopped out at 74,000, balance 3,000.
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60010);
            broker.ExecuteMarketOrder(Sell(0.5) with { StopLossPrice = 73995, StopLossTriggerMethod = SimStopTriggerMethod.Opposite });
            Jump(broker, 1, 72990, 73000);
            Line(broker, 2, 74990, 75000);
            Assert.That(broker.History, Has.Count.EqualTo(1));
            Assert.That(broker.History[0].Reason, Is.EqualTo(SimCloseReason.StopOut));
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(74000).Within(1e-9));
            Assert.That(broker.Balance, Is.EqualTo(3000).Within(1e-9));
        }

        [Test]
        public void DoubleTradeStopArmed_LevelCrossedOnTheSecondQuote_StoppedOutAtTheLevel()
        {
            // Long 0.5 at 60,000 (margin 6,000, level 3,000 at bid 46,000), SL 47,000 DoubleTrade.
            // Jump to 46,900: first quote beyond (armed), equity 3,450. Line 46,900 → 45,000: the second quote beyond
            // fills the stop at 45,000, but the account crossed its level at 46,000 on the way: stop-out at 46,000,
            // balance 3,000 (the stop would have left 10,000 − 7,500 = 2,500).
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60000);
            broker.ExecuteMarketOrder(Buy(0.5) with { StopLossPrice = 47000, StopLossTriggerMethod = SimStopTriggerMethod.DoubleTrade });
            Jump(broker, 1, 46900, 46900);
            Assert.That(broker.Positions, Has.Count.EqualTo(1));
            Line(broker, 2, 45000, 45000);
            Assert.That(broker.History, Has.Count.EqualTo(1));
            Assert.That(broker.History[0].Reason, Is.EqualTo(SimCloseReason.StopOut));
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(46000).Within(1e-9));
            Assert.That(broker.Balance, Is.EqualTo(3000).Within(1e-9));
        }

        [Test]
        public void HedgedLongTakeProfitBeyondTheLevel_StopOutFirstThenTheTarget()
        {
            // Short A 0.5 at the bid 60,000 (margin 6,000), long B 0.1 at the ask 60,010 (margin 1,200.20) with TP
            // 78,000; hedged: margin 6,000, level 3,000. With the spread 10, equity = 10,000 + 0.5 × (60,000 − ask)
            // + 0.1 × (ask − 10 − 60,010) = 33,998 − 0.4 × ask → level at ask 77,495.
            // Line ask 77,000 → 79,000 (bid −10): the level (t = 0.2475) comes before B's target (bid 78,000,
            // t = 0.505). A is stopped out at 77,495: gross 0.5 × (60,000 − 77,495) = −8,747.50, balance
            // 1,252.50. Then B's target fills at 78,000: 0.1 × (78,000 − 60,010) = 1,799.00, balance 3,051.50.
            // (Filling the target first would book +1,799 and stop A out later, at ask 77,598: balance 3,000.)
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60010);
            var a = broker.ExecuteMarketOrder(Sell(0.5)).Position!;
            var b = broker.ExecuteMarketOrder(Buy(0.1) with { TakeProfitPrice = 78000 }).Position!;
            Jump(broker, 1, 76990, 77000); // equity 33,998 − 30,800 = 3,198
            Line(broker, 2, 78990, 79000);
            Assert.That(broker.History, Has.Count.EqualTo(2));
            Assert.That(broker.History[0].PositionId, Is.EqualTo(a.Id));
            Assert.That(broker.History[0].Reason, Is.EqualTo(SimCloseReason.StopOut));
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(77495).Within(1e-9));
            Assert.That(broker.History[1].PositionId, Is.EqualTo(b.Id));
            Assert.That(broker.History[1].Reason, Is.EqualTo(SimCloseReason.TakeProfit));
            Assert.That(broker.History[1].ClosingPrice, Is.EqualTo(78000));
            Assert.That(broker.Balance, Is.EqualTo(3051.50).Within(1e-9));
        }

        [Test]
        public void HedgedShortTakeProfitBeyondTheLevel_StopOutFirstThenTheTarget()
        {
            // Mirror, no spread: long A 0.5 and short B 0.1 at 60,000, B's TP 42,000; margin 6,000, level 3,000.
            // Equity = 10,000 + 0.4 × (price − 60,000) → level at 42,500. Line 43,000 → 41,000: the level (t = 0.25)
            // before the target (t = 0.5). A stopped out at 42,500: −8,750, balance 1,250; B's target at 42,000:
            // +1,800, balance 3,050. (Target first: +1,800, then A out at 42,400: balance 3,000.)
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60000);
            var a = broker.ExecuteMarketOrder(Buy(0.5)).Position!;
            var b = broker.ExecuteMarketOrder(Sell(0.1) with { TakeProfitPrice = 42000 }).Position!;
            Jump(broker, 1, 43000, 43000);
            Line(broker, 2, 41000, 41000);
            Assert.That(broker.History, Has.Count.EqualTo(2));
            Assert.That(broker.History[0].PositionId, Is.EqualTo(a.Id));
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(42500).Within(1e-9));
            Assert.That(broker.History[1].PositionId, Is.EqualTo(b.Id));
            Assert.That(broker.History[1].ClosingPrice, Is.EqualTo(42000));
            Assert.That(broker.Balance, Is.EqualTo(3050).Within(1e-9));
        }

        [Test]
        public void HedgedTakeProfitEarlyOnTheSegment_FilledFirstThenTheStopOutAtItsOwnLevel()
        {
            // Short A 0.5 and long B 0.1 at 60,000 (no spread), B's TP 70,000; margin 6,000, level 3,000.
            // Line 69,000 → 80,000. B's target comes first (t = 1/11; equity there 10,000 − 0.4 × 10,000 = 6,000, above
            // the level): B books +1,000, balance 11,000. A alone then reaches its level where
            // 11,000 − 0.5 × (price − 60,000) = 3,000 → 76,000: gross −8,000, balance 3,000.
            // (Judging the level at the segment's end with B still open would stop A out at 77,500, balance 2,250.)
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60000);
            var a = broker.ExecuteMarketOrder(Sell(0.5)).Position!;
            var b = broker.ExecuteMarketOrder(Buy(0.1) with { TakeProfitPrice = 70000 }).Position!;
            Jump(broker, 1, 69000, 69000); // equity 6,400
            Line(broker, 2, 80000, 80000);
            Assert.That(broker.History, Has.Count.EqualTo(2));
            Assert.That(broker.History[0].PositionId, Is.EqualTo(b.Id));
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(70000));
            Assert.That(broker.History[1].PositionId, Is.EqualTo(a.Id));
            Assert.That(broker.History[1].Reason, Is.EqualTo(SimCloseReason.StopOut));
            Assert.That(broker.History[1].ClosingPrice, Is.EqualTo(76000).Within(1e-9));
            Assert.That(broker.Balance, Is.EqualTo(3000).Within(1e-9));
        }

        [Test]
        public void GapThroughTheStopAndTheLevel_ClosedByTheStopAtTheGapPrice()
        {
            // Long 0.5 at 60,000 with SL 45,500 (beyond the level at 46,000). A jump (no path) from 50,000 to 45,000:
            // nothing traded in between, the stop fills at the quote, 45,000: balance 10,000 − 7,500 = 2,500, reason
            // StopLoss. (Read as a line, the level at 46,000 would come first: a stop-out at 46,000, balance 3,000.)
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60000);
            broker.ExecuteMarketOrder(Buy(0.5) with { StopLossPrice = 45500 });
            Jump(broker, 1, 50000, 50000);
            Jump(broker, 2, 45000, 45000);
            Assert.That(broker.History, Has.Count.EqualTo(1));
            Assert.That(broker.History[0].Reason, Is.EqualTo(SimCloseReason.StopLoss));
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(45000));
            Assert.That(broker.Balance, Is.EqualTo(2500).Within(1e-9));
        }
    }
}
