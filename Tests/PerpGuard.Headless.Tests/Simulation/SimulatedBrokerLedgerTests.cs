using System;
using PerpGuard.Headless.Simulation;
using PerpGuard.MarketData;
using static PerpGuard.Headless.Tests.Simulation.SimTestFactory;

namespace PerpGuard.Headless.Tests.Simulation
{
    /// <summary>
    /// Funding, swap, equity and margin figures in the cases mutation testing found unchecked: a deposit currency
    /// other than the quote currency, a spread under a percentage swap, a second symbol, tiers on a hedged short.
    /// Every figure worked by hand in the comments.
    /// </summary>
    public class SimulatedBrokerLedgerTests
    {
        /// <summary>BTCUSD on a EUR account: 1 USD = 0.90 EUR (quote→account and USD→account both 0.9).</summary>
        private static SimulatedBroker EuroBroker()
        {
            var spec = Btc();
            spec.QuoteToAccountRate = 0.9;
            var account = Account();
            account.Currency = "EUR";
            account.UsdToAccountRate = 0.9;
            return Broker(spec, account);
        }

        [Test]
        public void Funding_OnAEuroAccount_ConvertedFromTheQuoteCurrency()
        {
            var broker = EuroBroker();
            broker.ProcessQuote(T0, 60000, 60000);
            var p = broker.ExecuteMarketOrder(Buy(0.5)).Position!;
            var at = T0.AddHours(6);
            broker.SetFundingSchedule(broker.Symbol, new[] { new FundingRate(at, 0.0001) });
            // 0.0001 × 0.5 × 60,000 USD = 3.00 USD × 0.9 = 2.70 EUR paid by the long.
            broker.ProcessQuote(at, 60000, 60000);
            Assert.That(p.Swap, Is.EqualTo(-2.70).Within(1e-9));
        }

        [Test]
        public void ApplyFunding_CalledDirectly_EquityReflectsItAtOnce()
        {
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60000);
            broker.ExecuteMarketOrder(Buy(0.5));
            // 0.0001 × 0.5 × 60,000 = 3.00 paid: equity 10,000 − 3 before any further quote.
            broker.ApplyFunding(broker.Symbol, 0.0001);
            Assert.That(broker.UnrealizedNetProfit, Is.EqualTo(-3).Within(1e-9));
            Assert.That(broker.Equity, Is.EqualTo(9997).Within(1e-9));
        }

