using System;
using System.IO;
using System.Linq;
using Newtonsoft.Json.Linq;
using PerpGuard.Cli.Backtest;
using PerpGuard.Tests.Common;

namespace PerpGuard.Cli.Tests
{
    /// <summary><c>perpguard backtest</c> end to end with the real RiskManagedScalper on small runs.</summary>
    public class BacktestEndToEndTests
    {
        private string _dir = string.Empty;

        [SetUp]
        public void SetUp()
        {
            _dir = Path.Combine(Path.GetTempPath(), "perpguard-e2e-" + Guid.NewGuid().ToString("N"));
        }

        [TearDown]
        public void TearDown()
        {
            if (Directory.Exists(_dir))
            {
                Directory.Delete(_dir, true);
            }
        }

        private static string WithoutEngineSeconds(string json) => json.Substring(0, json.IndexOf("\"engineSeconds\"", StringComparison.Ordinal));

        [Test]
        public void Backtest_ScalperJsonOnGeneratedBars_ExitZeroOneJsonObjectAndFourFiles()
        {
            var (code, stdout, err) = BacktestCommandTests.RunCli("backtest", "--robot", "RiskManagedScalper", "--bars", "3000", "--seed", "5", "--json", "--out", _dir);

            Assert.That(code, Is.EqualTo(0), err);
            var lines = stdout.Trim().Split('\n');
            Assert.That(lines, Has.Length.EqualTo(1), "--json prints one object");
            var json = JObject.Parse(lines[0]);
            Assert.That((long)json["bars"]!, Is.EqualTo(3_000));
            Assert.That((string)json["dataSource"]!, Is.EqualTo("generated: PerpGuard synthetic BTCUSD m1, seed 5 — not market data"));
            Assert.That(json["refusedByReason"]!.Type, Is.EqualTo(JTokenType.Object));
            foreach (var f in new[] { "report.json", "trades.csv", "journal.jsonl", "log.txt", "equity.png" })
            {
                Assert.That(File.Exists(Path.Combine(_dir, f)), Is.True, f);
            }

            var trades = File.ReadAllLines(Path.Combine(_dir, "trades.csv"));
            Assert.That(trades[0], Is.EqualTo(TradesCsvWriter.Header));
            Assert.That(trades.Length - 1, Is.EqualTo((int)json["trades"]!));
            // Net profit in report = Σ netProfit column (cents).
            var sum = trades.Skip(1).Sum(l => double.Parse(l.Split(',')[14], System.Globalization.CultureInfo.InvariantCulture));
            Assert.That((double)json["netProfit"]!, Is.EqualTo(sum).Within(0.01 * trades.Length));
            foreach (var line in File.ReadLines(Path.Combine(_dir, "journal.jsonl")))
            {
                Assert.That(JObject.Parse(line).ContainsKey("kind"), Is.True);
            }
        }

        [Test]
        public void Backtest_ScalperOnGeneratedBars_LogHasOneDayLineAgreeingWithTheReportsDays()
        {
            // 3,000 m1 bars from 2024-01-01 00:00: two whole days end at the resets; the stop comes at the last bar's close
            // quote (01:59 bar, its close at :59 s), in the third day.
            var (code, stdout, err) = BacktestCommandTests.RunCli("backtest", "--robot", "RiskManagedScalper", "--bars", "3000", "--seed", "5", "--json", "--out", _dir);

            Assert.That(code, Is.EqualTo(0), err);
            var days = (JArray)JObject.Parse(stdout.Trim())["days"]!;
            var log = File.ReadAllLines(Path.Combine(_dir, "log.txt"));
            var dayLines = log.Where(l => l.Contains("] Day ", StringComparison.Ordinal)).ToArray();
            Assert.That(dayLines.Select(l => l.Substring(0, 21)), Is.EqualTo(new[] { "2024-01-02T00:00:00Z ", "2024-01-03T00:00:00Z ", "2024-01-03T01:59:59Z " }), string.Join("\n", log));
            Assert.That(dayLines[2], Does.Contain("Day 2024-01-03 so far"));
            for (var i = 0; i < 2; i++)
            {
                // The report counts a day's trades and wins from trades.csv by exit date (UTC, the scalper's default reset).
                var day = days.Single(d => (string)d["date"]! == (i == 0 ? "2024-01-01" : "2024-01-02"));
                Assert.That(dayLines[i], Does.Contain("Day " + (string)day["date"]! + " ended"));
                Assert.That(dayLines[i], Does.Contain("; " + (int)day["trades"]! + " closed"), dayLines[i]);
                if ((int)day["trades"]! > 0)
                {
                    Assert.That(dayLines[i], Does.Contain(": " + (int)day["wins"]! + " won,"), dayLines[i]);
                }
            }
        }

