using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using cAlgo.API;
using cAlgo.API.Internals;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.Simulation;
using PerpGuard.MarketData;
using PerpGuard.Risk.Pipeline;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>
    /// TradeGuardian attached to an FX chart that is quiet (the weekend: EURUSD has no quotes from 10:05 to 11:40) while
    /// positions on BTCUSD, another symbol of the run, keep moving: it must protect them on BTCUSD's own ticks
    /// (Symbol.Tick), and, when nothing it listens to ticks, on its timer — not wait for the chart. Equity 10,000 USD,
    /// BTCUSD 60,000 bid / 60,001 ask, no commission; the guardian's stop 2,000 pips (USD) fixed, no trailing.
    /// </summary>
    public class GuardianOtherSymbolTests
    {
        private static readonly DateTime T0 = new DateTime(2022, 1, 8, 10, 0, 0, DateTimeKind.Utc);

        // The chart: EURUSD at 1.10000, quoted from 10:00 to 10:04 and again from 11:40 (the gap is the "weekend").
        private static MarketBar[] ChartBars() =>
            Enumerable.Range(0, 5).Concat(Enumerable.Range(100, 5)).Select(i => new MarketBar(T0.AddMinutes(i), 1.1, 1.1, 1.1, 1.1, 1)).ToArray();

        private static MarketBar[] Bars(int minutes, Func<int, double> price) =>
            Enumerable.Range(0, minutes).Select(i => new MarketBar(T0.AddMinutes(i), price(i), price(i), price(i), price(i), 1)).ToArray();

        private static SimSymbolSpec EurUsd() => new SimSymbolSpec
        {
            Name = "EURUSD",
            Digits = 5,
            PipSize = 0.0001,
            TickSize = 0.00001,
            LotSize = 100_000,
            VolumeInUnitsMin = 1_000,
            VolumeInUnitsStep = 1_000,
            VolumeInUnitsMax = 10_000_000,
            Commission = 0,
            Leverage = 30,
        };

        private static SimSymbolSpec Crypto(string name)
        {
            var spec = RobotRuns.BtcUsd();
            spec.Name = name;
            spec.Commission = 0;
            return spec;
        }

        private static Dictionary<string, string> Guardian(params (string Name, object Value)[] more) =>
            RobotRuns.Params(new[]
            {
                ("StopModeParameter", (object)StopMode.Fixed), ("FixedStopPips", 2_000), ("TrailingEnabled", false), ("BreakEvenEnabled", false),
                ("MaxRiskPercentPerPosition", 0), ("DailyProfitPercent", 0), ("DailyLossPercent", 50),
            }.Concat(more).ToArray());

        private static Dictionary<string, string> Trader(string symbol, DateTime at, double volume) => new Dictionary<string, string>
        {
            ["SymbolToTrade"] = symbol,
            ["OpenAtUtc"] = at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["Volume"] = volume.ToString(CultureInfo.InvariantCulture),
        };

        private static (BacktestResult Result, cAlgo.Robots.TradeGuardian Guardian) Run(Dictionary<string, string> guardian, Dictionary<string, string> trader, params OtherSymbolData[] others) =>
            Run<cAlgo.Robots.TradeGuardian>(guardian, trader, others);

        private static (BacktestResult Result, cAlgo.Robots.TradeGuardian Guardian) Run<TGuardian>(Dictionary<string, string> guardian, Dictionary<string, string> trader, params OtherSymbolData[] others)
            where TGuardian : cAlgo.Robots.TradeGuardian
        {
            var options = new BacktestOptions
            {
                Bars = ChartBars(),
                Symbol = EurUsd(),
                Account = new SimAccountSettings { Balance = 10_000, Leverage = 100, StopOutLevel = 50 },
                Spread = SimSpreadModel.Fixed(0.00001),
                OtherSymbols = others,
            };
            var result = new BacktestEngine(options).Run(AlgoSpec.Of<OtherSymbolTrader>(trader), AlgoSpec.Of<TGuardian>(guardian));
            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            Assert.That(((OtherSymbolTrader)result.Robots[0]).Opened, Is.EqualTo(trader.ContainsKey("ReopenAtUtc") ? 2 : 1), string.Join("\n", result.Log));
            return (result, (cAlgo.Robots.TradeGuardian)result.Robots[1]);
        }

        private static OtherSymbolData Btc(int minutes, Func<int, double> price) => new OtherSymbolData(Crypto("BTCUSD"), Bars(minutes, price), SimSpreadModel.Fixed(1.0));

        private static string Journal(cAlgo.Robots.TradeGuardian g) => string.Join("\n", g.Journal.Select(PipelineEventText.Format));

        [Test]
        public void Guard_NakedPositionOnAnotherSymbolWhileTheChartIsQuiet_StopAttachedAtThatSymbolsNextTick()
        {
            // 0.1 BTC bought at 10:10:00 without a stop. BTCUSD quotes at +0/15/30/59 s of each minute, so its next tick is
            // 10:10:15: the stop (60,001 − 2,000 = 58,001) is attached then, not when EURUSD ticks again at 11:40.
            var (result, guardian) = Run(Guardian(), Trader("BTCUSD", T0.AddMinutes(10), 0.1), Btc(105, _ => 60_000));

            var attached = guardian.Journal.OfKind(PipelineEventKind.StopAttached).ToList();
            Assert.That(attached.Select(e => (e.Utc, e.StopLoss)), Is.EqualTo(new[] { (T0.AddMinutes(10).AddSeconds(15), 58_001.0) }), Journal(guardian));
            Assert.That(result.OpenPositionsAtEnd, Is.EqualTo(1));
        }

        [Test]
        public void Guard_OversizePositionOnAnotherSymbolWhileTheChartIsQuiet_ReducedToTheCapAtThatSymbolsNextTick()
        {
            // 1.5 BTC bought at 60,001 at 10:10:00: 90,000 notional at the bid on ~10,000 equity = 9x, cap 5x. At 10:10:15
            // equity = 10,000 − 1.5 × 1 (spread) = 9,998.5; 5 × 9,998.5 / 60,000 = 0.83321 BTC, floored to the 0.01 step:
            // 0.83 kept, 0.67 closed (hand-worked, for a cut to the cap itself: Cut to (% of cap) = 100).
            var (_, guardian) = Run(Guardian(("MaxLeverage", 5), ("CutToPercentOfCap", 100)), Trader("BTCUSD", T0.AddMinutes(10), 1.5), Btc(105, _ => 60_000));

            var reduced = guardian.Journal.OfKind(PipelineEventKind.OversizeReduced).ToList();
            Assert.That(reduced.Select(e => (e.Utc, e.Reason, Math.Round(e.Volume, 8))),
                Is.EqualTo(new[] { (T0.AddMinutes(10).AddSeconds(15), GuardianReasons.LeverageAboveCap, 0.67) }), Journal(guardian));
        }

        [Test]
        public void Guard_DailyLossOnAnotherSymbolWhileTheChartIsQuiet_FlattenedWhenItIsReached()
        {
            // 0.5 BTC bought at 60,001 at 10:10 (stop attached at 58,001). BTCUSD opens 59,400 at 10:30: the position is
            // 0.5 × (59,400 − 60,001) = −300.50 = −3.005 % of the day's 10,000, past the 2 % limit → halted and flattened
            // at 10:30:00, at 59,400 — not at 11:40 when EURUSD ticks again.
            var (result, guardian) = Run(Guardian(("DailyLossPercent", 2)), Trader("BTCUSD", T0.AddMinutes(10), 0.5), Btc(105, i => i < 30 ? 60_000 : 59_400));

            Assert.That(guardian.Journal.OfKind(PipelineEventKind.FlattenClose).Select(e => e.Utc), Is.EqualTo(new[] { T0.AddMinutes(30) }), Journal(guardian));
            var trade = result.Trades.Single();
            Assert.That((trade.Symbol, trade.ExitTimeUtc, trade.ExitPrice, trade.NetProfit), Is.EqualTo(("BTCUSD", T0.AddMinutes(30), 59_400.0, -300.5)));
        }

        [Test]
        public void Start_PositionOnAnotherSymbolAlreadyOpen_WatchedFromTheStart()
        {
            // 0.5 BTC bought at 10:01 with no guardian running; the guardian starts at 10:03 (a chart tick), finds it, and
            // must listen to BTCUSD from then on: the −3.005 % drop at 10:30 (as above) is flattened at 10:30:00, inside the
            // chart's gap.
            var g = Guardian(("DailyLossPercent", 2), ("StartAtUtc", RestartClock.Format(T0.AddMinutes(3))));
            var (result, guardian) = Run<RestartedGuardian>(g, Trader("BTCUSD", T0.AddMinutes(1), 0.5), Btc(105, i => i < 30 ? 60_000 : 59_400));

            Assert.That(guardian.Journal.OfKind(PipelineEventKind.StopAttached).Select(e => e.Utc), Is.EqualTo(new[] { T0.AddMinutes(3) }), Journal(guardian));
            Assert.That(guardian.Journal.OfKind(PipelineEventKind.FlattenClose).Select(e => e.Utc), Is.EqualTo(new[] { T0.AddMinutes(30) }), Journal(guardian));
            Assert.That(result.Trades.Single().ExitTimeUtc, Is.EqualTo(T0.AddMinutes(30)));
        }

        [Test]
        public void Guard_LastPositionOnASymbolClosedThenAnotherOpened_ListenedToAgain()
        {
            // 0.1 BTC bought at 10:10 and protected at 10:10:15; the trader closes it at 10:20 (the guardian stops listening
            // to BTCUSD, where it holds nothing) and buys again at 10:40: that one is protected at BTCUSD's next tick,
            // 10:40:15 — the listener is back.
            var trader = Trader("BTCUSD", T0.AddMinutes(10), 0.1);
            trader["CloseAtUtc"] = RestartClock.Format(T0.AddMinutes(20));
            trader["ReopenAtUtc"] = RestartClock.Format(T0.AddMinutes(40));
            var (result, guardian) = Run(Guardian(), trader, Btc(105, _ => 60_000));

            Assert.That(guardian.Journal.OfKind(PipelineEventKind.StopAttached).Select(e => e.Utc),
                Is.EqualTo(new[] { T0.AddMinutes(10).AddSeconds(15), T0.AddMinutes(40).AddSeconds(15) }), Journal(guardian));
            Assert.That(result.Trades.Single().ExitTimeUtc, Is.EqualTo(T0.AddMinutes(20)), "the first, closed by the trader");
        }

        [Test]
        public void Timer_PositionOnASymbolThatStopsTicking_StopAttachedByTheBackstop()
        {
            // BTCUSD's last quote is 10:10:59 (its data ends there); the trader buys 0.1 BTC at it. ETHUSD, where the
            // guardian holds nothing, keeps quoting: time passes, and the guardian's 5-s timer finds the naked position at
            // ETHUSD's quote of 10:10:59 or the next one (10:11:00) — no chart tick until 11:40, no BTCUSD tick ever again.
            var (_, guardian) = Run(Guardian(), Trader("BTCUSD", T0.AddMinutes(10).AddSeconds(59), 0.1),
                Btc(11, _ => 60_000), new OtherSymbolData(Crypto("ETHUSD"), Bars(105, _ => 4_000), SimSpreadModel.Fixed(0.1)));

            var attached = guardian.Journal.OfKind(PipelineEventKind.StopAttached).Single();
            Assert.That(attached.Utc, Is.InRange(T0.AddMinutes(10).AddSeconds(59), T0.AddMinutes(11)), Journal(guardian));
            Assert.That(attached.StopLoss, Is.EqualTo(58_001.0));
        }

        [Test]
        public void OnSymbolTick_HoldingAProtectedPositionOnAnotherSymbol_ProtectsInTheTickAndAllocatesZeroBytes()
        {
            // 0.1 BTC bought at 10:10 and protected (stop 58,001) at 10:10:15 by the guardian's BTCUSD Tick handler; then 10 hours of a seeded random walk
            // (±50 USD a minute, no stop or limit in reach, nothing journaled): every BTCUSD tick runs the guard pass
            // (rates, daily limits on the moving equity, the position's checks, the account's leverage) — 0 B each.
            var random = new Random(7);
            var walk = new double[600];
            walk[0] = 60_000;
            for (var i = 1; i < walk.Length; i++)
            {
                walk[i] = i <= 20 ? 60_000 : Math.Round(walk[i - 1] + ((random.NextDouble() - 0.5) * 100), 2);
            }

            var options = new BacktestOptions
            {
                Bars = Enumerable.Range(0, 5).Concat(Enumerable.Range(599, 1)).Select(i => new MarketBar(T0.AddMinutes(i), 1.1, 1.1, 1.1, 1.1, 1)).ToArray(),
                Symbol = EurUsd(),
                Account = new SimAccountSettings { Balance = 10_000, Leverage = 100, StopOutLevel = 50 },
                Spread = SimSpreadModel.Fixed(0.00001),
                OtherSymbols = new[] { new OtherSymbolData(Crypto("BTCUSD"), Bars(600, i => walk[i]), SimSpreadModel.Fixed(1.0)) },
            };
            var meter = new Dictionary<string, string> { ["MeterFromUtc"] = RestartClock.Format(T0.AddMinutes(20)) };
            var result = new BacktestEngine(options).Run(
                AlgoSpec.Of<OtherSymbolTrader>(Trader("BTCUSD", T0.AddMinutes(10), 0.1)), AlgoSpec.Of<cAlgo.Robots.TradeGuardian>(Guardian()), AlgoSpec.Of<TickDispatchMeter>(meter));
            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            var guardian = (cAlgo.Robots.TradeGuardian)result.Robots[1];
            var bot = (TickDispatchMeter)result.Robots[2];

            Assert.That(guardian.Journal.Count(e => e.Utc >= T0.AddMinutes(20)), Is.EqualTo(0), Journal(guardian));
            Assert.That(result.OpenPositionsAtEnd, Is.EqualTo(1));
            Assert.That(bot.StopAttachedInDispatchAt, Is.EqualTo(T0.AddMinutes(10).AddSeconds(15)), "protected by its BTCUSD Tick handler, not the timer");
            Assert.That(bot.Ticks, Is.GreaterThan(2_000));
            Assert.That(bot.Bytes, Is.EqualTo(0));
        }
    }

    /// <summary>
    /// Test cBot, run after the guardian: a first handler on a symbol's Tick (subscribed at start) and a second one
    /// subscribed when a position opens — after the guardian's own, which it adds then too — bracket the guardian's
    /// handler: what the thread allocated between them on a tick from <see cref="MeterFromUtc"/> is the guardian's, and
    /// a stop that appears between them was attached by the guardian's Symbol.Tick handler (its timer runs after both).
    /// </summary>
    [Robot(AccessRights = AccessRights.None, TimeZone = TimeZones.UTC)]
    public class TickDispatchMeter : Robot
    {
        private Symbol? _symbol;
        private long _before;
        private bool _hadStop;
        private bool _after;
        private DateTime _from;

        [Parameter(DefaultValue = "BTCUSD")]
        public string SymbolToMeter { get; set; } = "BTCUSD";

        [Parameter(DefaultValue = "")]
        public string MeterFromUtc { get; set; } = string.Empty;

        public long Ticks { get; private set; }

        public long Bytes { get; private set; }

        /// <summary>The tick at which a stop appeared between the two handlers (null: never).</summary>
        public DateTime? StopAttachedInDispatchAt { get; private set; }

        protected override void OnStart()
        {
            _from = DateTime.ParseExact(MeterFromUtc, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            _symbol = Symbols.GetSymbol(SymbolToMeter);
            _symbol.Tick += Before;
            Positions.Opened += _ =>
            {
                if (!_after)
                {
                    _after = true;
                    _symbol.Tick += After;
                }
            };
        }

        private bool HasStop() => Positions.Count > 0 && Positions[0].StopLoss.HasValue;

        private void Before(SymbolTickEventArgs args)
        {
            _hadStop = HasStop();
            _before = GC.GetAllocatedBytesForCurrentThread();
        }

        private void After(SymbolTickEventArgs args)
        {
            var bytes = GC.GetAllocatedBytesForCurrentThread() - _before;
            if (TimeInUtc >= _from)
            {
                Bytes += bytes;
                Ticks++;
            }

            if (!_hadStop && HasStop() && StopAttachedInDispatchAt is null)
            {
                StopAttachedInDispatchAt = TimeInUtc;
            }
        }
    }

    /// <summary>Test cBot on the chart: buys <see cref="Volume"/> of another symbol, without a stop, at its first tick at or after <see cref="OpenAtUtc"/>.</summary>
    [Robot(AccessRights = AccessRights.None, TimeZone = TimeZones.UTC)]
    public class OtherSymbolTrader : Robot
    {
        private Symbol? _symbol;
        private DateTime _at;

        [Parameter(DefaultValue = "BTCUSD")]
        public string SymbolToTrade { get; set; } = "BTCUSD";

        [Parameter(DefaultValue = "")]
        public string OpenAtUtc { get; set; } = string.Empty;

        [Parameter(DefaultValue = 0.1)]
        public double Volume { get; set; }

        /// <summary>Closes its position at its first tick at or after this time ("": never).</summary>
        [Parameter(DefaultValue = "")]
        public string CloseAtUtc { get; set; } = string.Empty;

        /// <summary>Buys again at its first tick at or after this time, once closed ("": never).</summary>
        [Parameter(DefaultValue = "")]
        public string ReopenAtUtc { get; set; } = string.Empty;

        public int Opened { get; private set; }

        private static DateTime Parse(string text) => text.Length == 0
            ? DateTime.MaxValue
            : DateTime.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

        protected override void OnStart()
        {
            _at = DateTime.ParseExact(OpenAtUtc, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            _symbol = Symbols.GetSymbol(SymbolToTrade);
            _symbol.Tick += OnSymbolTick;
        }

        private void OnSymbolTick(SymbolTickEventArgs args)
        {
            if ((Opened == 0 && TimeInUtc >= _at) || (Opened == 1 && Positions.Count == 0 && TimeInUtc >= Parse(ReopenAtUtc)))
            {
                var result = ExecuteMarketOrder(TradeType.Buy, SymbolToTrade, Volume, "manual");
                Print(result.IsSuccessful ? "opened" : "open failed: " + result.Error);
                Opened += result.IsSuccessful ? 1 : 0;
            }

            if (Positions.Count > 0 && TimeInUtc >= Parse(CloseAtUtc) && Opened == 1)
            {
                ClosePosition(Positions[0]);
            }
        }
    }
}
