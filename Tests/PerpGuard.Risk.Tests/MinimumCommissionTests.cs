using System;
using FsCheck;
using FsCheck.Fluent;
using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Sizing;
using PerpGuard.Risk.Stops;
using PerpGuard.Tests.Common;

namespace PerpGuard.Risk.Tests
{
    /// <summary>
    /// cTrader's minimum commission per side (<c>Symbol.MinCommission</c>): each side of a deal costs
    /// max(rate fee, minimum), as the broker (and our simulator, SimMoney.CommissionPerSide) charges it.
    /// Worked by hand: BTCUSD long 60,000, stop 59,700 (300), 0.05 %/side, minimum 3 USD per side.
    /// </summary>
    public class MinimumCommissionTests
    {
        private static InstrumentSpec Btc(double minimum, double step = 0.0001, double min = 0.0001, double feePercent = 0.05)
            => new InstrumentSpec(
                "BTCUSD",
                tickSize: 0.01,
                volumeMin: min,
                volumeStep: step,
                pipSize: 1,
                lotSize: 1,
                commission: CommissionModel.PercentOfVolume(Fraction.FromPercent(feePercent)).WithMinimum(MinimumCommission.InUsd(minimum)),
                baseAsset: "BTC",
                quoteAsset: "USD");

        private static SizingRequest Long(InstrumentSpec symbol, double equity, double riskPercent = 1)
            => new SizingRequest
            {
                Symbol = symbol,
                Side = TradeSide.Long,
                Entry = new Price(60_000),
                Stop = new Price(59_700),
                Equity = new Money(equity, "USD"),
                RiskFraction = Fraction.FromPercent(riskPercent),
            };

        [Test]
        public void Decide_SmallTradeMinimum3PerSide_SizedByHandTo00133()
        {
            // Equity 1,000 × 1 % → R = 10. Rate fees: 60,000 × 0.0005 = 30 and 59,700 × 0.0005 = 29.85 per BTC.
            // The loss u·300 + max(30u, 3) + max(29.85u, 3) ≤ 10 holds iff all four lines do:
            //   10 / 359.85 = 0.027789;  (10 − 3) / 329.85 = 0.021222;  (10 − 3) / 330 = 0.021212;  (10 − 6) / 300 = 0.013333.
            // The smallest, 0.013333, floors to 0.0133 BTC. Both rate fees (0.399, 0.397) are below 3, so each side costs 3:
            // loss = 0.0133 × 300 + 3 + 3 = 3.99 + 6 = 9.99 ≤ 10; c = 9.99 / 0.0133 = 751.1278.
            var d = PositionSizer.Decide(Long(Btc(3), 1_000));

            Assert.That(d.IsRefused, Is.False);
            Assert.That(d.RawUnits, Is.EqualTo(4.0 / 300).Within(1e-12));
            Assert.That(d.Volume.Units, Is.EqualTo(0.0133));
            Assert.That(d.RealisedRisk.Amount, Is.EqualTo(9.99).Within(1e-9));
            Assert.That(d.PerUnitRisk, Is.EqualTo(9.99 / 0.0133).Within(1e-9));
            Assert.That(d.PlannedRisk.Amount, Is.EqualTo(10).Within(1e-12));
        }

        [Test]
        public void Decide_SmallTradeMinimum3PerSide_TargetNets15RAfterBothMinimums()
        {
            // At 0.0133 BTC the exit fee near 61,600 is 0.0133 × 30.8 = 0.41 < 3, so the minimum applies:
            // 0.0133 × (T − 60,000) − 3 − 3 ≥ 1.5 × 9.99 = 14.985 → T ≥ 60,000 + 20.985 / 0.0133 = 61,577.8195… → 61,577.82 (rounded up).
            // (Ignoring the minimum would give (1.5 × c + 60,000 × 1.0005) / 0.9995 with the rate fees — a target that nets less.)
            var d = PositionSizer.Decide(Long(Btc(3), 1_000));

            Assert.That(d.TakeProfit!.Value.Value, Is.EqualTo(61_577.82).Within(1e-9));
        }

