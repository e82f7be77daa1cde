using System;
using System.Collections.Generic;
using PerpGuard.Headless.Simulation;
using static PerpGuard.Headless.Tests.Simulation.SimTestFactory;

namespace PerpGuard.Headless.Tests.Simulation
{
    /// <summary>
    /// Trading operations and money formulas in the cases mutation testing found unchecked (SimulatedBroker.Trading.cs,
    /// SimMoney.cs): commissions and swaps in a deposit currency other than USD or with a lot of 10 units, margin of a
    /// EUR-quoted symbol and of a netted reversal, partial closes with swap, SL/TP at the edge of what is accepted,
    /// adding volume, entity look-ups. Every figure worked by hand in the comments.
    /// </summary>
    public class SimulatedBrokerTradingLedgerTests
    {
        private static SimAccountSettings EuroAccount(double balance = 10000)
        {
            var account = Account(balance);
            account.Currency = "EUR";
            account.UsdToAccountRate = 0.9; // 1 USD = 0.90 EUR
            return account;
        }

        /// <summary>BTCUSD on a EUR account (USD quote → EUR at 0.9).</summary>
        private static SimSymbolSpec EuroBtc()
        {
            var spec = Btc();
            spec.QuoteToAccountRate = 0.9;
            return spec;
        }

        /// <summary>ETHUSD with 1 lot = 10 ETH and pip 0.1.</summary>
        private static SimSymbolSpec EthLotOfTen()
        {
            var spec = Btc();
            spec.Name = "ETHUSD";
            spec.LotSize = 10;
            spec.PipSize = 0.1;
            return spec;
        }

        private static SimulatedBroker At(SimulatedBroker broker, double bid, double ask)
        {
            broker.ProcessQuote(T0, bid, ask);
            return broker;
        }

        // ---- commissions ----

        [Test]
        public void Commission_UsdPerMillionOnAEuroAccount_ConvertedToEuros()
        {
            var spec = EuroBtc();
            spec.Commission = 30; // USD per million USD
            // 0.5 × 60,000 = 30,000 USD → 0.90 USD → × 0.9 = 0.81 EUR per side.
            var p = At(Broker(spec, EuroAccount()), 60000, 60000).ExecuteMarketOrder(Buy(0.5)).Position!;
            Assert.That(p.Commissions, Is.EqualTo(-0.81).Within(1e-9));
        }

        [Test]
        public void Commission_UsdPerOneLotWithLotsOfTenOnAEuroAccount_PerLotInEuros()
        {
            var spec = EthLotOfTen();
            spec.QuoteToAccountRate = 0.9;
            spec.CommissionType = SimCommissionType.UsdPerOneLot;
            spec.Commission = 5;
            // 5 ETH = 0.5 lot × 5 USD = 2.50 USD × 0.9 = 2.25 EUR per side.
            var p = At(Broker(spec, EuroAccount()), 3000, 3000).ExecuteMarketOrder(Buy(5)).Position!;
            Assert.That(p.Commissions, Is.EqualTo(-2.25).Within(1e-9));
        }

        [Test]
        public void Commission_PercentageOnAEuroAccount_ConvertedFromTheQuoteCurrency()
        {
            var spec = EuroBtc();
            spec.CommissionType = SimCommissionType.PercentageOfTradingVolume;
            spec.Commission = 0.05;
            // 0.05 % × 30,000 USD = 15 USD × 0.9 = 13.50 EUR per side.
            var p = At(Broker(spec, EuroAccount()), 60000, 60000).ExecuteMarketOrder(Buy(0.5)).Position!;
            Assert.That(p.Commissions, Is.EqualTo(-13.50).Within(1e-9));
        }

        [Test]
        public void Commission_QuoteCurrencyPerOneLotWithLotsOfTen_PerLot()
        {
            var spec = EthLotOfTen();
            spec.CommissionType = SimCommissionType.QuoteCurrencyPerOneLot;
            spec.Commission = 4;
            // 5 ETH = 0.5 lot × 4 USD = 2.00 per side.
            var p = At(Broker(spec), 3000, 3000).ExecuteMarketOrder(Buy(5)).Position!;
            Assert.That(p.Commissions, Is.EqualTo(-2.00).Within(1e-9));
        }

        // ---- swaps (per rollover, Monday 22:00, no triple day) ----

        [TestCase(SimSwapType.Pips, -10.0, -0.45, TestName = "Swap_PipsWithPipATenthOnAEuroAccount_ConvertedToEuros")]
        [TestCase(SimSwapType.Points, -500.0, -2.25, TestName = "Swap_PointsOnAEuroAccount_ConvertedToEuros")]
        [TestCase(SimSwapType.Percentage, -36.0, -27.00, TestName = "Swap_PercentageOnAEuroAccount_ConvertedToEuros")]
        public void Swap_OnAEuroAccount(SimSwapType type, double rate, double expected)
        {
            // Long 0.5 BTC at 60,000, pip 0.1, digits 2, 1 USD = 0.9 EUR:
            //   Pips:       −10 × 0.1 × 0.5 = −0.50 USD → −0.45 EUR
            //   Points:     −500 × 0.01 × 0.5 = −2.50 USD → −2.25 EUR
            //   Percentage: −36 % / 360 × 0.5 × 60,000 = −30 USD → −27.00 EUR
            var spec = EuroBtc();
            spec.PipSize = 0.1;
            spec.SwapType = type;
            spec.SwapLong = rate;
            spec.Swap3DaysRollover = null;
            var broker = At(Broker(spec, EuroAccount()), 60000, 60000);
            var p = broker.ExecuteMarketOrder(Buy(0.5)).Position!;
            broker.ProcessQuote(new DateTime(2024, 3, 4, 22, 0, 0, DateTimeKind.Utc), 60000, 60000);
            Assert.That(p.Swap, Is.EqualTo(expected).Within(1e-9));
        }

