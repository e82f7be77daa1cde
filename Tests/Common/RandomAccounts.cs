using System;
using System.Linq;
using PerpGuard.Risk.Pipeline;

namespace PerpGuard.Tests.Common
{
    /// <summary>Random accounts for the account-wide leverage cap's properties (AccountLeveragePolicy).</summary>
    public static class RandomAccounts
    {
        private static readonly double[] Steps = { 0.001, 0.01, 0.1, 1.0 };
        private static readonly double[] QuoteToAccount = { 1.0, 0.9, 1.25 };

        /// <summary>
        /// 1–6 positions opened within five minutes after <paramref name="t0Ticks"/>: volume steps 0.001–1, a minimum of
        /// 1–5 steps and up to 499 steps above it, prices 0.5–80,000, quote-to-account rates 0.9–1.25.
        /// </summary>
        public static AccountExposure[] Exposures(Random rng, long t0Ticks)
        {
            var positions = new AccountExposure[rng.Next(1, 7)];
            for (var i = 0; i < positions.Length; i++)
            {
                var step = Steps[rng.Next(4)];
                var min = step * rng.Next(1, 6);
                var units = min + step * rng.Next(0, 500);
                var price = Math.Round(0.5 + rng.NextDouble() * 80_000, 2);
                var k = QuoteToAccount[rng.Next(3)];
                positions[i] = new AccountExposure(i + 1, t0Ticks + rng.Next(0, 5) * TimeSpan.TicksPerMinute, units, price, k, min, step);
            }

            return positions;
        }

        /// <summary>As <see cref="Exposures"/>, with the minimum one step and the rate 1: 1–499 steps each.</summary>
        public static AccountExposure[] OneStepMinimumExposures(Random rng, long t0Ticks)
        {
            var positions = new AccountExposure[rng.Next(1, 7)];
            for (var i = 0; i < positions.Length; i++)
            {
                var step = Steps[rng.Next(4)];
                var units = step * rng.Next(1, 500);
                var price = Math.Round(0.5 + rng.NextDouble() * 80_000, 2);
                positions[i] = new AccountExposure(i + 1, t0Ticks + rng.Next(0, 5) * TimeSpan.TicksPerMinute, units, price, 1.0, step, step);
            }

            return positions;
        }

        /// <summary>The account's leverage once the decided cuts are made (a closed position counts nothing).</summary>
        public static double LeverageAfterCuts(AccountExposure[] positions, double equity)
        {
            var after = positions.Select(p => new AccountExposure(p.Id, p.OpenedTicks, p.CloseAll ? 0 : p.Units - p.Cut, p.ClosePrice, p.QuoteToAccount, p.VolumeMin, p.VolumeStep)).ToArray();
            return AccountLeveragePolicy.Leverage(after, equity);
        }
    }
}
