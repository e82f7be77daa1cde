using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using cAlgo.API;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.Tests.Samples;

namespace PerpGuard.Headless.Tests
{
    public class RobotRunTests
    {
        private string _dir = string.Empty;

        [SetUp]
        public void SetUp()
        {
            _dir = Path.Combine(Path.GetTempPath(), "perpguard-h3-tests-" + Guid.NewGuid().ToString("N"));
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
        public void SampleSmaCross_RandomWalk_TradesWithStopsAndLedgerBalances()
        {
            var result = new BacktestEngine(TestBars.Options(TestBars.RandomWalk(3000, 7), storage: _dir)).Run(AlgoSpec.Of<SampleSmaCrossRobot>());

            Assert.That(result.Errors, Is.Empty);
            Assert.That(result.Trades.Count, Is.GreaterThan(5));
            Assert.That(result.Trades.All(t => t.StopLoss.HasValue && t.TakeProfit.HasValue), Is.True, "every trade carried its SL/TP");
            Assert.That(result.Trades.All(t => t.Label == "SampleSmaCross"), Is.True);
            var closedNet = result.Trades.Sum(t => t.NetProfit);
            Assert.That(result.FinalBalance, Is.EqualTo(result.InitialBalance + closedNet).Within(1e-6), "balance = initial + Σ net of closing deals");
            Assert.That(result.BarsSimulated, Is.EqualTo(3000));
            Assert.That(result.BalanceCurve, Has.Length.EqualTo(3000));
        }

        [Test]
        public void MarketBuyAtBarOpen_FixedSpread_FillsAtAskOfTheOpenQuote()
        {
            // OnBar runs at the first quote of a new bar: bid = that bar's open, ask = open + 0.5 (fixed spread).
            var bars = TestBars.Six();
            var result = new BacktestEngine(TestBars.Options(bars)).Run(AlgoSpec.Of<BuyOnThirdBarRobot>());
            var robot = (BuyOnThirdBarRobot)result.Robots[0];

            Assert.That(robot.EntryPrice, Is.EqualTo(bars[2].Open + 0.5));
            Assert.That(robot.EntryTime, Is.EqualTo(TestBars.Start.AddMinutes(2)));
        }

        [Test]
        public void Guardian_ManualTradesFromAnotherRobot_EachGetsAStop()
        {
            var result = new BacktestEngine(TestBars.Options(TestBars.RandomWalk(600, 3), storage: _dir))
                .Run(AlgoSpec.Of<ManualTraderRobot>(), AlgoSpec.Of<StopAttachingRobot>());
            var guardian = (StopAttachingRobot)result.Robots[1];

            Assert.That(result.Trades.Count, Is.GreaterThan(10));
            Assert.That(guardian.Protected, Is.EqualTo(result.Trades.Select(t => t.PositionId).Distinct().Count() + result.OpenPositionsAtEnd));
            Assert.That(result.Trades.All(t => t.StopLoss.HasValue), Is.True, "the guardian protected every manual position");
        }

        [Test]
        public void PositionEvents_AfterARobotStopped_NoLongerDelivered()
        {
            // The manual trader opens at bars 20, 40, 60, 80 and closes at 30, 50, 70, 90; the listener stops itself at
            // bar 45. cTrader delivers nothing to a stopped robot: its handlers (a method, a lambda over `this`, a
            // lambda over a local, a lambda in an inner block) hear the open at 20, the close at 30 and the open at 40,
            // and nothing after.
            var result = new BacktestEngine(TestBars.Options(TestBars.RandomWalk(120, 3))).Run(AlgoSpec.Of<ManualTraderRobot>(), AlgoSpec.Of<StoppingListenerRobot>());
            var listener = (StoppingListenerRobot)result.Robots[1];

            Assert.That(result.Trades.Count(t => t.ExitTimeUtc > listener.StoppedAt), Is.GreaterThanOrEqualTo(3), "events did happen after the stop");
            Assert.That((listener.Opened, listener.Closed, listener.ClosedByLocal, listener.OpenedByInner), Is.EqualTo((2, 1, 1, 2)));
            Assert.That(listener.LastEvent, Is.LessThan(listener.StoppedAt));
        }

        [Test]
        public void LocalStorage_RestartWithSameDirectory_StateSurvivesAndFileIsComplete()
        {
            var options = TestBars.Options(TestBars.Six(), storage: _dir);

            new BacktestEngine(options).Run(AlgoSpec.Of<CountingStorageRobot>());
            var second = new BacktestEngine(options).Run(AlgoSpec.Of<CountingStorageRobot>());

            var robot = (CountingStorageRobot)second.Robots[0];
            Assert.That(robot.StartsSeen, Is.EqualTo(1), "the second run read what the first flushed");
            Assert.That(robot.Restored!.Note, Is.EqualTo("run 1"));
            var file = Path.Combine(_dir, "instance", nameof(CountingStorageRobot) + ".json");
            Assert.That(File.Exists(file), Is.True);
            Assert.That(File.Exists(file + ".tmp"), Is.False, "written through a temp file that was moved into place");
            Assert.That(File.ReadAllText(file), Does.Contain("\"starts\": \"2\""));
        }

        [Test]
        public void LocalStorage_UnflushedValues_AreFlushedWhenTheRobotStops()
        {
            var options = TestBars.Options(TestBars.Six(), storage: _dir);

            new BacktestEngine(options).Run(AlgoSpec.Of<UnflushedStorageRobot>());
            var storage = new PerpGuard.Headless.Runtime.FileLocalStorage(_dir, nameof(UnflushedStorageRobot), "x");

            Assert.That(storage.GetString("k"), Is.EqualTo("v"));
            Assert.That(storage.GetString("device", LocalStorageScope.Device), Is.EqualTo("d"));
        }

        [Test]
        public void LocalStorage_NoDirectoryGiven_KeptInMemoryForTheRunAndNoFolderWritten()
        {
            // cTrader's backtests keep LocalStorage in memory: without a folder a run starts empty, writes nothing to
            // disk (it used to leave a perpguard-storage-<guid> folder in the temp folder on every run) and the next
            // run starts empty again.
            static string[] StorageFolders() => Directory.GetDirectories(Path.GetTempPath(), "perpguard-storage-*");
            var before = StorageFolders();
            var options = TestBars.Options(TestBars.Six());

            var first = new BacktestEngine(options).Run(AlgoSpec.Of<CountingStorageRobot>());
            var second = new BacktestEngine(options).Run(AlgoSpec.Of<CountingStorageRobot>());

            Assert.That(((CountingStorageRobot)first.Robots[0]).StartsSeen, Is.EqualTo(0));
            Assert.That(((CountingStorageRobot)second.Robots[0]).StartsSeen, Is.EqualTo(0), "nothing carried over between runs");
            Assert.That(second.StorageDirectory, Is.Empty);
            Assert.That(StorageFolders(), Is.EquivalentTo(before));
        }

        [TestCase("USD", 2)]
        [TestCase("BTC", 8)]
        public void AccountAsset_MoneyDigitsOfTheAccount_AreTheAssetsDigits(string currency, int digits)
        {
            // A BTC-denominated account books money to the satoshi (8 decimals), a USD one to the cent.
            var options = TestBars.Options(TestBars.Six());
            options.Account = new PerpGuard.Headless.Simulation.SimAccountSettings { Currency = currency, MoneyDigits = digits };

            var robot = (AccountAssetRobot)new BacktestEngine(options).Run(AlgoSpec.Of<AccountAssetRobot>()).Robots[0];

            Assert.That((robot.Name, robot.Digits), Is.EqualTo((currency, digits)));
        }

        [TestCase(7, 3)]
        [TestCase(1, 2)]
        public void TimeZone_EasternEuropeRobot_ServerTimeAndBarsInZoneUtcInUtc(int month, int offsetHours)
        {
            // E. Europe Standard Time is UTC+2 in winter, UTC+3 in summer (EEST).
            var start = new DateTime(2024, month, 1, 0, 0, 0, DateTimeKind.Utc);
            var result = new BacktestEngine(TestBars.Options(TestBars.Six(start))).Run(AlgoSpec.Of<EasternEuropeClockRobot>());
            var robot = (EasternEuropeClockRobot)result.Robots[0];

            Assert.That(robot.ServerTime, Is.EqualTo(start.AddHours(offsetHours)));
            Assert.That(robot.ObservedTime, Is.EqualTo(robot.ServerTime));
            Assert.That(robot.BarOpenTime, Is.EqualTo(start.AddHours(offsetHours)));
            Assert.That(robot.ObservedUtc, Is.EqualTo(start));
            Assert.That(robot.ObservedUtc.Kind, Is.EqualTo(DateTimeKind.Utc));
        }

        [Test]
        public void Run_TwiceWithSameInputs_GivesIdenticalResults()
        {
            BacktestResult Once() => new BacktestEngine(TestBars.Options(TestBars.RandomWalk(2000, 11), storage: _dir)).Run(AlgoSpec.Of<SampleSmaCrossRobot>());

            var a = Once();
            var b = Once();

            Assert.That(b.Trades.Select(Describe), Is.EqualTo(a.Trades.Select(Describe)));
            Assert.That(b.EquityCurve, Is.EqualTo(a.EquityCurve));
            Assert.That(b.BalanceCurve, Is.EqualTo(a.BalanceCurve));
            Assert.That(b.Log, Is.EqualTo(a.Log));
        }

        [Test]
        public void Stop_CalledByRobot_RunsOnStopOnceAndEndsTheRun()
        {
            var result = new BacktestEngine(TestBars.Options(TestBars.Six())).Run(AlgoSpec.Of<StopAfterTwoBarsRobot>());
            var robot = (StopAfterTwoBarsRobot)result.Robots[0];

            Assert.That(robot.Stops, Is.EqualTo(1));
            Assert.That(result.BarsSimulated, Is.EqualTo(3), "bars 0..2 ran; the run ended when the only robot stopped");
            Assert.That(result.Log.Last(), Does.EndWith("stopping"));
        }

        [Test]
        public void UnhandledException_RobotWithoutOnException_IsStoppedAndReported()
        {
            var result = new BacktestEngine(TestBars.Options(TestBars.Six())).Run(AlgoSpec.Of<ThrowingRobot>());

            Assert.That(result.Errors.Single(), Does.Contain("InvalidOperationException").And.Contain("boom"));
            Assert.That(((ThrowingRobot)result.Robots[0]).Stopped, Is.True);
        }

        [Test]
        public void FailedOrder_BadVolume_CallsOnErrorWithTheCode()
        {
            var result = new BacktestEngine(TestBars.Options(TestBars.Six())).Run(AlgoSpec.Of<TooSmallOrderRobot>());
            var robot = (TooSmallOrderRobot)result.Robots[0];

            Assert.That(robot.Errors, Is.EqualTo(new[] { ErrorCode.BadVolume }));
            Assert.That(robot.LastResult.IsSuccessful, Is.False);
        }

        private static string Describe(ClosedTradeRecord t) => FormattableString.Invariant(
            $"{t.PositionId}|{t.Side}|{t.EntryTimeUtc:O}|{t.EntryPrice}|{t.ExitTimeUtc:O}|{t.ExitPrice}|{t.VolumeInUnits}|{t.NetProfit}|{t.CloseReason}");

        public class BuyOnThirdBarRobot : Robot
        {
            public double EntryPrice { get; private set; }

            public DateTime EntryTime { get; private set; }

            protected override void OnBar()
            {
                if (Bars.Count == 3)
                {
                    var r = ExecuteMarketOrder(TradeType.Buy, SymbolName, 0.1, "t");
                    EntryPrice = r.Position.EntryPrice;
                    EntryTime = r.Position.EntryTime;
                }
            }
        }

        /// <summary>Opens a stop-less "manual" trade every 20 bars and closes it 10 bars later.</summary>
        public class ManualTraderRobot : Robot
        {
            protected override void OnBar()
            {
                if (Bars.Count % 20 == 0)
                {
                    ExecuteMarketOrder(Bars.Count % 40 == 0 ? TradeType.Sell : TradeType.Buy, SymbolName, 0.05, "manual");
                }
                else if (Bars.Count % 20 == 10)
                {
                    foreach (var p in Positions.FindAll("manual"))
                    {
                        ClosePosition(p);
                    }
                }
            }
        }

        public class StoppingListenerRobot : Robot
        {
            public int Opened { get; private set; }

            public int Closed { get; private set; }

            public int ClosedByLocal { get; private set; }

            public int OpenedByInner { get; private set; }

            public DateTime LastEvent { get; private set; }

            public DateTime StoppedAt { get; private set; } = DateTime.MaxValue;

            protected override void OnStart()
            {
                Positions.Opened += OnOpened;
                Positions.Closed += args =>
                {
                    Closed++;
                    LastEvent = Server.Time;
                };
                var counter = new int[1];
                Positions.Closed += args =>
                {
                    counter[0]++;
                    ClosedByLocal = counter[0];
                };
                for (var i = 0; i < 1; i++)
                {
                    // A lambda in an inner block: its closure reaches the robot through the outer block's closure.
                    var inner = new int[1];
                    Positions.Opened += args =>
                    {
                        inner[0]++;
                        counter[0] += 0;
                        OpenedByInner = inner[0];
                    };
                }
            }

            protected override void OnBar()
            {
                if (Bars.Count == 45)
                {
                    StoppedAt = Server.Time;
                    Stop();
                }
            }

            private void OnOpened(PositionOpenedEventArgs args)
            {
                Opened++;
                LastEvent = Server.Time;
            }
        }

        /// <summary>Attaches a 50-pip stop to any position opened without one, on the Opened event.</summary>
        public class StopAttachingRobot : Robot
        {
            public int Protected { get; private set; }

            protected override void OnStart()
            {
                Positions.Opened += args =>
                {
                    if (!args.Position.StopLoss.HasValue && args.Position.ModifyStopLossPips(50).IsSuccessful)
                    {
                        Protected++;
                    }
                };
            }
        }

        public class StoredNote
        {
            public string Note { get; set; } = string.Empty;

            public int Count { get; set; }
        }

        public class CountingStorageRobot : Robot
        {
            public int StartsSeen { get; private set; }

            public StoredNote? Restored { get; private set; }

            protected override void OnStart()
            {
                var text = LocalStorage.GetString("starts");
                StartsSeen = text == null ? 0 : int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
                Restored = LocalStorage.GetObject<StoredNote>("note");
                LocalStorage.SetString("starts", (StartsSeen + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                LocalStorage.SetObject("note", new StoredNote { Note = "run " + (StartsSeen + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Count = StartsSeen + 1 });
                LocalStorage.Flush(LocalStorageScope.Instance);
            }
        }

        public class AccountAssetRobot : Robot
        {
            public string Name { get; private set; } = string.Empty;

            public int Digits { get; private set; }

            protected override void OnStart()
            {
                Name = Account.Asset.Name;
                Digits = Account.Asset.Digits;
            }
        }

        public class UnflushedStorageRobot : Robot
        {
            protected override void OnStart()
            {
                LocalStorage.SetString("k", "v");
                LocalStorage.SetString("device", "d", LocalStorageScope.Device);
            }
        }

        [Robot(TimeZone = TimeZones.EEuropeStandardTime, AccessRights = AccessRights.None)]
        public class EasternEuropeClockRobot : Robot
        {
            public DateTime ServerTime { get; private set; }

            public DateTime ObservedTime { get; private set; }

            public DateTime ObservedUtc { get; private set; }

            public DateTime BarOpenTime { get; private set; }

            private bool _done;

            protected override void OnTick()
            {
                if (_done)
                {
                    return;
                }

                _done = true;
                ServerTime = Server.Time;
                ObservedTime = Time;
                ObservedUtc = TimeInUtc;
                BarOpenTime = Bars.OpenTimes.LastValue;
            }
        }

        public class StopAfterTwoBarsRobot : Robot
        {
            public int Stops { get; private set; }

            protected override void OnBar()
            {
                if (Bars.Count == 3)
                {
                    Stop();
                }
            }

            protected override void OnStop()
            {
                Stops++;
                Print("stopping");
            }
        }

        public class ThrowingRobot : Robot
        {
            public bool Stopped { get; private set; }

            protected override void OnBar() => throw new InvalidOperationException("boom");

            protected override void OnStop() => Stopped = true;
        }

        public class TooSmallOrderRobot : Robot
        {
            public List<ErrorCode> Errors { get; } = new List<ErrorCode>();

            private bool _sent;

            protected override void OnTick()
            {
                if (!_sent)
                {
                    _sent = true;
                    ExecuteMarketOrder(TradeType.Buy, SymbolName, 0.001);
                }
            }

            protected override void OnError(Error error) => Errors.Add(error.Code);
        }
    }
}
