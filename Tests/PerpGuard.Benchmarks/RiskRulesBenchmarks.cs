using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Filters;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Rules;
using PerpGuard.Risk.Time;

namespace PerpGuard.Benchmarks
{
    /// <summary>
    /// The per-tick risk path of a bot: update the daily tracker with balance and equity, then ask
    /// the standard pipeline (daily rules + every market filter switched on) about an entry.
    /// Expected: 0 B allocated per operation.
    /// </summary>
    [MemoryDiagnoser]
    public class RiskRulesBenchmarks
    {
        private SteppingClock _clock = null!;
        private DailyRiskTracker _tracker = null!;
        private RiskPipeline _pipeline = null!;
        private Money _balance;
        private Money _equity;
        private MarketSnapshot _market;

        [GlobalSetup]
        public void Setup()
        {
            _clock = new SteppingClock(new DateTime(2026, 7, 1, 9, 0, 0, DateTimeKind.Utc));
            var daily = new DailyLimitsOptions { ResetTimeZone = "America/New_York", ResetTimeOfDay = TimeSpan.FromHours(17) };
            var market = new MarketFilterOptions
            {
                SpreadKind = SpreadLimitKind.FractionOfStop,
                MaxSpread = 0.2,
                AtrMin = Fraction.FromPercent(0.01),
                AtrMax = Fraction.FromPercent(2),
                TradingTimeZone = "Europe/London",
                TradingWindows = new List<TradingWindow> { new TradingWindow(TimeSpan.FromHours(0), TimeSpan.FromHours(0), WeekDays.All) },
            };
            _tracker = new DailyRiskTracker(daily, _clock);
            _balance = new Money(10_000, "USD");
            _equity = new Money(10_010, "USD");
            _tracker.Start(_balance, _equity);
            _pipeline = RiskPipelines.Standard(daily, market);
            _market = new MarketSnapshot(60_000, 60_012, 150);
        }

        [Benchmark]
        public void TrackerUpdate()
        {
            _clock.Step();
            _tracker.Update(_balance, _equity);
        }

        [Benchmark]
        public RiskDecision PipelineEvaluate()
        {
            var context = new RiskContext(_clock.UtcNow, OrderIntent.Entry, _tracker.Status, _market, 300, 97.16);
            return _pipeline.Evaluate(context);
        }

        [Benchmark]
        public RiskDecision UpdateThenEvaluate()
        {
            _clock.Step();
            _tracker.Update(_balance, _equity);
            var context = new RiskContext(_clock.UtcNow, OrderIntent.Entry, _tracker.Status, _market, 300, 97.16);
            return _pipeline.Evaluate(context);
        }

        private sealed class SteppingClock : IClock
        {
            public SteppingClock(DateTime start)
            {
                UtcNow = start;
            }

            public DateTime UtcNow { get; private set; }

            // A quarter-second per tick: long runs cross day resets too.
            public void Step() => UtcNow = UtcNow.AddTicks(TimeSpan.TicksPerSecond / 4);
        }
    }
}