        // ---- margin formulas ----

        [Test]
        public void Margin_NotionalBeyondTheLastTiersVolume_MarginedAtTheLastTier()
        {
            // The last tier extends to infinity (docs/simulator.md): tiers 10,000 @ 1:10, 50,000 @ 1:5; 1 BTC at 60,000:
            // 10,000 / 10 + 50,000 / 5 = 1,000 + 10,000 = 11,000 (not 1,000 + 40,000 / 5 = 9,000).
            var spec = Btc();
            spec.DynamicLeverage = new[] { new SimLeverageTier(10000, 10), new SimLeverageTier(50000, 5) };
            var broker = At(Broker(spec, Account(20000)), 60000, 60000);
            broker.ExecuteMarketOrder(Buy(1));
            Assert.That(broker.Margin, Is.EqualTo(11000).Within(1e-9));
        }

        [Test]
        public void EuroQuotedSymbol_MarginGrossAndPartialCloseInUsd()
        {
            // ETHEUR on a USD account, 1 EUR = 1.10 USD. Bought 2 ETH at the ask 3,001 EUR (bid 3,000).
            var spec = Btc();
            spec.Name = "ETHEUR";
            spec.QuoteToAccountRate = 1.1;
            spec.QuoteToUsdRate = 1.1;
            var broker = At(Broker(spec), 3000, 3001);
            var p = broker.ExecuteMarketOrder(Buy(2)).Position!;
            // Margin 2 × 3,001 × 1.1 = 6,602.20 USD / 5 = 1,320.44. Gross at the bid: −1 × 2 × 1.1 = −2.20.
            Assert.That(broker.Margin, Is.EqualTo(1320.44).Within(1e-9));
            Assert.That(p.GrossProfit, Is.EqualTo(-2.2).Within(1e-9));
            // Close 1 ETH: the rest, 1 ETH, margin 660.22 and gross −1.10, counted at once.
            broker.ClosePosition(p, 1);
            Assert.That(broker.Margin, Is.EqualTo(660.22).Within(1e-9));
            Assert.That(p.GrossProfit, Is.EqualTo(-1.1).Within(1e-9));
            Assert.That(broker.UnrealizedGrossProfit, Is.EqualTo(-1.1).Within(1e-9));
            // Back to 2 ETH: the added 1 ETH at the ask 3,001 counts 3,301.10 USD too: margin 1,320.44 again.
            broker.ModifyPositionVolume(p, 2);
            Assert.That(broker.Margin, Is.EqualTo(1320.44).Within(1e-9));
        }

        [Test]
        public void Commission_UsdPerMillionOnAEuroQuotedSymbol_ConvertedToUsd()
        {
            // ETHEUR, 1 EUR = 1.10 USD: 2 ETH × 3,000 EUR = 6,600 USD × 30 / 1e6 = 0.198 → 0.20 per side.
            var spec = Btc();
            spec.Name = "ETHEUR";
            spec.QuoteToAccountRate = 1.1;
            spec.QuoteToUsdRate = 1.1;
            spec.Commission = 30;
            var p = At(Broker(spec), 3000, 3000).ExecuteMarketOrder(Buy(2)).Position!;
            Assert.That(p.Commissions, Is.EqualTo(-0.20).Within(1e-9));
        }

        [Test]
        public void EuroQuotedSymbol_NoMoneyJudgedInUsd()
        {
            // Account 1,000 USD, ETHEUR at 3,000 EUR, 1 EUR = 1.10 USD: 1.7 ETH = 5,610 USD / 5 = 1,122 > 1,000 → NoMoney
            // (dividing by the rate instead, 5,100 / 1.1 / 5 = 927, it would pass); 1.5 ETH = 4,950 / 5 = 990 → fills.
            var spec = Btc();
            spec.Name = "ETHEUR";
            spec.QuoteToAccountRate = 1.1;
            spec.QuoteToUsdRate = 1.1;
            var broker = At(Broker(spec, Account(1000)), 3000, 3000);
            Assert.That(broker.ExecuteMarketOrder(Buy(1.7)).Error, Is.EqualTo(SimErrorCode.NoMoney));
            Assert.That(broker.ExecuteMarketOrder(Buy(1.5)).IsSuccessful, Is.True);
        }

