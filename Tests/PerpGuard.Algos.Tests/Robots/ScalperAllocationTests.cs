using System;
using System.Collections.Generic;
using System.Globalization;
using cAlgo.API;
using cAlgo.Robots;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.Simulation;
using PerpGuard.MarketData;
using PerpGuard.MarketData.Generation;
using PerpGuard.Risk.Daily;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>
    /// Issue 3: the scalper's OnTick and OnBar allocate nothing on a bar where it journals nothing and opens or
    /// closes nothing and its trading day does not end (the day's summary line is printed then) — flat, holding a
    /// position (trailing and break-even evaluated every tick), and on halted or reducing days whose repeated refusals
    /// are only counted. Measured with the exact per-thread allocation counter
    /// around each callback of the real bot over the CLI's default run (a generated month), after a warm-up day.
    /// </summary>
    public class ScalperAllocationTests
    {
        private static MeteredScalper? _month;

        [Test]
        public void OnTickAndOnBar_GeneratedMonthWithoutEvents_AllocateZeroBytes()
        {
            var bot = Month();

            TestContext.Out.WriteLine(bot.Summary());
            Assert.That(bot.CleanBytes, Is.EqualTo(0), bot.Summary());
        }

        [Test]
        public void OnTickAndOnBar_GeneratedMonth_CoverFlatHoldingAndHaltedStretches()
        {
            // The zero above means something only if every steady state was measured many times.
            var bot = Month();

            Assert.That(bot.CleanCalls[(int)Stretch.Flat], Is.GreaterThan(10_000), bot.Summary());
            Assert.That(bot.CleanCalls[(int)Stretch.Holding], Is.GreaterThan(1_000), bot.Summary());
            Assert.That(bot.CleanCalls[(int)Stretch.NoEntries], Is.GreaterThan(1_000), bot.Summary());
            Assert.That(bot.CleanBars[(int)Stretch.NoEntries], Is.GreaterThan(100), "OnBar with a signal refused as a repeat " + bot.Summary());
        }

        [Test]
        public void Journal_GeneratedMonth_IndexAndEnumerationAgreeAcrossChunks()
        {
            // The journal is kept in chunks of 512 events; a month holds several thousand.
            var journal = Month().Journal;
            var enumerated = new List<PerpGuard.Risk.Pipeline.PipelineEvent>(journal);

            Assert.That(journal.Count, Is.GreaterThan(1_100));
            Assert.That(enumerated, Has.Count.EqualTo(journal.Count));
            for (var i = 0; i < journal.Count; i++)
            {
                Assert.That(journal[i], Is.Not.Null.And.SameAs(enumerated[i]), "event " + i.ToString(CultureInfo.InvariantCulture));
                if (i > 0)
                {
                    Assert.That(journal[i].Utc, Is.GreaterThanOrEqualTo(journal[i - 1].Utc), "in time order at " + i.ToString(CultureInfo.InvariantCulture));
                }
            }

            Assert.That(() => journal[journal.Count], Throws.TypeOf<ArgumentOutOfRangeException>());
        }

        [Test]
        public void Meter_OneAllocationInsideACallback_IsCounted()
        {
            // The meter itself: a bot that allocates one small array every 500th call must not measure zero.
            var bars = Generated(3 * 1440);
            var result = new BacktestEngine(CliOptions(bars)).Run(AlgoSpec.Of<LeakyMeteredScalper>(CliParams()));
            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            var bot = (LeakyMeteredScalper)result.Robots[0];

            Assert.That(bot.Leaks, Is.GreaterThan(0));
            Assert.That(bot.CleanBytes, Is.GreaterThan(0), bot.Summary());
        }

        private static MeteredScalper Month()
        {
            if (_month is null)
            {
                var result = new BacktestEngine(CliOptions(Generated(SyntheticBarOptions.DefaultBars))).Run(AlgoSpec.Of<MeteredScalper>(CliParams()));
                Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
                _month = (MeteredScalper)result.Robots[0];
            }

            return _month;
        }

        private static MarketBar[] Generated(int bars) => SyntheticBarGenerator.Generate(new SyntheticBarOptions { Seed = 1, Bars = bars }).Bars;

        /// <summary>As the CLI runs its default backtest (and the FullPipeline benchmark): 0.02 % spread, 10,000 USD.</summary>
        private static BacktestOptions CliOptions(MarketBar[] bars) => new BacktestOptions
        {
            Bars = bars,
            Symbol = new SimSymbolSpec { Name = "BTCUSD" },
            Account = new SimAccountSettings { Balance = 10_000, Currency = "USD" },
            Spread = SimSpreadModel.Fixed(Math.Round(bars[0].Close * 0.0002, 8)),
            Seed = 1,
        };

        private static Dictionary<string, string> CliParams() => new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["JournalEnabled"] = "false",
            ["PrintDecisions"] = "false",
        };
    }

    internal enum Stretch
    {
        Flat = 0,
        Holding = 1,
        NoEntries = 2,
    }

    /// <summary>
    /// The real scalper with an allocation meter around OnTick and OnBar. A call is "clean" when it journals no
    /// event and opens or closes no position; clean calls after the first day (indicator and JIT warm-up) must
    /// allocate nothing. The meter's own bookkeeping is preallocated and runs outside the measured region.
    /// </summary>
    [Robot(AccessRights = AccessRights.None, TimeZone = TimeZones.UTC)]
    public class MeteredScalper : RiskManagedScalper
    {
        private const int WarmupBars = 1440;
        private const int MaxSamples = 8;

        private readonly string[] _samples = new string[MaxSamples];
        private int _sampleCount;

        public long CleanBytes { get; private set; }

        public long[] CleanCalls { get; } = new long[3];

        public long[] CleanBars { get; } = new long[3];

        public string Summary()
        {
            var text = string.Format(CultureInfo.InvariantCulture, "clean calls flat {0}, holding {1}, no-entries {2}; clean bars with a refused repeat {3}; {4} B in clean calls",
                CleanCalls[0], CleanCalls[1], CleanCalls[2], CleanBars[2], CleanBytes);
            return _sampleCount == 0 ? text : text + "; first: " + string.Join(", ", _samples, 0, _sampleCount);
        }

        protected override void OnTick()
        {
            var before = Snapshot();
            var start = GC.GetAllocatedBytesForCurrentThread();
            base.OnTick();
            Leak();
            var bytes = GC.GetAllocatedBytesForCurrentThread() - start;
            Record(before, bytes, isBar: false);
        }

        protected override void OnBar()
        {
            var before = Snapshot();
            var refusedBefore = RefusedTotal();
            var start = GC.GetAllocatedBytesForCurrentThread();
            base.OnBar();
            Leak();
            var bytes = GC.GetAllocatedBytesForCurrentThread() - start;
            var counted = RefusedTotal() != refusedBefore;
            if (Record(before, bytes, isBar: true) && counted)
            {
                CleanBars[(int)before.Stretch]++;
            }
        }

        /// <summary>Called inside the measured region; the leaky variant allocates here.</summary>
        protected virtual void Leak()
        {
        }

        private (int Events, int Positions, int History, Stretch Stretch, long Day) Snapshot()
        {
            var status = DailyStatus;
            var stretch = Positions.Count > 0 ? Stretch.Holding : status.IsStarted && !status.AcceptsEntries ? Stretch.NoEntries : Stretch.Flat;
            return (Journal.Count, Positions.Count, History.Count, stretch, status.Day.Date.DayNumber);
        }

        private int RefusedTotal()
        {
            var n = 0;
            foreach (var pair in RefusedByReason)
            {
                n += pair.Value;
            }

            return n;
        }

        private bool Record((int Events, int Positions, int History, Stretch Stretch, long Day) before, long bytes, bool isBar)
        {
            if (Bars.Count <= WarmupBars || Journal.Count != before.Events || Positions.Count != before.Positions || History.Count != before.History
                || DailyStatus.Day.Date.DayNumber != before.Day)
            {
                return false;
            }

            CleanCalls[(int)before.Stretch]++;
            CleanBytes += bytes;
            if (bytes != 0 && _sampleCount < MaxSamples)
            {
                _samples[_sampleCount++] = string.Format(CultureInfo.InvariantCulture, "{0} {1:yyyy-MM-dd HH:mm} {2} B ({3})", isBar ? "OnBar" : "OnTick", Server.Time, bytes, before.Stretch);
            }

            return true;
        }
    }

    /// <summary>The meter's self-test: one small array every 500th call inside the measured region.</summary>
    [Robot(AccessRights = AccessRights.None, TimeZone = TimeZones.UTC)]
    public class LeakyMeteredScalper : MeteredScalper
    {
        private int _calls;

        public int Leaks { get; private set; }

        public static object? Sink { get; private set; }

        protected override void Leak()
        {
            if (++_calls % 500 == 0 && Bars.Count > 1440)
            {
                Sink = new byte[8];
                Leaks++;
            }
        }
    }
}
