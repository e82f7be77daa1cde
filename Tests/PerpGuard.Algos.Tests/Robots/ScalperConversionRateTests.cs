using System;
using System.Linq;
using cAlgo.API;
using cAlgo.Robots;
using PerpGuard.Headless.Simulation;
using PerpGuard.MarketData.Generation;
using PerpGuard.Risk.Pipeline;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>
    /// RiskManagedScalper on a EUR account trading BTCUSD: its risk money is in EUR, the stop distance in USD, and the
    /// USD→EUR rate moves (here from 1 to 1.5 EUR per USD after 200 bars). Sizing must use the rate of the moment:
    /// what the stop costs in EUR (distance and both commissions, × 1.5) can never exceed the planned risk. With
    /// the rate read once at start, the bot sized every later trade for 1/1.5 of its real risk.
    /// </summary>
    public class ScalperConversionRateTests
    {
        [Test]
        public void Scalper_AccountCurrencyRateMoves_SizesAtTheNewRate()
        {
            var bars = SyntheticBarGenerator.Generate(new SyntheticBarOptions { Seed = 1, Bars = 3 * 1440 }).Bars;
            var options = RobotRuns.Options(bars);
            options.Account.Currency = "EUR";
            RateShifterAtBar200.Spec = options.Symbol;

            var result = new PerpGuard.Headless.Backtesting.BacktestEngine(options).Run(
                PerpGuard.Headless.Backtesting.AlgoSpec.Of<RateShifterAtBar200>(),
                PerpGuard.Headless.Backtesting.AlgoSpec.Of<RiskManagedScalper>(RobotRuns.Params()));

            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            var shiftedAt = ((RateShifterAtBar200)result.Robots[0]).ShiftedAtUtc;
            Assert.That(shiftedAt, Is.Not.Null);
            var planned = ((RiskManagedScalper)result.Robots[1]).Journal.OfKind(PipelineEventKind.EntryPlanned).Where(e => e.Utc > shiftedAt!.Value).ToList();
            Assert.That(planned, Is.Not.Empty, "entries after the rate moved");
            foreach (var e in planned)
            {
                // What the stop really costs in EUR: the stop distance plus 0.05 % commission on the entry and on
                // the exit at the stop, per BTC in USD, × 1.5 EUR per USD.
                var perBtcUsd = Math.Abs(e.Price - e.StopLoss) + (0.0005 * (e.Price + e.StopLoss));
                var riskEur = e.Volume * perBtcUsd * 1.5;
                Assert.That(riskEur, Is.LessThanOrEqualTo(e.PlannedRisk * (1 + 1e-6)), e.Utc.ToString("O"));
            }
        }

        /// <summary>Moves the symbol's USD→account rate from 1 to 1.5 when the 200th bar of the run opens.</summary>
        [Robot(AccessRights = AccessRights.None, TimeZone = TimeZones.UTC)]
        public class RateShifterAtBar200 : Robot
        {
            private int _bars;

            public static SimSymbolSpec? Spec { get; set; }

            public DateTime? ShiftedAtUtc { get; private set; }

            protected override void OnBar()
            {
                if (++_bars == 200 && Spec != null)
                {
                    Spec.QuoteToAccountRate = 1.5;
                    ShiftedAtUtc = Server.Time;
                }
            }
        }
    }
}
