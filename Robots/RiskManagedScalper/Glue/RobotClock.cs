using System;
using cAlgo.API.Internals;
using PerpGuard.Risk.Time;

namespace PerpGuard.Algos.Glue
{
    /// <summary>The library's clock over the platform's server time (simulated time in a backtest).</summary>
    internal sealed class RobotClock : IClock
    {
        private readonly Algo _algo;

        public RobotClock(Algo algo)
        {
            _algo = algo ?? throw new ArgumentNullException(nameof(algo));
        }

        public DateTime UtcNow => DateTime.SpecifyKind(_algo.TimeInUtc, DateTimeKind.Utc);
    }
}
