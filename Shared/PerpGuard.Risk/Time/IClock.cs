using System;

namespace PerpGuard.Risk.Time
{
    /// <summary>
    /// The only source of "now" in the risk library. Algos pass Server.Time (simulated time in a
    /// backtest); tests pass a fake clock they can advance. Always UTC.
    /// </summary>
    public interface IClock
    {
        DateTime UtcNow { get; }
    }
}
