using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Newtonsoft.Json.Linq;
using PerpGuard.Cli.Backtest;
using PerpGuard.Review;

namespace PerpGuard.Cli.Tests
{
    /// <summary>report.json, trades.csv, journal.jsonl and equity.png from a hand-made two-trade run.</summary>
    public class BacktestReportWriterTests
    {
        private static DateTime T(int hour, int minute = 0) => new DateTime(2024, 1, 1, hour, minute, 0, DateTimeKind.Utc);

        private static BacktestReport Report(double engineSeconds = 0.5)
        {
            var trades = new List<ClosedTrade>
            {
                new ClosedTrade
                {
                    Id = 1, Symbol = "BTCUSD", Side = "Buy", EntryTimeUtc = T(10), EntryPrice = 60_000, ExitTimeUtc = T(10, 30), ExitPrice = 60_600.08,
                    Volume = 0.27, StopLoss = 59_700, TakeProfit = 60_600.08, PlannedRisk = 97.16,
                    GrossProfit = 162.02, Commission = -16.28, Swap = 0, CloseReason = "TakeProfit",
                },
                new ClosedTrade
                {
                    Id = 2, Symbol = "BTCUSD", Side = "Sell", EntryTimeUtc = T(12), EntryPrice = 60_100.5, ExitTimeUtc = T(12, 5), ExitPrice = 60_400.5,
                    Volume = 0.3, StopLoss = 60_400.5, TakeProfit = null, PlannedRisk = 100,
                    GrossProfit = -90, Commission = -10, Swap = -0.01, CloseReason = "StopLoss",
                },
            };
            var curve = new[]
            {
                new EquityPoint(T(9), 10_000, 10_000),
                new EquityPoint(T(10, 30), 10_145.74, 10_145.74),
                new EquityPoint(T(12, 5), 10_045.73, 10_045.73),
            };
            var risk = new RiskView();
            risk.RefusedByReason["SpreadTooWide"] = 3;
            risk.RefusedByReason["DailyLossLimit"] = 1;
            risk.HaltedDays.Add(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            return BacktestReport.Create("RiskManagedScalper", "BTCUSD", "test data", 10_000, trades, curve, risk, 180, engineSeconds, 2);
        }

        [Test]
        public void TradesCsv_Header_IsExactlyTheSpecifiedColumns()
        {
            using var w = new StringWriter();

            TradesCsvWriter.Write(w, Report().Trades);

            var first = w.ToString().Split('\n')[0];
            Assert.That(first, Is.EqualTo("id,symbol,side,entryTime,entryPrice,exitTime,exitPrice,volume,stopLoss,takeProfit,plannedRisk,grossProfit,commission,swap,netProfit,rMultiple,closeReason"));
        }

        [Test]
        public void TradesCsv_Rows_InvariantIsoAndCents_EvenUnderCommaCulture()
        {
            var previous = CultureInfo.CurrentCulture;
            try
            {
                CultureInfo.CurrentCulture = new CultureInfo("de-DE");
                using var w = new StringWriter();

                TradesCsvWriter.Write(w, Report().Trades);

                var lines = w.ToString().Split('\n');
                // Net = 162.02 − 16.28 = 145.74; R = 145.74 / 97.16 = 1.4999.
                Assert.That(lines[1], Is.EqualTo("1,BTCUSD,Buy,2024-01-01T10:00:00Z,60000,2024-01-01T10:30:00Z,60600.08,0.27,59700,60600.08,97.16,162.02,-16.28,0.00,145.74,1.5000,TakeProfit"));
                // Net = −90 − 10 − 0.01 = −100.01; R = −1.0001; no take-profit → empty cell.
                Assert.That(lines[2], Is.EqualTo("2,BTCUSD,Sell,2024-01-01T12:00:00Z,60100.5,2024-01-01T12:05:00Z,60400.5,0.3,60400.5,,100.00,-90.00,-10.00,-0.01,-100.01,-1.0001,StopLoss"));
                Assert.That(lines, Has.Length.EqualTo(4), "header, two rows, trailing newline");
            }
            finally
            {
                CultureInfo.CurrentCulture = previous;
            }
        }

        [Test]
        public void ReportJson_HasRequiredFieldsWithHandWorkedValues()
        {
            var json = JObject.Parse(ReportJsonWriter.ToJson(Report()));

            foreach (var field in new[] { "netProfit", "grossProfit", "grossLoss", "trades", "winRate", "profitFactor", "maxBalanceDrawdown", "maxEquityDrawdown", "maxEquityDrawdownPercent", "sharpeRatio", "sortinoRatio", "commissions", "swaps", "refusedByReason", "haltedDays", "bars", "engineSeconds" })
            {
                Assert.That(json.ContainsKey(field), Is.True, field);
            }

            // 145.74 − 100.01 = 45.73.
            Assert.That((double)json["netProfit"]!, Is.EqualTo(45.73));
            Assert.That((double)json["grossProfit"]!, Is.EqualTo(145.74));
            Assert.That((double)json["grossLoss"]!, Is.EqualTo(-100.01));
            Assert.That((int)json["trades"]!, Is.EqualTo(2));
            Assert.That((double)json["winRate"]!, Is.EqualTo(0.5));
            Assert.That((double)json["profitFactor"]!, Is.EqualTo(1.4573), "145.74 / 100.01 = 1.457254");
            Assert.That((double)json["maxBalanceDrawdown"]!, Is.EqualTo(100.01));
            Assert.That((double)json["commissions"]!, Is.EqualTo(-26.28));
            Assert.That((double)json["swaps"]!, Is.EqualTo(-0.01));
            Assert.That((int)json["refusedByReason"]!["SpreadTooWide"]!, Is.EqualTo(3));
            Assert.That((int)json["refusedTotal"]!, Is.EqualTo(4));
            Assert.That((int)json["haltedDays"]!, Is.EqualTo(1));
            Assert.That((long)json["bars"]!, Is.EqualTo(180));
            Assert.That(json["sharpeRatio"]!.Type, Is.EqualTo(JTokenType.Null), "one day of returns → no ratio");
            Assert.That(json.Properties().Last().Name, Is.EqualTo("engineSeconds"));
        }

        [Test]
        public void ReportJson_SameRunDifferentEngineTime_IdenticalExceptLastField()
        {
            var a = ReportJsonWriter.ToJson(Report(0.123));
            var b = ReportJsonWriter.ToJson(Report(9.876));

            string WithoutEngine(string s) => s.Substring(0, s.IndexOf("\"engineSeconds\"", StringComparison.Ordinal));
            Assert.That(WithoutEngine(a), Is.EqualTo(WithoutEngine(b)));
            Assert.That(a, Is.Not.EqualTo(b));
        }

        [Test]
        public void ReportJson_RefusedReasonsSortedByName()
        {
            var json = JObject.Parse(ReportJsonWriter.ToJson(Report()));

            var names = ((JObject)json["refusedByReason"]!).Properties().Select(p => p.Name).ToArray();

            Assert.That(names, Is.EqualTo(new[] { "DailyLossLimit", "SpreadTooWide" }));
        }

        [Test]
        public void JournalJsonl_OneObjectPerLineCamelCaseUtc()
        {
            var line = JournalJsonlWriter.ToLine(new { Kind = DayOfWeek.Monday, AtUtc = T(10), PlannedRisk = 97.16, Missing = (string?)null });

            Assert.That(line, Is.EqualTo("{\"kind\":\"Monday\",\"atUtc\":\"2024-01-01T10:00:00.000Z\",\"plannedRisk\":97.16}"));
        }

        [Test]
        public void EquityChart_WritesAPng()
        {
            var path = Path.Combine(Path.GetTempPath(), "perpguard-equity-" + Guid.NewGuid().ToString("N") + ".png");
            try
            {
                EquityChartWriter.WritePng(path, Report().EquityCurve, "test");

                var bytes = File.ReadAllBytes(path);
                Assert.That(bytes.Take(4), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47 }), "PNG signature");
                Assert.That(bytes.Length, Is.GreaterThan(1_000));
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}
