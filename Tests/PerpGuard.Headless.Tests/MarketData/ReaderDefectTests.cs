using System;
using System.IO;
using System.Linq;
using PerpGuard.MarketData;
using PerpGuard.Tests.Common;

namespace PerpGuard.Headless.Tests.MarketData
{
    /// <summary>
    /// Defects found by feeding damaged copies of the real files (2026-11-26 data review): each input here was
    /// accepted silently before — a truncated JSON download, NaN in JSON, a row with a field more or less than the
    /// file's layout — and must be refused naming the file and the line (freqtrade JSON: the line and the row).
    /// The message says what is wrong with the row or file: one that contradicts its input (six values "expected" and
    /// six "found", a row -1) sends the trader looking in the wrong place.
    /// </summary>
    public class ReaderDefectTests
    {
        private const string Header = "timestamp,open,high,low,close,volume\n";

        /// <summary>The refusal <paramref name="read"/> throws (captured without Assert.Throws: Assert.That only).</summary>
        private static DataFormatException Refusal(TestDelegate read)
        {
            Exception? thrown = null;
            try
            {
                read();
            }
            catch (Exception e)
            {
                thrown = e;
            }

            Assert.That(thrown, Is.TypeOf<DataFormatException>(), "the input is refused as bad data");
            return (DataFormatException)thrown!;
        }

        /// <summary>Bars read in <paramref name="format"/>, or in the format detected from the name and first line.</summary>
        private static DataFormatException BarsError(string name, string text, DataFormat? format = null)
        {
            var read = format ?? MarketDataReader.DetectFormat(name, new StringReader(text));
            return Refusal(() => MarketDataReader.ReadBars(name, new StringReader(text), read));
        }

        private static DataFormatException FundingError(string name, string text, DataFormat format) =>
            Refusal(() => MarketDataReader.ReadFunding(name, new StringReader(text), format));

        [Test]
        public void ReadBars_FreqtradeJsonCutOffBetweenRows_IsRefusedAsTruncated()
        {
            // Two whole rows, then the download stopped: no closing ']'. Before: 2 bars, no error.
            var text = "[[1704067200000,1,2,0.5,1.5,3],\n[1704067260000,1.5,2,1,1.2,4],\n";

            var ex = BarsError("XRP_USDT_USDT-1m-futures.json", text);

            Assert.That(ex.Errors.Single().Message, Does.Contain("truncated").And.Contain("after row 1"));
        }

        // The second row stops in its volume (the 4 of "41.5"): six values, a whole candle by count; or right after its
        // close: five values, a candle without volume, which the reader accepts as whole. Before: accepted, the cut
        // volume (4, or 0) read as data. Only the missing ']' tells the row is cut.
        [TestCase("[[1704067200000,1,2,0.5,1.5,3],\n[1704067260000,1.5,2,1,1.2,4")]
        [TestCase("[[1704067200000,1,2,0.5,1.5,3],\n[1704067260000,1.5,2,1,1.2")]
        public void ReadBars_FreqtradeJsonCutOffInsideARow_IsRefusedNamingTheRow(string text)
        {
            var ex = BarsError("x.json", text);

            // Row 1 is the cut one: "after row 1" would call it whole (and its cut volume data).
            Assert.That(ex.Errors.Single().Message, Does.Contain("row 1").And.Contain("truncated").And.Not.Contain("after row 1"));
            Assert.That(ex.Errors.Single().Line, Is.EqualTo(2));
        }

        [Test]
        public void ReadBars_FreqtradeJsonWithContentAfterTheArray_IsRefused()
        {
            // A second array glued on (two downloads concatenated): before, its rows were dropped without a word.
            var text = "[[1704067200000,1,2,0.5,1.5,3]]\n[[1704067260000,1.5,2,1,1.2,4]]\n";

            var ex = BarsError("x.json", text);

            Assert.That(ex.Errors.Single().Line, Is.EqualTo(2));
            Assert.That(ex.Errors.Single().Message, Does.EndWith("unexpected content after the closing ']' of the array (two files joined?)"));
        }

        [Test]
        public void ReadBars_FreqtradeJsonNaNVolume_IsRefusedNamingTheRow()
        {
            // Json.NET reads the literal NaN as a float; a NaN price was caught by the bar check, a NaN volume was not.
            var text = "[[1704067200000,1,2,0.5,1.5,3],\n[1704067260000,1.5,2,1,1.2,NaN]]";

            var ex = BarsError("x.json", text);

            Assert.That(ex.Errors.Single().Line, Is.EqualTo(2));
            Assert.That(ex.Errors.Single().Message, Does.Contain("row 1").And.Contain("NaN"));
        }

