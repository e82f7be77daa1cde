using Newtonsoft.Json.Linq;

namespace PerpGuard.Cli.Tests
{
    public class LiquidationCommandTests
    {
        private static string[] CTrader(string model, string side, string quantity = "0.5")
            => new[] { "liquidation", "--model", model, "--side", side, "--entry", "60000", "--quantity", quantity, "--equity", "10000", "--price", "60000", "--stop-out-level", "50", "--leverage", "5" };

        // Issue 2 (hand-worked in LiquidationWorkedExamplesTests): frozen 46,000 / 74,000; live 44,444.44 / 72,727.27.
        [TestCase("ctrader-frozen", "long", 46_000.0)]
        [TestCase("ctrader-frozen", "short", 74_000.0)]
        [TestCase("ctrader-live", "long", 44_444.44)]
        [TestCase("ctrader-live", "short", 72_727.27)]
        public void Liquidation_CTraderIssueExamples_JsonPrice(string model, string side, double expected)
        {
            var json = ProgramRunner.Json(CTrader(model, side));

            Assert.That((double)json["liquidationPrice"]!, Is.EqualTo(expected).Within(0.005));
        }

        [Test]
        public void Liquidation_BybitHelpCentreExample_9850()
        {
            var json = ProgramRunner.Json("liquidation", "--model", "bybit-isolated", "--side", "long", "--entry", "10000", "--quantity", "1", "--leverage", "50", "--mmr", "0.005");

            Assert.That((double)json["liquidationPrice"]!, Is.EqualTo(9_850).Within(1e-9));
        }

        [Test]
        public void Liquidation_BinanceIsolated_MatchesFormula()
        {
            // (200 + 0 − 10,000) / (0.004 − 1) = 9,839.36.
            var json = ProgramRunner.Json("liquidation", "--model", "binance-isolated", "--side", "long", "--entry", "10000", "--quantity", "1", "--wallet", "200", "--mmr", "0.004", "--maintenance-amount", "0");

            Assert.That((double)json["liquidationPrice"]!, Is.EqualTo(9_839.36).Within(1e-9));
        }

        [Test]
        public void Liquidation_SmallPosition_NullPriceNever()
        {
            var json = ProgramRunner.Json(CTrader("ctrader-frozen", "long", "0.1"));

            Assert.That(json["liquidationPrice"]!.Type, Is.EqualTo(JTokenType.Null));
            Assert.That((string?)json["outcome"], Is.EqualTo("never"));
        }

        [Test]
        public void Liquidation_Buffer_ReportsBufferedPrice()
        {
            // 46,000 + 5 % × 14,000 = 46,700.
            var args = CTrader("ctrader-frozen", "long");
            var json = ProgramRunner.Json(new[] { args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7], args[8], args[9], args[10], args[11], args[12], args[13], args[14], args[15], args[16], "--buffer", "0.05" });

            Assert.That((double)json["liquidationPrice"]!, Is.EqualTo(46_000).Within(1e-9));
            Assert.That((double)json["bufferedPrice"]!, Is.EqualTo(46_700).Within(1e-9));
        }

        [Test]
        public void Liquidation_CommaCulture_SameJson()
        {
            var a = ProgramRunner.Run(CTrader("ctrader-live", "long"));
            var b = ProgramRunner.Run(ProgramRunner.CommaCulture(), CTrader("ctrader-live", "long"));

            Assert.That(b.Out, Is.EqualTo(a.Out));
        }

        [TestCase("--model", "okx")]
        [TestCase("--mmr", "0.5%")]
        public void Liquidation_BadArguments_ExitTwo(string option, string value)
        {
            var (exit, _, err) = ProgramRunner.Run("liquidation", "--model", option == "--model" ? value : "bybit-isolated", "--side", "long", "--entry", "10000", "--quantity", "1", "--leverage", "50", "--mmr", option == "--mmr" ? value : "0.005");

            Assert.That(exit, Is.EqualTo(2));
            Assert.That(err.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        }

        [Test]
        public void Liquidation_MissingCTraderOptions_ExitTwo()
        {
            var (exit, _, err) = ProgramRunner.Run("liquidation", "--model", "ctrader-live", "--side", "long", "--entry", "60000", "--quantity", "0.5");

            Assert.That(exit, Is.EqualTo(2));
            Assert.That(err, Does.Contain("--equity").And.Contain("--stop-out-level").And.Contain("--leverage"));
        }
    }
}
