using System.IO;
using System.Linq;
using cAlgo.API;
using PerpGuard.Tests.Common;

namespace PerpGuard.Headless.Tests
{
    /// <summary>The stand-in declares in cAlgo.* only what both real cTrader builds have (flag B), spelled alike.</summary>
    public class ApiSurfaceTests
    {
        private static ApiSurfaceChecker CreateChecker()
        {
            if (SharedData.Root is null)
            {
                Assert.Ignore("../shared/ctrader-api is not present beside the repository.");
            }

            var dir = Path.Combine(Path.GetDirectoryName(SharedData.Root!)!, "ctrader-api");
            var signatures = Path.Combine(dir, "signatures.txt");
            var legacy = Path.Combine(dir, "legacy-surface.txt");
            if (!File.Exists(signatures) || !File.Exists(legacy))
            {
                Assert.Ignore("../shared/ctrader-api/signatures.txt or legacy-surface.txt is not present.");
            }

            return new ApiSurfaceChecker(signatures, legacy);
        }

        [Test]
        public void StandIn_EveryPublicCAlgoMember_IsFlaggedBAndSpelledLikeLegacySurface()
        {
            var checker = CreateChecker();

            var problems = checker.CheckAssembly(typeof(Robot).Assembly);

            Assert.That(problems, Is.Empty, string.Join("\n", problems));
            Assert.That(checker.CheckedMembers, Is.GreaterThan(500), "the checker must have looked at the whole surface");
        }

        [Test]
        public void Checker_InventedTypeAndMembers_AreReported()
        {
            var checker = CreateChecker();

            var problems = checker.Check(new[]
            {
                (typeof(FakeSurface.InventedType), "cAlgo.API.InventedType"),
                (typeof(FakeSurface.FakeLocalStorage), "cAlgo.API.LocalStorage"),
                (typeof(FakeSurface.FakeTradeType), "cAlgo.API.TradeType"),
                (typeof(FakeSurface.FakeRobotAttribute), "cAlgo.API.RobotAttribute"),
            });

            Assert.That(problems, Has.Some.Contains("T:cAlgo.API.InventedType is not flagged B"));
            Assert.That(problems, Has.Some.Contains("M:cAlgo.API.LocalStorage.Invented(System.String) is not flagged B"));
            Assert.That(problems, Has.Some.Contains("void SetString(string name, string value)"), "a renamed parameter is caught");
            Assert.That(problems, Has.Some.Contains("void Flush(LocalStorageScope localStorageScope = 0)"), "an invented default is caught");
            Assert.That(problems, Has.Some.Contains("Sell = 2"), "a wrong enum value is caught");
            Assert.That(problems, Has.Some.Contains("kind 'class' differs"), "a class where the API has a sealed class is caught");
            Assert.That(problems.Count(p => p.Contains("GetString")), Is.EqualTo(0), "a correct member passes");
        }
    }
}

namespace PerpGuard.Headless.Tests.FakeSurface
{
    public interface InventedType
    {
    }

    public interface FakeLocalStorage
    {
        string GetString(string key);

        void SetString(string name, string value);

        void Flush(LocalStorageScope localStorageScope = LocalStorageScope.Instance);

        void Invented(string key);
    }

    public enum FakeTradeType
    {
        Buy = 0,
        Sell = 2,
    }

    [System.AttributeUsage(System.AttributeTargets.Class)]
    public class FakeRobotAttribute : System.Attribute
    {
    }
}