        [Test]
        public void Open_OnAEuroAccount_MarkedAtTheCloseSideAtOnce()
        {
            // Spread 10: a long is marked at the bid, a short at the ask: −10 × 0.5 = −5 USD = −4.50 EUR each.
            var broker = At(Broker(EuroBtc(), EuroAccount(20000)), 60000, 60010);
            var buy = broker.ExecuteMarketOrder(Buy(0.5)).Position!;
            var sell = broker.ExecuteMarketOrder(Sell(0.5)).Position!;
            Assert.That(buy.CurrentPrice, Is.EqualTo(60000));
            Assert.That(buy.GrossProfit, Is.EqualTo(-4.5).Within(1e-9));
            Assert.That(sell.CurrentPrice, Is.EqualTo(60010));
            Assert.That(sell.GrossProfit, Is.EqualTo(-4.5).Within(1e-9));
            Assert.That(broker.UnrealizedGrossProfit, Is.EqualTo(-9).Within(1e-9));
        }

        [Test]
        public void Close_OnAEuroAccount_GrossConverted()
        {
            // 0.5 × (61,000 − 60,000) = 500 USD × 0.9 = 450 EUR.
            var broker = At(Broker(EuroBtc(), EuroAccount()), 60000, 60000);
            var p = broker.ExecuteMarketOrder(Buy(0.5)).Position!;
            broker.ProcessQuote(T0.AddSeconds(1), 61000, 61000);
            broker.ClosePosition(p);
            Assert.That(broker.History[0].GrossProfit, Is.EqualTo(450).Within(1e-9));
            Assert.That(broker.Balance, Is.EqualTo(10450).Within(1e-9));
        }

        // ---- closed deals ----

        [Test]
        public void ClosedTrades_PipsQuantityAndDealIds()
        {
            // ETH, lot 10, pip 0.1. Long 5 at 3,000 closed at 3,010: +10.0 = 100 pips, 0.5 lots.
            // Short 5 at 3,000 closed at 3,010: −100 pips.
            var broker = At(Broker(EthLotOfTen()), 3000, 3000);
            var buy = broker.ExecuteMarketOrder(Buy(5)).Position!;
            var sell = broker.ExecuteMarketOrder(Sell(5)).Position!;
            broker.ProcessQuote(T0.AddSeconds(1), 3010, 3010);
            broker.ClosePosition(buy);
            broker.ClosePosition(sell);
            Assert.That(broker.History[0].Pips, Is.EqualTo(100).Within(1e-6));
            Assert.That(broker.History[0].Quantity, Is.EqualTo(0.5).Within(1e-12));
            Assert.That(broker.History[1].Pips, Is.EqualTo(-100).Within(1e-6));
            Assert.That(broker.History[0].ClosingDealId, Is.EqualTo(1));
            Assert.That(broker.History[1].ClosingDealId, Is.EqualTo(2));
        }

        [Test]
        public void PartialClose_SwapSplitByVolume()
        {
            // Swap −10 pips/BTC/day on 0.5 BTC: −5.00 at Monday's rollover. Closing 0.2 of 0.5 (40 %) books −2.00 of it;
            // the rest keeps −3.00 and books it when closed.
            var spec = Btc();
            spec.SwapLong = -10;
            spec.Swap3DaysRollover = null;
            var broker = At(Broker(spec), 60000, 60000);
            var p = broker.ExecuteMarketOrder(Buy(0.5)).Position!;
            broker.ProcessQuote(new DateTime(2024, 3, 4, 22, 0, 0, DateTimeKind.Utc), 60000, 60000);
            Assert.That(p.Swap, Is.EqualTo(-5).Within(1e-9));
            broker.ClosePosition(p, 0.2);
            Assert.That(broker.History[0].Swap, Is.EqualTo(-2).Within(1e-9));
            Assert.That(p.Swap, Is.EqualTo(-3).Within(1e-9));
            Assert.That(broker.Balance, Is.EqualTo(9998).Within(1e-9));
            broker.ClosePosition(p);
            Assert.That(broker.History[1].Swap, Is.EqualTo(-3).Within(1e-9));
            Assert.That(broker.Balance, Is.EqualTo(9995).Within(1e-9));
        }

        [Test]
        public void PartialClose_PartOrRestBelowTheMinimum_BadVolume()
        {
            // Minimum 0.05, step 0.01, position 0.5: closing 0.03 (below the minimum) and closing 0.47 (leaving 0.03)
            // are both refused; closing 0.45 (leaving 0.05) is fine.
            var spec = Btc();
            spec.VolumeInUnitsMin = 0.05;
            var broker = At(Broker(spec), 60000, 60000);
            var p = broker.ExecuteMarketOrder(Buy(0.5)).Position!;
            Assert.That(broker.ClosePosition(p, 0.03).Error, Is.EqualTo(SimErrorCode.BadVolume));
            Assert.That(broker.ClosePosition(p, 0.47).Error, Is.EqualTo(SimErrorCode.BadVolume));
            Assert.That(broker.ClosePosition(p, 0.45).IsSuccessful, Is.True);
            Assert.That(p.VolumeInUnits, Is.EqualTo(0.05).Within(1e-12));
        }

        // ---- adding volume ----

