using System;
using cAlgo.API.Internals;
using PerpGuard.Risk.Time;

namespace PerpGuard.Algos.Glue
{
    /// <summary>The library's clock over the platform's server time (simulated time in a backtest).</summary>
    internal sealed class RobotClock : IClock
    {
        // The algo's Server, kept: the daily tracker reads the time on every tick, and Algo.TimeInUtc is
        // Server.TimeInUtc behind two more dependent reads (the profile's hottest loads of the bot's OnTick).
        private readonly IServer _server;

        public RobotClock(Algo algo)
        {
            if (algo == null)
            {
                throw new ArgumentNullException(nameof(algo));
            }

            _server = algo.Server;
        }

        public DateTime UtcNow => DateTime.SpecifyKind(_server.TimeInUtc, DateTimeKind.Utc);
    }
}
