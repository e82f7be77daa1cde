using System;
using System.IO;

namespace PerpGuard.Cli.Tests
{
    /// <summary>
    /// --spread models the ask only for data without one; on bid/ask data the simulator takes the data's
    /// ask and the option had no effect, silently (a trader testing "what if the spread were 10" read a
    /// report built on the data's spread). It is refused instead, with one line naming the option.
    /// </summary>
    public class BacktestSpreadOptionTests
    {
        private string _dir = string.Empty;

        [SetUp]
        public void SetUp()
        {
            _dir = Path.Combine(Path.GetTempPath(), "perpguard-spread-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_dir);
        }

        [TearDown]
        public void TearDown()
        {
            if (Directory.Exists(_dir))
            {
                Directory.Delete(_dir, true);
            }
        }

        [Test]
        public void Backtest_SpreadOnBidAskData_ExitCode2NamingSpread()
        {
            var path = Path.Combine(_dir, "quotes.csv");
            File.WriteAllText(path, "timestamp,open,high,low,close,bid,ask\n"
                + "2024-01-01T00:00:00Z,100,101,99,100.5,100.5,100.7\n"
                + "2024-01-01T00:01:00Z,100.5,102,100,101,101,101.2\n"
                + "2024-01-01T00:02:00Z,101,101.5,100.5,101,101,101.2\n");
            var outDir = Path.Combine(_dir, "out");

            var (code, _, err) = BacktestCommandTests.RunCli("backtest", "--robot", "RiskManagedScalper", "--data", path, "--spread", "10", "--out", outDir);

            if (err.Contains("not built", StringComparison.Ordinal))
            {
                Assert.Ignore("RiskManagedScalper is not in this build yet");
            }

            Assert.That(code, Is.EqualTo(2));
            Assert.That(err.Trim().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(err, Does.Contain("--spread").And.Contain("ask"));
            Assert.That(Directory.Exists(outDir), Is.False, "nothing written");
        }
    }
}
