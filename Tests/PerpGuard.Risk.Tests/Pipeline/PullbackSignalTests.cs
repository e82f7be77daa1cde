using System;
using FsCheck;
using FsCheck.Fluent;
using PerpGuard.Risk.Pipeline;
using PerpGuard.Risk.Primitives;
using PerpGuard.Tests.Common;

namespace PerpGuard.Risk.Tests.Pipeline
{
    public class PullbackSignalTests
    {
        // Bars worked by hand: fast EMA 100, trend EMA 95 rising from 94.
        [Test]
        public void CanSignal_False_EvaluateGivesNoSignalWhateverTheTrend()
        {
            // Prices on a coarse grid so that touches and equalities (low = fast EMA, close = open) happen often.
            var prices = Gen.Choose(95, 105).Select(i => (double)i);
            var bars = from open in prices
                       from high in prices
                       from low in prices
                       from close in prices
                       from fast in prices
                       from trend in prices
                       from slope in Gen.Elements(-1.0, 1.0)
                       select new ClosedBar(open, Math.Max(high, Math.Max(open, close)), Math.Min(low, Math.Min(open, close)), close, fast, trend, trend - slope);

            var signals = 0;
            Prop.ForAll(bars.ToArbitrary(), b =>
            {
                var signal = PullbackSignal.Evaluate(b).HasValue;
                signals += signal ? 1 : 0;
                return PullbackSignal.CanSignal(b.Open, b.High, b.Low, b.Close, b.FastEma) || !signal;
            }).Check(PropertyBudget.Config);
            Assert.That(signals, Is.GreaterThan(0), "the generator produces signal bars");
        }

        [Test]
        public void CanSignal_HandWorkedLongAndShortBars_True()
        {
            Assert.That(PullbackSignal.CanSignal(open: 99.5, high: 101, low: 99.8, close: 100.6, fastEma: 100), Is.True, "up bar dipping to the fast EMA");
            Assert.That(PullbackSignal.CanSignal(open: 100.5, high: 100.6, low: 99, close: 99.4, fastEma: 100), Is.True, "down bar rising to the fast EMA");
            Assert.That(PullbackSignal.CanSignal(open: 100.2, high: 101, low: 100.1, close: 100.6, fastEma: 100), Is.False, "never touched it");
        }

        [Test]
        public void Evaluate_UpTrendDipToFastEmaClosingUp_Long()
        {
            var bar = new ClosedBar(open: 99.5, high: 101, low: 99.8, close: 100.6, fastEma: 100, trendEma: 95, previousTrendEma: 94);

            Assert.That(PullbackSignal.Evaluate(bar), Is.EqualTo(TradeSide.Long));
        }

        [Test]
        public void Evaluate_UpTrendBarStaysAboveFastEma_NoSignal()
        {
            var bar = new ClosedBar(open: 100.2, high: 101, low: 100.1, close: 100.6, fastEma: 100, trendEma: 95, previousTrendEma: 94);

            Assert.That(PullbackSignal.Evaluate(bar), Is.Null);
        }

        [Test]
        public void Evaluate_UpTrendDownBar_NoSignal()
        {
            var bar = new ClosedBar(open: 100.8, high: 101, low: 99.8, close: 100.6, fastEma: 100, trendEma: 95, previousTrendEma: 94);

            Assert.That(PullbackSignal.Evaluate(bar), Is.Null);
        }

        [Test]
        public void Evaluate_TrendEmaFalling_NoLong()
        {
            var bar = new ClosedBar(open: 99.5, high: 101, low: 99.8, close: 100.6, fastEma: 100, trendEma: 95, previousTrendEma: 96);

            Assert.That(PullbackSignal.Evaluate(bar), Is.Null);
        }

        [Test]
        public void Evaluate_DownTrendRallyToFastEmaClosingDown_Short()
        {
            var bar = new ClosedBar(open: 100.5, high: 100.2, low: 99, close: 99.4, fastEma: 100, trendEma: 105, previousTrendEma: 106);

            Assert.That(PullbackSignal.Evaluate(bar), Is.EqualTo(TradeSide.Short));
        }

        [Test]
        public void Evaluate_IndicatorsNotWarmedUp_NoSignal()
        {
            var bar = new ClosedBar(open: 99.5, high: 101, low: 99.8, close: 100.6, fastEma: 100, trendEma: double.NaN, previousTrendEma: 94);

            Assert.That(PullbackSignal.Evaluate(bar), Is.Null);
        }
    }
}
