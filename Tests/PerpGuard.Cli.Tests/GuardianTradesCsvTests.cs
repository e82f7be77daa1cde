using System.Linq;
using PerpGuard.Cli.Backtest;

namespace PerpGuard.Cli.Tests
{
    /// <summary>`perpguard backtest --robot TradeGuardian`: the trades.csv rows a trader reads make sense.</summary>
    public class GuardianTradesCsvTests
    {
        private static BacktestReport? _report;

        private static BacktestReport Report()
        {
            if (_report is null)
            {
                var request = new BacktestRequest { Robot = "TradeGuardian", Bars = 6_000, Seed = 3 };
                var type = RobotCatalog.Find("TradeGuardian", out var problem);
                Assert.That(type, Is.Not.Null, problem);
                _report = BacktestRunner.Run(request, type!, BacktestRunner.LoadBars(request));
            }

            return _report;
        }

        [Test]
        public void Guardian_EveryDealOfAProtectedPosition_HasPlannedRiskAndR()
        {
            var trades = Report().Trades;
            var byStopOrTarget = trades.Where(t => t.CloseReason == "StopLoss" || t.CloseReason == "TakeProfit").ToList();
            var bySizeCut = trades.Where(t => t.CloseReason.EndsWith("AboveCap", System.StringComparison.Ordinal)).ToList();

            Assert.That(byStopOrTarget, Is.Not.Empty);
            Assert.That(bySizeCut, Is.Not.Empty, "the driver opens up to 8x against a 5x cap");
            // A stop or target fill, and a size cut (judged once the stop is on), both come from a position that had a stop.
            Assert.That(byStopOrTarget.Concat(bySizeCut).Where(t => !(t.PlannedRisk > 0) || !t.RMultiple.HasValue).Select(t => t.Id), Is.Empty);
        }

        [Test]
        public void Guardian_PartialCuts_CarryTheirShareOfThePositionsPlannedRisk()
        {
            // Rows of one position (cut slices and the rest) share one planned risk per unit of volume.
            foreach (var position in Report().Trades.Where(t => t.PlannedRisk > 0).GroupBy(t => t.Id).Where(g => g.Count() > 1))
            {
                var perUnit = position.Select(t => t.PlannedRisk / t.Volume).ToList();
                Assert.That(perUnit.Max() - perUnit.Min(), Is.LessThan(1e-9 * perUnit.Max()), $"position {position.Key}");
            }
        }

        [Test]
        public void Guardian_ClosesItMadeItself_NamedByItsReasonNotClosed()
        {
            var reasons = Report().Trades.Select(t => t.CloseReason).Distinct().ToList();

            Assert.That(reasons, Is.SubsetOf(new[]
            {
                "StopLoss", "TakeProfit", "Closed", "Flatten", "KeepFlatWhileHalted", "LeverageAboveCap", "AccountLeverageAboveCap",
                "RiskAboveCap", "StopNotAttached", "StopAlreadyBreached",
            }));
            Assert.That(reasons, Does.Contain("LeverageAboveCap").Or.Contain("AccountLeverageAboveCap"));
        }
    }
}