        [Test]
        public void Decide_SizeIgnoringMinimum_WouldLose1431AgainstBudget10()
        {
            // The trap: without the minimum the same trade sizes 10 / 359.85 = 0.0277 BTC, and at the stop the broker charges
            // 0.0277 × 300 + 3 + 3 = 8.31 + 6 = 14.31 — 43 % above the 10 planned. With the minimum the size is about half.
            var blind = PositionSizer.Decide(Long(Btc(0), 1_000));
            var charged = blind.Volume.Units * 300 + Math.Max(blind.Volume.Units * 30, 3) + Math.Max(blind.Volume.Units * 29.85, 3);
            var aware = PositionSizer.Decide(Long(Btc(3), 1_000));

            Assert.That(blind.Volume.Units, Is.EqualTo(0.0277));
            Assert.That(charged, Is.EqualTo(14.31).Within(1e-9));
            Assert.That(aware.Volume.Units, Is.LessThan(blind.Volume.Units));
        }

        [Test]
        public void Decide_LargeTradeRateFeeAboveMinimum_SameAsWithoutMinimum()
        {
            // Issue 2's example: equity 10,000 → 0.27 BTC, rate fees 0.27 × 30 = 8.10 and 0.27 × 29.85 = 8.06, both above 3:
            // the minimum never applies, so size 0.27, realised 0.27 × 359.85 = 97.16 and target 60,600.08 are unchanged.
            var d = PositionSizer.Decide(Long(Btc(3, step: 0.01, min: 0.01), 10_000));

            Assert.That(d.Volume.Units, Is.EqualTo(0.27));
            Assert.That(d.RealisedRisk.Amount, Is.EqualTo(97.16).Within(0.005));
            Assert.That(d.PerUnitRisk, Is.EqualTo(359.85).Within(1e-9));
            Assert.That(d.TakeProfit!.Value.Value, Is.EqualTo(60_600.08).Within(1e-9));
        }

        [Test]
        public void Decide_MinimumsAboveBudget_RefusedFeesAboveRisk()
        {
            // Equity 1,000 × 0.5 % → R = 5 < 3 + 3: no size can pay both minimums.
            var d = PositionSizer.Decide(Long(Btc(3), 1_000, riskPercent: 0.5));

            Assert.That(d.Refusal, Is.EqualTo(SizingRefusal.FeesAboveRisk));
            Assert.That(d.ReasonCode, Is.EqualTo("fees-above-risk"));
            Assert.That(d.Volume.IsZero, Is.True);
        }

        [Test]
        public void Decide_MinimumShrinksBelowBrokerMinimum_RefusedNotRoundedUp()
        {
            // Step 0.01, minimum 0.02 BTC. Without the fee minimum: 0.027789 → 0.02, accepted — yet it loses
            // 0.02 × 300 + 3 + 3 = 12 > 10 at the stop. With it: 0.013333 → 0.01 < 0.02 → refused, never 0.02.
            var blind = PositionSizer.Decide(Long(Btc(0, step: 0.01, min: 0.02), 1_000));
            var aware = PositionSizer.Decide(Long(Btc(3, step: 0.01, min: 0.02), 1_000));

            Assert.That(blind.Volume.Units, Is.EqualTo(0.02));
            Assert.That(aware.Refusal, Is.EqualTo(SizingRefusal.BelowMinimumVolume));
            Assert.That(aware.Volume.IsZero, Is.True);
        }

