using System;
using PerpGuard.Headless.Simulation;

namespace PerpGuard.Headless.Tests.Simulation
{
    /// <summary>Realistic test symbols and accounts from one place.</summary>
    internal static class SimTestFactory
    {
        public static readonly DateTime T0 = new DateTime(2024, 3, 4, 10, 0, 0, DateTimeKind.Utc); // a Monday

        /// <summary>BTCUSD CFD: 1 lot = 1 BTC, pip 1.0, digits 2, volume 0.01..100 step 0.01, leverage 5, no costs.</summary>
        public static SimSymbolSpec Btc() => new SimSymbolSpec
        {
            Name = "BTCUSD",
            Digits = 2,
            PipSize = 1.0,
            TickSize = 0.01,
            LotSize = 1.0,
            VolumeInUnitsMin = 0.01,
            VolumeInUnitsStep = 0.01,
            VolumeInUnitsMax = 100,
            Leverage = 5,
            Commission = 0,
            SwapLong = 0,
            SwapShort = 0,
        };

        public static SimAccountSettings Account(double balance = 10000, SimAccountType type = SimAccountType.Hedged) => new SimAccountSettings
        {
            Balance = balance,
            AccountType = type,
            Leverage = 500,
            StopOutLevel = 50,
            MarginCallLevel = 100,
        };

        public static SimulatedBroker Broker(SimSymbolSpec? spec = null, SimAccountSettings? account = null, SimBrokerOptions? options = null)
            => new SimulatedBroker(account ?? Account(), spec ?? Btc(), options);

        public static SimMarketOrder Buy(double volume) => new SimMarketOrder(SimTradeSide.Buy, volume);

        public static SimMarketOrder Sell(double volume) => new SimMarketOrder(SimTradeSide.Sell, volume);
    }
}
