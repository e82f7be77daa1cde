namespace PerpGuard.MarketData
{
    /// <summary>Input formats the readers understand.</summary>
    public enum DataFormat
    {
        /// <summary>CSV with a header: time column (timestamp/time/date/open_time), open, high, low, close, optional volume, bid/ask or spread.</summary>
        GenericCsv,

        /// <summary>Binance USDⓈ-M kline export: 12 columns, open_time in epoch ms, with or without header.</summary>
        BinanceKlines,

        /// <summary>cTrader / MetaTrader-style bar CSV: dotted date (yyyy.MM.dd HH:mm), open, high, low, close[, volume], no header.</summary>
        CTraderBars,

        /// <summary>Tick CSV: time, bid, ask (with or without header).</summary>
        TickCsv,

        /// <summary>Tardis.dev book_snapshot CSV (best bid/ask taken as ticks).</summary>
        TardisBookSnapshot,

        /// <summary>LEAN minute quote bars: ms since midnight, bid OHLC, bid size, ask OHLC, ask size; no header.</summary>
        LeanQuoteMinute,

        /// <summary>LEAN minute trade bars: ms since midnight, OHLC, volume; no header.</summary>
        LeanTradeMinute,

        /// <summary>freqtrade JSON candles: [[ms, open, high, low, close, volume], …].</summary>
        FreqtradeJson,

        /// <summary>LEAN funding (margin interest): <c>yyyyMMdd HH:mm:ss,rate</c>.</summary>
        LeanFunding,

        /// <summary>Plain funding CSV: time,rate (header optional).</summary>
        FundingCsv,

        /// <summary>freqtrade funding JSON: [[ms, rate, 0, 0, 0, 0], …].</summary>
        FreqtradeFunding,
    }

    /// <summary>What kind of records a format carries.</summary>
    public enum DataKind
    {
        Bars,
        Ticks,
        Funding,
    }
}
