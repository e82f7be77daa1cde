namespace PerpGuard.Cli.Tests
{
    /// <summary><c>perpguard size --atr</c>: the stop is entry ∓ multiple × ATR, as RiskManagedScalper places it.</summary>
    public class SizeAtrStopTests
    {
        private static string[] Args(string side, params string[] extra)
        {
            var args = new[] { "size", "--equity", "10000", "--risk-percent", "1", "--side", side, "--entry", "60000", "--fee-percent", "0.05", "--volume-step", "0.01", "--volume-min", "0.01" };
            var all = new string[args.Length + extra.Length];
            args.CopyTo(all, 0);
            extra.CopyTo(all, args.Length);
            return all;
        }

        [Test]
        public void Size_LongAtr200DefaultMultiple_SameAsStop59700()
        {
            // Default multiple 1.5 (the scalper's): stop = 60,000 − 1.5 × 200 = 59,700; then the README example:
            // c = 300 + 30 + 29.85 = 359.85 → 100 / 359.85 = 0.2779 → 0.27, risk 0.27 × 359.85 = 97.16,
            // target (1.5 × 359.85 + 60,000 × 1.0005) / 0.9995 = 60,600.075 → up to the tick 60,600.08.
            var json = ProgramRunner.Json(Args("long", "--atr", "200"));

            Assert.That((double)json["stop"]!, Is.EqualTo(59_700).Within(1e-9));
            Assert.That((double)json["volume"]!, Is.EqualTo(0.27));
            Assert.That((double)json["riskMoney"]!, Is.EqualTo(97.16).Within(1e-9));
            Assert.That((double)json["takeProfit"]!, Is.EqualTo(60_600.08).Within(1e-9));
            Assert.That((bool)json["refused"]!, Is.False);
        }

        [Test]
        public void Size_ShortAtr150Multiple2_StopAboveEntryAndNetTarget()
        {
            // stop = 60,000 + 2 × 150 = 60,300; c = 300 + 30 + 60,300 × 0.0005 (30.15) = 360.15 → 100 / 360.15
            // = 0.2777 → 0.27, risk 0.27 × 360.15 = 97.2405 → 97.24; target T ≤ (60,000 × 0.9995 − 1.5 × 360.15)
            // / 1.0005 = 59,429.775 / 1.0005 = 59,400.075 → down to the tick 59,400.07.
            var json = ProgramRunner.Json(Args("short", "--atr", "150", "--atr-multiple", "2"));

            Assert.That((double)json["stop"]!, Is.EqualTo(60_300).Within(1e-9));
            Assert.That((double)json["volume"]!, Is.EqualTo(0.27));
            Assert.That((double)json["riskMoney"]!, Is.EqualTo(97.24).Within(1e-9));
            Assert.That((double)json["takeProfit"]!, Is.EqualTo(59_400.07).Within(1e-9));
        }

        [Test]
        public void Size_AtrStopOffTheTick_RoundedTowardMarket()
        {
            // 60,000 − 1.5 × 123.457 = 59,814.8145 → toward the market (up for a long) on the 0.01 tick: 59,814.82.
            // The tick comes from the entry (0.01), not from the ATR's 3 decimals. c = 185.18 + 30 + 29.90741
            // = 245.08741 → 100 / 245.08741 = 0.408 → 0.40.
            var json = ProgramRunner.Json(Args("long", "--atr", "123.457"));

            Assert.That((double)json["stop"]!, Is.EqualTo(59_814.82).Within(1e-9));
            Assert.That((double)json["tickSize"]!, Is.EqualTo(0.01).Within(1e-12));
            Assert.That((double)json["volume"]!, Is.EqualTo(0.40));
        }

        [Test]
        public void Size_AtrTable_LabelsStopWithMultiple()
        {
            var (exit, output, _) = ProgramRunner.Run(Args("long", "--atr", "200"));

            Assert.That(exit, Is.EqualTo(0));
            Assert.That(output, Does.Contain("1.5 × ATR").And.Contain("59,700.00"));
        }

        [TestCase(new[] { "--atr", "200", "--stop", "59700" }, "not both")]
        [TestCase(new[] { "--atr-multiple", "2", "--stop", "59700" }, "--atr-multiple goes with --atr")]
        [TestCase(new[] { "--atr", "0" }, "--atr must be positive")]
        [TestCase(new[] { "--atr", "200", "--atr-multiple", "-1" }, "--atr-multiple must be positive")]
        [TestCase(new[] { "--atr", "30000", "--atr-multiple", "2" }, "at or below 0")]
        [TestCase(new string[0], "--stop (or --atr) is required")]
        public void Size_AtrOptionErrors_ExitTwoOneLine(string[] extra, string mention)
        {
            var (exit, output, err) = ProgramRunner.Run(Args("long", extra));

            Assert.That(exit, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(err.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(err, Does.Contain(mention));
        }
    }
}
