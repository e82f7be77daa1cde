using System;
using FsCheck;
using FsCheck.Fluent;
using PerpGuard.Headless.Simulation;
using PerpGuard.MarketData;
using PerpGuard.Tests.Common;
using static PerpGuard.Headless.Tests.Simulation.SimTestFactory;

namespace PerpGuard.Headless.Tests.Simulation
{
    /// <summary>
    /// The branch-free forms on the simulation's hot path must return exactly what the plain comparisons they
    /// replace return (bit for bit: NaN and signed zeros included), so the faster loop simulates the same run.
    /// </summary>
    public class BranchFreeTests
    {
        private static readonly double[] Specials =
        {
            double.NaN, 0.0, -0.0, 1.0, -1.0, 1.0, 60000.5, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon,
        };

        private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);

        [Test]
        public void HigherLowerSelect_SpecialValues_SameBitsAsComparisons()
        {
            foreach (var a in Specials)
            {
                foreach (var b in Specials)
                {
                    Assert.That(Bits(BranchFree.Higher(a, b)), Is.EqualTo(Bits(a > b ? a : b)), $"Higher({a}, {b})");
                    Assert.That(Bits(BranchFree.Lower(a, b)), Is.EqualTo(Bits(a < b ? a : b)), $"Lower({a}, {b})");
                    Assert.That(Bits(BranchFree.Select(true, a, b)), Is.EqualTo(Bits(a)), $"Select(true, {a}, {b})");
                    Assert.That(Bits(BranchFree.Select(false, a, b)), Is.EqualTo(Bits(b)), $"Select(false, {a}, {b})");
                }
            }
        }

        [Test]
        public void HigherLowerSelect_AnyDoubles_SameBitsAsComparisons()
        {
            Prop.ForAll<double, double, bool>((a, b, condition) =>
                Bits(BranchFree.Higher(a, b)) == Bits(a > b ? a : b)
                && Bits(BranchFree.Lower(a, b)) == Bits(a < b ? a : b)
                && Bits(BranchFree.Select(condition, a, b)) == Bits(condition ? a : b))
                .Check(PropertyBudget.Config);
        }

        /// <summary>The documented rule, tested in turn: nearer extreme first; tie → farther from the close; tie → low.</summary>
        private static bool LowFirstReference(double open, double high, double low, double close)
        {
            if (open - low < high - open) return true;
            if (high - open < open - low) return false;
            if (close - low > high - close) return true;
            if (high - close > close - low) return false;
            return true;
        }

        [Test]
        public void LowFirst_SmallIntegerBarsWithManyTies_SameAsRuleTestedInTurn()
        {
            // Prices from a few integers (3 bits each) make every kind of tie frequent.
            Prop.ForAll<int, int>((a, b) =>
            {
                double open = a & 7, high = (a >> 3) & 7, low = b & 7, close = (b >> 3) & 7;
                return TickPath.LowFirst(open, high, low, close) == LowFirstReference(open, high, low, close);
            }).Check(PropertyBudget.Config);
        }

        [Test]
        public void LowFirst_AnyDoubles_SameAsRuleTestedInTurn()
        {
            Prop.ForAll<double, double, Tuple<double, double>>((o, h, lc) =>
                TickPath.LowFirst(o, h, lc.Item1, lc.Item2) == LowFirstReference(o, h, lc.Item1, lc.Item2)).Check(PropertyBudget.Config);
        }

        [Test]
        public void LowFirst_NaNPrices_LowFirstLikeTheFullTie()
        {
            // Every comparison with NaN is false, so the rule falls through to its last line: low first.
            Assert.That(TickPath.LowFirst(double.NaN, 105, 95, 100), Is.True);
            Assert.That(LowFirstReference(double.NaN, 105, 95, 100), Is.True);
        }

        [Test]
        public void EnvelopeOf_ExpandedBar_BidRangeAndMinMaxOfTheFourAsks()
        {
            // Bar 100/103/90/95 with ask columns 101/104/89/96: each stage's ask is max(ask, bid) → open 101,
            // high 104, low 90 (the data's 89 is below the bid low and is raised to it), close 96.
            var bar = new MarketBar(T0, 100, 103, 90, 95, 1, 101, 104, 89, 96);
            var path = new TickPath(SimSpreadModel.Fixed(0));
            var quotes = new SimQuote[4];
            path.Expand(in bar, quotes);
            var envelope = TickPath.EnvelopeOf(quotes);
            Assert.That(envelope.BidLow, Is.EqualTo(90));
            Assert.That(envelope.BidHigh, Is.EqualTo(103));
            Assert.That(envelope.AskLow, Is.EqualTo(90));
            Assert.That(envelope.AskHigh, Is.EqualTo(104));
        }
    }
}