        [Test]
        public void ModifyPositionVolume_Increase_AtTheMarketSideWithCommissionMarginAndEvent()
        {
            var spec = Btc();
            spec.Commission = 30; // USD per million
            var broker = At(Broker(spec, Account(30000)), 60000, 60010);
            var events = new Recorder();
            broker.Listener = events;
            var buy = broker.ExecuteMarketOrder(Buy(0.5)).Position!;   // at the ask 60,010
            var sell = broker.ExecuteMarketOrder(Sell(0.5)).Position!; // at the bid 60,000
            events.Log.Clear();
            // Long +0.25 at the ask 60,010: commission 0.25 × 60,010 × 30 / 1e6 = 0.450075 → 0.45, entry side
            // 0.90 (0.900150) + 0.45 = 1.35; margin of the long side 0.75 × 60,010 / 5 = 9,001.50.
            Assert.That(broker.ModifyPositionVolume(buy, 0.75).IsSuccessful, Is.True);
            Assert.That(buy.EntryPrice, Is.EqualTo(60010).Within(1e-9));
            Assert.That(buy.Commissions, Is.EqualTo(-1.35).Within(1e-9));
            Assert.That(broker.Margin, Is.EqualTo(9001.5).Within(1e-9));
            Assert.That(buy.GrossProfit, Is.EqualTo(-7.5).Within(1e-9)); // 0.75 × (60,000 − 60,010)
            Assert.That(events.Log, Is.EqualTo(new[] { "modified " + buy.Id }));
            // Short +0.25 at the bid 60,000: entry stays 60,000.
            Assert.That(broker.ModifyPositionVolume(sell, 0.75).IsSuccessful, Is.True);
            Assert.That(sell.EntryPrice, Is.EqualTo(60000).Within(1e-9));
            Assert.That(broker.UnrealizedGrossProfit, Is.EqualTo(-15).Within(1e-9));
        }

        [Test]
        public void ModifyPositionVolume_Decrease_ClosesTheDifferenceAtTheCloseSide()
        {
            // Long 0.5 at the ask 60,010; the bid is then 60,100 (spread 10): volume 0.5 → 0.3 closes 0.2 at the bid:
            // (60,100 − 60,010) × 0.2 = 18.00, one partial deal; 0.3 stays open.
            var broker = At(Broker(), 60000, 60010);
            var p = broker.ExecuteMarketOrder(Buy(0.5)).Position!;
            broker.ProcessQuote(T0.AddSeconds(1), 60100, 60110);
            Assert.That(broker.Symbol.Spread, Is.EqualTo(10));
            var r = broker.ModifyPositionVolume(p, 0.3);
            Assert.That(r.IsSuccessful, Is.True);
            Assert.That(p.VolumeInUnits, Is.EqualTo(0.3).Within(1e-12));
            Assert.That(broker.History, Has.Count.EqualTo(1));
            Assert.That(broker.History[0].VolumeInUnits, Is.EqualTo(0.2).Within(1e-12));
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(60100));
            Assert.That(broker.History[0].GrossProfit, Is.EqualTo(18).Within(1e-9));
            Assert.That(broker.History[0].IsPartial, Is.True);
        }

        // ---- margin checks ----

        [Test]
        public void Hedged_SecondShort_NoMoneyWhenTheShortSideOutgrowsFreeMargin()
        {
            // Short 0.5 at 60,000: margin 6,000, free 4,000. Another short 0.5 grows the short side by 6,000 → NoMoney.
            var broker = At(Broker(), 60000, 60000);
            broker.ExecuteMarketOrder(Sell(0.5));
            Assert.That(broker.ExecuteMarketOrder(Sell(0.5)).Error, Is.EqualTo(SimErrorCode.NoMoney));
            Assert.That(broker.ExecuteMarketOrder(Sell(0.3)).IsSuccessful, Is.True); // +3,600 ≤ 4,000
        }

        [Test]
        public void Hedged_LongOnAnotherSymbol_DoesNotHedgeThisSymbolsShort()
        {
            // ETH long 10 at 3,000: margin 6,000, free 4,000. BTC short 0.4 at 60,000 = 24,000 / 5 = 4,800 > 4,000:
            // NoMoney (the ETH long is no offset for BTC).
            var broker = At(Broker(), 60000, 60000);
            var eth = broker.AddSymbol(new SimSymbolSpec { Name = "ETHUSD", Leverage = 5 });
            broker.ProcessQuote(eth, new SimQuote(T0, 3000, 3000));
            Assert.That(broker.ExecuteMarketOrder(Buy(10) with { Symbol = eth }).IsSuccessful, Is.True);
            Assert.That(broker.ExecuteMarketOrder(Sell(0.4)).Error, Is.EqualTo(SimErrorCode.NoMoney));
        }

