namespace PerpGuard.Cli.Tests
{
    /// <summary>
    /// <c>perpguard size</c> never sizes for a stop the trader does not place. Without --tick-size it used a 0.01 grid
    /// whatever the price, so an XRP stop at 1.0412 was pulled toward the market to 1.05 and the size computed for
    /// that much closer stop: about 4.8 times the position, and the risk, the trader meant.
    /// </summary>
    public class SizeTickTests
    {
        private static string[] Xrp(params string[] extra)
        {
            var args = new[] { "size", "--equity", "1000", "--risk-percent", "1", "--side", "long", "--entry", "1.0523", "--stop", "1.0412", "--volume-step", "1", "--volume-min", "1", "--json" };
            var all = new string[args.Length + extra.Length];
            args.CopyTo(all, 0);
            extra.CopyTo(all, args.Length);
            return all;
        }

        [Test]
        public void Size_XrpPricesWithoutTickSize_TickFromTheirDecimalsStopKept900Units()
        {
            // Worked by hand, no fees: R = 1 % of 1,000 = 10; stop distance 1.0523 − 1.0412 = 0.0111;
            // 10 / 0.0111 = 900.9 → 900 units, risk 900 × 0.0111 = 9.99; target 1.0523 + 1.5 × 0.0111 = 1.06895
            // → 1.0690 (away from the market on the 0.0001 grid). On the old 0.01 grid: stop 1.05, 10 / 0.0023 → 4,347 units.
            var json = ProgramRunner.Json(Xrp());

            Assert.That((double)json["tickSize"]!, Is.EqualTo(0.0001));
            Assert.That((double)json["stop"]!, Is.EqualTo(1.0412));
            Assert.That((double)json["volume"]!, Is.EqualTo(900));
            Assert.That((double)json["riskMoney"]!, Is.EqualTo(9.99).Within(1e-9));
            Assert.That((double)json["takeProfit"]!, Is.EqualTo(1.069).Within(1e-12));
        }

        [Test]
        public void Size_BtcWholeDollarPricesWithoutTickSize_TickStays001()
        {
            // Prices written with fewer than two decimals keep the cent grid (the README's example target 60,600.08).
            var json = ProgramRunner.Json(new[] { "size", "--equity", "10000", "--risk-percent", "1", "--side", "long", "--entry", "60000", "--stop", "59700", "--fee-percent", "0.05", "--volume-step", "0.01", "--volume-min", "0.01", "--json" });

            Assert.That((double)json["tickSize"]!, Is.EqualTo(0.01));
            Assert.That((double)json["takeProfit"]!, Is.EqualTo(60_600.08).Within(1e-9));
        }

        [Test]
        public void Size_StopOffTheGivenTick_ExitTwoNamingStopAndTick()
        {
            var (exit, output, err) = ProgramRunner.Run(Xrp("--tick-size", "0.01"));

            Assert.That(exit, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(err, Does.StartWith("perpguard: ").And.Contain("--stop 1.0412 is not a multiple of --tick-size 0.01"));
        }

        [Test]
        public void Size_StopOnTheGivenTick_Accepted()
        {
            var json = ProgramRunner.Json(Xrp("--tick-size", "0.0001"));

            Assert.That((double)json["volume"]!, Is.EqualTo(900));
        }
    }
}