        [Test]
        public void SetFundingSchedule_MidStreamWithAPositionOpen_EventsUpToTheLastQuoteAreHistory()
        {
            // Funding is paid "at the first quote at/after each event" (docs/simulator.md). Events at 10:30 and at
            // 11:00 had that quote (11:00) before the schedule existed: not charged. The 12:00 event is: 0.0001 × 0.5
            // × 60,000 = 3.00.
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60000);
            var p = broker.ExecuteMarketOrder(Buy(0.5)).Position!;
            broker.ProcessQuote(T0.AddHours(1), 60000, 60000);
            broker.SetFundingSchedule(broker.Symbol, new[]
            {
                new FundingRate(T0.AddMinutes(30), 0.0001), new FundingRate(T0.AddHours(1), 0.0001), new FundingRate(T0.AddHours(2), 0.0001),
            });
            broker.ProcessQuote(T0.AddHours(2), 60000, 60000);
            Assert.That(p.Swap, Is.EqualTo(-3).Within(1e-9));
        }

        [Test]
        public void SetFundingSchedule_BadInput_Refused()
        {
            var broker = Broker();
            var unsorted = new[] { new FundingRate(T0.AddHours(8), 0.0001), new FundingRate(T0, 0.0001) };
            Assert.That(() => broker.SetFundingSchedule(broker.Symbol, unsorted),
                Throws.ArgumentException.With.Message.Contains("sorted by time"));
            Assert.That(() => broker.SetFundingSchedule(broker.Symbol, null!), Throws.ArgumentNullException);
        }

        [Test]
        public void Swap_Percentage_LongAtTheBidShortAtTheAsk()
        {
            // −36 %/year over 360 days = −0.1 % a day of the notional at the close-side price (docs/simulator.md):
            // long 1 BTC closes at the bid 60,000 → −60.00; short 1 BTC closes at the ask 60,010 → −60.01.
            var spec = Btc();
            spec.SwapType = SimSwapType.Percentage;
            spec.SwapLong = -36;
            spec.SwapShort = -36;
            spec.Swap3DaysRollover = null;
            var broker = Broker(spec, Account(100000));
            broker.ProcessQuote(T0, 60000, 60010);
            var buy = broker.ExecuteMarketOrder(Buy(1)).Position!;
            var sell = broker.ExecuteMarketOrder(Sell(1)).Position!;
            broker.ProcessQuote(new DateTime(2024, 3, 4, 22, 0, 0, DateTimeKind.Utc), 60000, 60010);
            Assert.That(buy.Swap, Is.EqualTo(-60.00).Within(1e-9));
            Assert.That(sell.Swap, Is.EqualTo(-60.01).Within(1e-9));
        }

        [Test]
        public void Swap_PositionOpenedAtTheRolloverInstantAfterItsQuote_PaysFromTheNextRollover()
        {
            // Flat through the Monday 22:00 quote (the rollover is applied then, to nobody); a position opened at
            // that instant is charged first on Tuesday 22:00: −10 pips × 1.0 × 0.5 = −5.
            var spec = Btc();
            spec.SwapLong = -10;
            spec.Swap3DaysRollover = null;
            var broker = Broker(spec);
            var rollover = new DateTime(2024, 3, 4, 22, 0, 0, DateTimeKind.Utc);
            broker.ProcessQuote(T0, 60000, 60000);
            broker.ProcessQuote(rollover, 60000, 60000);
            var p = broker.ExecuteMarketOrder(Buy(0.5)).Position!;
            broker.ProcessQuote(rollover.AddSeconds(1), 60000, 60000);
            Assert.That(p.Swap, Is.EqualTo(0));
            broker.ProcessQuote(rollover.AddDays(1), 60000, 60000);
            Assert.That(p.Swap, Is.EqualTo(-5).Within(1e-9));
        }

        [Test]
        public void Equity_PositionsOnTwoSymbols_BothCounted()
        {
            var broker = Broker();
            var eth = broker.AddSymbol(new SimSymbolSpec { Name = "ETHUSD", Leverage = 5 });
            broker.ProcessQuote(T0, 60000, 60000);
            broker.ProcessQuote(eth, new SimQuote(T0, 3000, 3000));
            broker.ExecuteMarketOrder(Buy(0.5));
            broker.ExecuteMarketOrder(Buy(1) with { Symbol = eth });
            // BTC +1,000 × 0.5 = +500; ETH +100 × 1 = +100. The ETH quote comes last and must count the BTC position.
            broker.ProcessQuote(T0.AddSeconds(1), 61000, 61000);
            broker.ProcessQuote(eth, new SimQuote(T0.AddSeconds(2), 3100, 3100));
            Assert.That(broker.UnrealizedGrossProfit, Is.EqualTo(600).Within(1e-9));
            Assert.That(broker.Equity, Is.EqualTo(10600).Within(1e-9));
        }

        [Test]
        public void TwoSymbols_FundingStopOutAndOrdersOfOneLeaveTheOtherAlone()
        {
            var broker = Broker();
            var eth = broker.AddSymbol(new SimSymbolSpec { Name = "ETHUSD", Leverage = 5 });
            broker.ProcessQuote(T0, 60000, 60000);
            broker.ProcessQuote(eth, new SimQuote(T0, 3000, 3000));
            broker.ExecuteMarketOrder(Buy(0.5));                                // BTC margin 6,000
            var ethLong = broker.ExecuteMarketOrder(Buy(1) with { Symbol = eth }).Position!; // ETH margin 600
            var ethOrder = broker.PlaceLimitOrder(new SimPendingOrderRequest(SimPendingOrderType.Limit, SimTradeSide.Sell, 1, 3100) { Symbol = eth }).PendingOrder!;
            // BTC funding is not charged to the ETH position.
            broker.ApplyFunding(broker.Symbol, 0.0001); // BTC: 0.0001 × 0.5 × 60,000 = 3.00
            Assert.That(ethLong.Swap, Is.EqualTo(0));
            // BTC quotes at 60,000 are far above the ETH sell limit's 3,100, but only ETH quotes can fill it.
            broker.ProcessQuote(T0.AddSeconds(1), 50000, 50000);
            Assert.That(broker.PendingOrders, Is.EqualTo(new[] { ethOrder }));
            // BTC line 50,000 → 40,000: margin 6,600, level 3,300; equity 10,000 − 3 + 0.5 × (bid − 60,000) = 3,300 at
            // bid 46,606: BTC stopped out there. The ETH position stays, still marked at its own price 3,000.
            broker.ProcessQuote(broker.Symbol, new SimQuote(T0.AddSeconds(2), 40000, 40000, true));
            Assert.That(broker.History, Has.Count.EqualTo(1));
            Assert.That(broker.History[0].SymbolName, Is.EqualTo("BTCUSD"));
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(46606).Within(1e-9));
            Assert.That(ethLong.CurrentPrice, Is.EqualTo(3000));
            Assert.That(ethLong.GrossProfit, Is.EqualTo(0));
        }

        [Test]
        public void Equity_OnAEuroAccountWithFunding_GrossConvertedAndFundingSubtracted()
        {
            var broker = EuroBroker();
            broker.ProcessQuote(T0, 60000, 60000);
            broker.ExecuteMarketOrder(Buy(0.5));
            broker.ApplyFunding(broker.Symbol, 0.0001); // 0.0001 × 0.5 × 60,000 × 0.9 = 2.70 EUR paid
            // Bid 61,000: gross 1,000 × 0.5 = 500 USD × 0.9 = 450 EUR; equity 10,000 + 450 − 2.70 = 10,447.30.
            broker.ProcessQuote(T0.AddSeconds(1), 61000, 61000);
            Assert.That(broker.UnrealizedGrossProfit, Is.EqualTo(450).Within(1e-9));
            Assert.That(broker.Equity, Is.EqualTo(10447.30).Within(1e-9));
        }

        [Test]
        public void UnrealizedGross_TwoPositionsOpened_SumOfBoth()
        {
            var broker = Broker(account: Account(20000));
            broker.ProcessQuote(T0, 60000, 60010);
            broker.ExecuteMarketOrder(Buy(0.5));
            broker.ExecuteMarketOrder(Buy(0.5));
            // Each bought at 60,010 and marked at the bid 60,000: −10 × 0.5 = −5, twice.
            Assert.That(broker.UnrealizedGrossProfit, Is.EqualTo(-10).Within(1e-9));
            Assert.That(broker.Equity, Is.EqualTo(19990).Within(1e-9));
        }

        [Test]
        public void Margin_FourSymbols_EachSymbolsMarginCounted()
        {
            // Four registered symbols (the margin tables start with room for four); 0.1 BTC at 60,000 / 5 = 1,200 plus
            // 1 unit of each other symbol at 1,000 / 5 = 200: 1,800.
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60000);
            foreach (var name in new[] { "AAAUSD", "BBBUSD", "CCCUSD" })
            {
                var s = broker.AddSymbol(new SimSymbolSpec { Name = name, Leverage = 5 });
                broker.ProcessQuote(s, new SimQuote(T0, 1000, 1000));
                Assert.That(broker.ExecuteMarketOrder(Buy(1) with { Symbol = s }).IsSuccessful, Is.True);
            }

            broker.ExecuteMarketOrder(Buy(0.1));
            Assert.That(broker.Margin, Is.EqualTo(1800).Within(1e-9));
        }

        [Test]
        public void Margin_OnAEuroAccount_ConvertedFromUsd()
        {
            // 0.5 × 60,000 = 30,000 USD / leverage 5 = 6,000 USD × 0.9 = 5,400 EUR, for the position and the account.
            var broker = EuroBroker();
            broker.ProcessQuote(T0, 60000, 60000);
            var p = broker.ExecuteMarketOrder(Buy(0.5)).Position!;
            Assert.That(p.Margin, Is.EqualTo(5400).Within(1e-9));
            Assert.That(broker.Margin, Is.EqualTo(5400).Within(1e-9));
        }

        [Test]
        public void Margin_HedgedTiers_TheShortTieredOnTheShortSide()
        {
            // Tiers: the first 10,000 USD at 1:10, the rest at 1:5.
            // Long 0.5 × 60,000 = 30,000: 10,000 / 10 + 20,000 / 5 = 1,000 + 4,000 = 5,000.
            // Short 0.25 × 60,000 = 15,000: 1,000 + 5,000 / 5 = 2,000 (its own side, not a share of the long side's
            // 5,000 × 15,000 / 30,000 = 2,500). The account counts the larger side: 5,000.
            var spec = Btc();
            spec.DynamicLeverage = new[] { new SimLeverageTier(10000, 10), new SimLeverageTier(1e12, 5) };
            var broker = Broker(spec);
            broker.ProcessQuote(T0, 60000, 60000);
            var buy = broker.ExecuteMarketOrder(Buy(0.5)).Position!;
            var sell = broker.ExecuteMarketOrder(Sell(0.25)).Position!;
            Assert.That(buy.Margin, Is.EqualTo(5000).Within(1e-9));
            Assert.That(sell.Margin, Is.EqualTo(2000).Within(1e-9));
            Assert.That(broker.Margin, Is.EqualTo(5000).Within(1e-9));
        }
    }
}
