using System;
using FsCheck;
using FsCheck.Fluent;
using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Margin;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Sizing;
using PerpGuard.Risk.Stops;
using PerpGuard.Tests.Common;

namespace PerpGuard.Risk.Tests
{
    /// <summary>FsCheck invariants over realistic symbols and prices (PropertyBudget: 1,000 cases, 10,000 deep).</summary>
    public class SizingPropertiesTests
    {
        private const double Tolerance = 1e-9;

        /// <summary>One random but realistic sizing case.</summary>
        public sealed class Case
        {
            public Case(InstrumentSpec symbol, TradeSide side, double entry, double stop, double equity, double riskPercent, double maxLeverage, double symbolLeverage, double usedMargin, double buffer)
            {
                Symbol = symbol;
                Side = side;
                Entry = entry;
                Stop = stop;
                Equity = equity;
                RiskPercent = riskPercent;
                MaxLeverage = maxLeverage;
                SymbolLeverage = symbolLeverage;
                UsedMargin = usedMargin;
                Buffer = buffer;
            }

            public InstrumentSpec Symbol { get; }

            public TradeSide Side { get; }

            public double Entry { get; }

            public double Stop { get; }

            public double Equity { get; }

            public double RiskPercent { get; }

            public double MaxLeverage { get; }

            public double SymbolLeverage { get; }

            public double UsedMargin { get; }

            public double Buffer { get; }

            public SizingRequest Request(LiquidationGuard guard) => new SizingRequest
            {
                Symbol = Symbol,
                Side = Side,
                Entry = new Price(Entry),
                Stop = new Price(Stop),
                Equity = new Money(Equity, "USD"),
                RiskFraction = Fraction.FromPercent(RiskPercent),
                MaxLeverage = MaxLeverage,
                UsedMargin = UsedMargin,
                Guard = guard,
            };

            public override string ToString()
                => FormattableString.Invariant($"{Symbol.Name} {Side} E={Entry} S={Stop} eq={Equity} r={RiskPercent}% L={MaxLeverage} symL={SymbolLeverage} used={UsedMargin} buf={Buffer}");
        }

        internal static Gen<Case> CasesForCoverage() => Cases();

        private static Gen<Case> Cases()
        {
            // Price grid and volume grid typical of crypto CFDs and FX.
            var grids = Gen.Elements(
                (Tick: 0.01, Step: 0.01, Min: 0.01, Lo: 5_000, Hi: 120_000),   // BTC
                (Tick: 0.01, Step: 0.1, Min: 0.1, Lo: 500, Hi: 6_000),         // ETH
                (Tick: 0.0001, Step: 1.0, Min: 10.0, Lo: 1, Hi: 5),             // XRP-like
                (Tick: 0.5, Step: 0.001, Min: 0.001, Lo: 5_000, Hi: 120_000)); // coarse-tick BTC
            return from g in grids
                   from feeBp in Gen.Choose(0, 10)                 // 0 – 0.10 % per side
                   from symbolLeverage in Gen.Elements(2.0, 5.0, 10.0, 20.0, 100.0)
                   from priceFrac in Gen.Choose(0, 10_000)
                   from stopBp in Gen.Choose(5, 1_000)              // 0.05 % – 10 % stop
                   from sideBit in Gen.Choose(0, 1)
                   from equityK in Gen.Choose(1, 1_000)
                   from equityScale in Gen.Elements(10.0, 100.0, 1_000.0) // 10 – 1,000,000
                   from minSteps in Gen.Elements(1, 5, 50)          // minimum = 1, 5 or 50 steps
                   from riskBp in Gen.Choose(10, 200)               // 0.10 % – 2 %
                   from leverage in Gen.Choose(1, 10)
                   from usedPct in Gen.Choose(0, 80)
                   from bufferPct in Gen.Choose(0, 30)
                   select Build(g.Tick, g.Step, g.Min * minSteps, g.Lo + (g.Hi - g.Lo) * priceFrac / 10_000.0, feeBp, symbolLeverage, stopBp, sideBit, equityK * equityScale, riskBp / 100.0, leverage, usedPct, bufferPct);
        }

        private static Case Build(double tick, double step, double min, double rawEntry, int feeBp, double symbolLeverage, int stopBp, int sideBit, double equity, double riskPercent, int leverage, int usedPct, int bufferPct)
        {
            var symbol = new InstrumentSpec("GEN", tickSize: tick, volumeMin: min, volumeStep: step,
                commission: CommissionModel.PercentOfVolume(Fraction.FromPercent(feeBp / 100.0)), margin: MarginSchedule.Fixed(symbolLeverage));
            var entry = StepMath.Nearest(rawEntry, tick);
            var side = sideBit == 0 ? TradeSide.Long : TradeSide.Short;
            var distance = Math.Max(tick, entry * stopBp / 10_000.0);
            var stop = side == TradeSide.Long ? entry - distance : entry + distance;
            return new Case(symbol, side, entry, stop, equity, riskPercent, leverage, symbolLeverage, equity * usedPct / 100.0 / symbolLeverage, bufferPct / 100.0);
        }

