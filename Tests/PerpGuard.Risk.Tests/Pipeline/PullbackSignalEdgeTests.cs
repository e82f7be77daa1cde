using PerpGuard.Risk.Pipeline;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Risk.Tests.Pipeline
{
    /// <summary>
    /// The entry rule at its edges (each case written for a mutant that survived the older tests): a touch of the fast
    /// EMA counts, an EMA equal to the other or a flat trend EMA is no trend, and an infinite value (a broken indicator
    /// or bar) never trades. Bars worked by hand around a fast EMA of 100.
    /// </summary>
    public class PullbackSignalEdgeTests
    {
        [Test]
        public void Evaluate_UpTrendLowExactlyAtTheFastEma_Long()
        {
            var bar = new ClosedBar(open: 100.2, high: 101, low: 100, close: 100.6, fastEma: 100, trendEma: 95, previousTrendEma: 94);

            Assert.That(PullbackSignal.Evaluate(bar), Is.EqualTo(TradeSide.Long));
        }

        [Test]
        public void Evaluate_DownTrendHighExactlyAtTheFastEma_Short()
        {
            var bar = new ClosedBar(open: 99.8, high: 100, low: 99, close: 99.4, fastEma: 100, trendEma: 105, previousTrendEma: 106);

            Assert.That(PullbackSignal.Evaluate(bar), Is.EqualTo(TradeSide.Short));
        }

        [TestCase(100.0, 100.0, 99.0)] // fast EMA equal to the trend EMA: not above it
        [TestCase(100.0, 95.0, 95.0)] // trend EMA flat: not rising
        public void Evaluate_LongBarWithoutAStrictUpTrend_NoSignal(double fast, double trend, double previousTrend)
        {
            var bar = new ClosedBar(open: 99.5, high: 101, low: 99.5, close: 100.6, fastEma: fast, trendEma: trend, previousTrendEma: previousTrend);

            Assert.That(PullbackSignal.Evaluate(bar), Is.Null);
        }

        [TestCase(100.0, 100.0, 101.0)] // fast EMA equal to the trend EMA: not below it
        [TestCase(100.0, 105.0, 105.0)] // trend EMA flat: not falling
        [TestCase(100.0, 105.0, 104.0)] // fast below the trend EMA but the trend EMA rising: no downtrend
        public void Evaluate_ShortBarWithoutAStrictDownTrend_NoSignal(double fast, double trend, double previousTrend)
        {
            var bar = new ClosedBar(open: 100.5, high: 100.6, low: 99, close: 99.4, fastEma: fast, trendEma: trend, previousTrendEma: previousTrend);

            Assert.That(PullbackSignal.Evaluate(bar), Is.Null);
        }

        [TestCase(99.5, 100.6, 100.0, 95.0, double.NegativeInfinity)] // previous trend EMA −∞: "rising" only by the garbage
        [TestCase(double.NegativeInfinity, 100.6, 100.0, 95.0, 94.0)] // open −∞: an "up bar" only by the garbage
        [TestCase(99.5, double.PositiveInfinity, 100.0, 95.0, 94.0)] // close +∞
        public void Evaluate_AnInfiniteValueThatWouldMakeALong_NoSignal(double open, double close, double fast, double trend, double previousTrend)
        {
            var bar = new ClosedBar(open, high: 101, low: 99.5, close, fast, trend, previousTrend);

            Assert.That(PullbackSignal.Evaluate(bar), Is.Null);
        }
    }
}
