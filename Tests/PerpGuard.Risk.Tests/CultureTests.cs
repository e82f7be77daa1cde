using System.Globalization;
using System.Threading;
using PerpGuard.Risk.Margin;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Sizing;

namespace PerpGuard.Risk.Tests
{
    /// <summary>Numbers a trader sees are formatted with a dot whatever the machine's culture (here: comma decimals, like de-DE).</summary>
    [NonParallelizable]
    public class CultureTests
    {
        private CultureInfo saved = CultureInfo.InvariantCulture;

        [SetUp]
        public void UseCommaCulture()
        {
            saved = Thread.CurrentThread.CurrentCulture;
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            comma.NumberFormat.NumberGroupSeparator = ".";
            Thread.CurrentThread.CurrentCulture = comma;
        }

        [TearDown]
        public void Restore() => Thread.CurrentThread.CurrentCulture = saved;

        [Test]
        public void ToString_CommaCulture_DotDecimals()
        {
            Assert.That(1.5.ToString(), Is.EqualTo("1,5"), "the culture under test really uses commas");
            Assert.That(new Price(60_600.08).ToString(), Is.EqualTo("60600.08"));
            Assert.That(new Money(97.16, "USD").ToString(), Is.EqualTo("97.16 USD"));
            Assert.That(new Volume(0.27).ToString(), Is.EqualTo("0.27"));
            Assert.That(LiquidationResult.At(44_444.44).ToString(), Is.EqualTo("44444.44"));
        }

        [Test]
        public void Decide_CommaCulture_SameDecision()
        {
            // Same hand-worked example as SizingWorkedExamplesTests: 0.27 BTC, target 60,600.08.
            var d = PositionSizer.Decide(SizingWorkedExamplesTests.Btc(59_700));

            Assert.That(d.Volume.Units, Is.EqualTo(0.27));
            Assert.That(d.TakeProfit!.Value.ToString(), Is.EqualTo("60600.08"));
        }
    }
}
