namespace PerpGuard.Cli.Tests
{
    /// <summary>
    /// <c>perpguard size</c> tells a refusal with the numbers that decided it (as the bots' journal does), and gives the
    /// broker minimum's risk as <c>minimumVolumeRisk</c>. Worked by hand from the README example: long 60,000, stop
    /// 59,700, 0.05 %/side → c = 300 + 60,000 × 0.0005 + 59,700 × 0.0005 = 359.85 per BTC.
    /// </summary>
    public class SizeRefusalNumbersTests
    {
        private static string[] Args(string volumeMin, params string[] extra)
        {
            var args = new[] { "size", "--equity", "10000", "--risk-percent", "1", "--side", "long", "--entry", "60000", "--stop", "59700", "--fee-percent", "0.05", "--volume-step", "0.01", "--volume-min", volumeMin };
            var all = new string[args.Length + extra.Length];
            args.CopyTo(all, 0);
            extra.CopyTo(all, args.Length);
            return all;
        }

        [Test]
        public void Size_NoDailyLossLeft_MessageTellsTheDayAndTheMinimumsRisk()
        {
            // Nothing left today; the 0.02 BTC minimum would lose 0.02 × 359.85 = 7.197 → 7.20.
            var json = ProgramRunner.Json(Args("0.02", "--daily-loss-left", "0"));

            Assert.That((string?)json["reason"], Is.EqualTo("no-risk-budget"));
            Assert.That((double?)json["minimumVolumeRisk"], Is.EqualTo(7.20).Within(1e-9));
            Assert.That((string?)json["message"], Is.EqualTo(
                "No risk money is left for a trade today: the daily loss limit leaves 0.00, less than the 7.20 the broker's minimum volume 0.02 "
                + "would risk at this stop (fees included); the trade is refused, not rounded up."));
        }

        [Test]
        public void Size_BelowMinimum_MessageTellsWhatTheRiskBuysAndTheMinimumsRisk()
        {
            // R = 100 buys 100 / 359.85 = 0.277893566… BTC; the 1 BTC minimum would lose 359.85.
            var json = ProgramRunner.Json(Args("1"));

            Assert.That((string?)json["reason"], Is.EqualTo("below-minimum-volume"));
            Assert.That((double?)json["minimumVolumeRisk"], Is.EqualTo(359.85).Within(1e-9));
            Assert.That((string?)json["message"], Is.EqualTo(
                "The risk money 100.00 buys 0.27789357 units, below the broker's minimum volume 1 (which would risk 359.85 at this stop, "
                + "fees included); the trade is refused, not rounded up."));
        }

        [Test]
        public void Size_MinimumCommissionsAboveRisk_MessageTellsTheCostsAndTheRisk()
        {
            // Equity 1,000 × 1 % → R = 10; minimum commission 6 per side: 2 × 6 = 12 (no --money-step: no reserve).
            var json = ProgramRunner.Json(new[] { "size", "--equity", "1000", "--risk-percent", "1", "--side", "long", "--entry", "60000", "--stop", "59700", "--fee-percent", "0.05", "--volume-step", "0.0001", "--volume-min", "0.0001", "--min-commission", "6" });

            Assert.That((string?)json["reason"], Is.EqualTo("fees-above-risk"));
            Assert.That(json["minimumVolumeRisk"]!.Type, Is.EqualTo(Newtonsoft.Json.Linq.JTokenType.Null));
            Assert.That((string?)json["message"], Is.EqualTo(
                "The broker's minimum commission on entry and exit, plus any reserve for its rounding to cents, comes to 12.00: "
                + "at least the risk money 10.00, so no size fits."));
        }

        [Test]
        public void Size_Accepted_NoMessageNoMinimumRisk()
        {
            var json = ProgramRunner.Json(Args("0.01"));

            Assert.That((bool)json["refused"]!, Is.False);
            Assert.That(json["message"]!.Type, Is.EqualTo(Newtonsoft.Json.Linq.JTokenType.Null));
            Assert.That(json["minimumVolumeRisk"]!.Type, Is.EqualTo(Newtonsoft.Json.Linq.JTokenType.Null));
        }

        [Test]
        public void Size_BelowMinimumAsATable_RefusedRowCarriesTheNumbers()
        {
            var (exit, output, err) = ProgramRunner.Run(Args("1"));

            Assert.That(exit, Is.EqualTo(0), err);
            Assert.That(output, Does.Contain("below-minimum-volume"));
            Assert.That(output, Does.Contain("0.27789357"));
        }
    }
}
