namespace PerpGuard.Cli.Tests
{
    /// <summary>
    /// Input errors of <c>perpguard size</c> are argument errors (exit 2, one line on stderr, nothing on stdout),
    /// never a "refused" table with exit 0 that a script reads as a size of 0 and a stop of 0.00.
    /// </summary>
    public class SizeInputErrorTests
    {
        private static string[] Args(string side, string stop, params string[] extra)
        {
            var args = new[] { "size", "--equity", "10000", "--risk-percent", "1", "--side", side, "--entry", "60000", "--stop", stop, "--fee-percent", "0.05", "--volume-step", "0.01", "--volume-min", "0.01" };
            var all = new string[args.Length + extra.Length];
            args.CopyTo(all, 0);
            extra.CopyTo(all, args.Length);
            return all;
        }

        private static void AssertOneLineError((int Exit, string Out, string Err) run, params string[] mentions)
        {
            Assert.That(run.Exit, Is.EqualTo(2), run.Out);
            Assert.That(run.Out, Is.Empty);
            Assert.That(run.Err.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            foreach (var m in mentions)
            {
                Assert.That(run.Err, Does.Contain(m));
            }
        }

        // A long's stop must be below the entry, a short's above; equal is no stop at all.
        [TestCase("long", "60100")]
        [TestCase("long", "60000")]
        [TestCase("short", "59700")]
        [TestCase("short", "60000")]
        public void Size_StopOnWrongSideOfEntry_ExitTwoNamesStop(string side, string stop)
        {
            AssertOneLineError(ProgramRunner.Run(Args(side, stop)), "--stop " + stop, "--entry 60000");
        }

        [Test]
        public void Size_RiskAbove2WithoutOverride_ExitTwoNamesOverride()
        {
            var args = Args("long", "59700");
            args[4] = "2.5";

            AssertOneLineError(ProgramRunner.Run(args), "--risk-percent 2.5", "--allow-risk-above-2");
        }

        [Test]
        public void Size_MaxLeverageAbove10WithoutOverride_ExitTwoNamesOverride()
        {
            AssertOneLineError(ProgramRunner.Run(Args("long", "59700", "--max-leverage", "20")), "--max-leverage 20", "--allow-leverage-above-10");
        }

        [Test]
        public void Size_SeveralInputErrors_AllInOneLine()
        {
            var args = Args("long", "60100", "--max-leverage", "20");
            args[4] = "3";

            AssertOneLineError(ProgramRunner.Run(args), "--stop 60100", "--allow-risk-above-2", "--allow-leverage-above-10");
        }

        [Test]
        public void Size_RiskAbove2WithOverride_SizedAtLeverageCap()
        {
            // R = 3 % of 10,000 = 300; c = 359.85 → 0.8337, but the 5x cap allows 5 × 10,000 / 60,000 = 0.8333
            // → floored 0.83 (4.98x); the override is reported.
            var args = Args("long", "59700", "--allow-risk-above-2", "--json");
            args[4] = "3";
            var (exit, output, err) = ProgramRunner.Run(args);

            Assert.That(exit, Is.EqualTo(0), err);
            var json = Newtonsoft.Json.Linq.JObject.Parse(output);
            Assert.That((double)json["volume"]!, Is.EqualTo(0.83));
            Assert.That((double)json["plannedRisk"]!, Is.EqualTo(300).Within(1e-9));
            Assert.That(json["warnings"]!.ToObject<string[]>(), Is.EqualTo(new[] { "risk-above-2-percent-override" }));
        }
    }
}
