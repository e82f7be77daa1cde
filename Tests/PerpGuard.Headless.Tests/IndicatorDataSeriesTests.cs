using System;
using PerpGuard.Headless.Runtime;

namespace PerpGuard.Headless.Tests
{
    /// <summary>
    /// Output series fill NaN lazily as writes advance; every slot never written must still read NaN, as in
    /// cTrader (an IndicatorDataSeries value not set is NaN).
    /// </summary>
    public class IndicatorDataSeriesTests
    {
        [Test]
        public void Indexer_WritesWithGapsAndGrowth_UnwrittenSlotsReadNaN()
        {
            var series = new HeadlessIndicatorDataSeries(new BarBuffer(16), 16);

            series[5] = 1.5;
            series[2] = 2.5;
            series[40] = 3.5; // beyond the capacity of 16: the array grows
            series[3] = double.NaN;

            for (var i = 0; i < 50; i++)
            {
                var expected = i switch { 5 => 1.5, 2 => 2.5, 40 => 3.5, _ => double.NaN };
                Assert.That(series[i], Is.EqualTo(expected), "index " + i);
            }

            Assert.That(series[-1], Is.NaN);
            Assert.That(series[int.MaxValue], Is.NaN);
        }

        [Test]
        public void Indexer_NegativeIndexWritten_Ignored()
        {
            var series = new HeadlessIndicatorDataSeries(new BarBuffer(16), 16);

            series[-3] = 7;

            Assert.That(series[0], Is.NaN);
        }
    }
}
