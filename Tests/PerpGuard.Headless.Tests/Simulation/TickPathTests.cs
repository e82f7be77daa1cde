using System;
using FsCheck;
using FsCheck.Fluent;
using PerpGuard.Headless.Simulation;
using PerpGuard.MarketData;
using PerpGuard.Tests.Common;
using static PerpGuard.Headless.Tests.Simulation.SimTestFactory;

namespace PerpGuard.Headless.Tests.Simulation
{
    public class TickPathTests
    {
        private static SimQuote[] Expand(TickPath path, MarketBar bar)
        {
            var quotes = new SimQuote[4];
            Assert.That(path.Expand(in bar, quotes), Is.EqualTo(4));
            return quotes;
        }

        [Test]
        public void Expand_HighNearerToOpen_OpenHighLowClose()
        {
            var q = Expand(new TickPath(SimSpreadModel.Fixed(2)), new MarketBar(T0, 100, 103, 90, 95, 1));
            Assert.That(new[] { q[0].Bid, q[1].Bid, q[2].Bid, q[3].Bid }, Is.EqualTo(new[] { 100.0, 103, 90, 95 }));
            Assert.That(new[] { q[0].Ask, q[1].Ask, q[2].Ask, q[3].Ask }, Is.EqualTo(new[] { 102.0, 105, 92, 97 }));
            Assert.That(new[] { q[0].Continuous, q[1].Continuous, q[2].Continuous, q[3].Continuous }, Is.EqualTo(new[] { false, true, true, true }));
            Assert.That(q[3].TimeUtc, Is.EqualTo(T0.AddSeconds(59)));
        }

        [Test]
        public void Expand_LowNearerToOpen_OpenLowHighClose()
        {
            var q = Expand(new TickPath(SimSpreadModel.Fixed(0)), new MarketBar(T0, 100, 110, 98, 105, 1));
            Assert.That(new[] { q[1].Bid, q[2].Bid }, Is.EqualTo(new[] { 98.0, 110 }));
        }

        [TestCase(100, 105, 95, 97, false, TestName = "Expand_TieCloseNearLow_HighFirst")]
        [TestCase(100, 105, 95, 103, true, TestName = "Expand_TieCloseNearHigh_LowFirst")]
        [TestCase(100, 105, 95, 100, true, TestName = "Expand_FullTie_LowFirst")]
        public void Expand_Ties_BrokenConsistently(double o, double h, double l, double c, bool lowFirst)
        {
            Assert.That(TickPath.LowFirst(o, h, l, c), Is.EqualTo(lowFirst));
        }

        [Test]
        public void Expand_BarWithAsk_UsesDataSpread()
        {
            var bar = new MarketBar(T0, 100, 103, 90, 95, 1, 101, 104.5, 90.5, 96);
            var q = Expand(new TickPath(SimSpreadModel.Fixed(50)), bar);
            Assert.That(new[] { q[0].Ask, q[1].Ask, q[2].Ask, q[3].Ask }, Is.EqualTo(new[] { 101.0, 104.5, 90.5, 96 }));
        }

        [Test]
        public void Expand_RandomSpreadSameSeed_SameQuotes()
        {
            var bar = new MarketBar(T0, 100, 103, 90, 95, 1);
            var a = Expand(new TickPath(SimSpreadModel.Random(1, 3, 99)), bar);
            var b = Expand(new TickPath(SimSpreadModel.Random(1, 3, 99)), bar);
            Assert.That(b, Is.EqualTo(a));
            Assert.That(a[0].Ask - a[0].Bid, Is.InRange(1.0, 3.0));
        }

        [Test]
        public void Expand_AnyBar_VisitsOpenBothExtremesAndClose()
        {
            var path = new TickPath(SimSpreadModel.Fixed(1));
            Prop.ForAll<NormalFloat, NormalFloat, NormalFloat>((a, b, c) =>
            {
                double open = 1000 + Math.Abs(a.Get % 100);
                double close = 1000 + Math.Abs(b.Get % 100);
                double high = Math.Max(open, close) + Math.Abs(c.Get % 50);
                double low = Math.Min(open, close) - Math.Abs((a.Get + b.Get + c.Get) % 50);
                var quotes = new SimQuote[4];
                path.Expand(new MarketBar(T0, open, high, low, close, 1), quotes);
                bool extremes = (quotes[1].Bid == high && quotes[2].Bid == low) || (quotes[1].Bid == low && quotes[2].Bid == high);
                bool nearerFirst = Math.Abs(quotes[1].Bid - open) <= Math.Abs(quotes[2].Bid - open);
                return quotes[0].Bid == open && quotes[3].Bid == close && extremes && nearerFirst;
            }).Check(PropertyBudget.Config);
        }
    }
}