        [Test]
        public void Netted_FromLong_MarginOfTheNetResult()
        {
            // Netted long 0.5 at 60,000: margin 6,000, free 4,000. Orders are judged by the net position after them:
            //   buy 0.4 → long 0.9 = 54,000 / 5 = 10,800: +4,800 > 4,000 → NoMoney;
            //   sell 1.5 → short 1.0 = 12,000: +6,000 → NoMoney;
            //   sell 1.2 → short 0.7 = 8,400: +2,400 → fills: short 0.7 at 60,000.
            var broker = At(Broker(account: Account(type: SimAccountType.Netted)), 60000, 60000);
            broker.ExecuteMarketOrder(Buy(0.5));
            Assert.That(broker.ExecuteMarketOrder(Buy(0.4)).Error, Is.EqualTo(SimErrorCode.NoMoney));
            Assert.That(broker.ExecuteMarketOrder(Sell(1.5)).Error, Is.EqualTo(SimErrorCode.NoMoney));
            Assert.That(broker.ExecuteMarketOrder(Sell(1.2)).IsSuccessful, Is.True);
            Assert.That(broker.Positions, Has.Count.EqualTo(1));
            Assert.That(broker.Positions[0].Side, Is.EqualTo(SimTradeSide.Sell));
            Assert.That(broker.Positions[0].VolumeInUnits, Is.EqualTo(0.7).Within(1e-12));
            Assert.That(broker.Margin, Is.EqualTo(8400).Within(1e-6));
        }

        [Test]
        public void Netted_FromShort_ReversalFitsTheNetMargin()
        {
            // Netted short 0.5 at 60,000; buy 1.2 → long 0.7: margin 8,400, +2,400 ≤ 4,000 → fills.
            var broker = At(Broker(account: Account(type: SimAccountType.Netted)), 60000, 60000);
            broker.ExecuteMarketOrder(Sell(0.5));
            Assert.That(broker.ExecuteMarketOrder(Buy(1.2)).IsSuccessful, Is.True);
            Assert.That(broker.Positions[0].Side, Is.EqualTo(SimTradeSide.Buy));
            Assert.That(broker.Positions[0].VolumeInUnits, Is.EqualTo(0.7).Within(1e-12));
        }

        [Test]
        public void Netted_SameSideOrderWithAStop_MergedPositionTakesTheStop()
        {
            var broker = At(Broker(account: Account(type: SimAccountType.Netted)), 60000, 60000);
            var p = broker.ExecuteMarketOrder(Buy(0.2) with { TakeProfitPrice = 61000 }).Position!;
            var merged = broker.ExecuteMarketOrder(Buy(0.1) with { StopLossPrice = 59000 }).Position!;
            Assert.That(merged, Is.SameAs(p));
            Assert.That(p.StopLoss, Is.EqualTo(59000));
            Assert.That(p.TakeProfit, Is.EqualTo(61000)); // kept: the order gave none
            broker.ExecuteMarketOrder(Buy(0.1) with { TakeProfitPrice = 62000 }); // a new TP replaces, the SL stays
            Assert.That(p.StopLoss, Is.EqualTo(59000));
            Assert.That(p.TakeProfit, Is.EqualTo(62000));
            broker.ExecuteMarketOrder(Buy(0.1) with { StopLossPrice = 59500 }); // a new SL replaces, the TP stays
            Assert.That(p.StopLoss, Is.EqualTo(59500));
            Assert.That(p.TakeProfit, Is.EqualTo(62000));
        }

        [Test]
        public void LabelsAndComments_KeptOnOrdersAndPositions()
        {
            var broker = At(Broker(), 60000, 60010);
            var p = broker.ExecuteMarketOrder(Buy(0.1) with { Label = "scalp", Comment = "why" }).Position!;
            Assert.That(p.Label, Is.EqualTo("scalp"));
            Assert.That(p.Comment, Is.EqualTo("why"));
            var o = broker.PlaceLimitOrder(new SimPendingOrderRequest(SimPendingOrderType.Limit, SimTradeSide.Buy, 0.1, 59000) { Label = "dip", Comment = "buy it" }).PendingOrder!;
            Assert.That(o.Label, Is.EqualTo("dip"));
            Assert.That(o.Comment, Is.EqualTo("buy it"));
            broker.ProcessQuote(T0.AddSeconds(1), 58990, 59000);
            var filled = broker.Positions[1];
            Assert.That(filled.Label, Is.EqualTo("dip"));
            Assert.That(filled.Comment, Is.EqualTo("buy it"));
        }

        [Test]
        public void Netted_PositionOnAnotherSymbolFirst_NewSymbolOpensItsOwn()
        {
            var broker = At(Broker(account: Account(type: SimAccountType.Netted)), 60000, 60000);
            var eth = broker.AddSymbol(new SimSymbolSpec { Name = "ETHUSD", Leverage = 5 });
            broker.ProcessQuote(eth, new SimQuote(T0, 3000, 3000));
            broker.ExecuteMarketOrder(Buy(1) with { Symbol = eth });
            var btc = broker.ExecuteMarketOrder(Buy(0.1)).Position!;
            Assert.That(broker.Positions, Has.Count.EqualTo(2));
            Assert.That(btc.SymbolName, Is.EqualTo("BTCUSD"));
        }

        [Test]
        public void PendingFill_LackingMargin_CancelledAsRejected()
        {
            // Buy limit 1 BTC at 59,000: 59,000 / 5 = 11,800 > 10,000 free when it triggers → cancelled, Rejected.
            var broker = At(Broker(), 60000, 60000);
            var events = new Recorder();
            broker.Listener = events;
            broker.PlaceLimitOrder(new SimPendingOrderRequest(SimPendingOrderType.Limit, SimTradeSide.Buy, 1, 59000));
            broker.ProcessQuote(T0.AddSeconds(1), 58900, 58900);
            Assert.That(broker.Positions, Is.Empty);
            Assert.That(broker.PendingOrders, Is.Empty);
            Assert.That(events.Log, Is.EqualTo(new[] { "created 1", "cancelled 1 Rejected" }));
        }

