using System;
using FsCheck;
using FsCheck.Fluent;
using PerpGuard.Headless.Simulation;
using PerpGuard.Tests.Common;
using static PerpGuard.Headless.Tests.Simulation.SimTestFactory;

namespace PerpGuard.Headless.Tests.Simulation
{
    /// <summary>Ledger invariants over random prices, volumes, sides and commission rates.</summary>
    public class SimulatedBrokerPropertyTests
    {
        private static double Price(int seed) => 20000 + Math.Abs(seed % 80000);
        private static double Volume(int seed) => (1 + Math.Abs(seed % 50)) * 0.01;

        private static SimulatedBroker CostlyBroker(int rateSeed)
        {
            var spec = Btc();
            spec.Commission = Math.Abs(rateSeed % 100); // USD per million
            return Broker(spec, Account(1_000_000));
        }

        [Test]
        public void ClosePosition_AnyTrade_NetProfitEqualsBalanceChange()
        {
            Prop.ForAll<int, int, int>((entrySeed, exitSeed, volumeSeed) =>
            {
                var broker = CostlyBroker(volumeSeed);
                broker.ProcessQuote(T0, Price(entrySeed), Price(entrySeed) + 10);
                var side = (volumeSeed & 1) == 0 ? SimTradeSide.Buy : SimTradeSide.Sell;
                var p = broker.ExecuteMarketOrder(new SimMarketOrder(side, Volume(volumeSeed))).Position!;
                broker.ProcessQuote(T0.AddMinutes(1), Price(exitSeed), Price(exitSeed) + 10);
                double before = broker.Balance;
                broker.ClosePosition(p);
                var t = broker.History[0];
                // Gross by hand: long exits at bid, short at ask.
                double exit = side == SimTradeSide.Buy ? Price(exitSeed) : Price(exitSeed) + 10;
                double gross = (side == SimTradeSide.Buy ? exit - p.EntryPrice : p.EntryPrice - exit) * p.VolumeInUnits;
                return Math.Abs(broker.Balance - before - t.NetProfit) < 1e-6
                    && Math.Abs(t.NetProfit - (t.GrossProfit + t.Commissions + t.Swap)) < 1e-6
                    && Math.Abs(t.GrossProfit - gross) < 1e-6;
            }).Check(PropertyBudget.Config);
        }

        [Test]
        public void Equity_OpenPositions_EqualsBalancePlusFloating()
        {
            Prop.ForAll<int, int, int>((entrySeed, markSeed, volumeSeed) =>
            {
                var broker = CostlyBroker(entrySeed);
                broker.ProcessQuote(T0, Price(entrySeed), Price(entrySeed) + 5);
                var a = broker.ExecuteMarketOrder(Buy(Volume(volumeSeed))).Position!;
                var b = broker.ExecuteMarketOrder(Sell(Volume(volumeSeed / 7))).Position!;
                double bid = Price(markSeed) , ask = bid + 5;
                broker.ProcessQuote(T0.AddMinutes(1), bid, ask);
                if (broker.Positions.Count != 2) return true; // stopped out: covered elsewhere
                // Floating by hand: long at bid, short at ask, round-trip commission, no swap.
                double floating = (bid - a.EntryPrice) * a.VolumeInUnits + 2 * a.Commissions
                                + (b.EntryPrice - ask) * b.VolumeInUnits + 2 * b.Commissions;
                return Math.Abs(broker.Equity - (broker.Balance + floating)) < 1e-6
                    && Math.Abs(broker.MarginLevel - broker.Equity / broker.Margin * 100) < 1e-9;
            }).Check(PropertyBudget.Config);
        }

        [Test]
        public void ClosePosition_InTwoParts_SameGrossAsOneClose()
        {
            Prop.ForAll<int, int, int>((entrySeed, exitSeed, splitSeed) =>
            {
                var whole = Broker(account: Account(1_000_000));
                var parts = Broker(account: Account(1_000_000));
                foreach (var b in new[] { whole, parts }) b.ProcessQuote(T0, Price(entrySeed), Price(entrySeed));
                var pw = whole.ExecuteMarketOrder(Buy(0.5)).Position!;
                var pp = parts.ExecuteMarketOrder(Buy(0.5)).Position!;
                foreach (var b in new[] { whole, parts }) b.ProcessQuote(T0.AddMinutes(1), Price(exitSeed), Price(exitSeed));
                double first = (1 + Math.Abs(splitSeed % 49)) * 0.01;
                whole.ClosePosition(pw);
                parts.ClosePosition(pp, first);
                parts.ClosePosition(pp);
                return parts.History.Count == 2
                    && Math.Abs(parts.History[0].GrossProfit + parts.History[1].GrossProfit - whole.History[0].GrossProfit) < 1e-6
                    && Math.Abs(parts.Balance - whole.Balance) < 1e-6;
            }).Check(PropertyBudget.Config);
        }
    }
}
