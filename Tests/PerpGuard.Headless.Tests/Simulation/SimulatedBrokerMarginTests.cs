using System;
using PerpGuard.Headless.Simulation;
using static PerpGuard.Headless.Tests.Simulation.SimTestFactory;

namespace PerpGuard.Headless.Tests.Simulation
{
    /// <summary>Margin (flat, tiered, hedged, netted), margin level and stop-out.</summary>
    public class SimulatedBrokerMarginTests
    {
        private static (SimulatedBroker, SimPosition) LongHalfBtc()
        {
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60000);
            return (broker, broker.ExecuteMarketOrder(Buy(0.5)).Position!);
        }

        [Test]
        public void Margin_HalfBtcAt60000Leverage5_Is6000()
        {
            var (broker, p) = LongHalfBtc();
            // 30,000 / 5 = 6,000; level = 10,000 / 6,000 × 100 = 166.67 %.
            Assert.That(broker.Margin, Is.EqualTo(6000).Within(1e-9));
            Assert.That(p.Margin, Is.EqualTo(6000).Within(1e-9));
            Assert.That(broker.FreeMargin, Is.EqualTo(4000).Within(1e-9));
            Assert.That(broker.MarginLevel, Is.EqualTo(10000.0 / 6000 * 100).Within(1e-9));
        }

