using System;
using System.Linq;
using PerpGuard.MarketData;
using PerpGuard.Tests.Common;

namespace PerpGuard.Headless.Tests.MarketData
{
    /// <summary>
    /// Readers on the real files in ../shared/data. Expected rows, ranges and extremes are the ones
    /// recorded (checked independently) in each folder's PROVENANCE.md.
    /// </summary>
    public class RealDataReaderTests
    {
        private static DateTime Utc(int y, int mo, int d, int h = 0, int mi = 0) => new DateTime(y, mo, d, h, mi, 0, DateTimeKind.Utc);

        [Test]
        public void ReadBars_NautilusBtcPerp_MatchesProvenanceRowsRangeAndExtremes()
        {
            var path = SharedData.RequireFile("nautilus-btc-perp-1m/btc-perp-20211231-20220201_1m.csv");

            var series = MarketDataReader.ReadBars(path);

            Assert.That(series.Format, Is.EqualTo(DataFormat.GenericCsv));
            Assert.That(series.Bars, Has.Length.EqualTo(45_031));
            Assert.That(series.Bars[0].OpenTimeUtc, Is.EqualTo(Utc(2021, 12, 31, 23, 1)));
            Assert.That(series.Bars[0].OpenTimeUtc.Kind, Is.EqualTo(DateTimeKind.Utc));
            Assert.That(series.Bars[^1].OpenTimeUtc, Is.EqualTo(Utc(2022, 2, 1, 5, 31)));
            Assert.That(series.Timeframe, Is.EqualTo(TimeSpan.FromMinutes(1)));
            Assert.That(series.Quality.Gaps, Is.Empty, "PROVENANCE: strictly 60 s apart, no gaps");
            Assert.That(series.Quality.Duplicates, Is.Empty);
            Assert.That(series.Bars.Min(b => b.Low), Is.EqualTo(32_837));
            Assert.That(series.Bars.Max(b => b.High), Is.EqualTo(48_080));
            Assert.That(series.Bars[0].Open, Is.EqualTo(46_319.0));
            Assert.That(series.Bars[0].Volume, Is.EqualTo(2_300_413.7295));
            Assert.That(series.Bars.Any(b => b.HasAsk), Is.False);
            Assert.That(series.Source, Does.Contain("btc-perp-20211231-20220201_1m.csv"));
        }

        [Test]
        public void ReadBars_LeanBinanceQuotes_GivesBidAndAskBarsWithProvenanceExtremes()
        {
            var path = SharedData.RequireFile("lean-crypto-perp-minute/binance_btcusd/20221213_btcusd_minute_quote_perp.csv");

            var series = MarketDataReader.ReadBars(path);

            Assert.That(series.Format, Is.EqualTo(DataFormat.LeanQuoteMinute));
            Assert.That(series.Bars, Has.Length.EqualTo(1_104));
            Assert.That(series.Bars.All(b => b.HasAsk), Is.True);
            Assert.That(series.Bars[0].OpenTimeUtc, Is.EqualTo(Utc(2022, 12, 13)));
            Assert.That(series.Bars[^1].OpenTimeUtc.Date, Is.EqualTo(Utc(2022, 12, 13)));
            // First row: 0,17203.9,17207.5,17203.9,17207.5,1565,17204,17207.6,17204,17207.6,221
            Assert.That(series.Bars[0].Close, Is.EqualTo(17_207.5));
            Assert.That(series.Bars[0].AskClose, Is.EqualTo(17_207.6));
            Assert.That(series.Bars.Min(b => b.Low), Is.EqualTo(17_082.4));
            Assert.That(series.Bars.Max(b => b.AskHigh), Is.EqualTo(18_090.6));
            var spreads = series.Bars.Select(b => b.AskClose - b.Close).ToArray();
            Assert.That(spreads.Min(), Is.EqualTo(0.1).Within(1e-9));
            Assert.That(spreads.Max(), Is.EqualTo(1.0).Within(1e-9));
            // Minutes without a change are absent: 1,440 − 1,104 = 336 missing minutes are reported as gaps.
            Assert.That(series.Timeframe, Is.EqualTo(TimeSpan.FromMinutes(1)));
            Assert.That(series.Quality.Gaps, Is.Not.Empty);
            var lastMinute = (series.Bars[^1].OpenTimeUtc - series.Bars[0].OpenTimeUtc).TotalMinutes + 1;
            Assert.That(series.Quality.MissingBars, Is.EqualTo((long)lastMinute - 1_104));
        }