        [Test]
        public void PendingFill_PartialFault_FillsTheFraction()
        {
            var faults = new ScriptedFaultInjector();
            var broker = At(Broker(options: new SimBrokerOptions { Faults = faults }), 60000, 60000);
            broker.PlaceLimitOrder(new SimPendingOrderRequest(SimPendingOrderType.Limit, SimTradeSide.Buy, 0.3, 59000));
            faults.PartialFillNext(1, 0.5); // 0.15 → 0.15 (on the step)
            broker.ProcessQuote(T0.AddSeconds(1), 58900, 58900);
            Assert.That(broker.Positions[0].VolumeInUnits, Is.EqualTo(0.15).Within(1e-12));
        }

        // ---- SL/TP acceptance ----

        [Test]
        public void Protection_AtOrInsideTheSpread_Refused()
        {
            // Bid 60,000, ask 60,010. A long's SL must be below the bid and its TP above the fill (ask); a short's SL
            // above the ask and its TP below the fill (bid). Exactly at those prices or between bid and ask: refused.
            var broker = At(Broker(), 60000, 60010);
            SimErrorCode? Buy_(double? sl, double? tp) => broker.ExecuteMarketOrder(Buy(0.1) with { StopLossPrice = sl, TakeProfitPrice = tp }).Error;
            SimErrorCode? Sell_(double? sl, double? tp) => broker.ExecuteMarketOrder(Sell(0.1) with { StopLossPrice = sl, TakeProfitPrice = tp }).Error;
            const SimErrorCode bad = SimErrorCode.InvalidStopLossTakeProfit;
            Assert.That(Buy_(60000, null), Is.EqualTo(bad));
            Assert.That(Buy_(null, 60005), Is.EqualTo(bad));
            Assert.That(Buy_(null, 60010), Is.EqualTo(bad));
            Assert.That(Sell_(60005, null), Is.EqualTo(bad));
            Assert.That(Sell_(60010, null), Is.EqualTo(bad));
            Assert.That(Sell_(null, 60005), Is.EqualTo(bad));
            Assert.That(Sell_(null, 60000), Is.EqualTo(bad));
            Assert.That(Buy_(59999.99, 60010.01), Is.Null); // the nearest accepted prices
            Assert.That(Sell_(60010.01, 59999.99), Is.Null);
        }

        [Test]
        public void Protection_NonPositiveOrInfinitePrices_Refused()
        {
            var broker = At(Broker(), 60000, 60010);
            const SimErrorCode bad = SimErrorCode.InvalidStopLossTakeProfit;
            Assert.That(broker.ExecuteMarketOrder(Buy(0.1) with { StopLossPrice = 0 }).Error, Is.EqualTo(bad));
            Assert.That(broker.ExecuteMarketOrder(Buy(0.1) with { StopLossPrice = -5 }).Error, Is.EqualTo(bad));
            Assert.That(broker.ExecuteMarketOrder(Sell(0.1) with { TakeProfitPrice = 0 }).Error, Is.EqualTo(bad));
            Assert.That(broker.ExecuteMarketOrder(Buy(0.1) with { TakeProfitPrice = double.PositiveInfinity }).Error, Is.EqualTo(bad));
            Assert.That(broker.ExecuteMarketOrder(Buy(0.1) with { StopLossPips = 10, StopLossPrice = 59000 }).Error, Is.EqualTo(SimErrorCode.InvalidRequest));
            Assert.That(broker.Positions, Is.Empty);
        }

        [Test]
        public void Protection_MinimumDistanceInPipsOfATenth_ExactlyAtItAccepted()
        {
            // Minimum 50 pips × 0.1 = 5.0 from the bid (no spread here): SL 59,995 / TP 60,005 accepted, one tick
            // closer refused.
            var spec = Btc();
            spec.PipSize = 0.1;
            spec.MinStopDistancePips = 50;
            var broker = At(Broker(spec), 60000, 60000);
            Assert.That(broker.ExecuteMarketOrder(Buy(0.1) with { StopLossPrice = 59995, TakeProfitPrice = 60005 }).IsSuccessful, Is.True);
            Assert.That(broker.ExecuteMarketOrder(Buy(0.1) with { StopLossPrice = 59995.01 }).Error, Is.EqualTo(SimErrorCode.InvalidStopLossTakeProfit));
            Assert.That(broker.ExecuteMarketOrder(Buy(0.1) with { TakeProfitPrice = 60004.99 }).Error, Is.EqualTo(SimErrorCode.InvalidStopLossTakeProfit));
        }

        [Test]
        public void StopPips_WithPipATenth_DistanceIsPipsTimesPipSize()
        {
            // 200 pips × 0.1 = 20.0 below the fill 60,010.
            var spec = Btc();
            spec.PipSize = 0.1;
            var p = At(Broker(spec), 60000, 60010).ExecuteMarketOrder(Buy(0.1) with { StopLossPips = 200 }).Position!;
            Assert.That(p.StopLoss, Is.EqualTo(59990));
        }

