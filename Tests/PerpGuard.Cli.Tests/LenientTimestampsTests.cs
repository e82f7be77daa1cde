using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Newtonsoft.Json.Linq;

namespace PerpGuard.Cli.Tests
{
    /// <summary>
    /// A file with a repeated timestamp (exchange exports have them around maintenance) is refused with its file and
    /// line, and the message names the option that reads it anyway; --lenient-timestamps keeps the first row of each
    /// time and counts what it dropped, in the report too.
    /// </summary>
    public class LenientTimestampsTests
    {
        private string _dir = string.Empty;

        [SetUp]
        public void SetUp()
        {
            _dir = Path.Combine(Path.GetTempPath(), "perpguard-lenient-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_dir);
        }

        [TearDown]
        public void TearDown()
        {
            Directory.Delete(_dir, true);
        }

        [Test]
        public void Backtest_DuplicateTimestamp_ExitTwoWithFileLineAndOption()
        {
            // Header on line 1, minute i on line i + 2: minute 50 on line 52, its repeat on line 53.
            var data = WriteBarsWithRepeatOfMinute50();

            var (exit, _, err) = ProgramRunner.Run("backtest", "--robot", "RiskManagedScalper", "--data", data, "--out", Path.Combine(_dir, "out"));

            Assert.That(exit, Is.EqualTo(2));
            Assert.That(err, Does.Contain("bars.csv:53").And.Contain("duplicate timestamp 2024-01-01T00:50:00Z").And.Contain("--lenient-timestamps"));
        }

        [Test]
        public void BacktestJson_DuplicateTimestampLenient_RunsOnTheFirstOfEachMinute()
        {
            // 301 rows, one a repeat: 300 bars simulated (the earlier row kept), one duplicate counted.
            var data = WriteBarsWithRepeatOfMinute50();

            var (exit, output, err) = ProgramRunner.Run("backtest", "--robot", "RiskManagedScalper", "--data", data, "--lenient-timestamps", "--json", "--out", Path.Combine(_dir, "out"));

            Assert.That(exit, Is.EqualTo(0), err);
            var json = JObject.Parse(output);
            Assert.That((int)json["bars"]!, Is.EqualTo(300));
            Assert.That((int)json["dataDuplicateTimestamps"]!, Is.EqualTo(1));
            Assert.That((int)json["dataOutOfOrderTimestamps"]!, Is.EqualTo(0));
        }

        [Test]
        public void Backtest_LenientWithoutData_ExitTwo()
        {
            var (exit, _, err) = ProgramRunner.Run("backtest", "--robot", "RiskManagedScalper", "--lenient-timestamps", "--out", Path.Combine(_dir, "out"));

            Assert.That(exit, Is.EqualTo(2));
            Assert.That(err, Does.Contain("--lenient-timestamps applies to a --data file"));
        }

        [Test]
        public void Indicator_DuplicateTimestampLenient_OneRowPerMinute()
        {
            var data = WriteBarsWithRepeatOfMinute50();
            var csv = Path.Combine(_dir, "atr.csv");

            var refused = ProgramRunner.Run("indicator", "--name", "AtrStopDistance", "--data", data, "--out", csv);
            var (exit, _, err) = ProgramRunner.Run("indicator", "--name", "AtrStopDistance", "--data", data, "--lenient-timestamps", "--out", csv);

            Assert.That(refused.Exit, Is.EqualTo(2));
            Assert.That(exit, Is.EqualTo(0), err);
            var lines = File.ReadAllLines(csv);
            Assert.That(lines.Length, Is.EqualTo(1 + 300), "header + one row per minute");
            Assert.That(lines.Count(l => l.StartsWith("2024-01-01T00:50:00", StringComparison.Ordinal)), Is.EqualTo(1));
        }

        /// <summary>Minutes 0–299 from 2024-01-01 00:00; minute 50's row written twice, the repeat with other prices.</summary>
        private string WriteBarsWithRepeatOfMinute50()
        {
            var sb = new StringBuilder("timestamp,open,high,low,close,volume\n");
            var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            for (var i = 0; i < 300; i++)
            {
                var p = 42_000 + (i % 7) * 5;
                Row(sb, start.AddMinutes(i), p);
                if (i == 50)
                {
                    Row(sb, start.AddMinutes(i), p + 1_000);
                }
            }

            var path = Path.Combine(_dir, "bars.csv");
            File.WriteAllText(path, sb.ToString());
            return path;
        }

        private static void Row(StringBuilder sb, DateTime time, int p) =>
            sb.Append(time.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))
              .Append(FormattableString.Invariant($",{p},{p + 20},{p - 20},{p + 5},1.5\n"));
    }
}
