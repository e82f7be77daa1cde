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
            var lines = File.ReadAllLines(Path.Combine(_dir, "trades.csv"));
            var header = lines[0].Split(',');
            int Column(string name)
            {
                var i = Array.IndexOf(header, name);
                Assert.That(i, Is.GreaterThanOrEqualTo(0), "trades.csv column " + name);
                return i;
            }

            int id = Column("id"), side = Column("side"), exitPrice = Column("exitPrice"), stopLoss = Column("stopLoss"), swapCol = Column("swap"), closeReason = Column("closeReason");
            var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
            var beyond = File.ReadAllLines(Path.Combine(_dir, "journal.jsonl")).Select(JObject.Parse)
                .Where(j => (string)j["kind"]! == "LossBeyondPlan").ToList();
            var swapCases = 0;
            foreach (var e in beyond)
            {
                // The position's last row (its close), its columns found by the header's names.
                var last = rows.Last(r => r[id] == ((long)e["positionId"]!).ToString(CultureInfo.InvariantCulture));
                var exit = double.Parse(last[exitPrice], CultureInfo.InvariantCulture);
                var stop = double.Parse(last[stopLoss], CultureInfo.InvariantCulture);
                var gapped = last[side] == "Buy" ? exit < stop : exit > stop;
                var swap = double.Parse(last[swapCol], CultureInfo.InvariantCulture);
                if (last[closeReason] == "StopLoss" && !gapped && swap < 0)
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
