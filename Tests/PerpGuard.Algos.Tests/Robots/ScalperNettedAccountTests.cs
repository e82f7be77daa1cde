using System.Collections.Generic;
using System.Linq;
using cAlgo.Robots;
using PerpGuard.Algos.Tests.Indicators;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.Simulation;
using PerpGuard.Risk.Pipeline;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>
    /// cTrader netted accounts hold one position per symbol (REFERENCE.md §11, AccountType {Hedged, Netted}): a market
    /// order on a symbol that already has a position adds to it, reduces it or reverses it. The scalper must never
    /// trade into a position that is not its own there — that would resize, cut or re-stop the trader's position.
    /// </summary>
    public class ScalperNettedAccountTests
    {
        [Test]
        public void Scalper_NettedAccountWithAManualPositionOpen_NoEntryAndTheManualPositionUntouched()
        {
            var options = RobotRuns.Options(RobotRuns.NautilusDays(3));
            options.Account.AccountType = SimAccountType.Netted;
            var manual = new Dictionary<string, string>
            {
                ["Label"] = "Manual",
                ["OpenAtBar"] = "125", // just after the 120 warm-up bars; held to the end, no stop
                ["Side"] = "Buy",
                ["Volume"] = "0.01",
            };

            var result = new BacktestEngine(options).Run(AlgoSpec.Of<ScriptedPositionsRobot>(manual), AlgoSpec.Of<RiskManagedScalper>(RobotRuns.Params()));
            var bot = (RiskManagedScalper)result.Robots[1];

            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            Assert.That(bot.Journal.OfKind(PipelineEventKind.PositionOpened), Is.Empty);
            Assert.That(result.Trades.Where(t => t.Label == "Manual"), Is.Empty, "never cut, closed or stopped out by the scalper's orders");
            Assert.That(bot.RefusedByReason.TryGetValue("NettedPositionOpen", out var refused) ? refused : 0, Is.GreaterThan(0));
        }

        [Test]
        public void Scalper_NettedAccountWithAManualPendingOrder_NoEntry()
        {
            // The trader's buy limit 20,000 below the market rests all run; if it filled, it would net with anything the
            // scalper held on BTCUSD, so the scalper stays out (review finding: only positions were checked).
            var options = RobotRuns.Options(RobotRuns.NautilusDays(3));
            options.Account.AccountType = SimAccountType.Netted;

            var result = new BacktestEngine(options).Run(AlgoSpec.Of<RestingLimitOrderRobot>(), AlgoSpec.Of<RiskManagedScalper>(RobotRuns.Params()));
            var bot = (RiskManagedScalper)result.Robots[1];

            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            Assert.That(((RestingLimitOrderRobot)result.Robots[0]).Placed, Is.True);
            Assert.That(bot.Journal.OfKind(PipelineEventKind.PositionOpened), Is.Empty);
            Assert.That(bot.RefusedByReason.TryGetValue("NettedPositionOpen", out var refused) ? refused : 0, Is.GreaterThan(0));
        }

        [Test]
        public void Scalper_NettedAccountFlat_StillTrades()
        {
            var options = RobotRuns.Options(RobotRuns.NautilusDays(3));
            options.Account.AccountType = SimAccountType.Netted;

            var (_, bot) = RobotRuns.RunScalper(options);

            Assert.That(bot.Journal.OfKind(PipelineEventKind.PositionOpened), Is.Not.Empty);
        }
    }

    /// <summary>A trader's buy limit far below the market, placed at the first tick and left resting.</summary>
    [cAlgo.API.Robot(AccessRights = cAlgo.API.AccessRights.None)]
    public sealed class RestingLimitOrderRobot : cAlgo.API.Robot
    {
        public bool Placed { get; private set; }

        protected override void OnTick()
        {
            if (!Placed)
            {
                Placed = PlaceLimitOrder(cAlgo.API.TradeType.Buy, SymbolName, 0.01, Symbol.Bid - 20_000, "Manual").IsSuccessful;
            }
        }
    }
}
