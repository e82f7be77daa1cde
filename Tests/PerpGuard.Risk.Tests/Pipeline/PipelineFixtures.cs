using System;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Time;

namespace PerpGuard.Risk.Tests.Pipeline
{
    /// <summary>A clock the test moves by hand.</summary>
    internal sealed class ManualClock : IClock
    {
        public ManualClock(DateTime utc)
        {
            UtcNow = utc;
        }

        public DateTime UtcNow { get; set; }

        public void Advance(TimeSpan by) => UtcNow += by;
    }

    /// <summary>Realistic test symbols and account states, from one place.</summary>
    internal static class PipelineFixtures
    {
        public static readonly DateTime Noon = new DateTime(2022, 1, 10, 12, 0, 0, DateTimeKind.Utc);

        /// <summary>
        /// BTCUSD as in the founders' worked example (issue 2): tick 0.01, pip 1 (so pips = USD),
        /// volume step and minimum 0.01 BTC, 0.05 % per side.
        /// </summary>
        public static InstrumentSpec BtcUsd(double volumeMin = 0.01, double feePercent = 0.05) => new InstrumentSpec(
            "BTCUSD",
            tickSize: 0.01,
            volumeMin: volumeMin,
            volumeStep: 0.01,
            volumeMax: 100,
            pipSize: 1,
            lotSize: 1,
            commission: feePercent > 0 ? CommissionModel.PercentOfVolume(Fraction.FromPercent(feePercent)) : CommissionModel.None,
            baseAsset: "BTC",
            quoteAsset: "USD");

        /// <summary>A started daily tracker on a USD account (defaults: −2 % / +3 %, reset 00:00 UTC).</summary>
        public static DailyRiskTracker StartedTracker(IClock clock, double equity = 10_000, DailyLimitsOptions? options = null)
        {
            var tracker = new DailyRiskTracker(options ?? new DailyLimitsOptions { CooldownAfterLoss = TimeSpan.Zero, MaxCooldown = TimeSpan.Zero }, clock);
            tracker.Start(new Money(equity, "USD"), new Money(equity, "USD"));
            return tracker;
        }
    }
}
