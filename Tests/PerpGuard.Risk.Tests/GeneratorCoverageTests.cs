using FsCheck.Fluent;
using PerpGuard.Risk.Sizing;

namespace PerpGuard.Risk.Tests
{
    /// <summary>
    /// The property generators must hit both sides of each limit, or the properties would prove little:
    /// a sample must contain accepted trades, minimum-volume refusals and leverage-capped trades.
    /// </summary>
    public class GeneratorCoverageTests
    {
        [Test]
        public void SizingCases_Sample_CoversAcceptedRefusedAndCapped()
        {
            var sample = Gen.Sample(SizingPropertiesTests.CasesForCoverage(), 2_000);
            int accepted = 0, belowMin = 0, leverageCapped = 0;
            foreach (var c in sample)
            {
                var d = PositionSizer.Decide(c.Request(LiquidationGuard.None));
                accepted += d.IsRefused ? 0 : 1;
                belowMin += d.Refusal == SizingRefusal.BelowMinimumVolume ? 1 : 0;
                leverageCapped += !d.IsRefused && (d.BindingCaps & SizingCaps.Leverage) != 0 ? 1 : 0;
            }

            TestContext.Out.WriteLine($"accepted {accepted}, below minimum {belowMin}, leverage capped {leverageCapped} of 2000");
            Assert.That(accepted, Is.GreaterThan(100), "accepted");
            Assert.That(belowMin, Is.GreaterThan(10), "below minimum");
            Assert.That(leverageCapped, Is.GreaterThan(10), "leverage capped");
        }
    }
}
