using System;
using System.Linq;
using PerpGuard.Review;
using PerpGuard.Risk.Journal;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Risk.Tests.Review
{
    /// <summary>The journal's closed-trade records feed the review with the same net profit and R.</summary>
    public class JournalReviewTests
    {
        private static TradeClosedEvent Closed(int hour, TradeSide side, double gross, double commission, double swap, double risk) => new TradeClosedEvent
        {
            AtUtc = new DateTime(2024, 1, 1, hour, 0, 0, DateTimeKind.Utc),
            EntryTimeUtc = new DateTime(2024, 1, 1, hour - 1, 0, 0, DateTimeKind.Utc),
            Symbol = "BTCUSD",
            Side = side,
            Volume = 0.27,
            FilledEntryPrice = 60_000,
            InitialStopPrice = side == TradeSide.Long ? 59_700 : 60_300,
            ExitPrice = 60_600.08,
            GrossProfit = gross,
            Commission = commission,
            Swap = swap,
            PlannedRiskMoney = risk,
        };

        [Test]
        public void ToClosedTrade_CostsFlipToCTraderSign_NetAndRUnchanged()
        {
            // Issue 2 example: 0.27 BTC long 60,000 → target 60,600.08, stop 59,700, fees 0.05 %/side:
            // gross 0.27 × 600.08 = 162.02; commission 0.27 × (60,000 + 60,600.08) × 0.0005 = 16.28; risk 97.16.
            var e = Closed(10, TradeSide.Long, 162.02, 16.28, 0, 97.16);

            var t = JournalReview.ToClosedTrade(e, 1);

            Assert.That(t.Commission, Is.EqualTo(-16.28));
            Assert.That(t.NetProfit, Is.EqualTo(e.NetProfit).Within(1e-12));
            Assert.That(t.NetProfit, Is.EqualTo(145.74).Within(1e-9));
            Assert.That(t.RMultiple, Is.EqualTo(e.RMultiple!.Value).Within(1e-12));
            Assert.That(t.Side, Is.EqualTo("Buy"));
            Assert.That(t.StopLoss, Is.EqualTo(59_700));
            Assert.That(t.ExitTimeUtc, Is.EqualTo(e.AtUtc));
        }

        [Test]
        public void Review_JournalWithOtherEvents_UsesOnlyClosedTrades()
        {
            var journal = new JournalEvent[]
            {
                new NoteEvent { Text = "restart" },
                Closed(10, TradeSide.Long, 210, 10, 0, 100),   // net +200, +2R
                new StateChangedEvent(),
                Closed(11, TradeSide.Short, -92, 8, 0, 100),   // net −100, −1R
            };

            var s = JournalReview.Review(10_000, journal, 2);

            Assert.That(s.Trades, Is.EqualTo(2));
            Assert.That(s.NetProfit, Is.EqualTo(100).Within(1e-9));
            Assert.That(s.ExpectancyR, Is.EqualTo(0.5).Within(1e-12));
            Assert.That(s.MaxBalanceDrawdown.Money, Is.EqualTo(100).Within(1e-9), "10,200 → 10,100");
            Assert.That(JournalReview.ClosedTrades(journal).Select(t => t.Id), Is.EqualTo(new long[] { 1, 2 }));
        }

        [Test]
        public void Review_ZeroDigitAccount_NetBelowHalfAYenIsBreakEven()
        {
            // A JPY account's journal (Asset.Digits 0): net +1,000 (1,010 − 10) a win, net +0.4 (10.4 − 10) and
            // −0.3 (9.7 − 10) break even. Judged in cents (the review's only precision before) it was 2 wins, 1 loss.
            var journal = new JournalEvent[]
            {
                Closed(10, TradeSide.Long, 1_010, 10, 0, 500),
                Closed(11, TradeSide.Long, 10.4, 10, 0, 500),
                Closed(12, TradeSide.Short, 9.7, 10, 0, 500),
            };

            var yen = JournalReview.Review(1_000_000, journal, 0);
            var cents = JournalReview.Review(1_000_000, journal, 2);

            Assert.That((yen.Wins, yen.Losses), Is.EqualTo((1, 0)));
            Assert.That((cents.Wins, cents.Losses), Is.EqualTo((2, 1)));
        }
    }
}