        [Test]
        public void Decide_AnyRealisticCase_RealisedRiskNotAbovePlannedRisk()
        {
            Prop.ForAll(Cases().ToArbitrary(), c =>
            {
                var d = PositionSizer.Decide(c.Request(LiquidationGuard.None));
                return d.IsRefused || d.RealisedRisk.Amount <= d.PlannedRisk.Amount * (1 + Tolerance);
            }).Check(PropertyBudget.Config);
        }

        [Test]
        public void Decide_AnyRealisticCase_NeverRoundedUpPastMinimum()
        {
            Prop.ForAll(Cases().ToArbitrary(), c =>
            {
                var d = PositionSizer.Decide(c.Request(LiquidationGuard.None));
                if (d.IsRefused)
                {
                    return d.Volume.IsZero;
                }

                // Accepted: at or above the minimum, on the step grid, and never above the risk-based size.
                var onGrid = Math.Abs(d.Volume.Units / c.Symbol.VolumeStep - Math.Round(d.Volume.Units / c.Symbol.VolumeStep)) < 1e-6;
                return d.Volume.Units >= c.Symbol.VolumeMin - 1e-12 && onGrid && d.Volume.Units <= d.RawUnits * (1 + Tolerance);
            }).Check(PropertyBudget.Config);
        }

        [Test]
        public void Decide_RawBelowMinimum_AlwaysRefused()
        {
            Prop.ForAll(Cases().ToArbitrary(), c =>
            {
                var d = PositionSizer.Decide(c.Request(LiquidationGuard.None));
                return d.RawUnits >= c.Symbol.VolumeMin || d.IsRefused;
            }).Check(PropertyBudget.Config);
        }

        [Test]
        public void Decide_AnyRealisticCase_LeverageNotAboveCap()
        {
            Prop.ForAll(Cases().ToArbitrary(), c =>
            {
                var d = PositionSizer.Decide(c.Request(LiquidationGuard.None));
                return d.IsRefused || d.Leverage <= c.MaxLeverage * (1 + Tolerance);
            }).Check(PropertyBudget.Config);
        }

        [Test]
        public void Decide_CTraderGuard_StopInsideBufferedStopOut()
        {
            Prop.ForAll(Cases().ToArbitrary(), c =>
            {
                var buffer = Fraction.FromFraction(c.Buffer);
                var d = PositionSizer.Decide(c.Request(LiquidationGuard.CTrader(Fraction.FromPercent(50), buffer)));
                if (d.IsRefused || !d.LiquidationPrice.HasValue)
                {
                    return true;
                }

                var buffered = LiquidationResult.At(d.LiquidationPrice.Value.Value).WithBuffer(c.Entry, buffer);
                return buffered.IsStopInside(c.Side, d.Stop.Value);
            }).Check(PropertyBudget.Config);
        }

        [Test]
        public void Decide_AnyRealisticCase_StopRoundedNeverWider()
        {
            Prop.ForAll(Cases().ToArbitrary(), c =>
            {
                var d = PositionSizer.Decide(c.Request(LiquidationGuard.None));
                if (d.Refusal == SizingRefusal.StopOnWrongSide || d.Refusal == SizingRefusal.InvalidInput)
                {
                    return true;
                }

                return Math.Abs(d.Stop.Value - c.Entry) <= Math.Abs(c.Stop - c.Entry) + 1e-9;
            }).Check(PropertyBudget.Config);
        }

        [Test]
        public void Decide_AcceptedWithTarget_TargetNetsAtLeastRewardRisk()
        {
            Prop.ForAll(Cases().ToArbitrary(), c =>
            {
                var d = PositionSizer.Decide(c.Request(LiquidationGuard.None));
                if (d.IsRefused || !d.TakeProfit.HasValue)
                {
                    return true;
                }

                var fees = FeeCoefficients.For(c.Symbol, ConversionRates.Identity);
                return TargetCalculator.NetRewardRisk(c.Side, c.Entry, d.TakeProfit.Value.Value, d.PerUnitRisk, fees) >= 1.5 - 1e-9;
            }).Check(PropertyBudget.Config);
        }

