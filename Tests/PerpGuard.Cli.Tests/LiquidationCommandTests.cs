using Newtonsoft.Json.Linq;

namespace PerpGuard.Cli.Tests
{
    public class LiquidationCommandTests
    {
        private static string[] CTrader(string model, string side, string quantity = "0.5")
            => new[] { "liquidation", "--model", model, "--side", side, "--entry", "60000", "--quantity", quantity, "--equity", "10000", "--price", "60000", "--stop-out-level", "50", "--leverage", "5" };

        // Issue 2 (hand-worked in LiquidationWorkedExamplesTests): frozen 46,000 / 74,000; live 44,444.444… / 72,727.272…,
        // shown rounded toward the market (a long's up, a short's down): 44,444.45 / 72,727.27.
        [TestCase("ctrader-frozen", "long", 46_000.0)]
        [TestCase("ctrader-frozen", "short", 74_000.0)]
        [TestCase("ctrader-live", "long", 44_444.45)]
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

        /// <summary>
        /// A low-priced coin: Binance USDⓈ-M isolated (help centre, "How to Calculate Liquidation Price of USDⓈ-M
        /// Futures Contracts"), long 1,000 XRP at 1.0523, 10x so WB = 105.23, MMR 0.5 %, cum 0:
        /// (105.23 − 1,052.3) / (1,000 × 0.005 − 1,000) = 947.07 / 995 = 0.9518291…; a 10 % buffer is
        /// 0.9518291 + 0.1 × (1.0523 − 0.9518291) = 0.9618762…. Shown with the entry's six significant digits
        /// (5 decimals at 1.0523): 0.95183 and 0.96188 — not 0.95 / 0.96, which is a whole percent off.
        /// </summary>
        [Test]
        public void Liquidation_XrpAroundOneDollar_PriceKeepsSixSignificantDigits()
        {
            var args = new[] { "liquidation", "--model", "binance-isolated", "--side", "long", "--entry", "1.0523", "--quantity", "1000", "--wallet", "105.23", "--mmr", "0.005", "--buffer", "0.1" };

            var json = ProgramRunner.Json(args);
            var (_, table, _) = ProgramRunner.Run(args);

            Assert.That((double)json["liquidationPrice"]!, Is.EqualTo(0.95183).Within(1e-12));
            Assert.That((double)json["bufferedPrice"]!, Is.EqualTo(0.96188).Within(1e-12));
            Assert.That(table, Does.Contain("0.95183").And.Contain("0.96188"));
        }

        /// <summary>
        /// Entry 60,000 keeps 2 decimals (as before); entry 0.08123 (DOGE) gets 7 so six significant digits show.
        /// </summary>
        [TestCase(60_000.0, 2)]
        [TestCase(3_000.0, 2)]
        [TestCase(150.0, 3)]
        [TestCase(1.0523, 5)]
        [TestCase(0.08123, 7)]
        public void PriceDecimals_EntryMagnitude_SixSignificantDigitsAtLeastTwoDecimals(double entry, int decimals)
        {
            Assert.That(PerpGuard.Cli.Calculators.CliFormat.PriceDecimals(entry), Is.EqualTo(decimals));
        }

        /// <summary>An option the chosen model does not use is refused, not silently ignored (a trader giving
        /// --leverage 20 to binance-isolated would otherwise read a price that never saw the 20).</summary>
        [TestCase("--leverage", "20")]
        [TestCase("--equity", "1000")]
        [TestCase("--stop-out-level", "50")]
        public void Liquidation_OptionNotUsedByBinanceIsolated_ExitTwoNamingIt(string option, string value)
        {
            var (exit, output, err) = ProgramRunner.Run("liquidation", "--model", "binance-isolated", "--side", "long", "--entry", "10000", "--quantity", "1", "--wallet", "200", "--mmr", "0.004", option, value);

            Assert.That(exit, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(err, Does.Contain(option).And.Contain("binance-isolated"));
        }

        [Test]
        public void Liquidation_BinanceOptionsGivenToCTrader_ExitTwoListingEach()
        {
            var args = new System.Collections.Generic.List<string>(CTrader("ctrader-frozen", "long")) { "--wallet", "100", "--mmr", "0.004" };

            var (exit, _, err) = ProgramRunner.Run(args.ToArray());

            Assert.That(exit, Is.EqualTo(2));
            Assert.That(err, Does.Contain("--wallet").And.Contain("--mmr"));
            Assert.That(err.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        }
    }
}
