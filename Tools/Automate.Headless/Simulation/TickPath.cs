using System;
using System.Runtime.CompilerServices;
using PerpGuard.MarketData;

namespace PerpGuard.Headless.Simulation
{
    /// <summary>
    /// Expands one m1 bar into four quotes: open → nearer extreme → farther extreme → close, at
    /// +0 s, +15 s, +30 s and +59 s of the bar. The extreme nearer to the open comes first; on a tie
    /// the extreme farther from the close comes first (so the path ends moving toward the close); if
    /// that ties too, the low comes first. The open is a jump from the previous bar (a gap fills at
    /// it); the other three are continuous (levels crossed on the way fill at the level).
    /// Bid prices are the bar's; asks come from the bar when it has them (paired with the bid point
    /// of the same stage, never below it), else bid + the spread model's next value. With a price grid
    /// (<see cref="TickPath(SimSpreadModel, SimPriceGrid)"/>) the spread is a whole number of ticks and the ask the
    /// double nearest to the decimal price, so quotes sit on the grid when the bar's prices do (the bar's own prices
    /// are used as given: <see cref="PerpGuard.Headless.Backtesting.BacktestEngine"/> snaps its data once at setup).
    /// </summary>
    public sealed class TickPath
    {
        public const int QuotesPerBar = 4;

        private const long FirstExtremeOffset = 15 * TimeSpan.TicksPerSecond;
        private const long SecondExtremeOffset = 30 * TimeSpan.TicksPerSecond;
        private const long CloseOffset = 59 * TimeSpan.TicksPerSecond;

        private readonly SimSpreadModel _spread;
        private readonly SimPriceGrid _grid;
        private readonly bool _onGrid;
        private readonly bool _fixedSpread;
        private readonly bool _fixedOnGrid;
        private readonly double _spreadValue;

        // The fixed spread in units of 10^-Digits (on a grid): rounded to whole ticks once, here, not per quote.
        private readonly double _spreadUnits;
        private readonly double _scale;

        // Random spread on a grid: whole tick counts lo .. lo + count − 1, and units of 10^-Digits per tick.
        private readonly long _ticksLo;
        private readonly long _ticksCount;
        private readonly double _tickUnits;

        /// <summary>Without a price grid: ask = bid + the spread model's value, as given (float sums included).</summary>
        public TickPath(SimSpreadModel spread)
            : this(spread, default)
        {
        }

        /// <summary>On <paramref name="grid"/>: spreads in whole ticks, asks on the grid (see the class summary).</summary>
        public TickPath(SimSpreadModel spread, SimPriceGrid grid)
        {
            _spread = spread ?? throw new ArgumentNullException(nameof(spread));
            _grid = grid;
            _onGrid = !grid.IsNone;
            _fixedSpread = spread.IsFixed;
            _fixedOnGrid = _fixedSpread && _onGrid;
            if (_onGrid)
            {
                long ticks = spread.FixedTicks(grid.TickSize);
                _spreadUnits = grid.TicksToUnits(ticks);
                _scale = grid.Scale;
                _tickUnits = grid.TickUnits;
                spread.TickRange(grid.TickSize, out _ticksLo, out _ticksCount);
                _spreadValue = _spreadUnits / grid.Scale;
            }
            else
            {
                _spreadValue = spread.Min;
            }
        }

        /// <summary>The fixed spread the quotes get (on a grid: rounded to whole ticks), price units.</summary>
        public double FixedSpread => _spreadValue;

        public SimPriceGrid Grid => _grid;

        /// <summary>
        /// A bid on the grid plus a spread of <paramref name="units"/> (whole units of 10^-Digits), divided once by
        /// <paramref name="scale"/> = 10^Digits: the double nearest to the decimal ask.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static double AskOnGrid(double bid, double units, double scale) => (Math.Round(bid * scale) + units) / scale;

        /// <summary>
        /// The bid and ask range of a bar's four quotes, for the pessimistic option. Derived from the quotes when a
        /// pessimistic run asks, so that <see cref="Expand"/> stores nothing beyond them.
        /// </summary>
        public static SimBarEnvelope EnvelopeOf(ReadOnlySpan<SimQuote> quotes)
        {
            if (quotes.Length < QuotesPerBar)
            {
                throw new ArgumentException("a bar has four quotes", nameof(quotes));
            }

            double bidLow = Math.Min(Math.Min(quotes[0].Bid, quotes[1].Bid), Math.Min(quotes[2].Bid, quotes[3].Bid));
            double bidHigh = Math.Max(Math.Max(quotes[0].Bid, quotes[1].Bid), Math.Max(quotes[2].Bid, quotes[3].Bid));
            double askLow = Math.Min(Math.Min(quotes[0].Ask, quotes[1].Ask), Math.Min(quotes[2].Ask, quotes[3].Ask));
            double askHigh = Math.Max(Math.Max(quotes[0].Ask, quotes[1].Ask), Math.Max(quotes[2].Ask, quotes[3].Ask));
            return new SimBarEnvelope(bidLow, bidHigh, askLow, askHigh);
        }

