namespace PerpGuard.Cli.Tests
{
    /// <summary>
    /// An option given without its value, or with a value that is not a number, is named in the one-line error.
    /// Before, the parser's placeholder leaked ("unknown robot '__default_command'") or the option was not named
    /// ("invalid value: 'abc' is not a number") — on a long command line the trader had to guess which.
    /// </summary>
    public class OptionValueMessageTests
    {
        private static void AssertOneLine((int Exit, string Out, string Err) run, string mention)
        {
            Assert.That(run.Exit, Is.EqualTo(2));
            Assert.That(run.Out, Is.Empty);
            Assert.That(run.Err.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(run.Err, Does.Contain(mention));
            Assert.That(run.Err, Does.Not.Contain("__default_command"));
        }

        [Test]
        public void Backtest_RobotWithoutValue_ExitTwoNamesRobot()
        {
            AssertOneLine(ProgramRunner.Run("backtest", "--robot"), "--robot is missing its value");
        }

        [Test]
        public void Backtest_RobotFollowedByFlag_ExitTwoNamesRobot()
        {
            AssertOneLine(ProgramRunner.Run("backtest", "--robot", "--json"), "--robot is missing its value");
        }

        [Test]
        public void Size_SideAndStopWithoutValues_BothNamed()
        {
            var run = ProgramRunner.Run("size", "--side", "--equity", "5", "--stop");

            AssertOneLine(run, "--side is missing its value");
            Assert.That(run.Err, Does.Contain("--stop is missing its value"));
        }

        [Test]
        public void Size_StopNotANumber_MessageNamesStop()
        {
            var run = ProgramRunner.Run("size", "--equity", "10000", "--risk-percent", "1", "--side", "long", "--entry", "60000", "--stop", "59.700,5", "--volume-step", "0.01", "--volume-min", "0.01");

            AssertOneLine(run, "--stop '59.700,5' is not a number");
        }

        [Test]
        public void Liquidation_MmrNotANumber_MessageNamesMmr()
        {
            var run = ProgramRunner.Run("liquidation", "--model", "bybit-isolated", "--side", "long", "--entry", "10000", "--quantity", "1", "--leverage", "50", "--mmr", "0,5%");

            AssertOneLine(run, "--mmr '0,5%' is not a number");
        }

        [Test]
        public void Liquidation_NegativeOtherPnl_IsAValueNotAMissingOne()
        {
            // (3,000 − 500 − 200 + 50 − 10,000) / (0.005 − 1) = −7,650 / −0.995 = 7,688.442… → up: 7,688.45.
            var json = ProgramRunner.Json("liquidation", "--model", "binance-cross", "--side", "long", "--entry", "10000", "--quantity", "1", "--wallet", "3000", "--mmr", "0.005", "--other-maintenance", "500", "--other-pnl", "-200", "--maintenance-amount", "50");

            Assert.That((double)json["liquidationPrice"]!, Is.EqualTo(7_688.45).Within(1e-9));
        }
    }
}