        /// <summary>
        /// In the money the broker books: the gross and each commission side rounded to a cent against the trader
        /// (whatever way cTrader rounds, a part lands less than a cent from its exact value), the loss at the stop
        /// is within the risk budget and the realised risk, and the 1.5R target still nets 1.5 × the realised risk.
        /// </summary>
        [Test]
        public void Decide_CentAccount_BookedLossAtStopWithinRiskAndTargetNetsRewardRisk()
        {
            Prop.ForAll(Cases().ToArbitrary(), c =>
            {
                var d = PositionSizer.Decide(c.Request(LiquidationGuard.None) with { MoneyStep = 0.01 });
                if (d.IsRefused)
                {
                    return true;
                }

                var u = d.Volume.Units;
                var stop = d.Stop.Value;
                var fees = FeeCoefficients.For(c.Symbol, ConversionRates.Identity);
                var bookedLoss = CentUp(u * Math.Abs(c.Entry - stop)) + CentUp(fees.SideFee(u, c.Entry)) + CentUp(fees.SideFee(u, stop));
                var lossOk = bookedLoss <= d.PlannedRisk.Amount + Tolerance && bookedLoss <= d.RealisedRisk.Amount + Tolerance;
                if (!d.TakeProfit.HasValue)
                {
                    return lossOk;
                }

                var target = d.TakeProfit.Value.Value;
                var bookedWin = CentDown(u * Math.Abs(target - c.Entry)) - CentUp(fees.SideFee(u, c.Entry)) - CentUp(fees.SideFee(u, target));
                return lossOk && bookedWin >= 1.5 * d.RealisedRisk.Amount - Tolerance;
            }).Check(PropertyBudget.Config);
        }

        /// <summary>A break-even stop moved on a cent account books no loss, the parts rounded against the trader.</summary>
        [Test]
        public void BreakEven_CentAccount_BookedNetAtTheStopNeverNegative()
        {
            Prop.ForAll(Cases().ToArbitrary(), c =>
            {
                var d = PositionSizer.Decide(c.Request(LiquidationGuard.None));
                if (d.IsRefused)
                {
                    return true;
                }

                var u = d.Volume.Units;
                var fees = FeeCoefficients.For(c.Symbol, ConversionRates.Identity, moneyStep: 0.01).ForVolume(u);
                var initialStop = d.Stop.Value;
                var distance = Math.Abs(c.Entry - initialStop);

                // Far enough in favour that the fee-covering price is passed: 3R.
                var price = c.Side == TradeSide.Long ? c.Entry + 3 * distance : c.Entry - 3 * distance;
                var be = new BreakEvenRule(1.0).Apply(c.Side, c.Entry, initialStop, initialStop, price, c.Symbol.TickSize, fees);
                if (be == initialStop)
                {
                    return true;
                }

                var plain = FeeCoefficients.For(c.Symbol, ConversionRates.Identity);
                var move = c.Side == TradeSide.Long ? be - c.Entry : c.Entry - be;
                var bookedNet = CentDown(u * move) - CentUp(plain.SideFee(u, c.Entry)) - CentUp(plain.SideFee(u, be));
                return bookedNet >= -Tolerance;
            }).Check(PropertyBudget.Config);
        }

        private static double CentUp(double amount) => Math.Ceiling(amount * 100 - 1e-7) / 100;

        private static double CentDown(double amount) => Math.Floor(amount * 100 + 1e-7) / 100;

        [Test]
        public void TrailingStop_AnyPricePath_NeverLoosens()
        {
            var paths = from sideBit in Gen.Choose(0, 1)
                        from activation in Gen.Choose(0, 30)
                        from distanceBp in Gen.Choose(5, 500)
                        from atrMode in Gen.Choose(0, 1)
                        from moves in Gen.ArrayOf(Gen.Choose(-300, 300), 60)
                        from atrs in Gen.ArrayOf(Gen.Choose(1, 400), 60)
                        select (sideBit, activation, distanceBp, atrMode, moves, atrs);
            Prop.ForAll(paths.ToArbitrary(), p =>
            {
                var side = p.sideBit == 0 ? TradeSide.Long : TradeSide.Short;
                const double entry = 60_000;
                var initial = side == TradeSide.Long ? 59_400.0 : 60_600.0;
                var rule = p.atrMode == 0
                    ? TrailingStopRule.Fixed(p.activation / 10.0, entry * p.distanceBp / 10_000.0)
                    : TrailingStopRule.Atr(p.activation / 10.0, p.distanceBp / 100.0);
                var state = TrailingStopState.Start(side, entry, initial);
                var price = entry;
                for (var i = 0; i < p.moves.Length; i++)
                {
                    price = Math.Max(1, price + p.moves[i]);
                    var next = state.Update(rule, price, p.atrs[i], 0.01);
                    var loosened = side == TradeSide.Long ? next.Stop < state.Stop : next.Stop > state.Stop;
                    if (loosened)
                    {
                        return false;
                    }

                    state = next;
                }

                return true;
            }).Check(PropertyBudget.Config);
        }
    }
}
