using System.Linq;

namespace PerpGuard.Cli.Tests
{
    /// <summary>
    /// docs/cli.md's worked examples that no other test ran through the command: the numbers the page shows, worked by hand.
    /// </summary>
    public class CliDocWorkedExamplesTests
    {
        private static string[] BinanceLong(params string[] extra)
        {
            var args = new[] { "liquidation", "--model", "binance-isolated", "--side", "long", "--entry", "10000", "--quantity", "1", "--wallet", "1000", "--mmr", "0.005" };
            return args.Concat(extra).ToArray();
        }

        [Test]
        public void Liquidation_BinanceIsolatedLongDocExample_9045_23RoundedUp()
        {
            // LP = (WB + cum − side × Q × EP) / (Q × MMR − side × Q) = (1,000 + 0 − 10,000) / (0.005 − 1)
            //    = −9,000 / −0.995 = 9,045.2261… → up (toward the market for a long): 9,045.23 (nearest would agree here;
            //    the buffered price below is where the direction shows).
            var json = ProgramRunner.Json(BinanceLong());

            Assert.That((string?)json["outcome"], Is.EqualTo("price"));
            Assert.That((double)json["liquidationPrice"]!, Is.EqualTo(9_045.23).Within(1e-9));
        }

        [Test]
        public void Liquidation_BinanceIsolatedLongDocExample_Buffer5Percent_9092_97RoundedUp()
        {
            // Buffered = LP + 0.05 × (EP − LP) = 9,045.2261 + 0.05 × 954.7739 = 9,092.9648… → up: 9,092.97 (nearest: .96);
            // the liquidation price itself stays 9,045.23.
            var json = ProgramRunner.Json(BinanceLong("--buffer", "0.05"));

            Assert.That((double)json["liquidationPrice"]!, Is.EqualTo(9_045.23).Within(1e-9));
            Assert.That((double)json["bufferedPrice"]!, Is.EqualTo(9_092.97).Within(1e-9));
        }
    }
}
