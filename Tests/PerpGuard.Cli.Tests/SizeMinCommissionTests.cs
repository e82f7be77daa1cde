namespace PerpGuard.Cli.Tests
{
    /// <summary>
    /// <c>perpguard size --min-commission</c>: the broker's minimum per side (cTrader Symbol.MinCommission), worked by hand
    /// in the Risk tests (MinimumCommissionTests): equity 1,000, 1 %, long 60,000, stop 59,700, 0.05 %/side, 3 per side.
    /// </summary>
    public class SizeMinCommissionTests
    {
        private static string[] Small(params string[] extra)
        {
            var args = new[] { "size", "--equity", "1000", "--risk-percent", "1", "--side", "long", "--entry", "60000", "--stop", "59700", "--fee-percent", "0.05", "--volume-step", "0.0001", "--volume-min", "0.0001", "--json" };
            var all = new string[args.Length + extra.Length];
            args.CopyTo(all, 0);
            extra.CopyTo(all, args.Length);
            return all;
        }

        [Test]
        public void Size_MinCommission3_Json00133Risk999Target6157782()
        {
            // min(10 / 359.85, 7 / 329.85, 7 / 330, 4 / 300) = 0.013333 → 0.0133; 0.0133 × 300 + 3 + 3 = 9.99;
            // target 60,000 + (1.5 × 9.99 + 6) / 0.0133 = 61,577.8195… → 61,577.82.
            var json = ProgramRunner.Json(Small("--min-commission", "3"));

            Assert.That((double)json["volume"]!, Is.EqualTo(0.0133));
            Assert.That((double)json["riskMoney"]!, Is.EqualTo(9.99).Within(1e-9));
            Assert.That((double)json["takeProfit"]!, Is.EqualTo(61_577.82).Within(1e-9));
        }

        [Test]
        public void Size_WithoutMinCommission_Json00277AsBefore()
        {
            // 10 / 359.85 = 0.027789 → 0.0277; 0.0277 × 359.85 = 9.97.
            var json = ProgramRunner.Json(Small());

            Assert.That((double)json["volume"]!, Is.EqualTo(0.0277));
            Assert.That((double)json["riskMoney"]!, Is.EqualTo(9.97).Within(1e-9));
        }

        [Test]
        public void Size_MinCommissionAboveHalfTheRisk_RefusedFeesAboveRisk()
        {
            // R = 10 < 6 + 6: no size pays both minimums.
            var json = ProgramRunner.Json(Small("--min-commission", "6"));

            Assert.That((bool)json["refused"]!, Is.True);
            Assert.That((string?)json["reason"], Is.EqualTo("fees-above-risk"));
            Assert.That((double)json["volume"]!, Is.EqualTo(0));
        }

        [Test]
        public void Size_NegativeMinCommission_ExitTwoOneLine()
        {
            var (exit, output, err) = ProgramRunner.Run(Small("--min-commission", "-1"));

            Assert.That(exit, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(err, Does.StartWith("perpguard: ").And.Contain("--min-commission"));
        }
    }
}
