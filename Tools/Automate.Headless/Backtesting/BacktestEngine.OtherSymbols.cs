using System;
using System.Runtime.CompilerServices;
using cAlgo.API;
using PerpGuard.Headless.Runtime;
using PerpGuard.Headless.Simulation;
using PerpGuard.MarketData;

namespace PerpGuard.Headless.Backtesting
{
    /// <summary>
    /// Symbols quoted beside the chart symbol (<see cref="BacktestOptions.OtherSymbols"/>). Each has its own m1 bars,
    /// expanded into four quotes per bar as the chart's are; before each chart quote, every other quote with an earlier
    /// time goes through the broker, its bars, its <c>Symbol.Tick</c> subscribers and the robots' timers — so a symbol
    /// keeps ticking, and time keeps passing, while the chart's data has a gap. OnTick stays the chart symbol's (as in
    /// cTrader). Nothing here runs, or allocates, in a run without other symbols.
    /// </summary>
    public sealed partial class BacktestEngine
    {
        private OtherSymbolFeed[] _others = Array.Empty<OtherSymbolFeed>();

        private void PrepareOtherSymbols(SimulatedBroker broker, TradingServices services, AlgoEnvironment env)
        {
            var others = _options.OtherSymbols;
            if (others == null || others.Count == 0)
            {
                return;
            }

            if (_options.Bars == null)
            {
                throw new ArgumentException("Other symbols need bar data (Bars), not ticks.");
            }

            var feeds = new OtherSymbolFeed[others.Count];
            for (var i = 0; i < feeds.Length; i++)
            {
                var data = others[i] ?? throw new ArgumentException("OtherSymbols has an empty entry.");
                var sim = broker.AddSymbol(data.Symbol);
                var bars = PriceGridSnapper.Snap(data.Bars, sim.Grid);
                var buffer = new BarBuffer(bars.Length + 1);
                buffer.Commit();
                var adapter = services.AddSymbol(sim);
                var path = new TickPath(data.Spread ?? SimSpreadModel.Fixed(data.Symbol.TickSize), sim.Grid);
                feeds[i] = new OtherSymbolFeed(sim, adapter, buffer, bars, path);
            }

            _others = feeds;
            env.OtherSymbolBars = (timeFrame, symbolName) =>
            {
                if (!timeFrame.Equals(_options.TimeFrame))
                {
                    return null;
                }

                foreach (var f in _others)
                {
                    if (string.Equals(f.Sim.Name, symbolName, StringComparison.Ordinal))
                    {
                        return new HeadlessBars(f.Buffer, timeFrame, symbolName, services.AccountZone);
                    }
                }

                return null;
            };
        }

        /// <summary>Bars of the other symbols that open before <paramref name="beforeTicks"/> become history (no quotes), as the chart's warm-up bars.</summary>
        private void AppendOtherHistory(long beforeTicks)
        {
            foreach (var f in _others)
            {
                while (f.NextBar < f.Bars.Length && f.Bars[f.NextBar].OpenTimeUtc.Ticks < beforeTicks)
                {
                    var b = f.Bars[f.NextBar++];
                    f.Buffer.Append(b.OpenTimeUtc.Ticks, b.Open, b.High, b.Low, b.Close, TickPath.QuotesPerBar);
                }

                f.Advance();
            }
        }

        /// <summary>Simulates, in time order, every quote of the other symbols earlier than <paramref name="beforeTicks"/>.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void DrainOthers(long beforeTicks)
        {
            var feeds = _others;
            while (true)
            {
                OtherSymbolFeed? next = null;
                var at = beforeTicks;
                for (var i = 0; i < feeds.Length; i++)
                {
                    if (feeds[i].NextTicks < at)
                    {
                        next = feeds[i];
                        at = next.NextTicks;
                    }
                }

                if (next == null)
                {
                    return;
                }

                OtherQuote(next);
            }
        }

        private void OtherQuote(OtherSymbolFeed f)
        {
            var k = f.Quote;
            ref readonly var quote = ref f.Quotes[k];
            _clock.UtcTicks = quote.TimeTicks;
            if (k == 0 && _pessimistic)
            {
                _broker.BeginBar(f.Sim, TickPath.EnvelopeOf(f.Quotes));
            }

            _broker.ProcessQuote(f.Sim, quote.TimeTicks, quote.Bid, quote.Ask, quote.Continuous);
            if (k == 0)
            {
                f.Buffer.OpenBar(f.BarOpenTicks, quote.Bid);
            }
            else
            {
                f.Buffer.Update(quote.Bid);
            }

            if (k == TickPath.QuotesPerBar - 1 && _pessimistic)
            {
                _broker.EndBar(f.Sim);
            }

            f.Quote = k + 1;
            f.Advance();
            if (!_started)
            {
                return;
            }

            if (f.Adapter.HasTickListeners)
            {
                f.Adapter.RaiseTick();
            }

            // Time passed: a robot that asked to stop stops, timers fire (OnTick is the chart symbol's alone).
            var robots = _robots;
            for (var r = 0; r < robots.Length; r++)
            {
                var slot = robots[r];
                if (!slot.Active)
                {
                    continue;
                }

                if (slot.Context.StopRequested)
                {
                    StopRobot(slot);
                    continue;
                }

                if (slot.Timer.IsRunning)
                {
                    slot.Timer.Advance(_clock.UtcTicks, slot.OnTimer);
                }
            }
        }

        private sealed class OtherSymbolFeed
        {
            public OtherSymbolFeed(SimSymbol sim, SymbolAdapter adapter, BarBuffer buffer, MarketBar[] bars, TickPath path)
            {
                Sim = sim;
                Adapter = adapter;
                Buffer = buffer;
                Bars = bars;
                Path = path;
                Quote = TickPath.QuotesPerBar;
                NextTicks = long.MaxValue;
            }

            public SimSymbol Sim { get; }
            public SymbolAdapter Adapter { get; }
            public BarBuffer Buffer { get; }
            public MarketBar[] Bars { get; }
            public TickPath Path { get; }
            public SimQuote[] Quotes { get; } = new SimQuote[TickPath.QuotesPerBar];

            /// <summary>The next bar to expand.</summary>
            public int NextBar { get; set; }

            /// <summary>The next of <see cref="Quotes"/> to simulate (<see cref="TickPath.QuotesPerBar"/>: expand the next bar).</summary>
            public int Quote { get; set; }

            public long BarOpenTicks { get; private set; }

            /// <summary>The time of the next quote; long.MaxValue when the bars are done.</summary>
            public long NextTicks { get; private set; }

            public void Advance()
            {
                if (Quote == TickPath.QuotesPerBar)
                {
                    if (NextBar >= Bars.Length)
                    {
                        NextTicks = long.MaxValue;
                        return;
                    }

                    var bar = Bars[NextBar++];
                    Path.Expand(in bar, Quotes);
                    BarOpenTicks = bar.OpenTimeUtc.Ticks;
                    Quote = 0;
                }

                NextTicks = Quotes[Quote].TimeTicks;
            }
        }
    }
}
