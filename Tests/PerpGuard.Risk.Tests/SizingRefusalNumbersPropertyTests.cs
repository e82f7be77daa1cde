using System;
using FsCheck;
using FsCheck.Fluent;
using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Sizing;
using PerpGuard.Tests.Common;

namespace PerpGuard.Risk.Tests
{
    /// <summary>
    /// A refusal's "what the broker's minimum volume would risk at this stop" is the risk the sizer itself books for a
    /// trade of exactly that volume: the text never tells a trader a number the sizer would not hold him to. Checked
    /// against an accepted trade whose floored volume is the minimum, across sides, slippage, percentage fees, a
    /// minimum commission and a cents account's booking reserve.
    /// </summary>
    public class SizingRefusalNumbersPropertyTests
    {
        [Test]
        public void MinimumVolumeRisk_AnyMarket_EqualsTheRealisedRiskOfAnAcceptedMinimumTrade()
        {
            var cases = from sideBit in Gen.Choose(0, 1)
                        from entryK in Gen.Choose(1, 120)
                        from stopBp in Gen.Choose(10, 500)
                        from slipBp in Gen.Choose(0, 50)
                        from feeBp in Gen.Choose(0, 10)
                        from minCommissionCents in Gen.Choose(0, 300)
                        from cents in Gen.Choose(0, 1)
                        select (sideBit, entry: entryK * 1_000.0, stopBp, slipBp, feeBp, minCommission: minCommissionCents / 100.0, moneyStep: cents * 0.01);
            Prop.ForAll(cases.ToArbitrary(), c =>
            {
                var side = c.sideBit == 0 ? TradeSide.Long : TradeSide.Short;
                var distance = c.entry * c.stopBp / 10_000.0;
                var request = new SizingRequest
                {
                    Symbol = Symbol(c.feeBp, c.minCommission, 0.001),
                    Side = side,
                    Entry = new Price(c.entry),
                    Stop = new Price(side == TradeSide.Long ? c.entry - distance : c.entry + distance),
                    Equity = new Money(10_000, "USD"),
                    RiskFraction = Fraction.FromPercent(1),
                    SlippageAllowance = c.entry * c.slipBp / 10_000.0,
                    MoneyStep = c.moneyStep,
                    MaxLeverage = 10,
                    RewardRisk = 0,
                };
                var free = PositionSizer.Decide(request);
                if (free.IsRefused)
                {
                    return true;
                }

                // The size the trade gets, made the broker's minimum: the same trade is accepted at exactly it ...
                var minimum = free.Volume.Units;
                var atMinimum = request with { Symbol = Symbol(c.feeBp, c.minCommission, minimum) };
                var accepted = PositionSizer.Decide(atMinimum);

                // ... and refused when the day leaves nothing, telling that trade's booked risk as the minimum's.
                var refused = PositionSizer.Decide(atMinimum with { RemainingDailyAllowance = new Money(0, "USD") });

                var expected = accepted.RealisedRisk.Amount;
                return !accepted.IsRefused && accepted.Volume.Units == minimum
                    && refused.Refusal == SizingRefusal.NoRiskBudget
                    && Math.Abs(refused.MinimumVolumeRisk - expected) <= 1e-9 * Math.Max(1, expected);
            }).Check(PropertyBudget.Config);
        }

        private static InstrumentSpec Symbol(int feeBp, double minCommission, double volumeMin)
        {
            var commission = feeBp > 0 ? CommissionModel.PercentOfVolume(Fraction.FromPercent(feeBp / 100.0)) : CommissionModel.None;
            if (minCommission > 0)
            {
                commission = commission.WithMinimum(MinimumCommission.InUsd(minCommission));
            }

            return new InstrumentSpec("BTCUSD", tickSize: 0.01, volumeMin: volumeMin, volumeStep: 0.001, pipSize: 1, lotSize: 1,
                commission: commission, baseAsset: "BTC", quoteAsset: "USD");
        }
    }
}