        [Test]
        public void ReadBars_FreqtradeJsonRowWithSevenValues_IsRefused()
        {
            var text = "[[1704067200000,1,2,0.5,1.5,3],\n[1704067260000,1.5,2,1,1.2,4,9]]";

            var ex = BarsError("x.json", text);

            Assert.That(ex.Errors.Single().Message, Does.Contain("row 1").And.Contain("found 7 values"));
        }

        [Test]
        public void ReadFunding_FreqtradeJsonNaNRate_IsRefused()
        {
            // |NaN| > 5 % is false, so a NaN rate passed the percent check and would have been charged as funding.
            var text = "[[1637193600017,0.0001,0.0,0.0,0.0,0.0],\n[1637222400007,NaN,0.0,0.0,0.0,0.0]]";

            var ex = FundingError("XRP_USDT_USDT-8h-funding_rate.json", text, DataFormat.FreqtradeFunding);

            Assert.That(ex.Errors.Single().Line, Is.EqualTo(2));
            Assert.That(ex.Errors.Single().Message, Does.Contain("row 1"));
        }

        [Test]
        public void ReadFunding_FreqtradeJsonTruncated_IsRefused()
        {
            var text = "[[1637193600017,0.0001,0.0,0.0,0.0,0.0],\n[1637222400007,0.0001,0.0,0.0,0.0,0.0],";

            var ex = FundingError("XRP_USDT_USDT-8h-funding_rate.json", text, DataFormat.FreqtradeFunding);

            // Two whole rows (0 and 1), then nothing: the rows after row 1 are missing.
            Assert.That(ex.Errors.Single().Message, Does.Contain("truncated").And.Contain("after row 1"));
        }

        [Test]
        public void ReadBars_FreqtradeJsonOnOneLineWithARepeatedCandle_NamesTheRow()
        {
            // freqtrade writes the whole array on line 1, so "x.json:1: duplicate timestamp" did not say which of
            // 1,999 rows; the row index does (as the other row errors already give it).
            var text = "[[1704067200000,1,2,0.5,1.5,3],[1704067260000,1.5,2,1,1.2,4],[1704067260000,1.5,2,1,1.2,4],[1704067200000,1,2,0.5,1.5,3]]";

            var ex = BarsError("x.json", text);

            Assert.That(ex.Errors.Select(e => e.Message.Substring(0, 6)), Is.EqualTo(new[] { "row 2:", "row 3:" }));
            Assert.That(ex.Errors[0].Message, Does.Contain("duplicate timestamp 2024-01-01T00:01:00Z"));
            Assert.That(ex.Errors[1].Message, Does.Contain("timestamp 2024-01-01T00:00:00Z is before the previous one 2024-01-01T00:01:00Z"));
        }

        [Test]
        public void ReadBars_FreqtradeJsonNullOpenInASixValueRow_SaysThePriceIsNullNotTheCount()
        {
            // Row 1 has its six values, but its open is null: the count is right, a price is missing.
            var ex = BarsError("x.json", "[[1704067200000,1,2,0.5,1.5,3],\n[1704067260000,null,2,1,1.2,4]]", DataFormat.FreqtradeJson);

            var message = ex.Errors.Single().Message;
            Assert.That(message, Does.Contain("row 1").And.Contain("null"));
            Assert.That(message, Does.Not.Contain("found 6 values"));
        }

        [Test]
        public void ReadFunding_FreqtradeJsonNullRate_SaysTheRateIsNull()
        {
            var ex = FundingError("x-8h-funding_rate.json", "[[1637193600017,null,0.0,0.0,0.0,0.0]]", DataFormat.FreqtradeFunding);

            Assert.That(ex.Errors.Single().Message, Does.Contain("row 0").And.Contain("null").And.Not.Contain("found 6 values"));
        }

        [Test]
        public void ReadBars_FreqtradeJsonCutOffBeforeItsFirstRow_SaysSoWithoutARowMinusOne()
        {
            // A download that stopped right after its opening '['.
            var ex = BarsError("x.json", "[\n", DataFormat.FreqtradeJson);

            var message = ex.Errors.Single().Message;
            Assert.That(message, Does.Contain("truncated").And.Contain("before its first row"));
            Assert.That(message, Does.Not.Contain("row -1"));
        }

        [Test]
        public void ReadBars_GenericCsvLineWithAFieldMoreThanTheHeader_IsRefusedWithItsLine()
        {
            // A thousands separator split "46,588.0" in two: every number after it shifted one column. Before: accepted.
            var text = Header
                + "2022-01-01 00:40:00,46554.0,46588.0,46525.0,46588.0,1200.5\n"
                + "2022-01-01 00:41:00,46588.0,46,600.0,46580.0,46590.0,1100.0\n"
                + "2022-01-01 00:42:00,46590.0,46600.0,46580.0,46595.0,900.0\n";

            var ex = BarsError("btc.csv", text);

            Assert.That(ex.Errors.Single().Line, Is.EqualTo(3));
            Assert.That(ex.Errors.Single().Message, Does.Contain("expected 6 fields").And.Contain("found 7"));
        }