        [Test]
        public void ModifyPosition_ShortStopBetweenBidAndAsk_Refused()
        {
            // A short's SL triggers by the ask (60,010): 60,005 would already be beyond it.
            var broker = At(Broker(), 60000, 60010);
            var p = broker.ExecuteMarketOrder(Sell(0.1)).Position!;
            Assert.That(broker.ModifyPosition(p, 60005, null).Error, Is.EqualTo(SimErrorCode.InvalidStopLossTakeProfit));
            Assert.That(broker.ModifyPosition(p, 60010.01, null).IsSuccessful, Is.True);
        }

        // ---- pending order fields ----

        [Test]
        public void PendingOrder_BadFields_RefusedGoodOnesKept()
        {
            var broker = At(Broker(), 60000, 60010);
            SimTradeResult Limit(SimPendingOrderRequest r) => broker.PlaceLimitOrder(r);
            var ok = new SimPendingOrderRequest(SimPendingOrderType.Limit, SimTradeSide.Buy, 0.1, 59000);
            Assert.That(Limit(ok with { TargetPrice = 0 }).Error, Is.EqualTo(SimErrorCode.InvalidRequest));
            Assert.That(Limit(ok with { TargetPrice = double.PositiveInfinity }).Error, Is.EqualTo(SimErrorCode.InvalidRequest));
            Assert.That(Limit(ok with { StopLossPips = 0 }).Error, Is.EqualTo(SimErrorCode.InvalidStopLossTakeProfit));
            Assert.That(Limit(ok with { TakeProfitPips = 0 }).Error, Is.EqualTo(SimErrorCode.InvalidStopLossTakeProfit));
            Assert.That(broker.PlaceStopLimitOrder(ok with { TargetPrice = 61000, StopLimitRangePips = 0 }).IsSuccessful, Is.True);
            var o = Limit(ok with { TakeProfitPips = 100, StopLossTriggerMethod = SimStopTriggerMethod.Opposite }).PendingOrder!;
            Assert.That(o.Id, Is.EqualTo(2));
            Assert.That(o.Label, Is.Empty);
            Assert.That(o.Comment, Is.Empty);
            // Filled on a gap at the ask 58,900: TP 100 pips above that fill, the SL trigger method carried over.
            broker.ProcessQuote(T0.AddSeconds(1), 58890, 58900);
            var p = broker.Positions[0];
            Assert.That(p.TakeProfit, Is.EqualTo(59000));
            Assert.That(p.StopLossTriggerMethod, Is.EqualTo(SimStopTriggerMethod.Opposite));
            Assert.That(p.Label, Is.Empty);
            Assert.That(p.Comment, Is.Empty);
        }

        [Test]
        public void PendingOrder_OnASecondSymbolOrWithTradingDisabled()
        {
            var broker = At(Broker(), 60000, 60010);
            var eth = broker.AddSymbol(new SimSymbolSpec { Name = "ETHUSD", Leverage = 5 });
            broker.ProcessQuote(eth, new SimQuote(T0, 3000, 3001));
            var o = broker.PlaceLimitOrder(new SimPendingOrderRequest(SimPendingOrderType.Limit, SimTradeSide.Buy, 1, 2900) { Symbol = eth }).PendingOrder!;
            Assert.That(o.Symbol, Is.SameAs(eth));
            broker.Symbol.Spec.IsTradingEnabled = false;
            Assert.That(broker.PlaceLimitOrder(new SimPendingOrderRequest(SimPendingOrderType.Limit, SimTradeSide.Buy, 0.1, 59000)).Error,
                Is.EqualTo(SimErrorCode.MarketClosed));
        }

        // ---- entities ----

        [Test]
        public void NullEntities_EntityNotFound()
        {
            var broker = At(Broker(), 60000, 60010);
            Assert.That(broker.ModifyPendingOrder(null!, 59000, null, null, null, 0.1, false, null, null, null).Error, Is.EqualTo(SimErrorCode.EntityNotFound));
            Assert.That(broker.ModifyPosition(null!, null, null).Error, Is.EqualTo(SimErrorCode.EntityNotFound));
            Assert.That(broker.ModifyPositionVolume(null!, 0.1).Error, Is.EqualTo(SimErrorCode.EntityNotFound));
            Assert.That(broker.CancelPendingOrder(null!).Error, Is.EqualTo(SimErrorCode.EntityNotFound));
        }

        [Test]
        public void GoneEntities_EntityNotFoundAndUntouched()
        {
            var broker = At(Broker(), 60000, 60010);
            var o = broker.PlaceLimitOrder(new SimPendingOrderRequest(SimPendingOrderType.Limit, SimTradeSide.Buy, 0.1, 59000)).PendingOrder!;
            broker.CancelPendingOrder(o);
            Assert.That(broker.ModifyPendingOrder(o, 58000, null, null, null, 0.1, false, null, null, null).Error, Is.EqualTo(SimErrorCode.EntityNotFound));
            Assert.That(o.TargetPrice, Is.EqualTo(59000));
            var p = broker.ExecuteMarketOrder(Buy(0.1)).Position!;
            broker.ClosePosition(p);
            Assert.That(broker.ModifyPosition(p, 59000, null).Error, Is.EqualTo(SimErrorCode.EntityNotFound));
            Assert.That(p.StopLoss, Is.Null);
            Assert.That(broker.ModifyPositionVolume(p, 0.2).Error, Is.EqualTo(SimErrorCode.EntityNotFound));
            Assert.That(broker.Positions, Is.Empty);
        }

