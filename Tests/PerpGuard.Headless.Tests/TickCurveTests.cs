using System;
using System.IO;
using cAlgo.API;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.Simulation;
using PerpGuard.MarketData;

namespace PerpGuard.Headless.Tests
{
    /// <summary>Balance and equity curves of a tick-data run: one point per bar, taken at the bar's close.</summary>
    public class TickCurveTests
    {
        private string _dir = string.Empty;

        [SetUp]
        public void SetUp()
        {
            _dir = Path.Combine(Path.GetTempPath(), "perpguard-tickcurve-tests-" + Guid.NewGuid().ToString("N"));
        }

        [TearDown]
        public void TearDown()
        {
            if (Directory.Exists(_dir))
            {
                Directory.Delete(_dir, true);
            }
        }

        [Test]
        public void RunTicks_StopHitByNextMinutesFirstTick_CurvePointOfMinuteIsBeforeTheStop()
        {
            // Ledger: 10:00:00 buy 0.1 at 60,000, SL 100 pips (pip 1) → 59,900. 10:00:30 bid 60,050: the
            // 10:00 bar closes with the position open — balance 10,000, equity 10,000 + 0.1 × 50 = 10,005.
            // 10:01:00 bid 59,800 gaps through the SL: filled at 59,800, balance 10,000 − 0.1 × 200 = 9,980,
            // which belongs to the 10:01 bar's point, not to the 10:00 one.
            var t0 = new DateTime(2024, 1, 1, 10, 0, 0, DateTimeKind.Utc);
            var options = new BacktestOptions
            {
                Ticks = new[]
                {
                    new QuoteTick(t0, 60000, 60000),
                    new QuoteTick(t0.AddSeconds(30), 60050, 60050),
                    new QuoteTick(t0.AddMinutes(1), 59800, 59800),
                    new QuoteTick(t0.AddMinutes(1).AddSeconds(30), 59800, 59800),
                },
                Symbol = new SimSymbolSpec { Name = "BTCUSD", Digits = 2, PipSize = 1.0, TickSize = 0.01, LotSize = 1, VolumeInUnitsMin = 0.01, VolumeInUnitsStep = 0.01, VolumeInUnitsMax = 100, Leverage = 10 },
                Account = new SimAccountSettings { Balance = 10000, Leverage = 10, StopOutLevel = 50 },
                StorageDirectory = _dir,
            };

            var result = new BacktestEngine(options).Run(AlgoSpec.Of<BuyOnceWithStopRobot>());

            Assert.That(result.Trades, Has.Count.EqualTo(1));
            Assert.That(result.Trades[0].ExitPrice, Is.EqualTo(59800));
            Assert.That(result.BarTimesUtc, Is.EqualTo(new[] { t0, t0.AddMinutes(1) }));
            Assert.That(result.BalanceCurve[0], Is.EqualTo(10000).Within(1e-9));
            Assert.That(result.EquityCurve[0], Is.EqualTo(10005).Within(1e-9));
            Assert.That(result.BalanceCurve[1], Is.EqualTo(9980).Within(1e-9));
            Assert.That(result.EquityCurve[1], Is.EqualTo(9980).Within(1e-9));
        }

        [Robot(TimeZone = TimeZones.UTC, AccessRights = AccessRights.None)]
        public class BuyOnceWithStopRobot : Robot
        {
            private bool _done;

            protected override void OnTick()
            {
                if (!_done)
                {
                    _done = true;
                    ExecuteMarketOrder(TradeType.Buy, SymbolName, 0.1, "t", 100, null);
                }
            }
        }
    }
}
