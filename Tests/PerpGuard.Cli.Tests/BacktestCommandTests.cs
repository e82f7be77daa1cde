using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Newtonsoft.Json.Linq;
using PerpGuard.Cli.Backtest;
using PerpGuard.MarketData.Generation;
using PerpGuard.Tests.Common;

namespace PerpGuard.Cli.Tests
{
    /// <summary>The backtest pipeline (engine → review → files) with a test robot, and the command's argument checks.</summary>
    public class BacktestCommandTests
    {
        private string _dir = string.Empty;

        [SetUp]
        public void SetUp()
        {
            _dir = Path.Combine(Path.GetTempPath(), "perpguard-bt-" + Guid.NewGuid().ToString("N"));
        }

        [TearDown]
        public void TearDown()
        {
            if (Directory.Exists(_dir))
            {
                Directory.Delete(_dir, true);
            }
        }

        internal static (int Code, string Out, string Err) RunCli(params string[] args)
        {
            var stdout = Console.Out;
            var stderr = Console.Error;
            using var o = new StringWriter();
            using var e = new StringWriter();
            Console.SetOut(o);
            Console.SetError(e);
            try
            {
                var code = Program.Main(args);
                return (code, o.ToString(), e.ToString());
            }
            finally
            {
                Console.SetOut(stdout);
                Console.SetError(stderr);
            }
        }

        private static BacktestReport RunTestRobot(int bars, int seed = 3)
        {
            var request = new BacktestRequest { Robot = "JournalingTestRobot", Bars = bars, Seed = seed };
            var data = BacktestRunner.LoadBars(request);
            return BacktestRunner.Run(request, typeof(JournalingTestRobot), data);
        }

        [Test]
        public void Run_TestRobot_TradesJournalAndRiskViewMapped()
        {
            var report = RunTestRobot(3_000);

            Assert.That(report.Bars, Is.EqualTo(3_000));
            Assert.That(report.Trades, Is.Not.Empty);
            Assert.That(report.Trades.All(t => t.PlannedRisk == 0.5), Is.True, "planned risk comes from the journal's PositionOpened");
            Assert.That(report.Trades.All(t => t.Side == "Buy" && t.Volume == 0.01), Is.True);
            Assert.That(report.Risk.RefusedByReason["SpreadTooWide"], Is.GreaterThan(0));
            Assert.That(report.Statistics.Trades, Is.EqualTo(report.Trades.Count));
            Assert.That(report.Statistics.NetProfit, Is.EqualTo(report.Trades.Sum(t => t.NetProfit)).Within(1e-9));
            // Balance at the end = initial + Σ net profit of closed trades (no open position counted).
            Assert.That(report.Statistics.EndingBalance, Is.EqualTo(10_000 + report.Trades.Sum(t => t.NetProfit)).Within(1e-6));
            Assert.That(report.EquityCurve, Has.Count.EqualTo(3_000));
            Assert.That(report.DataSource, Does.Contain("not market data"));
        }

        [Test]
        public void Run_SameInputsTwice_ByteIdenticalReportExceptEngineSeconds()
        {
            var a = ReportJsonWriter.ToJson(RunTestRobot(2_000));
            var b = ReportJsonWriter.ToJson(RunTestRobot(2_000));

            static string Cut(string s) => s.Substring(0, s.IndexOf("\"engineSeconds\"", StringComparison.Ordinal));
            Assert.That(Cut(a), Is.EqualTo(Cut(b)));
        }

        [Test]
        public void EquityChartTitle_GeneratedData_SaysGeneratedNotMarketData()
        {
            // The embedded default is seeded synthetic data; a chart of it must not pass for a market backtest.
            var report = RunTestRobot(200);

            var title = EquityChartWriter.Title(report);

            Assert.That(title, Does.StartWith("JournalingTestRobot on BTCUSD: balance and equity\n"));
            Assert.That(title, Does.Contain("generated").And.Contain("not market data"));
        }

