using System;
using System.Collections.Generic;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Filters;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Time;

namespace PerpGuard.Risk.Rules
{
    /// <summary>The standard pipelines a bot builds from its validated options.</summary>
    public static class RiskPipelines
    {
        /// <summary>
        /// The daily rules in order: state gate, loss limit (and budget cut), profit target, trades
        /// per day, losing streak, cool-down. Settings that are off add no rule.
        /// </summary>
        public static RiskPipeline Daily(DailyLimitsOptions options)
        {
            options.ThrowIfInvalid();
            return AddDaily(RiskPipeline.Builder("Daily"), options).Build();
        }

        /// <summary>The market filters in order: rollover blackout, trading hours, spread, ATR band.</summary>
        public static RiskPipeline Market(MarketFilterOptions options)
        {
            options.ThrowIfInvalid();
            return AddMarket(RiskPipeline.Builder("Market"), options).Build();
        }

        /// <summary>Daily rules then market filters: the one pipeline a bot asks before each entry.</summary>
        public static RiskPipeline Standard(DailyLimitsOptions daily, MarketFilterOptions market)
        {
            var message = Validate(daily, market);
            if (message is not null)
            {
                throw new ArgumentException(message);
            }

            return AddMarket(AddDaily(RiskPipeline.Builder("Standard"), daily), market).Build();
        }

        /// <summary>Null when both option sets are valid; otherwise one message listing every problem of both.</summary>
        public static string? Validate(DailyLimitsOptions daily, MarketFilterOptions market)
        {
            var problems = new List<string>(daily.Violations());
            problems.AddRange(market.Violations());
            return OptionsMessage.Combine("Risk", problems);
        }

        private static RiskPipelineBuilder AddDaily(RiskPipelineBuilder builder, DailyLimitsOptions options) =>
            builder
                .Add(new TradingStateGate())
                .Add(new MaxDailyLossFraction(options.MaxDailyLoss))
                .AddIf(options.DailyProfitTarget is not null, () => new DailyProfitTarget(options.DailyProfitTarget ?? Fraction.Zero))
                .AddIf(options.MaxTradesPerDay > 0, () => new MaxTradesPerDay(options.MaxTradesPerDay))
                .AddIf(options.MaxConsecutiveLosses > 0, () => new MaxConsecutiveLosses(options.MaxConsecutiveLosses))
                .AddIf(options.CooldownAfterLoss > TimeSpan.Zero, () => new CooldownAfterLosses());

        private static RiskPipelineBuilder AddMarket(RiskPipelineBuilder builder, MarketFilterOptions options) =>
            builder
                .AddIf(options.HasRolloverBlackout, () => new RolloverBlackout(
                    TradingDaySchedule.Create(options.RolloverTimeZone, options.RolloverTimeOfDay),
                    options.RolloverBlackoutBefore,
                    options.RolloverBlackoutAfter))
                .AddIf(options.TradingWindows.Count > 0, () => new TradingHours(TimeZones.Find(options.TradingTimeZone), options.TradingWindows))
                .AddIf(options.MaxSpread > 0, () => new MaxSpread(options.SpreadKind, options.MaxSpread))
                .AddIf(options.HasAtrBand, () => new AtrPercentBand(options.AtrMin ?? Fraction.Zero, options.AtrMax ?? Fraction.FromFraction(double.MaxValue)));
    }
}
