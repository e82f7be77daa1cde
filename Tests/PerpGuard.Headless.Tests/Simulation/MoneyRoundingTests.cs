using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using PerpGuard.Headless.Simulation;
using PerpGuard.Tests.Common;
using static PerpGuard.Headless.Tests.Simulation.SimTestFactory;

namespace PerpGuard.Headless.Tests.Simulation
{
    /// <summary>
    /// Money in whole cents. cTrader books every deal amount as an integer of the deposit currency's money digits
    /// (OpenApiModelMessages.proto, ProtoOAClosePositionDetail: grossProfit, swap, commission and the balance after
    /// the deal are int64 scaled by 10^moneyDigits; ProtoOADeal.commission and ProtoOAPosition.swap likewise), so the
    /// balance is the sum of rounded deal amounts. Rounding of a half cent: away from zero (cTrader does not publish it).
    /// </summary>
    public class MoneyRoundingTests
    {
        [Test]
        public void ClosePosition_AmountsWithFractionsOfACent_EachBookedInCents()
        {
            // 0.37 BTC bought at 60,123.45, sold at 60,234.56; commission 30 USD per million USD per side.
            //   entry commission 0.37 × 60,123.45 × 30e-6 = 0.667370295 → 0.67
            //   gross            0.37 × 111.11                = 41.1107     → 41.11
            //   exit commission  0.37 × 60,234.56 × 30e-6 = 0.668603616 → 0.67
            //   net 41.11 − 0.67 − 0.67 = 39.77 (unrounded it was 39.774726…); balance 10,039.77.
            var spec = Btc();
            spec.Commission = 30;
            var broker = Broker(spec);
            broker.ProcessQuote(T0, 60123.45, 60123.45);
            var p = broker.ExecuteMarketOrder(Buy(0.37)).Position!;
            Assert.That(p.Commissions, Is.EqualTo(-0.67));
            broker.ProcessQuote(T0.AddMinutes(1), 60234.56, 60234.56);
            broker.ClosePosition(p);
            var deal = broker.History[0];
            Assert.That(deal.GrossProfit, Is.EqualTo(41.11));
            Assert.That(deal.Commissions, Is.EqualTo(-1.34));
            Assert.That(deal.NetProfit, Is.EqualTo(39.77));
            Assert.That(deal.Balance, Is.EqualTo(10039.77));
            Assert.That(broker.Balance, Is.EqualTo(10039.77));
        }

        [Test]
        public void Swap_PercentageWithFractionsOfACent_EachRolloverBookedInCents()
        {
            // Short 0.37 BTC at 60,123.45, swap −10 % a year on 360 days: 0.37 × 60,123.45 × 0.10 / 360 = 6.17935…
            // → −6.18 at each rollover (22:00 UTC): two rollovers −12.36 (unrounded −12.3587…).
            var spec = Btc();
            spec.SwapType = SimSwapType.Percentage;
            spec.SwapShort = -10;
            spec.Swap3DaysRollover = null;
            var broker = Broker(spec);
            broker.ProcessQuote(T0, 60123.45, 60123.45);
            var p = broker.ExecuteMarketOrder(Sell(0.37)).Position!;
            broker.ProcessQuote(T0.Date.AddHours(22), 60123.45, 60123.45);
            Assert.That(p.Swap, Is.EqualTo(-6.18));
            broker.ProcessQuote(T0.Date.AddDays(1).AddHours(22), 60123.45, 60123.45);
            Assert.That(p.Swap, Is.EqualTo(-12.36));
            broker.ClosePosition(p);
            Assert.That(broker.History[0].Swap, Is.EqualTo(-12.36));
            Assert.That(broker.Balance, Is.EqualTo(10000 - 12.36));
        }

        [Test]
        public void ClosePosition_PartialCloses_ShareOfEntryCommissionInCentsAndRestKeepsTheDifference()
        {
            // Entry commission 0.37 × 60,123.45 × 30e-6 = 0.67; close 0.1 first: its share 0.67 × 0.1 / 0.37 = 0.1811
            // → 0.18, the rest keeps 0.67 − 0.18 = 0.49 (never 0.4889…), so the two deals book exactly 0.67 of it.
            var spec = Btc();
            spec.Commission = 30;
            var broker = Broker(spec);
            broker.ProcessQuote(T0, 60123.45, 60123.45);
            var p = broker.ExecuteMarketOrder(Buy(0.37)).Position!;
            broker.ClosePosition(p, 0.1);
            Assert.That(p.Commissions, Is.EqualTo(-0.49));
            broker.ClosePosition(p);
            // Exit sides at 60,123.45: 0.1 → 0.180370… → 0.18; 0.27 → 0.487000 → 0.49.
            Assert.That(broker.History.Select(d => d.Commissions), Is.EqualTo(new[] { -0.36, -0.98 }));
            Assert.That(broker.Balance, Is.EqualTo(10000 - 1.34));
        }

