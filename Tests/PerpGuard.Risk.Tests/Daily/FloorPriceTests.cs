using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Risk.Tests.Daily
{
    public class FloorPriceTests
    {
        // Remaining 200 USD on 0.5 BTC (1 USD per 1.0 price per BTC): the price may move 200 / 0.5 = 400.
        [TestCase(TradeSide.Long, 59_600.0)]
        [TestCase(TradeSide.Short, 60_400.0)]
        public void Compute_HalfBitcoinWith200Left_Moves400(TradeSide side, double expected)
        {
            var floor = FloorPrice.Compute(side, new Volume(0.5), new Price(60_000), 1.0, 200);

            Assert.That(floor.IsReachable, Is.True);
            Assert.That(floor.Price.Value, Is.EqualTo(expected).Within(1e-9));
        }

        [Test]
        public void Compute_LongWhoseFloorIsBelowZero_IsNotReachable()
        {
            // 40,000 / 0.5 = 80,000 below 60,000: no positive price gets there.
            var floor = FloorPrice.Compute(TradeSide.Long, new Volume(0.5), new Price(60_000), 1.0, 40_000);

            Assert.That(floor.IsReachable, Is.False);
        }

        [Test]
        public void Compute_NoBudgetLeft_IsTheCurrentPrice()
        {
            var floor = FloorPrice.Compute(TradeSide.Long, new Volume(1), new Price(100), 1.0, -5);

            Assert.That(floor.Price.Value, Is.EqualTo(100));
        }

        [Test]
        public void Compute_NoPosition_IsNotReachable()
        {
            Assert.That(FloorPrice.Compute(TradeSide.Short, Volume.Zero, new Price(100), 1.0, 50).IsReachable, Is.False);
        }

        [Test]
        public void Compute_EurAccountOnUsdQuote_UsesValuePerUnit()
        {
            // EUR account, BTCUSD at EURUSD 1.25: 1 USD = 0.8 EUR per 1.0 price per BTC.
            // 100 EUR left on 0.25 BTC: 100 / (0.25 × 0.8) = 500 → 59,500.
            var floor = FloorPrice.Compute(TradeSide.Long, new Volume(0.25), new Price(60_000), 0.8, 100);

            Assert.That(floor.Price.Value, Is.EqualTo(59_500).Within(1e-9));
        }
    }
}
