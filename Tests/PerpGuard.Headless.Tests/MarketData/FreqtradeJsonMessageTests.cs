using System.IO;
using System.Linq;
using PerpGuard.MarketData;

namespace PerpGuard.Headless.Tests.MarketData
{
    /// <summary>
    /// The freqtrade JSON reader's refusals say what is wrong with the row or file: a message that contradicts its
    /// input (six values "expected" and six "found", a row -1) sends the trader looking in the wrong place.
    /// </summary>
    public class FreqtradeJsonMessageTests
    {
        private static DataFormatException BarsError(string text) =>
            Assert.Throws<DataFormatException>(() => MarketDataReader.ReadBars("x.json", new StringReader(text), DataFormat.FreqtradeJson))!;

        [Test]
        public void ReadBars_NullOpenInASixValueRow_SaysThePriceIsNullNotTheCount()
        {
            // Row 1 has its six values, but its open is null: the count is right, a price is missing.
            var ex = BarsError("[[1704067200000,1,2,0.5,1.5,3],\n[1704067260000,null,2,1,1.2,4]]");

            var message = ex.Errors.Single().Message;
            Assert.That(message, Does.Contain("row 1").And.Contain("null"));
            Assert.That(message, Does.Not.Contain("found 6 values"));
        }

        [Test]
        public void ReadBars_SevenValues_StillNamesTheCount()
        {
            var ex = BarsError("[[1704067200000,1,2,0.5,1.5,3,9]]");

            Assert.That(ex.Errors.Single().Message, Does.Contain("row 0").And.Contain("found 7 values"));
        }

        [Test]
        public void ReadFunding_NullRate_SaysTheRateIsNull()
        {
            var ex = Assert.Throws<DataFormatException>(() => MarketDataReader.ReadFunding(
                "x-8h-funding_rate.json", new StringReader("[[1637193600017,null,0.0,0.0,0.0,0.0]]"), DataFormat.FreqtradeFunding))!;

            Assert.That(ex.Errors.Single().Message, Does.Contain("row 0").And.Contain("null").And.Not.Contain("found 6 values"));
        }

        [Test]
        public void ReadBars_CutOffBeforeItsFirstRow_SaysSoWithoutARowMinusOne()
        {
            // A download that stopped right after its opening '['.
            var ex = BarsError("[\n");

            var message = ex.Errors.Single().Message;
            Assert.That(message, Does.Contain("truncated").And.Contain("before its first row"));
            Assert.That(message, Does.Not.Contain("row -1"));
        }
    }
}
