using System;
using System.IO;

namespace PerpGuard.Cli.Tests
{
    /// <summary>
    /// Parameters each value of which is in range but that the robot refuses at start (risk above 2 % without the
    /// override, an unknown time zone, a bad reset time) stop the robot with one "Invalid parameters" Print. The
    /// CLI used to write a report of 0 trades with exit 0 — read as "no signal this month" — and for
    /// TradeGuardian a month of unprotected manual trades. It must be one line on stderr, exit 2, no report.
    /// </summary>
    public class BacktestRobotValidationTests
    {
        private string _dir = string.Empty;

        [SetUp]
        public void SetUp()
        {
            _dir = Path.Combine(Path.GetTempPath(), "perpguard-rv-" + Guid.NewGuid().ToString("N"));
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
        public void Backtest_ScalperRiskAbove2WithoutOverride_ExitTwoOneLineNoReport()
        {
            var (exit, _, err) = ProgramRunner.Run("backtest", "--robot", "RiskManagedScalper", "--bars", "500", "--json", "--out", _dir, "--param", "RiskPercent=3");

            Assert.That(exit, Is.EqualTo(2));
            Assert.That(err.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(err, Does.StartWith("perpguard backtest: Invalid parameters: ").And.Contain("above 2"));
            Assert.That(File.Exists(Path.Combine(_dir, "report.json")), Is.False);
        }

        [Test]
        public void Backtest_GuardianUnknownTimeZone_ExitTwoNamesZone()
        {
            var (exit, output, err) = ProgramRunner.Run("backtest", "--robot", "TradeGuardian", "--bars", "500", "--json", "--out", _dir, "--param", "DayTimeZone=Nowhere/City");

            Assert.That(exit, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(err.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(err, Does.Contain("Invalid parameters").And.Contain("Nowhere/City"));
        }

        [Test]
        public void Backtest_ScalperRiskAbove2WithOverride_Runs()
        {
            var (exit, _, err) = ProgramRunner.Run("backtest", "--robot", "RiskManagedScalper", "--bars", "500", "--json", "--out", _dir, "--param", "RiskPercent=3", "--param", "AllowRiskAbove2Percent=true");

            Assert.That(exit, Is.EqualTo(0), err);
            Assert.That(File.Exists(Path.Combine(_dir, "report.json")), Is.True);
        }
    }
}
