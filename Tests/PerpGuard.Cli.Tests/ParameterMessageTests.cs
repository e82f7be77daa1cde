namespace PerpGuard.Cli.Tests
{
    /// <summary>An invalid --param reads as one clean line: "Invalid parameters: a; b", not "Invalid parameters:; a".</summary>
    public class ParameterMessageTests
    {
        [Test]
        public void Backtest_TwoInvalidParams_OneLineBothNamedNoStraySeparator()
        {
            // RiskPercent's range is 0.01–10 and FastEmaPeriod's is whole numbers: both are reported together.
            var (exit, _, err) = ProgramRunner.Run("backtest", "--robot", "RiskManagedScalper", "--bars", "100", "--json", "--out", System.IO.Path.Combine(System.IO.Path.GetTempPath(), "perpguard-pm-" + System.Guid.NewGuid().ToString("N")), "--param", "RiskPercent=50", "--param", "FastEmaPeriod=abc");

            Assert.That(exit, Is.EqualTo(2));
            Assert.That(err.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(err, Does.StartWith("perpguard backtest: Invalid parameters: Parameter "));
            Assert.That(err, Does.Not.Contain(":;"));
            Assert.That(err, Does.Contain("(RiskPercent)").And.Contain("(FastEmaPeriod)").And.Contain("; "));
        }

        [Test]
        public void Indicator_InvalidParam_OneLineNoStraySeparator()
        {
            var csv = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "perpguard-pm-" + System.Guid.NewGuid().ToString("N") + ".csv");

            var (exit, _, err) = ProgramRunner.Run("indicator", "--name", "AtrStopDistance", "--bars", "50", "--out", csv, "--param", "Period=0");

            Assert.That(exit, Is.EqualTo(2));
            Assert.That(err, Does.StartWith("perpguard indicator: Invalid parameters: Parameter 'Period' (Period)"));
            Assert.That(err, Does.Not.Contain(":;"));
        }
    }
}
