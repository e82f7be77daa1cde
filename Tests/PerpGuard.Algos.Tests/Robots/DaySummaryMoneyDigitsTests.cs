using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.Simulation;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>
    /// Both bots print their day line's money to the account currency's decimals (Account.Asset.Digits), here a
    /// 3-digit deposit (as KWD) on two real Nautilus days: every equity, change and loss limit has three decimals,
    /// and the change is the difference of the printed equities to the thousandth.
    /// </summary>
    public class DaySummaryMoneyDigitsTests
    {
        private static readonly Regex Money = new Regex(
            @"equity (?<start>-?\d+\.\d{3}) -> (?<end>-?\d+\.\d{3}) USD \((?<pnl>[-+]?\d+\.\d{3}), [-+]?[\d.]+ %; loss limit \d+\.\d{3}\)",
            RegexOptions.CultureInvariant);

        private static BacktestOptions ThreeDigitAccount()
        {
            var options = RobotRuns.Options(RobotRuns.NautilusDays(2));
            options.Account = new SimAccountSettings { Balance = 10_000, Leverage = 100, StopOutLevel = 50, MoneyDigits = 3 };
            return options;
        }

        private static void AssertThreeDecimals(IReadOnlyList<string> lines)
        {
            Assert.That(lines, Has.Count.GreaterThanOrEqualTo(2), "a day ended and the stop: " + string.Join("\n", lines));
            foreach (var text in lines)
            {
                var m = Money.Match(text);
                Assert.That(m.Success, Is.True, text);
                var start = decimal.Parse(m.Groups["start"].Value, CultureInfo.InvariantCulture);
                var end = decimal.Parse(m.Groups["end"].Value, CultureInfo.InvariantCulture);
                Assert.That(decimal.Parse(m.Groups["pnl"].Value, CultureInfo.InvariantCulture), Is.EqualTo(end - start), text);
            }
        }

        [Test]
        public void Scalper_ThreeDigitDeposit_DayLinesInThousandths()
        {
            var (result, _) = RobotRuns.RunScalper(ThreeDigitAccount());

            AssertThreeDecimals(DaySummaryLines.Of(result.Log));
        }

        [Test]
        public void Guardian_ThreeDigitDeposit_DayLinesInThousandths()
        {
            var (result, _) = RobotRuns.RunGuardianBesideTrader(ThreeDigitAccount());

            AssertThreeDecimals(DaySummaryLines.Of(result.Log, "[TradeGuardian"));
        }
    }
}
