using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using cAlgo.API;
using cAlgo.API.Internals;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.Simulation;
using PerpGuard.MarketData;

namespace PerpGuard.Headless.Tests
{
    /// <summary>
    /// A second symbol in a bar run (<see cref="BacktestOptions.OtherSymbols"/>): its quotes interleave with the chart's in
    /// time order, also inside a gap of the chart's data; Symbol.Tick, timers, MarketData.GetBars and trading by name
    /// work for it; OnTick stays the chart's.
    /// </summary>
    public class OtherSymbolFeedTests
    {
        private static readonly DateTime T0 = TestBars.Start;

        private static string Stamp(DateTime t) => t.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

        // Chart BTCUSD: bars at 00:00 and 00:03 only (a gap of two minutes). ETHUSD: bars 00:00–00:03, close = 2,000 + minute.
        private static BacktestOptions Options()
        {
            var options = TestBars.Options(new[] { Flat(0, 30_000), Flat(3, 30_000) });
            var eth = new SimSymbolSpec { Name = "ETHUSD", Digits = 2, PipSize = 0.01, TickSize = 0.01, LotSize = 1, VolumeInUnitsMin = 0.1, VolumeInUnitsStep = 0.1, VolumeInUnitsMax = 1000, Leverage = 10 };
            options.OtherSymbols = new[] { new OtherSymbolData(eth, Enumerable.Range(0, 4).Select(i => Flat(i, 2_000 + i)).ToArray(), SimSpreadModel.Fixed(0.5)) };
            return options;
        }

        private static MarketBar Flat(int minute, double price) => new MarketBar(T0.AddMinutes(minute), price, price, price, price, 1);

        [Test]
        public void Run_SecondSymbolWithAGapInTheChart_QuotesInTimeOrderTimerFiresInTheGapOnTickChartOnly()
        {
            // Quotes at +0/15/30/59 s. The chart's are 00:00:xx and 00:03:xx; ETHUSD's every minute 00:00–00:03. At equal
            // times the chart's quote comes first. The 30-s timer started at 00:00:00 is due 00:00:30, 00:01:00, …: it
            // fires at the first quote of either symbol at or after each due time, so in the chart's gap on ETHUSD's. The run
            // ends with the chart's last quote (00:03:59).
            var probe = (MultiSymbolProbe)new BacktestEngine(Options()).Run(AlgoSpec.Of<MultiSymbolProbe>()).Robots[0];

            var expected = new List<string>();
            foreach (var m in new[] { 0, 1, 2, 3 })
            {
                foreach (var s in new[] { 0, 15, 30, 59 })
                {
                    var t = Stamp(T0.AddMinutes(m).AddSeconds(s));
                    if (m == 0 || m == 3)
                    {
                        expected.Add("tick BTCUSD " + t);
                        if (m == 0 && s == 30 || m == 3 && s is 0 or 30)
                        {
                            expected.Add("timer " + t);
                        }
                    }

                    if (m == 3 && s == 59)
                    {
                        break; // at the chart's last quote the run ends: ETHUSD's quote of that time is not simulated
                    }

                    expected.Add("symbol.tick ETHUSD " + t + " " + (2_000 + m).ToString("0.00", CultureInfo.InvariantCulture) + "/" + (2_000.5 + m).ToString("0.00", CultureInfo.InvariantCulture));
                    if ((m == 1 || m == 2) && s is 0 or 30)
                    {
                        expected.Add("timer " + t);
                    }
                }
            }

            Assert.That(probe.Events, Is.EqualTo(expected));
        }

        [Test]
        public void Run_SecondSymbol_ListedWithBarsAndTradableByName()
        {
            // The probe buys 1 ETH at its first ETHUSD tick after 00:01:00 (ask 2,001.50) and reads the symbol and bars.
            var result = new BacktestEngine(Options()).Run(AlgoSpec.Of<MultiSymbolProbe>());
            var probe = (MultiSymbolProbe)result.Robots[0];

            Assert.That(probe.SymbolNames, Is.EqualTo(new[] { "BTCUSD", "ETHUSD" }));
            Assert.That(probe.Bought, Is.EqualTo(("ETHUSD", 2_001.5, 0.01)), "the position names its symbol and has that symbol's pip size (the chart's is 1)");
            Assert.That(probe.EthCloses, Is.EqualTo(new[] { 2_000.0, 2_001.0, 2_002.0, 2_003.0 }), "ETHUSD's m1 bars through MarketData.GetBars");
            Assert.That(probe.UnknownSymbolError, Is.EqualTo(ErrorCode.UnknownSymbol));
            Assert.That(result.OpenPositionsAtEnd, Is.EqualTo(1));
        }

        [Test]
        public void Run_OtherSymbolsWithTickData_RefusedWithAMessage()
        {
            var options = Options();
            options.Bars = null;
            options.Ticks = new[] { new QuoteTick(T0, 30_000, 30_000.5) };

            Assert.That(() => new BacktestEngine(options).Run(AlgoSpec.Of<MultiSymbolProbe>()), Throws.ArgumentException.With.Message.Contains("need bar data"));
        }
    }

    /// <summary>Records the chart's OnTick, ETHUSD's Symbol.Tick and a 30-s timer; buys ETHUSD once after 00:01.</summary>
    [Robot(AccessRights = AccessRights.None, TimeZone = TimeZones.UTC)]
    public class MultiSymbolProbe : Robot
    {
        private Symbol? _eth;

        public List<string> Events { get; } = new List<string>();

        public List<string> SymbolNames { get; } = new List<string>();

        public (string Symbol, double Entry, double PipSize) Bought { get; private set; }

        public List<double> EthCloses { get; } = new List<double>();

        public ErrorCode? UnknownSymbolError { get; private set; }

        protected override void OnStart()
        {
            foreach (var name in Symbols)
            {
                SymbolNames.Add(name);
            }

            _eth = Symbols.GetSymbol("ETHUSD");
            _eth.Tick += OnEthTick;
            Timer.Start(30);
        }

        protected override void OnTick() => Events.Add("tick " + SymbolName + " " + Stamp());

        protected override void OnTimer() => Events.Add("timer " + Stamp());

        protected override void OnStop()
        {
            foreach (var bar in MarketData.GetBars(TimeFrame, "ETHUSD"))
            {
                EthCloses.Add(bar.Close);
            }
        }

        private void OnEthTick(SymbolTickEventArgs args)
        {
            Events.Add("symbol.tick " + args.SymbolName + " " + Stamp() + " " + args.Bid.ToString("0.00", CultureInfo.InvariantCulture) + "/" + args.Ask.ToString("0.00", CultureInfo.InvariantCulture));
            if (Bought.Symbol is null && TimeInUtc >= TestBars.Start.AddMinutes(1))
            {
                var result = ExecuteMarketOrder(TradeType.Buy, "ETHUSD", 1.0, "probe");
                Bought = (result.Position.SymbolName, result.Position.EntryPrice, result.Position.Symbol.PipSize);
                UnknownSymbolError = ExecuteMarketOrder(TradeType.Buy, "XRPUSD", 1.0, "probe").Error;
            }
        }

        private string Stamp() => TimeInUtc.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
    }
}