        [Test]
        public void ReadBars_LeanQuoteRowWithoutItsLastAskSize_IsRefused()
        {
            // LEAN quote rows have 11 fields; the reader needs only the first 10, so a row cut before its last
            // column (or one whose columns shifted left) passed. Line 2 lacks one field.
            var text = "0,17193.5,17199,17193.5,17199,135.724,17194,17199.5,17194,17199.5,17.697\n"
                + "60000,17199,17212,17199,17212,168.661,17199.5,17212.5,17199.5,17212.5\n";

            var ex = BarsError("20221213_btcusdt_minute_quote_perp.csv", text);

            Assert.That(ex.Errors.Single().Line, Is.EqualTo(2));
            Assert.That(ex.Errors.Single().Message, Does.Contain("expected 11 fields").And.Contain("found 10"));
        }

        [Test]
        public void ReadBars_LeanTradeRowWithAnExtraField_IsRefused()
        {
            var text = "0,17194,17199.5,17193.5,17199,78.677\n"
                + "60000,17199.5,17212.5,17199,17212.5,153.152,7\n";

            var ex = BarsError("20221213_btcusdt_minute_trade_perp.csv", text);

            // LEAN trade rows: time, open, high, low, close, volume = 6 fields; line 2 has a 7th.
            Assert.That(ex.Errors.Single().Line, Is.EqualTo(2));
            Assert.That(ex.Errors.Single().Message, Does.Contain("expected 6 fields").And.Contain("found 7"));
        }

        [Test]
        public void ReadFunding_LeanRowWithAThirdField_IsRefused()
        {
            // "…,-0.0002,016" (a decimal comma) read as rate -0.0002 before, the rest ignored.
            var text = "20221213 00:00:00,-0.0002016\n20221213 08:00:00,-0.0002,2398\n";

            var ex = FundingError("bybit_btcusdt_funding.csv", text, DataFormat.LeanFunding);

            Assert.That(ex.Errors.Single().Line, Is.EqualTo(2));
            Assert.That(ex.Errors.Single().Message, Does.Contain("found 3"));
        }

        [Test]
        public void ReadTicks_RowWithAnExtraField_IsRefused()
        {
            var text = "time,bid,ask\n2024-01-01T00:00:01Z,100,100.5\n2024-01-01T00:00:02Z,100,100,5\n";

            var ex = Refusal(() => MarketDataReader.ReadTicks("t.csv", new StringReader(text), DataFormat.TickCsv));

            // "100,5" (a decimal comma) split the ask in two: 4 fields on a line of the 3-field layout.
            Assert.That(ex.Errors.Single().Line, Is.EqualTo(3));
            Assert.That(ex.Errors.Single().Message, Does.Contain("expected 3 fields").And.Contain("found 4"));
        }

        [Test]
        public void ReadBars_RealFreqtrade5mCutOffMidFile_IsRefused()
        {
            var path = SharedData.RequireFile("freqtrade-xrp-usdt-perp/XRP_USDT_USDT-5m-futures.json");
            var text = File.ReadAllText(path);
            Assert.That(MarketDataReader.ReadBars(path).Bars, Has.Length.EqualTo(1_999), "PROVENANCE: 1,999 rows");

            // Cut after the 1,000th row's closing bracket, as an interrupted download leaves it.
            var cut = 0;
            for (var rows = 0; rows < 1_000; rows++)
            {
                cut = text.IndexOf(']', cut + 1);
            }

            var ex = BarsError("XRP_USDT_USDT-5m-futures.json", text.Substring(0, cut + 1), DataFormat.FreqtradeJson);

            Assert.That(ex.Message, Does.Contain("truncated").And.Contain("after row 999"));
        }

        [Test]
        public void ReadBars_RealLeanQuoteWithOneRowShort_IsRefusedWithItsLine()
        {
            var path = SharedData.RequireFile("lean-crypto-perp-minute/bybit_btcusdt/20221213_btcusdt_minute_quote_perp.csv");
            var lines = File.ReadAllLines(path);
            Assert.That(MarketDataReader.ReadBars(path).Bars, Has.Length.EqualTo(460), "PROVENANCE: 460 rows");

            // Line 101 loses its last field (the ask size).
            lines[100] = lines[100].Substring(0, lines[100].LastIndexOf(','));
            var ex = BarsError(Path.GetFileName(path), string.Join("\n", lines), DataFormat.LeanQuoteMinute);

            Assert.That(ex.Errors.Single().Line, Is.EqualTo(101));
            Assert.That(ex.Errors.Single().Message, Does.Contain("expected 11 fields").And.Contain("found 10"));
        }
    }
}
