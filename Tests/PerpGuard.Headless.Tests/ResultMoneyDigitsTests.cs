using cAlgo.API;
using PerpGuard.Headless.Backtesting;

namespace PerpGuard.Headless.Tests
{
    /// <summary>The result carries the account's money digits, the Account.Asset.Digits a robot sees, for the review.</summary>
    public class ResultMoneyDigitsTests
    {
        [TestCase(0, TestName = "Run_JpyAccountOfZeroDigits_ResultMoneyDigitsZeroAsTheRobotSees")]
        [TestCase(2, TestName = "Run_UsdAccountOfTwoDigits_ResultMoneyDigitsTwoAsTheRobotSees")]
        [TestCase(3, TestName = "Run_ThreeDigitAccount_ResultMoneyDigitsThreeAsTheRobotSees")]
        public void Run_AccountMoneyDigits_CarriedToTheResult(int digits)
        {
            var options = TestBars.Options(TestBars.RandomWalk(30, 5));
            options.Account.MoneyDigits = digits;

            var result = new BacktestEngine(options).Run(AlgoSpec.Of<DigitsProbe>());

            Assert.That(result.MoneyDigits, Is.EqualTo(digits));
            Assert.That(((DigitsProbe)result.Robots[0]).SeenDigits, Is.EqualTo(digits));
        }

        public class DigitsProbe : Robot
        {
            public int SeenDigits { get; private set; } = -1;

            protected override void OnStart()
            {
                SeenDigits = Account.Asset.Digits;
            }
        }
    }
}