        [Test]
        public void Balance_ManyDealsAtOddPrices_IsTheSumOfBookedNetProfitsInCents()
        {
            var spec = Btc();
            spec.Commission = 27.5;
            var broker = Broker(spec, Account(100000));
            var random = new Random(5);
            long cents = 100000 * 100;
            for (int i = 0; i < 200; i++)
            {
                double price = Math.Round(40000 + (random.NextDouble() * 20000), 2);
                broker.ProcessQuote(T0.AddMinutes(2 * i), price, price + 0.37);
                var p = broker.ExecuteMarketOrder(i % 2 == 0 ? Buy(0.13) : Sell(0.29)).Position!;
                double exit = Math.Round(price + ((random.NextDouble() - 0.5) * 300), 2);
                broker.ProcessQuote(T0.AddMinutes((2 * i) + 1), exit, exit + 0.37);
                broker.ClosePosition(p);
                var deal = broker.History[^1];
                Assert.That(deal.NetProfit * 100, Is.EqualTo(Math.Round(deal.NetProfit * 100)).Within(1e-6), "whole cents");
                cents += (long)Math.Round(deal.NetProfit * 100);
                Assert.That(deal.Balance, Is.EqualTo(cents / 100.0), "balance after the deal = start + booked deals, exactly");
            }

            Assert.That(broker.Balance, Is.EqualTo(cents / 100.0));
        }

        [Test]
        public void AnyTradesWithSlippageAndPartialCloses_PricesOnTheGridAndBookedAmountsInWholeCents()
        {
            var grid = new SimPriceGrid(0.01, 2);
            Prop.ForAll<int, int, int>((priceSeed, volumeSeed, rateSeed) =>
            {
                var spec = Btc();
                spec.Commission = Math.Abs(rateSeed % 97) + 0.5; // USD per million, odd
                var options = new SimBrokerOptions { Slippage = SimSlippageModel.Random(0, 0.057, (ulong)(uint)rateSeed) };
                var broker = Broker(spec, Account(1_000_000), options);
                var random = new Random(priceSeed);
                for (int i = 0; i < 6; i++)
                {
                    double bid = Math.Round(20000 + (random.NextDouble() * 60000), 2);
                    broker.ProcessQuote(T0.AddMinutes(3 * i), bid, Math.Round(bid + (random.NextDouble() * 20), 2));
                    var side = ((volumeSeed >> i) & 1) == 0 ? SimTradeSide.Buy : SimTradeSide.Sell;
                    var p = broker.ExecuteMarketOrder(new SimMarketOrder(side, (2 + Math.Abs((volumeSeed + i) % 60)) * 0.01)).Position!;
                    bid = Math.Round(bid + ((random.NextDouble() - 0.5) * 500), 2);
                    broker.ProcessQuote(T0.AddMinutes((3 * i) + 1), bid, bid + 3.33);
                    broker.ClosePosition(p, 0.01);
                    broker.ProcessQuote(T0.AddMinutes((3 * i) + 2), bid + 1.11, bid + 4.44);
                    broker.ClosePosition(p);
                }

                static bool Cents(double x) => Math.Abs((x * 100) - Math.Round(x * 100)) < 1e-6;
                long total = 1_000_000 * 100L;
                foreach (var d in broker.History)
                {
                    total += (long)Math.Round(d.NetProfit * 100);
                    if (!Cents(d.GrossProfit) || !Cents(d.Commissions) || !Cents(d.NetProfit) || d.Balance != total / 100.0) return false;
                    if (d.ClosingPrice != grid.Snap(d.ClosingPrice) || d.EntryPrice != grid.Snap(d.EntryPrice)) return false;
                }

                return broker.History.Count == 12 && broker.Balance == total / 100.0;
            }).Check(PropertyBudget.Config);
        }
    }
}
