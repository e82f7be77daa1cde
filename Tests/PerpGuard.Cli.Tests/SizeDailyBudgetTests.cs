namespace PerpGuard.Cli.Tests
{
    /// <summary><c>size --daily-loss-left</c>: risk = min(equity × r, what is left of today's loss limit), as the bots size.</summary>
    public class SizeDailyBudgetTests
    {
        private static string[] Args(string left) => new[] { "size", "--equity", "10000", "--risk-percent", "1", "--side", "long", "--entry", "60000", "--stop", "59700", "--fee-percent", "0.05", "--volume-step", "0.01", "--volume-min", "0.01", "--daily-loss-left", left };

        [Test]
        public void Size_DailyLossLeft50_RiskCappedAt50()
        {
            // min(10,000 × 1 %, 50) = 50; c = 359.85 → 50 / 359.85 = 0.1389 → 0.13; risk 0.13 × 359.85 = 46.7805
            // → 46.78; the per-unit target does not change: 60,600.08.
            var json = ProgramRunner.Json(Args("50"));

            Assert.That((double)json["plannedRisk"]!, Is.EqualTo(50).Within(1e-9));
            Assert.That((double)json["volume"]!, Is.EqualTo(0.13));
            Assert.That((double)json["riskMoney"]!, Is.EqualTo(46.78).Within(1e-9));
            Assert.That((double)json["takeProfit"]!, Is.EqualTo(60_600.08).Within(1e-9));
            Assert.That(json["bindingCaps"]!.ToObject<string[]>(), Does.Contain("daily-allowance"));
        }

        [Test]
        public void Size_DailyLossLeftAbovePercentRisk_PercentRiskStands()
        {
            // min(100, 500) = 100: the README example, 0.27.
            var json = ProgramRunner.Json(Args("500"));

            Assert.That((double)json["volume"]!, Is.EqualTo(0.27));
            Assert.That(json["bindingCaps"]!.ToObject<string[]>(), Is.Empty);
        }

        [Test]
        public void Size_NoDailyLossLeft_RefusedNoRiskBudget()
        {
            var json = ProgramRunner.Json(Args("0"));

            Assert.That((bool)json["refused"]!, Is.True);
            Assert.That((string?)json["reason"], Is.EqualTo("no-risk-budget"));
            Assert.That((double)json["volume"]!, Is.EqualTo(0));
        }

        [Test]
        public void Size_NoDailyLossLeft_StillShowsTheStop()
        {
            // docs/cli.md: a refusal still shows the stop the trade would have had — here the given 59,700 (on the
            // 0.01 tick already), not 0, which read as a stop at zero.
            var json = ProgramRunner.Json(Args("0"));

            Assert.That((double)json["stop"]!, Is.EqualTo(59_700));
        }

        [Test]
        public void Size_NoDailyLossLeft_AtrStop_StillShowsTheStop()
        {
            // --atr 200 with the default multiple 1.5, a short: the stop is computed, so it is shown as computed.
            var args = new[] { "size", "--equity", "10000", "--risk-percent", "1", "--side", "short", "--entry", "60000", "--atr", "200", "--fee-percent", "0.05", "--volume-step", "0.01", "--volume-min", "0.01", "--daily-loss-left", "0" };
            var json = ProgramRunner.Json(args);

            // A short's ATR stop: 60,000 + 1.5 × 200 = 60,300.
            Assert.That((string?)json["reason"], Is.EqualTo("no-risk-budget"));
            Assert.That((double)json["stop"]!, Is.EqualTo(60_300));
        }
    }
}
