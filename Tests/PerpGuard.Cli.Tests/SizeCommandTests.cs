namespace PerpGuard.Cli.Tests
{
    /// <summary>The issue 2 worked examples through <c>perpguard size</c> (hand-worked in the Risk tests' comments).</summary>
    public class SizeCommandTests
    {
        private static string[] Example(string stop, params string[] extra)
        {
            var args = new[] { "size", "--equity", "10000", "--risk-percent", "1", "--side", "long", "--entry", "60000", "--stop", stop, "--fee-percent", "0.05", "--volume-step", "0.01", "--volume-min", "0.01" };
            var all = new string[args.Length + extra.Length];
            args.CopyTo(all, 0);
            extra.CopyTo(all, args.Length);
            return all;
        }

        [Test]
        public void Size_IssueExample59700_Json027RiskLeverageTarget()
        {
            // c = 300 + 30 + 29.85 = 359.85 → 0.27; 0.27 × 359.85 = 97.16; 1.62x; (539.775 + 60,030) / 0.9995 → 60,600.08.
            var json = ProgramRunner.Json(Example("59700"));

            Assert.That((double)json["volume"]!, Is.EqualTo(0.27));
            Assert.That((double)json["riskMoney"]!, Is.EqualTo(97.16).Within(0.005));
            Assert.That((double)json["leverage"]!, Is.EqualTo(1.62).Within(0.005));
            Assert.That((double)json["takeProfit"]!, Is.EqualTo(60_600.08).Within(1e-9));
            Assert.That((bool)json["refused"]!, Is.False);
            Assert.That(json["reason"]!.Type, Is.EqualTo(Newtonsoft.Json.Linq.JTokenType.Null));
        }

        [Test]
        public void Size_IssueExample59940_Json083()
        {
            var json = ProgramRunner.Json(Example("59940"));

            Assert.That((double)json["volume"]!, Is.EqualTo(0.83));
            Assert.That((double)json["leverage"]!, Is.EqualTo(4.98).Within(0.005));
        }

        [Test]
        public void Size_IssueExample59940With3xCap_Json050RiskMoney5999()
        {
            // 3 × 10,000 / 60,000 = 0.50; 0.50 × 119.97 = 59.985 → 59.99.
            var json = ProgramRunner.Json(Example("59940", "--max-leverage", "3"));

            Assert.That((double)json["volume"]!, Is.EqualTo(0.50));
            Assert.That((double)json["riskMoney"]!, Is.EqualTo(59.99).Within(1e-9));
            Assert.That(json["bindingCaps"]!.ToObject<string[]>(), Is.EqualTo(new[] { "leverage" }));
        }

        [Test]
        public void Size_BelowMinimum_RefusedWithReason()
        {
            // R = 100; c = 10,000 + 30 + 25 = 10,055 → 0.0099 < 0.01 → refused, not rounded up.
            var json = ProgramRunner.Json(Example("50000"));

            Assert.That((bool)json["refused"]!, Is.True);
            Assert.That((string?)json["reason"], Is.EqualTo("below-minimum-volume"));
            Assert.That((double)json["volume"]!, Is.EqualTo(0));
        }

        [Test]
        public void Size_ShortExample_MirrorsLong()
        {
            // Short 60,000 stop 60,300: c = 360.15 → 0.27; target (59,970 − 540.225) / 1.0005 = 59,400.07 (rounded down).
            var args = Example("60300");
            args[6] = "short";
            var json = ProgramRunner.Json(args);

            Assert.That((double)json["volume"]!, Is.EqualTo(0.27));
            Assert.That((double)json["takeProfit"]!, Is.EqualTo(59_400.07).Within(1e-9));
        }

        [Test]
        public void Size_CommaDecimalCulture_SameJson()
        {
            var invariant = ProgramRunner.Run(Example("59700", "--json"));
            var comma = ProgramRunner.Run(ProgramRunner.CommaCulture(), Example("59700", "--json"));

            Assert.That(comma.Out, Is.EqualTo(invariant.Out));
            Assert.That(comma.Out, Does.Contain("\"riskMoney\":97.16"));
        }

        [Test]
        public void Size_CommaDecimalCultureTable_PrintsDotDecimals()
        {
            var (exit, output, _) = ProgramRunner.Run(ProgramRunner.CommaCulture(), Example("59700"));

            Assert.That(exit, Is.EqualTo(0));
            Assert.That(output, Does.Contain("60,600.08").And.Contain("97.16").And.Contain("1.62x"));
        }

        [TestCase("--equity", "10,5")]
        [TestCase("--stop", "abc")]
        [TestCase("--side", "up")]
        [TestCase("--volume-min", "-1")]
        public void Size_InvalidValue_ExitTwoOneLine(string option, string value)
        {
            var args = Example("59700");
            var i = System.Array.IndexOf(args, option);
            args[i + 1] = value;
            var (exit, output, err) = ProgramRunner.Run(args);

            Assert.That(exit, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(err.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(err, Does.StartWith("perpguard: "));
        }

        [Test]
        public void Size_MissingOptions_ExitTwoListsAllInOneLine()
        {
            var (exit, _, err) = ProgramRunner.Run("size", "--equity", "10000");

            Assert.That(exit, Is.EqualTo(2));
            Assert.That(err.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(err, Does.Contain("--risk-percent").And.Contain("--stop").And.Contain("--side"));
        }
    }
}