        [Test]
        public void ReadBars_LeanBinanceTrades_MatchesProvenance()
        {
            var path = SharedData.RequireFile("lean-crypto-perp-minute/binance_btcusd/20221213_btcusd_minute_trade_perp.csv");

            var series = MarketDataReader.ReadBars(path);

            Assert.That(series.Format, Is.EqualTo(DataFormat.LeanTradeMinute));
            Assert.That(series.Bars, Has.Length.EqualTo(1_439));
            Assert.That(series.Bars.Min(b => b.Low), Is.EqualTo(17_078.9));
            Assert.That(series.Bars.Max(b => b.High), Is.EqualTo(18_227.8));
            Assert.That(series.Bars[1].OpenTimeUtc, Is.EqualTo(Utc(2022, 12, 13, 0, 1)));
        }

        [Test]
        public void ReadBars_LeanBybitQuotes_CoversMorningOnly()
        {
            var path = SharedData.RequireFile("lean-crypto-perp-minute/bybit_btcusdt/20221213_btcusdt_minute_quote_perp.csv");

            var series = MarketDataReader.ReadBars(path);

            Assert.That(series.Bars, Has.Length.EqualTo(460));
            Assert.That(series.Bars[^1].OpenTimeUtc, Is.LessThanOrEqualTo(Utc(2022, 12, 13, 12, 0)));
            var spreads = series.Bars.Select(b => b.AskClose - b.Close).OrderBy(s => s).ToArray();
            Assert.That(spreads[0], Is.EqualTo(0.5).Within(1e-9));
            Assert.That(spreads[spreads.Length / 2], Is.EqualTo(0.5).Within(1e-9));
            Assert.That(spreads[^1], Is.EqualTo(1.0).Within(1e-9));
        }

        [Test]
        public void ReadBars_LeanDydxQuotes_FullDayWithProvenanceSpreads()
        {
            var path = SharedData.RequireFile("lean-crypto-perp-minute/dydx_btcusd/20260101_btcusd_minute_quote_perp.csv");

            var series = MarketDataReader.ReadBars(path);

            Assert.That(series.Bars, Has.Length.EqualTo(1_440));
            Assert.That(series.Quality.IsClean, Is.True);
            var spreads = series.Bars.Select(b => b.AskClose - b.Close).OrderBy(s => s).ToArray();
            Assert.That(spreads[0], Is.EqualTo(1));
            Assert.That(spreads[spreads.Length / 2], Is.EqualTo(6));
            Assert.That(spreads[^1], Is.EqualTo(34));
            Assert.That(series.Bars.Max(b => b.AskHigh), Is.EqualTo(90_198), "PROVENANCE: one outlier ask high of 90,198");
        }

        [Test]
        public void ReadFunding_LeanBybitBtcusdt_ThreeEightHourlyRates()
        {
            var path = SharedData.RequireFile("lean-crypto-perp-minute/funding/bybit_btcusdt_funding.csv");

            var funding = MarketDataReader.ReadFunding(path);

            Assert.That(funding.Format, Is.EqualTo(DataFormat.LeanFunding));
            Assert.That(funding.Rates.Select(r => r.Rate), Is.EqualTo(new[] { -0.0002016, -0.00022398, -0.00038555 }));
            Assert.That(funding.Rates.Select(r => r.TimeUtc), Is.EqualTo(new[] { Utc(2022, 12, 13), Utc(2022, 12, 13, 8), Utc(2022, 12, 13, 16) }));
        }

        [Test]
        public void ReadFunding_LeanBinance_TwelveRatesWithProvenanceRange()
        {
            var path = SharedData.RequireFile("lean-crypto-perp-minute/funding/binance_btcusd_funding.csv");

            var funding = MarketDataReader.ReadFunding(path);

            Assert.That(funding.Rates, Has.Count.EqualTo(12));
            Assert.That(funding.Rates.Min(r => r.Rate), Is.EqualTo(-0.00004062));
            Assert.That(funding.Rates.Max(r => r.Rate), Is.EqualTo(0.00093629));
            Assert.That(funding.Rates[0].TimeUtc, Is.EqualTo(Utc(2020, 12, 29)));
        }

