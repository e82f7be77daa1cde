namespace PerpGuard.Cli.Tests
{
    /// <summary>
    /// <c>size --money-step 0.01</c>: the calculator sizes as the bots do, keeping 3 cents per trade for the broker's
    /// rounding to cents (docs/risk-sizing.md, "booking reserve"); without it money is exact (the README examples).
    /// </summary>
    public class SizeMoneyStepTests
    {
        [Test]
        public void Size_MoneyStepCentsRiskSizingDocExample_099Risk9903Target6015008()
        {
            // risk-sizing.md: equity 10,000, 1 %, long 60,000, stop 59,900, no fees, 10x cap. (100 − 0.03) / 100
            // = 0.9997 → 0.99; realised 0.99 × 100 + 0.03 = 99.03. Target nets 1.5 × 99.03 = 148.545 after the
            // reserve: 0.99 (T − 60,000) − 0.03 ≥ 148.545 → T − 60,000 ≥ 150.0758 → up to the tick 60,150.08.
            var json = ProgramRunner.Json("size", "--equity", "10000", "--risk-percent", "1", "--side", "long", "--entry", "60000", "--stop", "59900", "--volume-step", "0.01", "--volume-min", "0.01", "--max-leverage", "10", "--money-step", "0.01");

            Assert.That((double)json["volume"]!, Is.EqualTo(0.99));
            Assert.That((double)json["riskMoney"]!, Is.EqualTo(99.03).Within(1e-9));
            Assert.That((double)json["takeProfit"]!, Is.EqualTo(60_150.08).Within(1e-9));
        }

        [Test]
        public void Size_MoneyStepCentsWithFees_ReserveInRiskAndTarget()
        {
            // README example with the reserve: (100 − 0.03) / 359.85 = 0.27781 → 0.27; realised 0.27 × 359.85
            // + 0.03 = 97.1895 → 97.19. Target: 0.27 (0.9995 T − 60,030) − 0.03 ≥ 1.5 × 97.1895 = 145.78425
            // → 0.9995 T ≥ 60,030 + 145.81425 / 0.27 = 60,570.0528 → T ≥ 60,600.353 → 60,600.36.
            var json = ProgramRunner.Json("size", "--equity", "10000", "--risk-percent", "1", "--side", "long", "--entry", "60000", "--stop", "59700", "--fee-percent", "0.05", "--volume-step", "0.01", "--volume-min", "0.01", "--money-step", "0.01");

            Assert.That((double)json["volume"]!, Is.EqualTo(0.27));
            Assert.That((double)json["riskMoney"]!, Is.EqualTo(97.19).Within(1e-9));
            Assert.That((double)json["takeProfit"]!, Is.EqualTo(60_600.36).Within(1e-9));
        }

        [Test]
        public void Size_NegativeMoneyStep_ExitTwo()
        {
            var (exit, output, err) = ProgramRunner.Run("size", "--equity", "10000", "--risk-percent", "1", "--side", "long", "--entry", "60000", "--stop", "59700", "--volume-step", "0.01", "--volume-min", "0.01", "--money-step", "-0.01");

            Assert.That(exit, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(err, Does.Contain("--money-step must not be negative"));
        }
    }
}
