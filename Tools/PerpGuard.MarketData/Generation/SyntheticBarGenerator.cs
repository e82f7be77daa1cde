using System;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace PerpGuard.MarketData.Generation
{
    /// <summary>
    /// Seeded generator of BTCUSD-like one-minute bid/ask bars — the embedded default data of
    /// <c>perpguard backtest</c>. Clearly not market data. Model per minute t:
    /// <list type="bullet">
    /// <item>GARCH(1,1) variance h_t = ω + α·ε²_{t−1} + β·h_{t−1}, ω = σ²(1 − α − β), σ the long-run minute volatility — volatility clusters;</item>
    /// <item>log return r_t = s_t·ε_t + J_t with ε_t = √h_t·z_t, z_t ~ N(0,1); s_t the intraday cycle × weekend factor; J_t a rare normal jump — fat tails;</item>
    /// <item>bid close = open·e^r; high/low extend beyond open/close by half-normal excursions scaled by the bar's volatility;</item>
    /// <item>spread = max(min, base + k·(s_t·√h_t·price)) — widens when volatility rises; ask = bid + spread.</item>
    /// </list>
    /// Deterministic for a seed (MathNet's Xoshiro256** generator).
    /// </summary>
    public static class SyntheticBarGenerator
    {
        private const double MinutesPerYear = 365.0 * 1440.0;

        public static BarSeries Generate(SyntheticBarOptions options)
        {
            var problems = options.Validate();
            if (problems.Count > 0)
            {
                throw new ArgumentException("Invalid generator options: " + string.Join("; ", problems), nameof(options));
            }

            var rng = new Xoshiro256StarStar(options.Seed, threadSafe: false);
            var bars = new MarketBar[options.Bars];
            var sigma = options.AnnualVolatility / Math.Sqrt(MinutesPerYear);
            var longRunVariance = sigma * sigma;
            var omega = longRunVariance * (1 - options.GarchAlpha - options.GarchBeta);
            var h = longRunVariance;
            var lastShock = 0.0;
            var price = options.StartPrice;
            var tick = options.TickSize;

            for (var i = 0; i < bars.Length; i++)
            {
                var time = options.StartUtc.AddMinutes(i);
                h = omega + (options.GarchAlpha * lastShock * lastShock) + (options.GarchBeta * h);
                var barSigma = Math.Sqrt(h) * Seasonality(time, options);

                var z = Normal.Sample(rng, 0, 1);
                lastShock = Math.Sqrt(h) * z;
                var jump = rng.NextDouble() < options.JumpProbability ? Normal.Sample(rng, 0, options.JumpStdDev) : 0.0;
                var r = (Seasonality(time, options) * lastShock) + jump;

                var open = Round(price, tick);
                var close = Round(open * Math.Exp(r), tick);
                // Excursions beyond the body: half-normal, about half a bar-sigma on average.
                var up = Math.Abs(Normal.Sample(rng, 0, 0.6 * barSigma));
                var down = Math.Abs(Normal.Sample(rng, 0, 0.6 * barSigma));
                var high = Math.Max(Round(Math.Max(open, close) * Math.Exp(up), tick), Math.Max(open, close));
                var low = Math.Min(Round(Math.Min(open, close) * Math.Exp(-down), tick), Math.Min(open, close));

                var spread = Math.Max(options.MinSpread, options.SpreadBase + (options.SpreadPerVolatility * barSigma * open));
                spread = Round(spread, tick);
                var volume = Math.Round(60.0 * (barSigma / sigma) * Math.Exp(0.3 * Normal.Sample(rng, 0, 1)));

                bars[i] = new MarketBar(time, open, high, low, close, volume, open + spread, high + spread, low + spread, close + spread);
                price = close;
            }

            return new BarSeries(options.SourceLabel, null, bars, MarketDataReader.AnalyzeBars(bars));
        }

        /// <summary>Convenience: default options with the given seed and bar count.</summary>
        public static BarSeries Generate(int seed, int bars = SyntheticBarOptions.DefaultBars)
        {
            return Generate(new SyntheticBarOptions { Seed = seed, Bars = bars });
        }

        /// <summary>Intraday cycle peaking near 15:00 UTC (US session) times the weekend factor.</summary>
        internal static double Seasonality(DateTime utc, SyntheticBarOptions options)
        {
            var hour = utc.Hour + (utc.Minute / 60.0);
            var intraday = 1 + (options.IntradayAmplitude * Math.Cos(2 * Math.PI * (hour - 15) / 24));
            var weekend = utc.DayOfWeek == DayOfWeek.Saturday || utc.DayOfWeek == DayOfWeek.Sunday ? options.WeekendFactor : 1.0;
            return intraday * weekend;
        }

        private static double Round(double value, double tick) => Math.Round(value / tick) * tick;
    }
}
