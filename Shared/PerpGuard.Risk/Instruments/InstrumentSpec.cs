using System;
using System.Collections.Generic;
using PerpGuard.Risk.Margin;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Risk.Instruments
{
    /// <summary>
    /// What the broker says about a symbol: price grid, volume grid, fees, swap and its own margin
    /// rule. Immutable; built once per symbol (from cAlgo's <c>Symbol</c> at the adapter edge).
    /// The spec makes its own numbers: volumes floor to the step, prices snap to the tick.
    /// </summary>
    public sealed class InstrumentSpec
    {
        public InstrumentSpec(
            string name,
            double tickSize,
            double volumeMin,
            double volumeStep,
            double volumeMax = double.PositiveInfinity,
            double pipSize = 0,
            double lotSize = 1,
            CommissionModel commission = default,
            SwapModel swap = default,
            MarginSchedule? margin = null,
            string baseAsset = "",
            string quoteAsset = "")
        {
            var problems = new List<string>();
            if (string.IsNullOrWhiteSpace(name))
            {
                problems.Add("name is empty");
            }

            if (!(tickSize > 0) || double.IsInfinity(tickSize))
            {
                problems.Add("tick size must be positive");
            }

            if (!(volumeStep > 0) || double.IsInfinity(volumeStep))
            {
                problems.Add("volume step must be positive");
            }

            if (!(volumeMin > 0) || double.IsInfinity(volumeMin))
            {
                problems.Add("volume minimum must be positive");
            }

            if (double.IsNaN(volumeMax) || volumeMax < volumeMin)
            {
                problems.Add("volume maximum must not be below the minimum");
            }

            if (double.IsNaN(pipSize) || pipSize < 0)
            {
                problems.Add("pip size must not be negative");
            }

            if (!(lotSize > 0) || double.IsInfinity(lotSize))
            {
                problems.Add("lot size must be positive");
            }

            if (problems.Count > 0)
            {
                throw new ArgumentException("Invalid instrument '" + name + "': " + string.Join("; ", problems) + ".");
            }

            Name = name;
            TickSize = tickSize;
            PipSize = pipSize > 0 ? pipSize : tickSize;
            LotSize = lotSize;
            VolumeMin = volumeMin;
            VolumeStep = volumeStep;
            VolumeMax = volumeMax;
            Commission = commission;
            Swap = swap;
            Margin = margin;
            BaseAsset = baseAsset;
            QuoteAsset = quoteAsset;
        }

        public string Name { get; }

        public string BaseAsset { get; }

        public string QuoteAsset { get; }

        public double TickSize { get; }

        public double PipSize { get; }

        /// <summary>Units of the base asset in one lot (cTrader <c>LotSize</c>).</summary>
        public double LotSize { get; }

        public double VolumeMin { get; }

        public double VolumeStep { get; }

        /// <summary>Largest order in units; infinity when the broker sets none.</summary>
        public double VolumeMax { get; }

        public CommissionModel Commission { get; }

        public SwapModel Swap { get; }

        /// <summary>
        /// The symbol's own leverage or dynamic-leverage tiers (never the account's); null when unknown
        /// (a bare calculator), in which case no margin cap applies and margin reports 0.
        /// </summary>
        public MarginSchedule? Margin { get; }

        /// <summary>Floors to the volume step and caps at the maximum; never rounds up.</summary>
        public Volume FloorVolume(double units)
        {
            if (!(units > 0))
            {
                return Volume.Zero;
            }

            var capped = Math.Min(units, VolumeMax);
            return new Volume(StepMath.Floor(capped, VolumeStep));
        }

        /// <summary>
        /// Floors to the step; false (with a zero volume) when the result is below the minimum —
        /// a refusal, never a round-up to the minimum.
        /// </summary>
        public bool TryNormalizeVolume(double units, out Volume volume)
        {
            volume = FloorVolume(units);
            if (volume.Units < VolumeMin - VolumeStep * 1e-9)
            {
                volume = Volume.Zero;
                return false;
            }

            return true;
        }

        /// <summary>A stop rounded to the tick toward the market (a long's stop up, a short's down): never wider.</summary>
        public Price RoundStop(TradeSide side, double stop) => new Price(TickRounding.StopTowardMarket(side, stop, TickSize));

        /// <summary>A target rounded to the tick away from the market: never closer.</summary>
        public Price RoundTarget(TradeSide side, double target) => new Price(TickRounding.TargetAwayFromMarket(side, target, TickSize));

        public override string ToString() => Name;
    }

    /// <summary>Price rounding that never adds risk.</summary>
    public static class TickRounding
    {
        /// <summary>Long stops (below) round up, short stops (above) round down: closer to the market.</summary>
        public static double StopTowardMarket(TradeSide side, double stop, double tick)
            => side == TradeSide.Long ? StepMath.Ceiling(stop, tick) : StepMath.Floor(stop, tick);

        /// <summary>Long targets (above) round up, short targets (below) round down: further from the market.</summary>
        public static double TargetAwayFromMarket(TradeSide side, double target, double tick)
            => side == TradeSide.Long ? StepMath.Ceiling(target, tick) : StepMath.Floor(target, tick);

        /// <summary>Up for a long, down for a short: a break-even stop rounded this way still covers fees.</summary>
        public static double RoundAwayFromLoss(TradeSide side, double price, double tick)
            => side == TradeSide.Long ? StepMath.Ceiling(price, tick) : StepMath.Floor(price, tick);
    }
}