        [Test]
        public void CancelPendingOrder_RaisesCancelledWithReasonCancelled()
        {
            var broker = At(Broker(), 60000, 60010);
            var events = new Recorder();
            broker.Listener = events;
            var o = broker.PlaceLimitOrder(new SimPendingOrderRequest(SimPendingOrderType.Limit, SimTradeSide.Buy, 0.1, 59000)).PendingOrder!;
            broker.CancelPendingOrder(o);
            Assert.That(events.Log, Is.EqualTo(new[] { "created 1", "cancelled 1 Cancelled" }));
        }

        // ---- ModifyPosition and the trailing stop ----

        [Test]
        public void ModifyPosition_StopWithoutTrailing_StaysPutAndRaisesModified()
        {
            var broker = At(Broker(), 60000, 60010);
            var p = broker.ExecuteMarketOrder(Buy(0.1)).Position!;
            var events = new Recorder();
            broker.Listener = events;
            broker.ModifyPosition(p, 59900, null);
            Assert.That(p.HasTrailingStop, Is.False);
            Assert.That(events.Log, Is.EqualTo(new[] { "modified " + p.Id }));
            broker.ProcessQuote(T0.AddSeconds(1), 60500, 60510);
            Assert.That(p.StopLoss, Is.EqualTo(59900));
        }

        [Test]
        public void ModifyPosition_NewStopWhileTrailing_DistanceMeasuredAgain()
        {
            var broker = At(Broker(), 60000, 60010);
            // Opened trailing 100 from the bid: SL 59,910 (fill 60,010 − 100).
            var p = broker.ExecuteMarketOrder(Buy(0.1) with { StopLossPips = 100, HasTrailingStop = true }).Position!;
            // Moved to 59,850 (150 below the bid 60,000), still trailing: the distance becomes 150.
            broker.ModifyPosition(p, 59850, null, true);
            broker.ProcessQuote(T0.AddSeconds(1), 60200, 60210);
            Assert.That(p.StopLoss, Is.EqualTo(60050)); // 60,200 − 150 (the old distance would give 60,100)
        }

        [Test]
        public void ModifyPosition_SameStopWhileTrailing_KeepsTheDistance()
        {
            var broker = At(Broker(), 60000, 60010);
            var p = broker.ExecuteMarketOrder(Buy(0.1) with { StopLossPips = 100, HasTrailingStop = true }).Position!;
            broker.ProcessQuote(T0.AddSeconds(1), 60200, 60210); // SL 60,100
            broker.ProcessQuote(T0.AddSeconds(2), 60150, 60160); // back: SL stays 60,100, now 50 below the bid
            broker.ModifyPosition(p, 60100, 61000, true);        // only the TP changes: the distance stays 100
            broker.ProcessQuote(T0.AddSeconds(3), 60300, 60310);
            Assert.That(p.StopLoss, Is.EqualTo(60200)); // 60,300 − 100 (re-measured 50 would give 60,250)
        }

        [Test]
        public void ModifyPosition_DoubleStopArmed_DisarmedByTheModification()
        {
            var broker = At(Broker(), 60000, 60010);
            var p = broker.ExecuteMarketOrder(Buy(0.1) with { StopLossPrice = 59700, StopLossTriggerMethod = SimStopTriggerMethod.DoubleTrade }).Position!;
            broker.ProcessQuote(T0.AddSeconds(1), 59690, 59700); // first beyond: armed
            broker.ModifyPosition(p, 59680, null);               // a new stop starts counting again
            broker.ProcessQuote(T0.AddSeconds(2), 59670, 59680); // first beyond the new stop
            Assert.That(broker.Positions, Has.Count.EqualTo(1));
            broker.ProcessQuote(T0.AddSeconds(3), 59660, 59670); // second: filled
            Assert.That(broker.Positions, Is.Empty);
        }

        private sealed class Recorder : ISimBrokerListener
        {
            public readonly List<string> Log = new List<string>();

            public void OnPositionOpened(SimPosition position) => Log.Add("opened " + position.Id);
            public void OnPositionClosed(SimPosition position, SimClosedTrade trade, SimCloseReason reason) => Log.Add("closed " + position.Id);
            public void OnPositionPartiallyClosed(SimPosition position, SimClosedTrade trade, SimCloseReason reason) => Log.Add("partial " + position.Id);
            public void OnPositionModified(SimPosition position) => Log.Add("modified " + position.Id);
            public void OnPendingOrderCreated(SimPendingOrder order) => Log.Add("created " + order.Id);
            public void OnPendingOrderModified(SimPendingOrder order) => Log.Add("order modified " + order.Id);
            public void OnPendingOrderFilled(SimPendingOrder order, SimPosition position) => Log.Add("filled " + order.Id);
            public void OnPendingOrderCancelled(SimPendingOrder order, SimCancelReason reason) => Log.Add("cancelled " + order.Id + " " + reason);
        }
    }
}
