using System;
using System.IO;
using Newtonsoft.Json.Linq;

namespace PerpGuard.Cli.Tests
{
    /// <summary>
    /// A --funding file whose rates all lie outside the run's bars charged nothing, silently: a trader read
    /// "swaps 0.00" as "funding included". No overlap is now an argument error; report.json counts the rates
    /// that fall inside the run (fundingEvents), so partial coverage shows.
    /// </summary>
    public class BacktestFundingCoverageTests
    {
        private string _dir = string.Empty;

        [SetUp]
        public void SetUp()
        {
            _dir = Path.Combine(Path.GetTempPath(), "perpguard-fc-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_dir);
        }

        [TearDown]
        public void TearDown()
        {
            Directory.Delete(_dir, true);
        }

        private string Funding(params string[] lines)
        {
            var path = Path.Combine(_dir, "funding.csv");
            File.WriteAllText(path, "time,rate\n" + string.Join("\n", lines) + "\n");
            return path;
        }

        [Test]
        public void Backtest_FundingFileOutsideTheBars_ExitTwoNamesBothRanges()
        {
            // The generated bars start 2024-01-01 00:00 UTC; these rates are from 2020.
            var funding = Funding("2020-12-29T00:00:00Z,0.0002", "2020-12-29T08:00:00Z,0.0001");

            var (exit, output, err) = ProgramRunner.Run("backtest", "--robot", "RiskManagedScalper", "--bars", "300", "--json", "--out", Path.Combine(_dir, "out"), "--funding", funding);

            Assert.That(exit, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(err.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(err, Does.Contain("--funding").And.Contain("2020-12-29 00:00").And.Contain("2024-01-01 00:00"));
        }

        [Test]
        public void Backtest_FundingPartlyInside_ReportCountsRatesInsideTheRun()
        {
            // 900 one-minute bars: 2024-01-01 00:00 → 14:59. Of 00:00 on Dec 31, 08:00 and 16:00 on Jan 1, only
            // 08:00 lies inside: fundingEvents 1.
            var funding = Funding("2023-12-31T00:00:00Z,0.0001", "2024-01-01T08:00:00Z,0.0001", "2024-01-01T16:00:00Z,0.0001");

            var (exit, output, err) = ProgramRunner.Run("backtest", "--robot", "RiskManagedScalper", "--bars", "900", "--json", "--out", Path.Combine(_dir, "out"), "--funding", funding);

            Assert.That(exit, Is.EqualTo(0), err);
            Assert.That((int)JObject.Parse(output)["fundingEvents"]!, Is.EqualTo(1));
        }
    }
}
