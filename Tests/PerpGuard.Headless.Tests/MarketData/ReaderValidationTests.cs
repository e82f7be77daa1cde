using System;
using System.Globalization;
using System.IO;
using System.Linq;
using PerpGuard.MarketData;

namespace PerpGuard.Headless.Tests.MarketData
{
    /// <summary>Formats, malformed lines (file + line), gaps, duplicates and culture, on small hand-made files.</summary>
    public class ReaderValidationTests
    {
        private static BarSeries Bars(string name, string text, ReadOptions? options = null)
        {
            var format = options?.Format ?? MarketDataReader.DetectFormat(name, new StringReader(text));
            return MarketDataReader.ReadBars(name, new StringReader(text), format, options);
        }

        private static DataFormatException BarsError(string name, string text, ReadOptions? options = null)
        {
            return Assert.Throws<DataFormatException>(() => Bars(name, text, options))!;
        }

        private const string Header = "timestamp,open,high,low,close,volume\n";

        [Test]
        public void ReadBars_BadNumberOnLine4_ReportsFileAndLine()
        {
            var text = Header
                + "2024-01-01T00:00:00Z,100,101,99,100.5,10\n"
                + "2024-01-01T00:01:00Z,100.5,102,100,101,12\n"
                + "2024-01-01T00:02:00Z,101,abc,100,101,12\n";

            var ex = BarsError("mine.csv", text);

            Assert.That(ex.Errors, Has.Count.EqualTo(1));
            Assert.That(ex.Errors[0].File, Is.EqualTo("mine.csv"));
            Assert.That(ex.Errors[0].Line, Is.EqualTo(4));
            Assert.That(ex.Message, Does.StartWith("mine.csv:4:").And.Contain("high"));
        }

        [Test]
        public void ReadBars_SeveralBadLines_ReportsEveryLine()
        {
            var text = Header
                + "2024-01-01T00:00:00Z,100,101,99,100.5,10\n"
                + "2024-01-01T00:01:00Z,100.5,102\n"
                + "not-a-time,100,101,99,100,1\n"
                + "2024-01-01T00:03:00Z,100,99,101,100,1\n";

            var ex = BarsError("x.csv", text);

            Assert.That(ex.Errors.Select(e => e.Line), Is.EqualTo(new long[] { 3, 4, 5 }));
            Assert.That(ex.Errors[0].Message, Does.Contain("fields"));
            Assert.That(ex.Errors[1].Message, Does.Contain("bad time"));
            Assert.That(ex.Errors[2].Message, Does.Contain("OHLC inconsistent"));
        }

        [Test]
        public void ReadBars_LeadingBlankLines_LineNumbersStayPhysical()
        {
            var text = "\n\n" + Header + "2024-01-01T00:00:00Z,100,101,99,-5,10\n";

            var ex = BarsError("b.csv", text);

            Assert.That(ex.Errors[0].Line, Is.EqualTo(4));
        }

        [Test]
        public void ReadBars_DuplicateTimestamp_IsAnErrorNamingTheLine()
        {
            var text = Header
                + "2024-01-01T00:00:00Z,100,101,99,100,1\n"
                + "2024-01-01T00:01:00Z,100,101,99,100,1\n"
                + "2024-01-01T00:01:00Z,100,101,99,100,1\n";

            var ex = BarsError("d.csv", text);

            Assert.That(ex.Errors.Single().Line, Is.EqualTo(4));
            Assert.That(ex.Errors.Single().Message, Does.Contain("duplicate timestamp"));
        }

        [Test]
        public void ReadBars_OutOfOrderTimestamp_IsAnError()
        {
            var text = Header
                + "2024-01-01T00:02:00Z,100,101,99,100,1\n"
                + "2024-01-01T00:01:00Z,100,101,99,100,1\n";

            var ex = BarsError("o.csv", text);

            Assert.That(ex.Errors.Single().Line, Is.EqualTo(3));
            Assert.That(ex.Errors.Single().Message, Does.Contain("before the previous"));
        }

