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
    /// Slippage on the stop fill: the exit is worse than the stop by the allowance, and a percentage fee
    /// is charged on that worse price. For a short the fill is above the stop, so its fee is larger.
    /// </summary>
    public class SizingSlippageTests
    {
        private static SizingRequest Short(double slippage, InstrumentSpec symbol) => new SizingRequest
        {
            Symbol = symbol,
            Side = TradeSide.Short,
            Entry = new Price(60_000),
            Stop = new Price(60_300),
            Equity = new Money(10_000, "USD"),
            RiskFraction = Fraction.FromPercent(1),
            SlippageAllowance = slippage,
        };

        // Short 60,000, stop 60,300, slippage 30 → the stop fills at 60,330. 0.05 % per side:
        // c = 330 + 0.0005 × 60,000 + 0.0005 × 60,330 = 330 + 30 + 30.165 = 390.165 per BTC.
        // R = 1 % of 10,000 = 100 → 100 / 390.165 = 0.256301821… → 0.25630182 (step 1e-8).
        // Loss at the slipped fill: 0.25630182 × 390.165 = 99.99999… ≤ 100.
        // (With the exit fee at the unslipped stop, c = 390.15 → 0.25631167 BTC, loss 100.0038 > 100.)
        [Test]
        public void Decide_ShortWithSlippage_ExitFeeChargedAtSlippedFill()
        {
            var d = PositionSizer.Decide(Short(30, TestSymbols.BtcUsd(volumeStep: 1e-8, volumeMin: 1e-8)));

            Assert.That(d.PerUnitRisk, Is.EqualTo(390.165).Within(1e-9));
            Assert.That(d.Volume.Units, Is.EqualTo(0.25630182).Within(1e-12));
            Assert.That(d.Volume.Units * 390.165, Is.LessThanOrEqualTo(100.0));
        }

        // Long mirror: the stop 59,700 fills at 59,670, whose fee (29.835) is below the fee at the stop
        // (29.85); c keeps the larger, 330 + 30 + 29.85 = 389.85, so the long side stays conservative.
        [Test]
        public void Decide_LongWithSlippage_ExitFeeAtStopIsTheLarger()
        {
            var d = PositionSizer.Decide(Short(30, TestSymbols.BtcUsd()) with { Side = TradeSide.Long, Stop = new Price(59_700) });

            Assert.That(d.PerUnitRisk, Is.EqualTo(389.85).Within(1e-9));
        }

        // Loss at the slipped stop fill, worked from scratch (distance + slippage, both percentage fees at
        // their own fill prices), never above the planned risk. A fine volume step so flooring cannot hide it.
        [Test]
        public void Decide_AnySlippedStopFill_LossNotAbovePlannedRisk()
        {
            var cases = from sideBit in Gen.Choose(0, 1)
                        from entryK in Gen.Choose(5, 120)
                        from stopBp in Gen.Choose(5, 1_000)
                        from slipBp in Gen.Choose(1, 100)
                        from feeBp in Gen.Choose(1, 10)
                        from equityK in Gen.Choose(1, 1_000)
                        from riskBp in Gen.Choose(10, 200)
                        select (sideBit, entry: entryK * 1_000.0, stopBp, slipBp, feeBp, equity: equityK * 1_000.0, riskBp);
            Prop.ForAll(cases.ToArbitrary(), c =>
            {
                var side = c.sideBit == 0 ? TradeSide.Long : TradeSide.Short;
                var fee = c.feeBp / 10_000.0;
                var symbol = TestSymbols.BtcUsd(feePercent: c.feeBp / 100.0, volumeStep: 1e-8, volumeMin: 1e-8);
                var distance = c.entry * c.stopBp / 10_000.0;
                var slippage = c.entry * c.slipBp / 10_000.0;
                var d = PositionSizer.Decide(new SizingRequest
                {
                    Symbol = symbol,
                    Side = side,
                    Entry = new Price(c.entry),
                    Stop = new Price(side == TradeSide.Long ? c.entry - distance : c.entry + distance),
                    Equity = new Money(c.equity, "USD"),
                    RiskFraction = Fraction.FromPercent(c.riskBp / 100.0),
                    SlippageAllowance = slippage,
                    MaxLeverage = 10,
                    RewardRisk = 0,
                });
                if (d.IsRefused)
                {
                    return true;
                }

                var fill = side == TradeSide.Long ? d.Stop.Value - slippage : d.Stop.Value + slippage;
                var perUnitLoss = Math.Abs(c.entry - fill) + fee * c.entry + fee * fill;
                return d.Volume.Units * perUnitLoss <= d.PlannedRisk.Amount * (1 + 1e-9);
            }).Check(PropertyBudget.Config);
        }

        // Infinite inputs are refused with a reason; before, they reached new Price(∞) and threw.
        [Test]
        public void Decide_InfiniteSlippageAllowance_RefusedInvalidInput()
        {
            var d = PositionSizer.Decide(Short(double.PositiveInfinity, TestSymbols.BtcUsd()) with { Side = TradeSide.Long, Stop = new Price(59_700) });

            Assert.That(d.Refusal, Is.EqualTo(SizingRefusal.InvalidInput));
        }

        [Test]
        public void Decide_InfiniteAtrVolatilityModeShort_RefusedInvalidInput()
        {
            var d = PositionSizer.Decide(Short(0, TestSymbols.BtcUsd()) with { Mode = SizingMode.Volatility, Atr = double.PositiveInfinity, RewardRisk = 0 });

            Assert.That(d.Refusal, Is.EqualTo(SizingRefusal.InvalidInput));
        }
    }
}