        [Test]
        public void ReadBars_Freqtrade5mCandles_MatchesProvenance()
        {
            var path = SharedData.RequireFile("freqtrade-xrp-usdt-perp/XRP_USDT_USDT-5m-futures.json");

            var series = MarketDataReader.ReadBars(path);

            Assert.That(series.Format, Is.EqualTo(DataFormat.FreqtradeJson));
            Assert.That(series.Bars, Has.Length.EqualTo(1_999));
            Assert.That(series.Timeframe, Is.EqualTo(TimeSpan.FromMinutes(5)));
            Assert.That(series.Quality.Gaps, Is.Empty);
            Assert.That(series.Bars[0].OpenTimeUtc, Is.EqualTo(Utc(2021, 11, 15)));
            Assert.That(series.Bars[^1].OpenTimeUtc, Is.EqualTo(Utc(2021, 11, 21, 22, 30)));
            Assert.That(series.Bars.Min(b => b.Low), Is.EqualTo(1.0145));
            Assert.That(series.Bars.Max(b => b.High), Is.EqualTo(1.2214));
        }

        [Test]
        public void ReadBars_FreqtradeMarkCandlesWithNullVolume_ReadsWithZeroVolume()
        {
            var path = SharedData.RequireFile("freqtrade-xrp-usdt-perp/XRP_USDT_USDT-1h-mark.json");

            var series = MarketDataReader.ReadBars(path);

            Assert.That(series.Bars, Has.Length.EqualTo(100));
            Assert.That(series.Bars.All(b => b.Volume == 0), Is.True);
            Assert.That(series.Bars.Min(b => b.Low), Is.EqualTo(1.01557));
            Assert.That(series.Bars.Max(b => b.High), Is.EqualTo(1.2198));
            Assert.That(series.Bars[0].OpenTimeUtc, Is.EqualTo(Utc(2021, 11, 15, 6)));
        }

        [Test]
        public void ReadFunding_FreqtradeFunding_91RatesWithProvenanceRange()
        {
            var path = SharedData.RequireFile("freqtrade-xrp-usdt-perp/XRP_USDT_USDT-8h-funding_rate.json");

            var funding = MarketDataReader.ReadFunding(path);

            Assert.That(funding.Format, Is.EqualTo(DataFormat.FreqtradeFunding));
            Assert.That(funding.Rates, Has.Count.EqualTo(91));
            Assert.That(funding.Rates.Min(r => r.Rate), Is.EqualTo(-0.00219334));
            Assert.That(funding.Rates.Max(r => r.Rate), Is.EqualTo(0.00058316));
            // Exchange jitter: the first event is 17 ms after 2021-11-18 00:00 UTC.
            Assert.That(funding.Rates[0].TimeUtc, Is.EqualTo(Utc(2021, 11, 18).AddMilliseconds(17)));
        }

        [Test]
        public void ReadTicks_TardisBookSnapshot_TenBestBidAskQuotes()
        {
            var path = SharedData.RequireFile("nautilus-btc-perp-1m/tardis_binance-futures_book_snapshot_5_BTCUSDT.csv");

            var ticks = MarketDataReader.ReadTicks(path);

            Assert.That(ticks.Format, Is.EqualTo(DataFormat.TardisBookSnapshot));
            Assert.That(ticks.Ticks, Has.Length.EqualTo(10));
            Assert.That(ticks.Ticks[0].Bid, Is.EqualTo(11_657.07));
            Assert.That(ticks.Ticks[0].Ask, Is.EqualTo(11_657.08));
            // 1598918403696000 µs = 2020-09-01 00:00:03.696 UTC.
            Assert.That(ticks.Ticks[0].TimeUtc, Is.EqualTo(new DateTime(2020, 9, 1, 0, 0, 3, 696, DateTimeKind.Utc)));
        }
    }
}
