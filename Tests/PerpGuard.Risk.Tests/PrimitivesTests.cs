using FsCheck;
using FsCheck.Fluent;
using PerpGuard.Risk.Primitives;
using PerpGuard.Tests.Common;

namespace PerpGuard.Risk.Tests
{
    public class PrimitivesTests
    {
        [Test]
        public void Fraction_FromPercent_OnePercentIsOneHundredth()
        {
            Assert.That(Fraction.FromPercent(1).Value, Is.EqualTo(0.01).Within(1e-15));
        }

        [Test]
        public void Money_MixedCurrencies_Throws()
        {
            Assert.That(() => new Money(1, "USD") + new Money(1, "EUR"), Throws.InvalidOperationException);
        }

        [Test]
        public void Volume_Negative_Throws()
        {
            Assert.That(() => new Volume(-0.01), Throws.TypeOf<System.ArgumentOutOfRangeException>());
        }

        [Test]
        public void Money_AddThenSubtract_RoundTrips()
        {
            Prop.ForAll<int, int>((a, b) =>
            {
                var x = new Money(a, "USD");
                var y = new Money(b, "USD");
                return ((x + y) - y).Amount == a;
            }).Check(PropertyBudget.Config);
        }
    }
}
