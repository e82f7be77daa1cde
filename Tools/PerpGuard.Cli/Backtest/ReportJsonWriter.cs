using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Newtonsoft.Json;

namespace PerpGuard.Cli.Backtest
{
    /// <summary>
    /// Writes report.json: one object, camelCase, fixed field order, money rounded to cents and ratios
    /// to 4 decimals, so the same run gives the same bytes. <c>engineSeconds</c> is last (wall time).
    /// </summary>
    public static class ReportJsonWriter
    {
        public static string ToJson(BacktestReport r, bool indented = true)
        {
            using var sw = new StringWriter(CultureInfo.InvariantCulture);
            using (var w = new JsonTextWriter(sw) { Formatting = indented ? Formatting.Indented : Formatting.None, Culture = CultureInfo.InvariantCulture })
            {
                Write(w, r);
            }

            return sw.ToString();
        }

        public static void WriteFile(string path, BacktestReport r)
        {
            File.WriteAllText(path, ToJson(r) + "\n");
        }

        private static void Write(JsonTextWriter w, BacktestReport r)
        {
            var s = r.Statistics;
            w.WriteStartObject();
            Prop(w, "schemaVersion", BacktestReport.SchemaVersion);
            Prop(w, "robot", r.Robot);
            Prop(w, "symbol", r.Symbol);
            Prop(w, "dataSource", r.DataSource);
            Prop(w, "dataGaps", r.DataGaps);
            Prop(w, "dataMissingBars", r.DataMissingBars);
            Prop(w, "dataDuplicateTimestamps", r.DataDuplicateTimestamps);
            Prop(w, "dataOutOfOrderTimestamps", r.DataOutOfOrderTimestamps);
            w.WritePropertyName("parameters");
            w.WriteStartObject();
            foreach (var kv in r.Parameters)
            {
                Prop(w, kv.Key, kv.Value);
            }

            w.WriteEndObject();
            Prop(w, "accountCurrency", r.AccountCurrency);
            Prop(w, "bars", r.Bars);
            Prop(w, "firstBarUtc", r.FirstBarUtc.HasValue ? Iso(r.FirstBarUtc.Value) : null);
            Prop(w, "lastBarUtc", r.LastBarUtc.HasValue ? Iso(r.LastBarUtc.Value) : null);
            Money(w, "initialBalance", r.InitialBalance);
            Money(w, "endingBalance", s.EndingBalance);
            Money(w, "finalEquity", r.FinalEquity);
            Money(w, "netProfit", s.NetProfit);
            Money(w, "grossProfit", s.GrossProfit);
            Money(w, "grossLoss", s.GrossLoss);
            Prop(w, "trades", s.Trades);
            Prop(w, "winningTrades", s.Wins);
            Prop(w, "losingTrades", s.Losses);
            Ratio(w, "winRate", s.WinRate);
            Ratio(w, "profitFactor", s.ProfitFactor);
            Money(w, "averageTrade", s.AverageTrade);
            Money(w, "averageWin", s.AverageWin);
            Money(w, "averageLoss", s.AverageLoss);
            Money(w, "largestWin", s.LargestWin);
            Money(w, "largestLoss", s.LargestLoss);
            Prop(w, "maxConsecutiveWins", s.MaxConsecutiveWins);
            Prop(w, "maxConsecutiveLosses", s.MaxConsecutiveLosses);
            Money(w, "maxBalanceDrawdown", s.MaxBalanceDrawdown.Money);
            Ratio(w, "maxBalanceDrawdownPercent", s.MaxBalanceDrawdown.Percent);
            Money(w, "maxEquityDrawdown", s.MaxEquityDrawdown.Money);
            Ratio(w, "maxEquityDrawdownPercent", s.MaxEquityDrawdown.Percent);
            Ratio(w, "sharpeRatio", s.SharpeRatio);
            Ratio(w, "sortinoRatio", s.SortinoRatio);
            Prop(w, "returnDays", s.ReturnDays);
            Money(w, "commissions", s.Commissions);
            Money(w, "swaps", s.Swaps);
            Prop(w, "fundingEvents", r.FundingEvents);
            Prop(w, "tradesWithR", s.TradesWithR);
            Ratio(w, "expectancyR", s.ExpectancyR);
            Ratio(w, "rStandardDeviation", s.RStandardDeviation);
            Ratio(w, "bestR", s.BestR);
            Ratio(w, "worstR", s.WorstR);

            w.WritePropertyName("rDistribution");
            w.WriteStartArray();
            foreach (var b in s.RDistribution)
            {
                w.WriteStartObject();
                Prop(w, "bucket", b.Label);
                Prop(w, "count", b.Count);
                w.WriteEndObject();
            }

            w.WriteEndArray();

            w.WritePropertyName("refusedByReason");
            w.WriteStartObject();
            foreach (var kv in r.Risk.RefusedByReason)
            {
                Prop(w, kv.Key, kv.Value);
            }

            w.WriteEndObject();
            Prop(w, "refusedTotal", r.Risk.RefusedByReason.Values.Sum());
            Prop(w, "haltedDays", r.Risk.HaltedDays.Count);
            w.WritePropertyName("haltedDates");
            w.WriteStartArray();
            foreach (var d in r.Risk.HaltedDays)
            {
                w.WriteValue(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }

            w.WriteEndArray();

            w.WritePropertyName("days");
            w.WriteStartArray();
            foreach (var d in s.Days)
            {
                w.WriteStartObject();
                Prop(w, "date", d.DateUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                Prop(w, "trades", d.Trades);
                Prop(w, "wins", d.Wins);
                Money(w, "netProfit", d.NetProfit);
                Ratio(w, "rSum", d.RSum);
                Money(w, "endBalance", d.EndBalance);
                Money(w, "endEquity", d.EndEquity);
                Prop(w, "halted", r.Risk.HaltedDays.Contains(d.DateUtc));
                w.WriteEndObject();
            }

            w.WriteEndArray();

            Prop(w, "openPositionsAtEnd", r.OpenPositionsAtEnd);
            w.WritePropertyName("errors");
            w.WriteStartArray();
            foreach (var e in r.Errors)
            {
                w.WriteValue(e);
            }

            w.WriteEndArray();

            // Last on purpose: the only field that differs between identical runs.
            w.WritePropertyName("engineSeconds");
            w.WriteValue(Math.Round(r.EngineSeconds, 3));
            w.WriteEndObject();
        }

        internal static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        private static void Prop(JsonTextWriter w, string name, string? value)
        {
            w.WritePropertyName(name);
            w.WriteValue(value);
        }

        private static void Prop(JsonTextWriter w, string name, long value)
        {
            w.WritePropertyName(name);
            w.WriteValue(value);
        }

        private static void Prop(JsonTextWriter w, string name, bool value)
        {
            w.WritePropertyName(name);
            w.WriteValue(value);
        }

        private static void Money(JsonTextWriter w, string name, double value)
        {
            w.WritePropertyName(name);
            w.WriteValue(Clean(Math.Round(value, 2, MidpointRounding.AwayFromZero)));
        }

        private static void Ratio(JsonTextWriter w, string name, double? value)
        {
            w.WritePropertyName(name);
            if (value.HasValue && !double.IsNaN(value.Value) && !double.IsInfinity(value.Value))
            {
                w.WriteValue(Clean(Math.Round(value.Value, 4, MidpointRounding.AwayFromZero)));
            }
            else
            {
                w.WriteNull();
            }
        }

        // −0.00 prints as "-0.0": normalise so identical results give identical text.
        private static double Clean(double v) => v == 0 ? 0.0 : v;
    }
}