        [Test]
        public void MaxUnitsWithin_OneSideAtMinimum_SolvesTheMixedLine()
        {
            // Fixed 10 per unit per side, minimum 5, move 100 per unit, budget 100:
            // all rate: 100 / 120 = 0.8333; entry at minimum: (100 − 5) / 110 = 0.8636; both minimum: 90 / 100 = 0.9.
            // The smallest is the all-rate line (at 0.8333 each side costs 8.33 > 5): loss = 83.33 + 8.33 + 8.33 = 100.
            var fees = new FeeCoefficients(10, 0, 1, 5);
            Assert.That(fees.MaxUnitsWithin(100, 100, 1_000, 900), Is.EqualTo(100.0 / 120).Within(1e-12));

            // Minimum 9: (100 − 9) / 110 = 0.8273 < 0.8333 and (100 − 18) / 100 = 0.82 is the smallest:
            // at 0.82 the rate fee 8.2 < 9 on both sides: 82 + 9 + 9 = 100.
            var higher = new FeeCoefficients(10, 0, 1, 9);
            Assert.That(higher.MaxUnitsWithin(100, 100, 1_000, 900), Is.EqualTo(0.82).Within(1e-12));
            Assert.That(higher.LossAt(0.82, 100, 1_000, 900), Is.EqualTo(100).Within(1e-9));

            // 1 % of price per side, entry 1,000 (10 per unit), exit 600 (6 per unit), move 400, minimum 2, budget 100:
            // all rate 100 / 416 = 0.240385; entry rate + exit minimum (100 − 2) / 410 = 0.239024; entry minimum + exit rate
            // 98 / 406 = 0.241379; both minimum 96 / 400 = 0.24. The smallest is the mixed line: at 0.239024 the entry fee
            // 2.39 is above 2 and the exit fee 1.43 below, so the loss is 95.61 + 2.39 + 2 = 100.
            var mixed = new FeeCoefficients(0, 0.01, 1, 2);
            Assert.That(mixed.MaxUnitsWithin(100, 400, 1_000, 600), Is.EqualTo(98.0 / 410).Within(1e-12));
            Assert.That(mixed.LossAt(98.0 / 410, 400, 1_000, 600), Is.EqualTo(100).Within(1e-9));
        }

        [Test]
        public void BreakEven_SmallPositionMinimum3_CoversBothMinimums()
        {
            // 0.0133 BTC long at 60,000: net zero needs 0.0133 × (P − 60,000) = 3 + 3 → P = 60,451.1278… → 60,451.13 (up).
            // Rate fees alone would put it at 60,000 × 1.0005 / 0.9995 = 60,060.03: stopped there, the trade loses 6 − 0.8 = 5.2.
            var fees = FeeCoefficients.For(Btc(3), ConversionRates.Identity).ForVolume(0.0133);
            var rule = new BreakEvenRule(1.0);

            var stop = rule.Apply(TradeSide.Long, 60_000, 59_700, 59_700, 60_600, 0.01, fees);

            Assert.That(stop, Is.EqualTo(60_451.13).Within(1e-9));
        }

        [Test]
        public void ForFill_RateBelowMinimum_ChargesMinimumInAccountCurrency()
        {
            // 0.01 BTC × 60,000 × 0.05 % = 0.30 < 3 USD → 3 USD; on a EUR account at 1 USD = 0.9 EUR → 2.70 EUR.
            // 1 BTC: 30 USD > 3 → 30 (27 EUR).
            var model = CommissionModel.PercentOfVolume(Fraction.FromPercent(0.05)).WithMinimum(MinimumCommission.InUsd(3));
            var eur = new ConversionRates(0.9, 1, 0.9);

            Assert.That(model.ForFill(new Volume(0.01), new Price(60_000), ConversionRates.Identity, 1, "USD").Amount, Is.EqualTo(3).Within(1e-12));
            Assert.That(model.ForFill(new Volume(0.01), new Price(60_000), eur, 1, "EUR").Amount, Is.EqualTo(2.7).Within(1e-12));
            Assert.That(model.ForFill(new Volume(1), new Price(60_000), eur, 1, "EUR").Amount, Is.EqualTo(27).Within(1e-9));
        }

        [Test]
        public void InAccount_QuoteMinimum_ConvertsWithQuoteRate()
        {
            // 2 (quote) at quote→account 1.1 = 2.2; USD 2 at USD→account 0.9 = 1.8; account 2 = 2.
            var rates = new ConversionRates(1.1, 1.2, 0.9);
            Assert.That(MinimumCommission.InQuote(2).InAccount(rates), Is.EqualTo(2.2).Within(1e-12));
            Assert.That(MinimumCommission.InUsd(2).InAccount(rates), Is.EqualTo(1.8).Within(1e-12));
            Assert.That(MinimumCommission.InAccountCurrency(2).InAccount(rates), Is.EqualTo(2));
        }

