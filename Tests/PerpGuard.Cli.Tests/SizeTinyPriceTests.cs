namespace PerpGuard.Cli.Tests
{
    /// <summary>
    /// A coin priced 0.00001234 has a cost per unit of a few 1e-7: the table showed it as 0.0000 and the JSON
    /// kept 8 decimals (two significant digits). It is shown with the price's decimals plus a few.
    /// </summary>
    public class SizeTinyPriceTests
    {
        private static readonly string[] Args = { "size", "--equity", "10000", "--risk-percent", "1", "--side", "long", "--entry", "0.00001234", "--stop", "0.00001200", "--fee-percent", "0.05", "--volume-step", "1", "--volume-min", "1" };

        [Test]
        public void Size_TinyPriceTable_CostPerUnitShown()
        {
            // c = (0.00001234 − 0.00001200) + 0.00001234 × 0.0005 + 0.00001200 × 0.0005
            //   = 3.4e-7 + 6.17e-9 + 6.0e-9 = 3.5217e-7 → with the tick's 8 decimals + 2: 0.0000003522.
            var (exit, output, _) = ProgramRunner.Run(Args);

            Assert.That(exit, Is.EqualTo(0));
            Assert.That(output, Does.Contain("0.0000003522"));
        }

        [Test]
        public void Size_TinyPriceJson_CostPerUnitKeepsItsDigits()
        {
            // 3.5217e-7 exactly (to 12 decimals: 0.000000352170); volume 100 / 3.5217e-7 = 283,953,772.4 → 283,953,772.
            var json = ProgramRunner.Json(Args);

            Assert.That((double)json["perUnitRisk"]!, Is.EqualTo(3.5217e-7).Within(1e-13));
            Assert.That((double)json["volume"]!, Is.EqualTo(283_953_772));
        }
    }
}
