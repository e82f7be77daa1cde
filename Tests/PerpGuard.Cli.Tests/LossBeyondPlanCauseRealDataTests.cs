using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Newtonsoft.Json.Linq;
using PerpGuard.Tests.Common;

namespace PerpGuard.Cli.Tests
{
    /// <summary>
    /// Both bots on the freqtrade XRP 1h candles with their 8h funding (2026-11-26 data review): stops filled exactly at
    /// their price lost a few tenths beyond the plan through funding, and the journal called each a GapThroughStop.
    /// Every LossBeyondPlan must now name its cause: a gap only when the exit is beyond the stop.
    /// </summary>
    public class LossBeyondPlanCauseRealDataTests
    {
        private string _dir = string.Empty;

        [SetUp]
        public void SetUp() => _dir = Path.Combine(Path.GetTempPath(), "perpguard-lbp-" + Guid.NewGuid().ToString("N"));

        [TearDown]
        public void TearDown()
        {
            if (Directory.Exists(_dir))
            {
                Directory.Delete(_dir, true);
            }
        }

        [TestCase("RiskManagedScalper")]
        [TestCase("TradeGuardian")]
        public void Backtest_Xrp1hWithFunding_StopAtItsPriceIsSwapNotGap(string robot)
        {
            var data = SharedData.RequireFile("freqtrade-xrp-usdt-perp/XRP_USDT_USDT-1h-futures.json");
            var funding = SharedData.RequireFile("freqtrade-xrp-usdt-perp/XRP_USDT_USDT-8h-funding_rate.json");

            var (code, _, err) = BacktestCommandTests.RunCli("backtest", "--robot", robot, "--data", data, "--funding", funding, "--json", "--out", _dir);

            Assert.That(code, Is.EqualTo(0), err);
            var rows = File.ReadAllLines(Path.Combine(_dir, "trades.csv")).Skip(1).Select(l => l.Split(',')).ToList();
            var beyond = File.ReadAllLines(Path.Combine(_dir, "journal.jsonl")).Select(JObject.Parse)
                .Where(j => (string)j["kind"]! == "LossBeyondPlan").ToList();
            var swapCases = 0;
            foreach (var e in beyond)
            {
                // The position's last row: columns side 2, exitPrice 6, stopLoss 8, swap 13, closeReason 16.
                var last = rows.Last(r => r[0] == ((long)e["positionId"]!).ToString(CultureInfo.InvariantCulture));
                var exit = double.Parse(last[6], CultureInfo.InvariantCulture);
                var stop = double.Parse(last[8], CultureInfo.InvariantCulture);
                var gapped = last[2] == "Buy" ? exit < stop : exit > stop;
                var swap = double.Parse(last[13], CultureInfo.InvariantCulture);
                if (last[16] == "StopLoss" && !gapped && swap < 0)
                {
                    swapCases++;
                    Assert.That((string)e["reason"]!, Is.EqualTo("SwapBeyondPlan"), $"position {e["positionId"]}: stopped at its price {stop}, funding {swap}");
                }
                else if ((string)e["reason"]! == "GapThroughStop")
                {
                    Assert.That(gapped, Is.True, $"position {e["positionId"]}: a gap journaled for an exit {exit} at the stop {stop}");
                }
            }

            // On this data the scalper has three such stops (positions 3, 5, 6) and the guardian one (position 2).
            Assert.That(swapCases, Is.GreaterThan(0), "the data has stops at their price that paid funding");
        }
    }
}