        [Test]
        public void ReadBars_LenientPolicy_SortsKeepsFirstAndReports()
        {
            var text = Header
                + "2024-01-01T00:02:00Z,102,103,101,102,1\n"
                + "2024-01-01T00:00:00Z,100,101,99,100,1\n"
                + "2024-01-01T00:00:00Z,200,201,199,200,1\n"
                + "2024-01-01T00:01:00Z,101,102,100,101,1\n";

            var series = Bars("l.csv", text, new ReadOptions { Timestamps = TimestampPolicy.SortAndKeepFirst });

            Assert.That(series.Bars.Select(b => b.Open), Is.EqualTo(new[] { 100.0, 101.0, 102.0 }));
            Assert.That(series.Quality.Duplicates.Select(d => d.Line), Is.EqualTo(new long[] { 4 }));
            Assert.That(series.Quality.OutOfOrder.Select(d => d.Line), Is.EqualTo(new long[] { 3 }), "only line 3 goes back in time versus its predecessor");
            Assert.That(series.Quality.Gaps, Is.Empty);
        }

        [Test]
        public void ReadBars_MissingMinutes_ReportsGapsWithMissingCount()
        {
            // Minutes 00:00, 00:01, 00:02, then 00:06 (3 missing), 00:07, then 00:09 (1 missing).
            var text = Header + string.Join("\n", new[] { 0, 1, 2, 6, 7, 9 }.Select(m =>
                $"2024-01-01T00:0{m}:00Z,100,101,99,100,1")) + "\n";

            var series = Bars("g.csv", text);

            Assert.That(series.Timeframe, Is.EqualTo(TimeSpan.FromMinutes(1)));
            Assert.That(series.Quality.Gaps.Select(g => g.MissingBars), Is.EqualTo(new long[] { 3, 1 }));
            Assert.That(series.Quality.MissingBars, Is.EqualTo(4));
            Assert.That(series.Quality.Gaps[0].LastBeforeUtc, Is.EqualTo(new DateTime(2024, 1, 1, 0, 2, 0, DateTimeKind.Utc)));
            Assert.That(series.Quality.Summary(), Does.Contain("2 gaps (4 missing)"));
        }

