using System.Collections.Generic;
using System.Globalization;
using System.IO;
using CsvHelper;
using CsvHelper.Configuration;
using PerpGuard.Review;

namespace PerpGuard.Cli.Backtest
{
    /// <summary>
    /// trades.csv: one row per closed trade, invariant culture, times ISO-8601 UTC, money in account
    /// currency (2 decimals), prices and volume as exact as the data (up to 8 decimals). Empty cells
    /// mean "none" (no stop, no target, planned risk unknown).
    /// </summary>
    public static class TradesCsvWriter
    {
        public const string Header = "id,symbol,side,entryTime,entryPrice,exitTime,exitPrice,volume,stopLoss,takeProfit,plannedRisk,grossProfit,commission,swap,netProfit,rMultiple,closeReason";

        public static void Write(TextWriter text, IEnumerable<ClosedTrade> trades)
        {
            text.Write(Header);
            text.Write('\n');
            var config = new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n", HasHeaderRecord = false };
            using var csv = new CsvWriter(text, config, leaveOpen: true);
            foreach (var t in trades)
            {
                csv.WriteField(t.Id.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(t.Symbol);
                csv.WriteField(t.Side);
                csv.WriteField(ReportJsonWriter.Iso(t.EntryTimeUtc));
                csv.WriteField(Price(t.EntryPrice));
                csv.WriteField(ReportJsonWriter.Iso(t.ExitTimeUtc));
                csv.WriteField(Price(t.ExitPrice));
                csv.WriteField(Price(t.Volume));
                csv.WriteField(t.StopLoss.HasValue ? Price(t.StopLoss.Value) : string.Empty);
                csv.WriteField(t.TakeProfit.HasValue ? Price(t.TakeProfit.Value) : string.Empty);
                csv.WriteField(t.PlannedRisk > 0 ? Money(t.PlannedRisk) : string.Empty);
                csv.WriteField(Money(t.GrossProfit));
                csv.WriteField(Money(t.Commission));
                csv.WriteField(Money(t.Swap));
                csv.WriteField(Money(t.NetProfit));
                csv.WriteField(t.RMultiple.HasValue ? t.RMultiple.Value.ToString("0.0000", CultureInfo.InvariantCulture) : string.Empty);
                csv.WriteField(t.CloseReason);
                csv.NextRecord();
            }

            csv.Flush();
        }

        public static void WriteFile(string path, IEnumerable<ClosedTrade> trades)
        {
            using var w = new StreamWriter(path, false, new System.Text.UTF8Encoding(false));
            Write(w, trades);
        }

        internal static string Price(double v) => (v == 0 ? 0.0 : v).ToString("0.########", CultureInfo.InvariantCulture);

        internal static string Money(double v)
        {
            var r = System.Math.Round(v, 2, System.MidpointRounding.AwayFromZero);
            return (r == 0 ? 0.0 : r).ToString("0.00", CultureInfo.InvariantCulture);
        }
    }
}
