using System.Linq;
using cAlgo.API;
using PerpGuard.Headless.Backtesting;

namespace PerpGuard.Headless.Tests
{
    /// <summary>
    /// Algo.Print overloads (signatures.txt: Print(object), Print(object[]), Print(string message, object[] parameters)).
    /// C# binds Print("text") to the (string, params object[]) overload; cTrader does not document that it skips
    /// formatting when no parameters follow, so the stand-in takes the strict reading — always a composite format —
    /// and an algo that prints text with braces that way fails here as it could in cTrader.
    /// </summary>
    public class PrintFormatTests
    {
        [Test]
        public void Print_TextWithBracesThroughEachOverload_ObjectVerbatimFormatThrows()
        {
            var result = new BacktestEngine(TestBars.Options(TestBars.Six())).Run(AlgoSpec.Of<BracePrinter>());

            Assert.That(result.Log.Count(l => l.EndsWith("{x}", System.StringComparison.Ordinal)), Is.EqualTo(1), "Print(object) prints it as it is");
            Assert.That(result.Log.Any(l => l.Contains("value {x} 42")), Is.True, "Print(\"value {0} {1}\", \"{x}\", 42)");
            Assert.That(result.Errors, Has.Some.Contains("FormatException"), "Print(\"{x}\") with no parameters");
        }

        [Robot(AccessRights = AccessRights.None, TimeZone = TimeZones.UTC)]
        public class BracePrinter : Robot
        {
            protected override void OnStart()
            {
                Print((object)"{x}");
                Print("value {0} {1}", "{x}", 42);
                Print("{x}");
            }
        }
    }
}