        [Test]
        public void Backtest_ScalperTwice_ReportJsonByteIdenticalExceptEngineSeconds()
        {
            var a = Path.Combine(_dir, "a");
            var b = Path.Combine(_dir, "b");

            var r1 = BacktestCommandTests.RunCli("backtest", "--robot", "RiskManagedScalper", "--bars", "4000", "--json", "--out", a);
            var r2 = BacktestCommandTests.RunCli("backtest", "--robot", "RiskManagedScalper", "--bars", "4000", "--json", "--out", b);

            Assert.That((r1.Code, r2.Code), Is.EqualTo((0, 0)), r1.Err + r2.Err);
            Assert.That(WithoutEngineSeconds(File.ReadAllText(Path.Combine(a, "report.json"))), Is.EqualTo(WithoutEngineSeconds(File.ReadAllText(Path.Combine(b, "report.json")))));
            Assert.That(File.ReadAllBytes(Path.Combine(a, "trades.csv")), Is.EqualTo(File.ReadAllBytes(Path.Combine(b, "trades.csv"))));
        }

        [Test]
        public void Backtest_ScalperOnRealLeanQuotes_RunsWithSpreadFromData()
        {
            var data = SharedData.RequireFile("lean-crypto-perp-minute/dydx_btcusd/20260101_btcusd_minute_quote_perp.csv");

            var (code, stdout, err) = BacktestCommandTests.RunCli("backtest", "--robot", "RiskManagedScalper", "--data", data, "--json", "--out", _dir);

            Assert.That(code, Is.EqualTo(0), err);
            var json = JObject.Parse(stdout.Trim());
            Assert.That((long)json["bars"]!, Is.EqualTo(1_440));
            Assert.That((string)json["dataSource"]!, Does.Contain("20260101_btcusd_minute_quote_perp.csv"));
        }

        [Test]
        public void Backtest_TradeGuardianWithSeededDriver_GuardsManualTradesDeterministically()
        {
            var a = BacktestCommandTests.RunCli("backtest", "--robot", "TradeGuardian", "--bars", "2000", "--seed", "3", "--json", "--out", Path.Combine(_dir, "a"));
            var b = BacktestCommandTests.RunCli("backtest", "--robot", "TradeGuardian", "--bars", "2000", "--seed", "3", "--json", "--out", Path.Combine(_dir, "b"));

            Assert.That((a.Code, b.Code), Is.EqualTo((0, 0)), a.Err + b.Err);
            var json = JObject.Parse(a.Out.Trim());
            Assert.That((int)json["trades"]!, Is.GreaterThan(0), "the driver opens manual trades the guardian manages");
            Assert.That((string)json["robot"]!, Is.EqualTo("TradeGuardian"));
            Assert.That(WithoutEngineSeconds(a.Out), Is.EqualTo(WithoutEngineSeconds(b.Out)));
            Assert.That(File.ReadAllLines(Path.Combine(_dir, "a", "journal.jsonl")).Any(l => l.Contains("\"kind\":\"StopAttached\"", StringComparison.Ordinal)), Is.True);
        }

        [Test]
        public void Backtest_UnknownRobotParameter_ExitCode2()
        {
            var (code, _, err) = BacktestCommandTests.RunCli("backtest", "--robot", "RiskManagedScalper", "--bars", "100", "--param", "RiskPercent=-5", "--out", _dir);

            Assert.That(code, Is.EqualTo(2));
            Assert.That(err.Trim().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(err, Does.Contain("RiskPercent"));
        }
    }
}
