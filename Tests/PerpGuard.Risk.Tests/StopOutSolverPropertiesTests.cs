using System;
using FsCheck;
using FsCheck.Fluent;
using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Margin;
using PerpGuard.Risk.Primitives;
using PerpGuard.Tests.Common;

namespace PerpGuard.Risk.Tests
{
    /// <summary>
    /// The cTrader stop-out solver on random accounts: fixed and tiered margin, frozen and live pricing, one
    /// or two positions, both sides. Whatever path it takes (one secant step when the gap is linear, bisection
    /// across tiers), a price it returns is where margin level equals the stop-out level, and the account is
    /// above the level everywhere between the current price and it.
    /// </summary>
    public class StopOutSolverPropertiesTests
    {
        public sealed record Case(double Equity, double Price, double Level, MarginSchedule Schedule, MarginPricing Pricing, PositionExposure[] Positions);

        private static Gen<Case> Cases() =>
            from equityK in Gen.Choose(1, 500)
            from priceK in Gen.Choose(1_000, 100_000)
            from levelPct in Gen.Elements(20.0, 50.0, 80.0, 100.0)
            from tiered in Gen.Elements(false, true)
            from leverage in Gen.Elements(2.0, 5.0, 10.0, 50.0)
            from live in Gen.Elements(false, true)
            from sideBit in Gen.Choose(0, 1)
            from unitsCenti in Gen.Choose(1, 2_000)
            from secondCenti in Gen.Choose(0, 1_000)
            from entryOffsetBp in Gen.Choose(-500, 500)
            select Build(equityK * 1_000.0, priceK, levelPct, tiered, leverage, live, sideBit, unitsCenti / 100.0, secondCenti / 100.0, entryOffsetBp);

        private static Case Build(double equity, double price, double levelPct, bool tiered, double leverage, bool live, int sideBit, double units, double second, int entryOffsetBp)
        {
            var side = sideBit == 0 ? TradeSide.Long : TradeSide.Short;
            var schedule = tiered
                ? MarginSchedule.Tiered(new[] { new LeverageTier(100_000, 10), new LeverageTier(500_000, 5), new LeverageTier(2_000_000, 2) })
                : MarginSchedule.Fixed(leverage);
            var entry = price * (1 + entryOffsetBp / 10_000.0);
            var positions = second > 0
                ? new[] { new PositionExposure(side, units, entry), new PositionExposure(side, second, price) }
                : new[] { new PositionExposure(side, units, entry) };
            return new Case(equity, price, levelPct, schedule, live ? MarginPricing.RecalculatedAtPrice : MarginPricing.FrozenAtOpen, positions);
        }

        private static StopOutAccount Account(Case c) =>
            new StopOutAccount(c.Equity, c.Price, Fraction.FromPercent(c.Level), 0, c.Schedule, MarginAggregation.Sum, c.Pricing, ConversionRates.Identity);

        /// <summary>equity(X) − level × margin(X), the quantity the solver drives to zero.</summary>
        private static double Gap(Case c, double x)
        {
            var net = 0.0;
            foreach (var p in c.Positions)
            {
                net += p.SignedUnits;
            }

            var margin = SymbolMargin.Compute(c.Positions, c.Schedule, MarginAggregation.Sum, c.Pricing, x, 1, 1);
            return c.Equity + (net * (x - c.Price)) - (c.Level / 100.0 * margin);
        }

        [Test]
        public void Solve_AnyAccount_PriceIsWhereMarginLevelMeetsStopOut()
        {
            Prop.ForAll(Cases().ToArbitrary(), c =>
            {
                var r = CTraderStopOut.Solve(Account(c), c.Positions);
                if (r.Outcome != LiquidationOutcome.AtPrice)
                {
                    return true;
                }

                var x = r.PriceOrNaN;
                var scale = Math.Max(1.0, c.Equity);

                // At the price the gap is zero (to the solver's 1e-12 relative price resolution), and halfway
                // back towards the current price the account is still above the level.
                var atRoot = Math.Abs(Gap(c, x)) <= 1e-6 * scale;
                var safeBefore = Gap(c, 0.5 * (x + c.Price)) > 0;
                return atRoot && safeBefore;
            }).Check(PropertyBudget.Config);
        }

        [Test]
        public void Solve_AnyAccount_AgreesWithTheO1Check()
        {
            // IsAboveStopOutAt (no root finding) must agree with the solved price on either side of it.
            Prop.ForAll(Cases().ToArbitrary(), c =>
            {
                if (c.Positions.Length != 1)
                {
                    return true;
                }

                var r = CTraderStopOut.Solve(Account(c), c.Positions[0]);
                if (r.Outcome != LiquidationOutcome.AtPrice)
                {
                    return true;
                }

                var x = r.PriceOrNaN;
                var towardsPrice = x + ((c.Price - x) * 1e-6);
                var beyond = x - ((c.Price - x) * 1e-6);
                return CTraderStopOut.IsAboveStopOutAt(Account(c), c.Positions[0], towardsPrice)
                    && !CTraderStopOut.IsAboveStopOutAt(Account(c), c.Positions[0], beyond);
            }).Check(PropertyBudget.Config);
        }
    }
}