        [Test]
        public void WriteFiles_TestRobot_WritesTheFourFiles()
        {
            var report = RunTestRobot(1_500);

            BacktestRunner.WriteFiles(_dir, report);

            Assert.That(File.ReadAllLines(Path.Combine(_dir, "trades.csv"))[0], Is.EqualTo(TradesCsvWriter.Header));
            Assert.That(File.ReadAllLines(Path.Combine(_dir, "trades.csv")), Has.Length.EqualTo(report.Trades.Count + 1));
            var json = JObject.Parse(File.ReadAllText(Path.Combine(_dir, "report.json")));
            Assert.That((int)json["trades"]!, Is.EqualTo(report.Trades.Count));
            var journal = File.ReadAllLines(Path.Combine(_dir, "journal.jsonl"));
            Assert.That(journal, Has.Length.EqualTo(report.Risk.JournalRecords.Count));
            Assert.That(JObject.Parse(journal[0]).ContainsKey("kind"), Is.True);
            Assert.That(new FileInfo(Path.Combine(_dir, "equity.png")).Length, Is.GreaterThan(1_000));
        }

        [Test]
        public void Backtest_NoRobot_ExitCode2WithOneLine()
        {
            var (code, _, err) = RunCli("backtest");

            Assert.That(code, Is.EqualTo(2));
            Assert.That(err.Trim().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(err, Does.Contain("--robot"));
        }

        [Test]
        public void Backtest_SeveralBadArguments_AllNamedInOneLine()
        {
            var (code, _, err) = RunCli("backtest", "--robot", "Nope", "--balance", "abc", "--commission", "x%", "--bars", "1", "--param", "oops");

            Assert.That(code, Is.EqualTo(2));
            Assert.That(err.Trim().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(err, Does.Contain("--balance").And.Contain("--commission").And.Contain("--bars").And.Contain("--param").And.Contain("unknown robot"));
        }

        [Test]
        public void Backtest_MissingDataFile_ExitCode2()
        {
            var (code, _, err) = RunCli("backtest", "--robot", "RiskManagedScalper", "--data", "/nonexistent/x.csv");

            Assert.That(code, Is.EqualTo(2));
            Assert.That(err, Does.Contain("not found"));
        }

        [Test]
        public void Backtest_MalformedDataFile_ExitCode2NamingFileAndLine()
        {
            Directory.CreateDirectory(_dir);
            var path = Path.Combine(_dir, "bad.csv");
            File.WriteAllText(path, "timestamp,open,high,low,close\n2024-01-01T00:00:00Z,1,2,0.5,1.5\n2024-01-01T00:01:00Z,1,oops,0.5,1.5\n");

            var (code, _, err) = RunCli("backtest", "--robot", "RiskManagedScalper", "--data", path, "--out", _dir);

            Assert.That(code, Is.EqualTo(2));
            if (err.Contains("not built", StringComparison.Ordinal))
            {
                Assert.Ignore("RiskManagedScalper is not in this build yet");
            }

            Assert.That(err, Does.Contain("bad.csv:3"));
        }

        [Test]
        public void ParseCommission_Units_PerCTraderCommissionTypes()
        {
            Assert.That(CostOptions.TryParseCommission("0.05%", out var t1, out var a1, out _), Is.True);
            Assert.That((t1, a1), Is.EqualTo((PerpGuard.Headless.Simulation.SimCommissionType.PercentageOfTradingVolume, 0.05)));
            Assert.That(CostOptions.TryParseCommission("30", out var t2, out var a2, out _), Is.True);
            Assert.That((t2, a2), Is.EqualTo((PerpGuard.Headless.Simulation.SimCommissionType.UsdPerMillionUsdVolume, 30.0)));
            Assert.That(CostOptions.TryParseCommission("5/lot", out var t3, out var a3, out _), Is.True);
            Assert.That((t3, a3), Is.EqualTo((PerpGuard.Headless.Simulation.SimCommissionType.UsdPerOneLot, 5.0)));
            Assert.That(CostOptions.TryParseCommission("-1%", out _, out _, out var problem), Is.False);
            Assert.That(problem, Does.Contain("--commission"));
        }

        [Test]
        public void ParseSpread_FixedAndRange()
        {
            Assert.That(CostOptions.TryParseSpread("10", out var min, out var max, out _), Is.True);
            Assert.That((min, max), Is.EqualTo((10.0, 10.0)));
            Assert.That(CostOptions.TryParseSpread("5-15", out min, out max, out _), Is.True);
            Assert.That((min, max), Is.EqualTo((5.0, 15.0)));
            Assert.That(CostOptions.TryParseSpread("15-5", out _, out _, out _), Is.False);
        }
    }
}
