using PerpGuard.Risk.Pipeline;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Risk.Tests.Pipeline
{
    public class PullbackSignalTests
    {
        // Bars worked by hand: fast EMA 100, trend EMA 95 rising from 94.
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
