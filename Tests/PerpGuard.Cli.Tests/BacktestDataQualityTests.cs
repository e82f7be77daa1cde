using System;
using System.Globalization;
using System.IO;
using System.Text;
using Newtonsoft.Json.Linq;

namespace PerpGuard.Cli.Tests
{
    /// <summary>
    /// Gaps in a data file are printed in the data-quality line of the table output; with --json that line is
    /// not printed, so report.json must carry them, or a script never learns the run skipped an hour.
    /// </summary>
    public class BacktestDataQualityTests
    {
        private string _dir = string.Empty;

        [SetUp]
        public void SetUp()
        {
            _dir = Path.Combine(Path.GetTempPath(), "perpguard-dq-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_dir);
        }

        [TearDown]
        public void TearDown()
        {
            Directory.Delete(_dir, true);
        }

        /// <summary>One-minute bars from 2024-01-01 00:00, minute indices [0, 300) minus [skipFrom, skipTo).</summary>
        private string WriteBars(int skipFrom, int skipTo)
        {
            var sb = new StringBuilder("timestamp,open,high,low,close,volume\n");
            var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            for (var i = 0; i < 300; i++)
            {
                if (i >= skipFrom && i < skipTo)
                {
                    continue;
                }

                var p = 42_000 + (i % 7) * 5;
                sb.Append(start.AddMinutes(i).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))
                  .Append(FormattableString.Invariant($",{p},{p + 20},{p - 20},{p + 5},1.5\n"));
            }

            var path = Path.Combine(_dir, "bars.csv");
            File.WriteAllText(path, sb.ToString());
            return path;
        }

        [Test]
        public void BacktestJson_OneHourGap_ReportCountsOneGapSixtyMissingBars()
        {
            // Minutes 100–159 left out: one gap, 60 missing one-minute bars (160 − 100).
            var data = WriteBars(100, 160);

            var (exit, output, err) = ProgramRunner.Run("backtest", "--robot", "RiskManagedScalper", "--data", data, "--json", "--out", Path.Combine(_dir, "out"));

            Assert.That(exit, Is.EqualTo(0), err);
            var json = JObject.Parse(output);
            Assert.That((int)json["dataGaps"]!, Is.EqualTo(1));
            Assert.That((long)json["dataMissingBars"]!, Is.EqualTo(60));
            Assert.That((int)json["bars"]!, Is.EqualTo(240));
        }

        [Test]
        public void BacktestJson_ContiguousFile_ReportCountsNoGap()
        {
            var data = WriteBars(0, 0);

            var json = JObject.Parse(ProgramRunner.Run("backtest", "--robot", "RiskManagedScalper", "--data", data, "--json", "--out", Path.Combine(_dir, "out")).Out);

            Assert.That((int)json["dataGaps"]!, Is.EqualTo(0));
            Assert.That((long)json["dataMissingBars"]!, Is.EqualTo(0));
        }
    
        [Test]
        public void Backtest_SeedWithDataForScalper_ExitTwoChangesNothing()
        {
            // With a data file and a fixed spread the scalper's run has nothing random: a --seed would be ignored.
            var data = WriteBars(0, 0);

            var (exit, output, err) = ProgramRunner.Run("backtest", "--robot", "RiskManagedScalper", "--data", data, "--seed", "7", "--json", "--out", Path.Combine(_dir, "out"));

            Assert.That(exit, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(err.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(err, Does.Contain("--seed"));
        }

        [Test]
        public void Backtest_SeedWithDataAndSpreadRange_Accepted()
        {
            // A 5–15 spread range is drawn from the seed, so there --seed does something.
            var data = WriteBars(0, 0);

            var (exit, _, err) = ProgramRunner.Run("backtest", "--robot", "RiskManagedScalper", "--data", data, "--seed", "7", "--spread", "5-15", "--json", "--out", Path.Combine(_dir, "out"));

            Assert.That(exit, Is.EqualTo(0), err);
        }
    }
}