        [Test]
        public void ReadBars_EpochMillisecondsAndOffsetTimes_AreUtc()
        {
            // 1704067200000 ms = 2024-01-01T00:00:00Z; 01:01+01:00 = 00:01Z.
            var text = "open_time,open,high,low,close\n"
                + "1704067200000,100,101,99,100\n"
                + "2024-01-01T01:01:00+01:00,100,101,99,100\n";

            var series = Bars("e.csv", text);

            Assert.That(series.Bars[0].OpenTimeUtc, Is.EqualTo(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
            Assert.That(series.Bars[1].OpenTimeUtc, Is.EqualTo(new DateTime(2024, 1, 1, 0, 1, 0, DateTimeKind.Utc)));
            Assert.That(series.Bars.All(b => b.OpenTimeUtc.Kind == DateTimeKind.Utc), Is.True);
            Assert.That(series.Bars[0].Volume, Is.EqualTo(0));
        }

        [Test]
        public void ReadBars_BidAskColumns_AddTheSpreadToTheAskBar()
        {
            var text = "time,open,high,low,close,volume,bid,ask\n2024-01-01 00:00:00,100,101,99,100.5,3,100.5,100.75\n";

            var bar = Bars("q.csv", text).Bars.Single();

            Assert.That(bar.HasAsk, Is.True);
            Assert.That(new[] { bar.AskOpen, bar.AskHigh, bar.AskLow, bar.AskClose }, Is.EqualTo(new[] { 100.25, 101.25, 99.25, 100.75 }));
        }

        [Test]
        public void ReadBars_SpreadColumn_AddsSpreadToAsk()
        {
            var text = "date,open,high,low,close,spread\n2024-01-01 00:00,100,101,99,100.5,0.5\n";

            var bar = Bars("s.csv", text).Bars.Single();

            Assert.That(bar.AskClose, Is.EqualTo(101.0));
            Assert.That(bar.AskLow, Is.EqualTo(99.5));
        }

        [Test]
        public void ReadBars_NegativeSpread_IsAnError()
        {
            var text = "time,open,high,low,close,bid,ask\n2024-01-01 00:00,100,101,99,100.5,100.5,100.4\n";

            var ex = BarsError("n.csv", text);

            Assert.That(ex.Errors.Single().Line, Is.EqualTo(2));
            Assert.That(ex.Message, Does.Contain("negative spread"));
        }

        [Test]
        public void ReadBars_BinanceKlinesWithAndWithoutHeader_ReadTheSame()
        {
            // Column order of Binance's public kline export (data.binance.vision, USDⓈ-M futures).
            const string row1 = "1704067200000,42314.0,42335.8,42289.6,42331.9,289.641,1704067259999,12254374.50,3046,161.782,6845077.06,0\n";
            const string row2 = "1704067260000,42331.9,42353.1,42331.8,42350.4,202.444,1704067319999,8571704.66,2219,116.541,4934448.49,0\n";
            const string header = "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore\n";

            var without = Bars("BTCUSDT-1m-2024-01-01.csv", row1 + row2);
            var with = Bars("BTCUSDT-1m-2024-01-01.csv", header + row1 + row2);

            Assert.That(without.Format, Is.EqualTo(DataFormat.BinanceKlines));
            Assert.That(with.Format, Is.EqualTo(DataFormat.BinanceKlines));
            Assert.That(with.Bars, Is.EqualTo(without.Bars));
            Assert.That(with.Bars[1].OpenTimeUtc, Is.EqualTo(new DateTime(2024, 1, 1, 0, 1, 0, DateTimeKind.Utc)));
            Assert.That(with.Bars[0].Volume, Is.EqualTo(289.641));
        }

        [Test]
        public void ReadBars_CTraderStyleDottedDates_ReadWithAndWithoutSplitTime()
        {
            var joined = Bars("EURUSD_m1.csv", "2024.01.02 00:00,1.10,1.11,1.09,1.105,15\n2024.01.02 00:01,1.105,1.107,1.10,1.106,9\n");
            var split = Bars("EURUSD_m1.csv", "2024.01.02,00:00,1.10,1.11,1.09,1.105,15\n2024.01.02,00:01,1.105,1.107,1.10,1.106,9\n");

            Assert.That(joined.Format, Is.EqualTo(DataFormat.CTraderBars));
            Assert.That(split.Format, Is.EqualTo(DataFormat.CTraderBars));
            Assert.That(split.Bars, Is.EqualTo(joined.Bars));
            Assert.That(joined.Bars[1].OpenTimeUtc, Is.EqualTo(new DateTime(2024, 1, 2, 0, 1, 0, DateTimeKind.Utc)));
            Assert.That(joined.Bars[0].Volume, Is.EqualTo(15));
        }

        [Test]
        public void ReadBars_TickCsv_AggregatesIntoBidAskMinuteBars()
        {
            var text = "time,bid,ask\n"
                + "2024-01-01T00:00:01Z,100,100.5\n"
                + "2024-01-01T00:00:20Z,102,102.5\n"
                + "2024-01-01T00:00:59Z,99,99.25\n"
                + "2024-01-01T00:01:00Z,101,101.5\n";

            var series = Bars("ticks.csv", text);

            Assert.That(series.Format, Is.EqualTo(DataFormat.TickCsv));
            Assert.That(series.Bars, Has.Length.EqualTo(2));
            var b = series.Bars[0];
            Assert.That(new[] { b.Open, b.High, b.Low, b.Close }, Is.EqualTo(new[] { 100.0, 102.0, 99.0, 99.0 }));
            Assert.That(new[] { b.AskOpen, b.AskHigh, b.AskLow, b.AskClose }, Is.EqualTo(new[] { 100.5, 102.5, 99.25, 99.25 }));
            Assert.That(b.Volume, Is.EqualTo(3));
            Assert.That(series.Bars[1].OpenTimeUtc, Is.EqualTo(new DateTime(2024, 1, 1, 0, 1, 0, DateTimeKind.Utc)));
        }

        [Test]
        public void ReadTicks_CrossedQuote_IsAnErrorWithLine()
        {
            var text = "2024-01-01T00:00:01Z,100,100.5\n2024-01-01T00:00:02Z,100,99.5\n";

            var ex = Assert.Throws<DataFormatException>(() => MarketDataReader.ReadTicks("t.csv", new StringReader(text), DataFormat.TickCsv))!;

            Assert.That(ex.Errors.Single().Line, Is.EqualTo(2));
            Assert.That(ex.Message, Does.Contain("crossed"));
        }

        [Test]
        public void ReadFunding_PlainCsvWithHeader_ReadsRates()
        {
            var text = "time,rate\n2024-01-01T00:00:00Z,0.0001\n2024-01-01T08:00:00Z,-0.00025\n";

            var funding = MarketDataReader.ReadFunding("f.csv", new StringReader(text), MarketDataReader.DetectFormat("f.csv", new StringReader(text)));

            Assert.That(funding.Format, Is.EqualTo(DataFormat.FundingCsv));
            Assert.That(funding.Rates.Select(r => r.Rate), Is.EqualTo(new[] { 0.0001, -0.00025 }));
        }

        [Test]
        public void ReadFunding_RateWrittenAsPercent_IsRefused()
        {
            var text = "20240101 00:00:00,1.5\n";

            var ex = Assert.Throws<DataFormatException>(() => MarketDataReader.ReadFunding("f.csv", new StringReader(text), DataFormat.LeanFunding))!;

            Assert.That(ex.Errors.Single().Line, Is.EqualTo(1));
        }

        [Test]
        public void ReadBars_LeanFileWithoutDateInName_IsRefusedClearly()
        {
            var ex = BarsError("btcusd_trade.csv", "0,1,2,0.5,1.5,3\n", new ReadOptions { Format = DataFormat.LeanTradeMinute });

            Assert.That(ex.Message, Does.Contain("yyyyMMdd_"));
        }

        [Test]
        public void ReadBars_LeanMillisecondsBeyondOneDay_IsAnError()
        {
            var ex = BarsError("20240101_x_trade.csv", "0,1,2,0.5,1.5,3\n86400000,1,2,0.5,1.5,3\n");

            Assert.That(ex.Errors.Single().Line, Is.EqualTo(2));
        }

        [Test]
        public void DetectFormat_UnknownContent_ThrowsListingSupportedFormats()
        {
            var ex = Assert.Throws<DataFormatException>(() => MarketDataReader.DetectFormat("weird.csv", new StringReader("foo,bar,baz\n1,2,3\n")))!;

            Assert.That(ex.Message, Does.Contain("unknown data format").And.Contain("Binance"));
            Assert.That(ex.Errors.Single().Line, Is.EqualTo(1));
        }

        [Test]
        public void ReadBars_HeaderWithoutClose_NamesTheMissingColumn()
        {
            var ex = BarsError("h.csv", "timestamp,open,high,low\n2024-01-01,1,2,0.5\n", new ReadOptions { Format = DataFormat.GenericCsv });

            Assert.That(ex.Message, Does.Contain("close"));
        }

        [Test]
        public void ReadBars_FundingFileAsBars_IsRefused()
        {
            var ex = BarsError("20240101_f.csv", "20240101 00:00:00,0.0001\n");

            Assert.That(ex.Message, Does.Contain("funding"));
        }

        [Test]
        public void ReadBars_FileMissing_ThrowsWithPath()
        {
            var ex = Assert.Throws<DataFormatException>(() => MarketDataReader.ReadBars("/nonexistent/none.csv"))!;

            Assert.That(ex.Message, Does.Contain("file not found"));
        }

        [Test]
        public void ReadBars_UnderCommaDecimalCulture_StillParsesInvariant()
        {
            var previous = CultureInfo.CurrentCulture;
            try
            {
                CultureInfo.CurrentCulture = new CultureInfo("de-DE");
                var series = Bars("c.csv", Header + "2024-01-01T00:00:00Z,100.25,101.5,99.75,100.5,1.5\n");

                Assert.That(series.Bars[0].Open, Is.EqualTo(100.25));
                Assert.That(series.Bars[0].Volume, Is.EqualTo(1.5));
            }
            finally
            {
                CultureInfo.CurrentCulture = previous;
            }
        }

        [Test]
        public void ReadBars_QuotedFieldsWithBom_AreHandled()
        {
            var text = "\uFEFF\"timestamp\",\"open\",\"high\",\"low\",\"close\"\n\"2024-01-01 00:00:00\",\"100\",\"101\",\"99\",\"100\"\n";

            var series = Bars("quoted.csv", text);

            Assert.That(series.Bars.Single().High, Is.EqualTo(101));
        }

        [Test]
        public void ReadBars_SemicolonDelimited_IsRead()
        {
            var series = Bars("semi.csv", "time;open;high;low;close\n2024-01-01 00:00;100;101;99;100\n");

            Assert.That(series.Bars.Single().Low, Is.EqualTo(99));
        }

        [Test]
        public void ReadBars_FreqtradeJsonWithStringValue_ReportsRow()
        {
            var ex = BarsError("x.json", "[[1704067200000,1,2,0.5,1.5,3],\n[1704067260000,\"a\",2,0.5,1.5,3]]");

            Assert.That(ex.Errors.Single().Line, Is.EqualTo(2));
            Assert.That(ex.Message, Does.Contain("row 1"));
        }
    }
}