        [Test]
        public void Decide_MinimumWarmedUp_AllocatesNothing()
        {
            // The minimum-commission path (solve, c at the size, target twice) stays allocation-free, like the rest of sizing.
            var request = Long(Btc(3), 1_000);
            var sink = 0.0;
            for (var warm = 0; warm < 3; warm++)
            {
                sink += PositionSizer.Decide(request).Volume.Units;
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 100; i++)
            {
                sink += PositionSizer.Decide(request).Volume.Units;
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.That(allocated, Is.EqualTo(0));
            Assert.That(sink, Is.GreaterThan(0));
        }

        [Test]
        public void Constructor_NegativeMinimum_Throws()
        {
            Assert.That(() => new MinimumCommission(-1, MinimumCommissionCurrency.Usd), Throws.TypeOf<ArgumentOutOfRangeException>());
        }

        /// <summary>One random sizing case with a minimum commission (and slippage), the broker's charge recomputed outside the code.</summary>
        public sealed class Case
        {
            public Case(InstrumentSpec symbol, TradeSide side, double entry, double stop, double equity, double riskPercent, double feeFraction, double minimum, double slippage)
            {
                Symbol = symbol;
                Side = side;
                Entry = entry;
                Stop = stop;
                Equity = equity;
                RiskPercent = riskPercent;
                FeeFraction = feeFraction;
                Minimum = minimum;
                Slippage = slippage;
            }

            public InstrumentSpec Symbol { get; }

            public TradeSide Side { get; }

            public double Entry { get; }

            public double Stop { get; }

            public double Equity { get; }

            public double RiskPercent { get; }

            public double FeeFraction { get; }

            public double Minimum { get; }

            public double Slippage { get; }

            public SizingRequest Request() => new SizingRequest
            {
                Symbol = Symbol,
                Side = Side,
                Entry = new Price(Entry),
                Stop = new Price(Stop),
                Equity = new Money(Equity, "USD"),
                RiskFraction = Fraction.FromPercent(RiskPercent),
                SlippageAllowance = Slippage,
                MaxLeverage = 10,
            };

            /// <summary>What the broker charges for one side: max(volume × price × rate, minimum).</summary>
            public double Charge(double units, double price) => Math.Max(units * price * FeeFraction, Minimum);

            public override string ToString()
                => FormattableString.Invariant($"{Symbol.Name} {Side} E={Entry} S={Stop} eq={Equity} r={RiskPercent}% fee={FeeFraction} min={Minimum} slip={Slippage}");
        }

        private static Gen<Case> Cases()
        {
            var grids = Gen.Elements(
                (Tick: 0.01, Step: 0.0001, Min: 0.0001, Lo: 5_000, Hi: 120_000),   // BTC, fine grid
                (Tick: 0.01, Step: 0.01, Min: 0.01, Lo: 5_000, Hi: 120_000),       // BTC
                (Tick: 0.01, Step: 0.1, Min: 0.1, Lo: 500, Hi: 6_000),             // ETH
                (Tick: 0.0001, Step: 1.0, Min: 10.0, Lo: 1, Hi: 5));                // XRP-like
            return from g in grids
                   from feeBp in Gen.Choose(0, 10)                       // 0 – 0.10 % per side
                   from minimumCents in Gen.Choose(0, 2_000)              // 0 – 20 per side
                   from priceFrac in Gen.Choose(0, 10_000)
                   from stopBp in Gen.Choose(5, 1_000)
                   from slipTicks in Gen.Choose(0, 50)
                   from sideBit in Gen.Choose(0, 1)
                   from equityK in Gen.Choose(1, 1_000)
                   from equityScale in Gen.Elements(1.0, 10.0, 100.0, 1_000.0)
                   from riskBp in Gen.Choose(10, 200)
                   select Build(g.Tick, g.Step, g.Min, g.Lo + (g.Hi - g.Lo) * priceFrac / 10_000.0, feeBp, minimumCents / 100.0, stopBp, slipTicks, sideBit, equityK * equityScale, riskBp / 100.0);
        }

        private static Case Build(double tick, double step, double min, double rawEntry, int feeBp, double minimum, int stopBp, int slipTicks, int sideBit, double equity, double riskPercent)
        {
            var fee = feeBp / 10_000.0;
            var model = (feeBp > 0 ? CommissionModel.PercentOfVolume(Fraction.FromFraction(fee)) : CommissionModel.None).WithMinimum(MinimumCommission.InUsd(minimum));
            var symbol = new InstrumentSpec("GEN", tickSize: tick, volumeMin: min, volumeStep: step, commission: model);
            var entry = StepMath.Nearest(rawEntry, tick);
            var side = sideBit == 0 ? TradeSide.Long : TradeSide.Short;
            var distance = Math.Max(tick, entry * stopBp / 10_000.0);
            var stop = side == TradeSide.Long ? entry - distance : entry + distance;
            return new Case(symbol, side, entry, stop, equity, riskPercent, fee, minimum, slipTicks * tick);
        }

        [Test]
        public void Decide_AnyCaseWithMinimum_LossAtStopAsChargedNotAboveBudget()
        {
            // Independent of the code's c: the fill at the stop slips by the allowance (a long sells lower, a short buys
            // higher), and each side is charged as the broker does, max(rate, minimum), at its own fill price.
            Prop.ForAll(Cases().ToArbitrary(), c =>
            {
                var d = PositionSizer.Decide(c.Request());
                if (d.IsRefused)
                {
                    return d.Volume.IsZero;
                }

                var u = d.Volume.Units;
                var stop = d.Stop.Value;
                var fill = c.Side == TradeSide.Long ? stop - c.Slippage : stop + c.Slippage;
                var move = c.Side == TradeSide.Long ? c.Entry - fill : fill - c.Entry;
                var loss = u * move + c.Charge(u, c.Entry) + c.Charge(u, fill);
                var budget = c.Equity * c.RiskPercent / 100.0;
                return loss <= budget * (1 + 1e-9) && d.RealisedRisk.Amount <= d.PlannedRisk.Amount * (1 + 1e-9);
            }).Check(PropertyBudget.Config);
        }

        [Test]
        public void Decide_AnyCaseWithMinimum_TargetNetsRewardRiskAsCharged()
        {
            // At the take-profit, the net after both sides charged as the broker does is at least 1.5 × the loss at the stop.
            Prop.ForAll(Cases().ToArbitrary(), c =>
            {
                var d = PositionSizer.Decide(c.Request());
                if (d.IsRefused || !d.TakeProfit.HasValue)
                {
                    return true;
                }

                var u = d.Volume.Units;
                var target = d.TakeProfit.Value.Value;
                var gain = c.Side == TradeSide.Long ? target - c.Entry : c.Entry - target;
                var net = u * gain - c.Charge(u, c.Entry) - c.Charge(u, target);
                return net >= 1.5 * d.RealisedRisk.Amount * (1 - 1e-9);
            }).Check(PropertyBudget.Config);
        }

        [Test]
        public void Decide_AnyCaseWithMinimum_SizeNotBelowWhatFits()
        {
            // Not over-conservative: one more volume step would break the budget (or the size is capped by leverage).
            Prop.ForAll(Cases().ToArbitrary(), c =>
            {
                var d = PositionSizer.Decide(c.Request());
                if (d.IsRefused || d.BindingCaps != SizingCaps.None)
                {
                    return true;
                }

                var u = d.Volume.Units + c.Symbol.VolumeStep;
                var stop = d.Stop.Value;
                var exit = c.Side == TradeSide.Long ? stop - c.Slippage : stop + c.Slippage;
                var exitForFee = c.Side == TradeSide.Long ? stop : exit;
                var move = c.Side == TradeSide.Long ? c.Entry - exit : exit - c.Entry;
                var loss = u * move + c.Charge(u, c.Entry) + c.Charge(u, exitForFee);
                return loss > d.PlannedRisk.Amount * (1 - 1e-9);
            }).Check(PropertyBudget.Config);
        }
    }
}