        /// <summary>Writes the four quotes of <paramref name="bar"/> into <paramref name="destination"/> (length ≥ 4) and returns 4.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Expand(in MarketBar bar, Span<SimQuote> destination)
        {
            if (destination.Length < QuotesPerBar)
            {
                throw new ArgumentException("destination needs room for four quotes", nameof(destination));
            }

            // Which extreme comes first is a coin toss to the branch predictor: choose without branching.
            bool lowFirst = LowFirst(bar.Open, bar.High, bar.Low, bar.Close);
            double askOpen, askFirst, askSecond, askClose;
            double bidFirst = BranchFree.Select(lowFirst, bar.Low, bar.High);
            double bidSecond = BranchFree.Select(lowFirst, bar.High, bar.Low);
            if (bar.HasAsk)
            {
                askOpen = Math.Max(bar.AskOpen, bar.Open);
                askFirst = Math.Max(BranchFree.Select(lowFirst, bar.AskLow, bar.AskHigh), bidFirst);
                askSecond = Math.Max(BranchFree.Select(lowFirst, bar.AskHigh, bar.AskLow), bidSecond);
                askClose = Math.Max(bar.AskClose, bar.Close);
            }
            else if (_fixedOnGrid)
            {
                // Bid units + spread units, divided once: the double nearest to the decimal ask (one multiply, one
                // round, one add, one divide per quote; a plain bid + spread could land a float step off the grid).
                double scale = _scale;
                double units = _spreadUnits;
                askOpen = AskOnGrid(bar.Open, units, scale);
                askFirst = AskOnGrid(bidFirst, units, scale);
                askSecond = AskOnGrid(bidSecond, units, scale);
                askClose = AskOnGrid(bar.Close, units, scale);
            }
            else if (_fixedSpread)
            {
                // Same values as the model's Next() for a fixed spread, without the call per quote.
                double spread = _spreadValue;
                askOpen = bar.Open + spread;
                askFirst = bidFirst + spread;
                askSecond = bidSecond + spread;
                askClose = bar.Close + spread;
            }
            else if (_onGrid)
            {
                double scale = _scale, unitsPerTick = _tickUnits;
                long lo = _ticksLo, count = _ticksCount;
                askOpen = AskOnGrid(bar.Open, _spread.NextTicks(lo, count) * unitsPerTick, scale);
                askFirst = AskOnGrid(bidFirst, _spread.NextTicks(lo, count) * unitsPerTick, scale);
                askSecond = AskOnGrid(bidSecond, _spread.NextTicks(lo, count) * unitsPerTick, scale);
                askClose = AskOnGrid(bar.Close, _spread.NextTicks(lo, count) * unitsPerTick, scale);
            }
            else
            {
                askOpen = bar.Open + _spread.Next();
                askFirst = bidFirst + _spread.Next();
                askSecond = bidSecond + _spread.Next();
                askClose = bar.Close + _spread.Next();
            }

            long t = bar.OpenTimeUtc.Ticks;
            destination[3] = new SimQuote(t + CloseOffset, bar.Close, askClose, true);
            destination[2] = new SimQuote(t + SecondExtremeOffset, bidSecond, askSecond, true);
            destination[1] = new SimQuote(t + FirstExtremeOffset, bidFirst, askFirst, true);
            destination[0] = new SimQuote(t, bar.Open, askOpen, false);

            return QuotesPerBar;
        }

        /// <summary>True when the path visits the low before the high.</summary>
        public static bool LowFirst(double open, double high, double low, double close)
        {
            // Nearer extreme first; on a tie the extreme farther from the close; if that ties too, the low. Written
            // as one expression of non-short-circuit operators (all operands are plain comparisons) so that it
            // compiles without branches; it is the same as testing the four comparisons in turn.
            double toLow = open - low;
            double toHigh = high - open;
            double closeToLow = close - low;
            double closeToHigh = high - close;
            return (toLow < toHigh) | (!(toHigh < toLow) & ((closeToLow > closeToHigh) | !(closeToHigh > closeToLow)));
        }
    }
}