        [Test]
        public void MarginLevel_NoPositions_IsNaN()
        {
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60000);
            Assert.That(double.IsNaN(broker.MarginLevel), Is.True);
        }

        [Test]
        public void StopOut_BidAt46001_StillOpen()
        {
            // Equity 10,000 − 0.5 × 13,999 = 3,000.5; level 50.008 % > 50 %.
            var (broker, _) = LongHalfBtc();
            broker.ProcessQuote(T0.AddMinutes(1), 46001, 46001);
            Assert.That(broker.Positions, Has.Count.EqualTo(1));
            Assert.That(broker.MarginLevel, Is.EqualTo(3000.5 / 6000 * 100).Within(1e-9));
        }

        [Test]
        public void StopOut_BidBelow46000_ClosedByStopOut()
        {
            // Stop-out 50 % of 6,000 margin → equity 3,000 → loss 7,000 → 60,000 − 7,000 / 0.5 = 46,000. cTrader closes
            // when the level is *less than* the stop-out level (IAccount.StopOutLevel), so 46,000 itself keeps the
            // position (SimulatedBrokerFaithfulnessTests) and the jump goes two ticks below: gross (45,999.98 − 60,000)
            // × 0.5 = −7,000.01, balance 2,999.99.
            var (broker, _) = LongHalfBtc();
            broker.ProcessQuote(T0.AddMinutes(1), 45999.98, 45999.98);
            Assert.That(broker.Positions, Is.Empty);
            Assert.That(broker.History[0].Reason, Is.EqualTo(SimCloseReason.StopOut));
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(45999.98));
            Assert.That(broker.Balance, Is.EqualTo(2999.99).Within(1e-9));
        }

        [Test]
        public void StopOut_ContinuousSegmentThroughLevel_ClosedAtComputedLevel()
        {
            var (broker, _) = LongHalfBtc();
            broker.ProcessQuote(broker.Symbol, new SimQuote(T0.AddMinutes(1), 47000, 47000, false));
            broker.ProcessQuote(broker.Symbol, new SimQuote(T0.AddMinutes(1).AddSeconds(15), 45000, 45000, true));
            Assert.That(broker.History[0].Reason, Is.EqualTo(SimCloseReason.StopOut));
            Assert.That(broker.History[0].ClosingPrice, Is.EqualTo(46000).Within(1e-6));
        }

        [Test]
        public void StopOut_TwoPositions_ClosesLargestLoserFirstThenRechecks()
        {
            var broker = Broker(account: Account(12000));
            broker.ProcessQuote(T0, 60000, 60000);
            var big = broker.ExecuteMarketOrder(Buy(0.5)).Position!;   // margin 6,000
            broker.ProcessQuote(T0.AddSeconds(1), 50000, 50000);
            var small = broker.ExecuteMarketOrder(Buy(0.1)).Position!; // margin 1,000, entry 50,000
            // At bid 44,000: big −8,000, small −600 → equity 3,400, margin 7,000 → 48.6 % ≤ 50 → stop out big.
            // After: balance 4,000, equity 3,400, margin 1,000 → 340 % → small stays.
            broker.ProcessQuote(T0.AddSeconds(2), 44000, 44000);
            Assert.That(broker.Positions, Has.Count.EqualTo(1));
            Assert.That(broker.Positions[0], Is.SameAs(small));
            Assert.That(broker.History[0].PositionId, Is.EqualTo(big.Id));
            Assert.That(broker.Balance, Is.EqualTo(4000).Within(1e-9));
        }

        [Test]
        public void Margin_HedgedOppositePositions_LargerSideOnly()
        {
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60000);
            broker.ExecuteMarketOrder(Buy(0.5));
            broker.ExecuteMarketOrder(Sell(0.3));
            // max(30,000, 18,000) / 5 = 6,000
            Assert.That(broker.Positions, Has.Count.EqualTo(2));
            Assert.That(broker.Margin, Is.EqualTo(6000).Within(1e-9));
        }

        [Test]
        public void Margin_NettedOppositeOrder_ReducesPosition()
        {
            var broker = Broker(account: Account(type: SimAccountType.Netted));
            broker.ProcessQuote(T0, 60000, 60000);
            var p = broker.ExecuteMarketOrder(Buy(0.5)).Position!;
            broker.ProcessQuote(T0.AddSeconds(1), 61000, 61000);
            var r = broker.ExecuteMarketOrder(Sell(0.3));
            // Netting: 0.3 closed at 61,000 (+300), 0.2 left at entry 60,000 → margin 12,000 / 5 = 2,400.
            Assert.That(r.Position, Is.SameAs(p));
            Assert.That(broker.Positions, Has.Count.EqualTo(1));
            Assert.That(p.VolumeInUnits, Is.EqualTo(0.2).Within(1e-12));
            Assert.That(broker.History[0].GrossProfit, Is.EqualTo(300).Within(1e-9));
            Assert.That(broker.Margin, Is.EqualTo(2400).Within(1e-9));
        }

        [Test]
        public void Netted_SameSideOrder_MergesAtAveragePrice()
        {
            var broker = Broker(account: Account(type: SimAccountType.Netted));
            broker.ProcessQuote(T0, 60000, 60000);
            var p = broker.ExecuteMarketOrder(Buy(0.1)).Position!;
            broker.ProcessQuote(T0.AddSeconds(1), 63000, 63000);
            broker.ExecuteMarketOrder(Buy(0.2));
            // (0.1 × 60,000 + 0.2 × 63,000) / 0.3 = 62,000
            Assert.That(broker.Positions, Has.Count.EqualTo(1));
            Assert.That(p.VolumeInUnits, Is.EqualTo(0.3).Within(1e-12));
            Assert.That(p.EntryPrice, Is.EqualTo(62000).Within(1e-9));
        }

        [Test]
        public void Netted_LargerOppositeOrder_ClosesAndReverses()
        {
            var broker = Broker(account: Account(type: SimAccountType.Netted));
            broker.ProcessQuote(T0, 60000, 60000);
            var p = broker.ExecuteMarketOrder(Buy(0.2)).Position!;
            var r = broker.ExecuteMarketOrder(Sell(0.5));
            Assert.That(broker.History[0].PositionId, Is.EqualTo(p.Id));
            Assert.That(broker.Positions, Has.Count.EqualTo(1));
            Assert.That(r.Position!.Side, Is.EqualTo(SimTradeSide.Sell));
            Assert.That(r.Position.VolumeInUnits, Is.EqualTo(0.3).Within(1e-12));
        }

        private static SimSymbolSpec Tiered()
        {
            var spec = Btc();
            spec.VolumeInUnitsMax = 1000;
            // Bands: 0–50k USD at 1:50, 50k–200k at 1:20, above at 1:10.
            spec.DynamicLeverage = new[] { new SimLeverageTier(50000, 50), new SimLeverageTier(200000, 20), new SimLeverageTier(1e12, 10) };
            return spec;
        }

        [Test]
        public void Margin_DynamicTiers_EachBandAtItsLeverage()
        {
            var broker = Broker(Tiered(), Account(1000000));
            broker.ProcessQuote(T0, 60000, 60000);
            broker.ExecuteMarketOrder(Buy(2));
            // 120,000 USD: 50,000/50 + 70,000/20 = 1,000 + 3,500 = 4,500.
            Assert.That(broker.Margin, Is.EqualTo(4500).Within(1e-9));
            broker.ExecuteMarketOrder(Buy(3));
            // 300,000 USD: 1,000 + 150,000/20 + 100,000/10 = 1,000 + 7,500 + 10,000 = 18,500.
            Assert.That(broker.Margin, Is.EqualTo(18500).Within(1e-9));
        }

        [Test]
        public void Margin_HedgedTiers_EachSideTieredOnItsTotalVolumeLargerSideCounts()
        {
            // cTrader applies the tiers to the symbol's open volume per side, not to each position alone:
            // OpenApiModelMessages.proto, ProtoOADynamicLeverageTier.volume = "Max USD volume ... of the Open Position
            // (per side)"; help.ctrader.com/trading-with-ctrader/dynamic-leverage: brokers "reduce leverage after a volume
            // of open positions is surpassed for each symbol and direction". Hedged margin = the larger side (MAX).
            //   long 2 + 2 BTC at 60,000 = 240,000 USD: 50,000/50 + 150,000/20 + 40,000/10 = 1,000 + 7,500 + 4,000 = 12,500
            //   short 3 BTC = 180,000 USD: 1,000 + 130,000/20 = 7,500  →  margin max(12,500, 7,500) = 12,500.
            // Tiered per position the longs would take 4,500 each (9,000).
            var broker = Broker(Tiered(), Account(1000000));
            broker.ProcessQuote(T0, 60000, 60000);
            broker.ExecuteMarketOrder(Buy(2));
            broker.ExecuteMarketOrder(Buy(2));
            broker.ExecuteMarketOrder(Sell(3));
            Assert.That(broker.Margin, Is.EqualTo(12500).Within(1e-9));
        }

        [Test]
        public void Margin_DynamicTiersWithAccountCap_CapApplies()
        {
            var account = Account(1000000);
            account.Leverage = 30;
            var broker = Broker(Tiered(), account);
            broker.ProcessQuote(T0, 60000, 60000);
            broker.ExecuteMarketOrder(Buy(2));
            // 50,000/min(50,30) + 70,000/20 = 1,666.67 + 3,500
            Assert.That(broker.Margin, Is.EqualTo(50000.0 / 30 + 3500).Within(1e-9));
        }

        [Test]
        public void ExecuteMarketOrder_MarginAboveFreeMargin_NoMoney()
        {
            var broker = Broker(account: Account(1000));
            broker.ProcessQuote(T0, 60000, 60000);
            // 0.1 × 60,000 / 5 = 1,200 > 1,000 free margin.
            var r = broker.ExecuteMarketOrder(Buy(0.1));
            Assert.That(r.Error, Is.EqualTo(SimErrorCode.NoMoney));
            Assert.That(broker.Positions, Is.Empty);
            Assert.That(broker.ExecuteMarketOrder(Buy(0.08)).IsSuccessful, Is.True); // 960
        }

        [Test]
        public void ExecuteMarketOrder_HedgeWhenMarginFull_AllowedBecauseMarginDoesNotGrow()
        {
            var broker = Broker(account: Account(1000));
            broker.ProcessQuote(T0, 60000, 60000);
            Assert.That(broker.ExecuteMarketOrder(Buy(0.08)).IsSuccessful, Is.True); // 960 of 1,000
            Assert.That(broker.ExecuteMarketOrder(Sell(0.08)).IsSuccessful, Is.True); // larger side unchanged
            Assert.That(broker.Margin, Is.EqualTo(960).Within(1e-9));
        }

        [Test]
        public void GetEstimatedMargin_Buy_UsesAskAndLeverage()
        {
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60010);
            Assert.That(broker.GetEstimatedMargin(broker.Symbol, SimTradeSide.Buy, 0.5), Is.EqualTo(0.5 * 60010 / 5).Within(1e-9));
        }
    }
}
