using System;

namespace PerpGuard.Headless.Simulation
{
    /// <summary>
    /// Spread added to bid prices when the data has no ask (cTrader backtest options: fixed spread,
    /// or random spread within a range). Spreads are in price units; a <see cref="TickPath"/> on a price grid
    /// uses them in whole ticks (<see cref="FixedTicks"/>, <see cref="NextTicks"/>). Seeded and deterministic.
    /// </summary>
    public sealed class SimSpreadModel
    {
        private readonly double _min;
        private readonly double _max;
        private SimRandom _random;

        private SimSpreadModel(double min, double max, ulong seed)
        {
            if (!(min >= 0) || !(max >= min) || double.IsInfinity(max))
            {
                throw new ArgumentException("spread range must satisfy 0 <= min <= max < infinity");
            }

            _min = min;
            _max = max;
            _random = new SimRandom(seed);
        }

        public double Min => _min;
        public double Max => _max;

        /// <summary>True when every quote gets the same spread (<see cref="Min"/>); <see cref="Next"/> then draws nothing.</summary>
        public bool IsFixed => _max == _min;

        public static SimSpreadModel Fixed(double spread) => new SimSpreadModel(spread, spread, 0);

        public static SimSpreadModel Random(double min, double max, ulong seed) => new SimSpreadModel(min, max, seed);

        /// <summary>The spread of the next quote.</summary>
        public double Next() => _max == _min ? _min : _min + (_max - _min) * _random.NextDouble();

        /// <summary>
        /// The fixed spread in whole ticks of <paramref name="tickSize"/> (nearest; a tie goes up): quotes sit on the
        /// symbol's price grid, so a spread is always a whole number of ticks. A positive spread is at least one tick
        /// (rounding it to zero would make trading free, the optimistic side).
        /// </summary>
        public long FixedTicks(double tickSize)
        {
            long ticks = (long)Math.Round(_min / tickSize, MidpointRounding.AwayFromZero);
            return ticks == 0 && _min > 0 ? 1 : ticks;
        }

        /// <summary>
        /// The spread of the next quote in whole ticks: uniform over the whole tick counts inside [Min, Max] (the
        /// nearest tick count to Min when the range holds none). Same seed, same sequence.
        /// </summary>
        public long NextTicks(double tickSize)
        {
            TickRange(tickSize, out long lo, out long count);
            return NextTicks(lo, count);
        }

        /// <summary>The whole tick counts <see cref="NextTicks(double)"/> draws from: lo, lo + 1, …, lo + count − 1.</summary>
        public void TickRange(double tickSize, out long lo, out long count)
        {
            lo = (long)Math.Ceiling(_min / tickSize - 1e-9);
            long hi = (long)Math.Floor(_max / tickSize + 1e-9);
            if (hi < lo)
            {
                lo = FixedTicks(tickSize);
                hi = lo;
            }

            count = _max == _min ? 1 : hi - lo + 1;
        }

        /// <summary>Draws from a precomputed <see cref="TickRange"/> (the per-quote form: no division).</summary>
        public long NextTicks(long lo, long count) => count == 1 ? lo : lo + (long)(_random.NextDouble() * count);
    }

    /// <summary>
    /// Adverse price slippage on market-order fills, price units (buys fill higher, sells lower):
    /// none, fixed, or seeded uniform in a range. The slipped fill is rounded against the trader to a whole
    /// tick, so any slippage above 0 costs at least one tick.
    /// </summary>
    public sealed class SimSlippageModel
    {
        private readonly double _min;
        private readonly double _max;
        private SimRandom _random;

        private SimSlippageModel(double min, double max, ulong seed)
        {
            if (!(min >= 0) || !(max >= min) || double.IsInfinity(max))
            {
                throw new ArgumentException("slippage range must satisfy 0 <= min <= max < infinity");
            }

            _min = min;
            _max = max;
            _random = new SimRandom(seed);
        }

        public static SimSlippageModel None { get; } = new SimSlippageModel(0, 0, 0);

        public static SimSlippageModel Fixed(double price) => new SimSlippageModel(price, price, 0);

        public static SimSlippageModel Random(double min, double max, ulong seed) => new SimSlippageModel(min, max, seed);

        public double Next() => _max == _min ? _min : _min + (_max - _min) * _random.NextDouble();
    }
}
