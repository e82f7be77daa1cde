using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Margin;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Risk.Tests
{
    /// <summary>
    /// Realistic symbols, one factory. Numbers modelled on what cTrader crypto-CFD brokers and
    /// exchanges publish (BTCUSD tick 0.01, volume step 0.01 BTC; EURUSD lot 100,000, pip 0.0001).
    /// </summary>
    public static class TestSymbols
    {
        /// <summary>BTCUSD CFD: tick 0.01, step/min 0.01 BTC, a percentage fee per side, no margin rule unless given.</summary>
        public static InstrumentSpec BtcUsd(double feePercent = 0.05, double volumeStep = 0.01, double volumeMin = 0.01, double volumeMax = double.PositiveInfinity, MarginSchedule? margin = null, double tickSize = 0.01)
            => new InstrumentSpec(
                "BTCUSD",
                tickSize: tickSize,
                volumeMin: volumeMin,
                volumeStep: volumeStep,
                volumeMax: volumeMax,
                pipSize: 1,
                lotSize: 1,
                commission: feePercent > 0 ? CommissionModel.PercentOfVolume(Fraction.FromPercent(feePercent)) : CommissionModel.None,
                margin: margin,
                baseAsset: "BTC",
                quoteAsset: "USD");

        /// <summary>BTCUSD at a cTrader broker with 1:5 leverage (margin = notional / 5).</summary>
        public static InstrumentSpec BtcUsdLeverage5(double feePercent = 0.05) => BtcUsd(feePercent, margin: MarginSchedule.Fixed(5));

        /// <summary>ETHUSD perpetual-style CFD: tick 0.01, step 0.1, min 0.1 ETH, Binance-like taker 0.04 %.</summary>
        public static InstrumentSpec EthUsd()
            => new InstrumentSpec(
                "ETHUSD",
                tickSize: 0.01,
                volumeMin: 0.1,
                volumeStep: 0.1,
                volumeMax: 1000,
                lotSize: 1,
                commission: CommissionModel.Exchange(Fraction.FromPercent(0.02), Fraction.FromPercent(0.04)),
                margin: MarginSchedule.Fixed(10),
                baseAsset: "ETH",
                quoteAsset: "USD");

        /// <summary>EURUSD FX: 5 digits, lot 100,000, step/min 1,000 units, 30 USD per million per side, 1:30.</summary>
        public static InstrumentSpec EurUsd()
            => new InstrumentSpec(
                "EURUSD",
                tickSize: 0.00001,
                volumeMin: 1000,
                volumeStep: 1000,
                volumeMax: 10_000_000,
                pipSize: 0.0001,
                lotSize: 100_000,
                commission: CommissionModel.UsdPerMillion(30),
                margin: MarginSchedule.Fixed(30),
                baseAsset: "EUR",
                quoteAsset: "USD");

        /// <summary>
        /// BTCUSD with cTrader dynamic leverage: first 100,000 USD at 1:10, next 400,000 at 1:5, the rest at 1:2.
        /// </summary>
        public static MarginSchedule BtcTiers()
            => MarginSchedule.Tiered(new[]
            {
                new LeverageTier(100_000, 10),
                new LeverageTier(500_000, 5),
                new LeverageTier(2_000_000, 2),
            });
    }
}
