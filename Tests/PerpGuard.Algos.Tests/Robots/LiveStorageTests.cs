using System;
using System.IO;
using cAlgo.API;
using PerpGuard.Headless.Backtesting;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>
    /// Base of the tests of live instances sharing LocalStorage: a fresh storage folder per test (Type scope shared by
    /// the instances of a run, as on a cTrader device), removed after it.
    /// </summary>
    public abstract class LiveStorageTests
    {
        protected string Storage { get; private set; } = string.Empty;

        [SetUp]
        public void NewStorage() => Storage = Path.Combine(Path.GetTempPath(), "perpguard-live-" + GetType().Name + "-" + Guid.NewGuid().ToString("N"));

        [TearDown]
        public void DeleteStorage()
        {
            if (Directory.Exists(Storage))
            {
                Directory.Delete(Storage, recursive: true);
            }
        }

        /// <summary>One day of the Nautilus BTC-perp minutes (real data, venue not stated) in RealTime mode, LocalStorage in <see cref="Storage"/>.</summary>
        protected BacktestOptions LiveDay(int firstDay = 1)
        {
            var options = RobotRuns.Options(RobotRuns.NautilusDays(1, firstDay), storage: Storage);
            options.RunningMode = RunningMode.RealTime;
            return options;
        }
    }
}
