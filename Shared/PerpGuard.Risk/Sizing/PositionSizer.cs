using System;
using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Margin;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Stops;

namespace PerpGuard.Risk.Sizing
{
    /// <summary>
    /// Sizing as a pure function: <see cref="Decide"/> turns a <see cref="SizingRequest"/> into a
    /// <see cref="SizingDecision"/>. Steps (docs/risk-sizing.md):
    /// R = min(base × r, λ × remaining allowance); c = |E − S|·k + slippage·k + fee(E) + fee(exit);
    /// size = R / c (with a minimum commission per side, the largest size whose loss with both fees
    /// charged as max(rate fee, minimum), plus the booking reserve of a rounding account, is within R; c then at that size); caps (leverage, margin utilisation, volume max, liquidation); floor to the step;
    /// below the minimum → refused. Allocation-free.
    /// </summary>
    public static class PositionSizer
    {
        private const double Epsilon = 1e-12;

        public static SizingDecision Decide(in SizingRequest request)
        {
            var spec = request.Symbol;
            var currency = request.Equity.Currency;
            if (spec is null || currency is null)
            {
                return Refuse(SizingRefusal.InvalidInput, "XXX", SizingCaps.None, SizingWarnings.None, RefusalNumbers.None);
            }

            var rates = request.Rates.IsUnset ? ConversionRates.Identity : request.Rates;
            var k = rates.QuoteToAccount;
            var entry = request.Entry.Value;
            var equity = request.Equity.Amount;
            var warnings = SizingWarnings.None;
            var caps = SizingCaps.None;
            var numbers = new RefusalNumbers(double.NaN, double.NaN, spec.VolumeMin, double.NaN, double.NaN);

            if (!(entry > 0) || !(equity > 0) || !(request.MaxLeverage > 0) || double.IsInfinity(request.MaxLeverage)
                || !(request.SlippageAllowance >= 0) || double.IsInfinity(request.SlippageAllowance)
                || !(request.MoneyStep >= 0) || double.IsInfinity(request.MoneyStep))
            {
                return Refuse(SizingRefusal.InvalidInput, currency, caps, warnings, numbers);
            }

            // Inputs that would silently loosen a limit: a share of the daily allowance above all of it,
            // margin in use below zero, a guard buffer outside [0, 1) or a guard without a leverage.
            var share = request.DailyAllowanceShare.Value;
            var guardInput = request.Guard;
            if (share < 0 || share > 1 || !(request.UsedMargin >= 0)
                || (guardInput.Kind != LiquidationGuardKind.None && !(guardInput.Buffer.Value >= 0 && guardInput.Buffer.Value < 1))
                || (guardInput.Kind == LiquidationGuardKind.BybitIsolated && (!(guardInput.Leverage > 0) || double.IsInfinity(guardInput.Leverage) || !(guardInput.Mmr >= 0 && guardInput.Mmr < 1))))
            {
                return Refuse(SizingRefusal.InvalidInput, currency, caps, warnings, numbers);
            }

            if (request.MaxLeverage > SizingDefaults.HardMaxLeverage)
            {
                if (!request.AllowLeverageAboveHardMax)
                {
                    return Refuse(SizingRefusal.LeverageAboveHardMax, currency, caps, warnings, numbers.With(request.MaxLeverage, SizingDefaults.HardMaxLeverage));
                }

                warnings |= SizingWarnings.LeverageAboveHardMax;
            }

            // 1. The base and the risk money.
            if (!TryBase(request, out var baseAmount))
            {
                return Refuse(SizingRefusal.InvalidInput, currency, caps, warnings, numbers);
            }

            double risk;
            if (request.Mode == SizingMode.FixedMoney)
            {
                if (!request.FixedRisk.HasValue || !(request.FixedRisk.Value.Amount > 0) || request.FixedRisk.Value.Currency != currency)
                {
                    return Refuse(SizingRefusal.InvalidInput, currency, caps, warnings, numbers);
                }

                risk = request.FixedRisk.Value.Amount;
            }
            else
            {
                if (!(request.RiskFraction.Value > 0))
                {
                    return Refuse(SizingRefusal.InvalidInput, currency, caps, warnings, numbers);
                }

                risk = baseAmount * request.RiskFraction.Value;
            }

            if (risk > baseAmount * SizingDefaults.MaxRiskFractionWithoutOverride * (1 + 1e-9))
            {
                if (!request.AllowRiskAboveTwoPercent)
                {
                    return Refuse(SizingRefusal.RiskAboveLimitWithoutOverride, currency, caps, warnings,
                        numbers.With(risk, baseAmount * SizingDefaults.MaxRiskFractionWithoutOverride));
                }

                warnings |= SizingWarnings.RiskAboveTwoPercent;
            }

            if (request.Mode == SizingMode.Combined)
            {
                if (!(request.Atr > 0) || !(request.AverageAtr > 0) || !(request.VolatilityThreshold > 0))
                {
                    return Refuse(SizingRefusal.InvalidInput, currency, caps, warnings, numbers);
                }

                var ratio = request.Atr / request.AverageAtr;
                var scale = Math.Min(1.0, request.VolatilityThreshold / ratio);
                if (scale < 1.0)
                {
                    risk *= scale;
                    caps |= SizingCaps.VolatilityScaling;
                }
            }

            if (request.RemainingDailyAllowance.HasValue)
            {
                var allowance = request.RemainingDailyAllowance.Value;
                if (allowance.Currency != currency)
                {
                    return Refuse(SizingRefusal.InvalidInput, currency, caps, warnings, numbers);
                }

                var left = Math.Max(0, allowance.Amount);
                numbers = new RefusalNumbers(double.NaN, double.NaN, spec.VolumeMin, double.NaN, left);
                var daily = left * request.DailyAllowanceShare.Value;
                if (daily < risk)
                {
                    risk = daily;
                    caps |= SizingCaps.DailyAllowance;
                }
            }

            if (!(risk > 0))
            {
                // What the smallest trade would have risked, for the text: the stop as it would be set. The stop goes
                // with the refusal as with any other sized refusal (the CLI showed "Stop 0.00" for it).
                var stopKnown = StopOf(request, spec, entry, out var budgetStop, out var budgetDistance) == SizingRefusal.None;
                var minimumRisk = stopKnown ? MinimumVolumeRisk(request, spec, rates, entry, budgetStop, budgetDistance) : double.NaN;
                return Refuse(SizingRefusal.NoRiskBudget, currency, caps, warnings, numbers.WithMinimumRisk(minimumRisk), stop: stopKnown ? budgetStop : 0);
            }

            // 2. The stop, rounded toward the market so rounding never adds risk.
            var stopRefusal = StopOf(request, spec, entry, out var stop, out var stopDistance);
            if (stopRefusal != SizingRefusal.None)
            {
                return Refuse(stopRefusal, currency, caps, warnings, stopRefusal == SizingRefusal.StopOnWrongSide ? numbers.With(stop, entry) : numbers);
            }

            // 3. Per-unit risk c, in account currency: the move to the stop, slippage, both fees. The exit
            // fee is charged at the worse of stop and slipped fill: a short's fill is above its stop.
            var fees = FeeCoefficients.For(spec, rates, request.MoneyStep);
            var exitForFee = ExitForFee(request, stop);
            var perUnit = (stopDistance + request.SlippageAllowance) * k + fees.RoundTrip(entry, exitForFee);
            var rawUnits = risk / perUnit;
            var volumeDependent = fees.IsVolumeDependent;
            if (volumeDependent)
            {
                // Each side costs max(rate fee, minimum), and the booking reserve is a fixed sum: the loss at the
                // stop is not proportional to the size, so c depends on it; solve the size first, then c at that size.
                rawUnits = fees.MaxUnitsWithin(risk, (stopDistance + request.SlippageAllowance) * k, entry, exitForFee);
                if (!(rawUnits > 0))
                {
                    return Refuse(SizingRefusal.FeesAboveRisk, currency, caps, warnings, numbers.With(2 * fees.MinimumPerSide + fees.BookingReserve, risk), risk, perUnit, stop);
                }

                perUnit = PerUnitAt(fees, rawUnits, stopDistance, request.SlippageAllowance, k, entry, exitForFee);
            }

            // 4. Target (before caps: without a minimum commission or reserve it depends on c, not on the size).
            var targetRefusal = Target(request, spec, entry, perUnit, volumeDependent ? fees.ForVolume(rawUnits) : fees, out var takeProfit, out var targetAtr);
            if (targetRefusal != SizingRefusal.None)
            {
                return Refuse(targetRefusal, currency, caps, warnings, TargetNumbers(numbers, targetRefusal, targetAtr, request), risk, perUnit, stop);
            }

            // 5. Caps.
            var units = rawUnits;
            var leverageCap = EffectiveLeverage.MaxUnits(request.MaxLeverage, equity, entry, k);
            units = Cap(units, leverageCap, SizingCaps.Leverage, ref caps);

            var schedule = spec.Margin;
            if (schedule is not null)
            {
                var available = request.MaxMarginUtilisation.Value * equity - request.UsedMargin;
                var marginCap = available > 0
                    ? schedule.MaxNotionalUsd(request.Side, available / rates.UsdToAccount) / (entry * rates.QuoteToUsd)
                    : 0;
                units = Cap(units, marginCap, SizingCaps.MarginUtilisation, ref caps);
            }

            units = Cap(units, spec.VolumeMax, SizingCaps.VolumeMax, ref caps);

            var guard = request.Guard;
            var liquidation = LiquidationResult.Never;
            if (guard.Kind == LiquidationGuardKind.BybitIsolated)
            {
                liquidation = BybitLiquidation.Isolated(request.Side, entry, guard.Leverage, guard.Mmr);
                var buffered = liquidation.WithBuffer(entry, guard.Buffer);
                if (!buffered.IsStopInside(request.Side, stop))
                {
                    return Refuse(SizingRefusal.StopBeyondLiquidation, currency, caps, warnings, numbers.With(stop, buffered.PriceOrNaN), risk, perUnit, stop);
                }
            }
            else if (guard.Kind == LiquidationGuardKind.CTraderStopOut && schedule is not null)
            {
                var guardCap = MaxUnitsInsideStopOut(request, schedule, rates, fees, entry, stop, units);
                units = Cap(units, guardCap, SizingCaps.Liquidation, ref caps);
            }

            // 6. Floor to the step; below the minimum is a refusal, never a round-up.
            if (!spec.TryNormalizeVolume(units, out var volume))
            {
                var below = numbers.With(units, spec.VolumeMin).WithMinimumRisk(MinimumVolumeRisk(request, spec, rates, entry, stop, stopDistance));
                return Refuse(SizingRefusal.BelowMinimumVolume, currency, caps, warnings, below, risk, perUnit, stop, rawUnits, takeProfit);
            }

            var u = volume.Units;
            if (volumeDependent)
            {
                // A smaller size pays the minimum (and the reserve) over fewer units: c and the net target at the final size.
                perUnit = PerUnitAt(fees, u, stopDistance, request.SlippageAllowance, k, entry, exitForFee);
                targetRefusal = Target(request, spec, entry, perUnit, fees.ForVolume(u), out takeProfit, out targetAtr);
                if (targetRefusal != SizingRefusal.None)
                {
                    return Refuse(targetRefusal, currency, caps, warnings, TargetNumbers(numbers, targetRefusal, targetAtr, request), risk, perUnit, stop, rawUnits);
                }
            }

            if (guard.Kind == LiquidationGuardKind.CTraderStopOut && schedule is not null)
            {
                liquidation = StopOutFor(request, schedule, rates, fees, entry, u);
            }

            var notional = u * entry * k;
            var margin = schedule is null ? 0 : schedule.MarginAccount(request.Side, u, entry, rates.QuoteToUsd, rates.UsdToAccount);
            return new SizingDecision(
                SizingRefusal.None,
                volume,
                rawUnits,
                new Money(risk, currency),
                new Money(u * perUnit, currency),
                perUnit,
                new Price(stop),
                takeProfit,
                EffectiveLeverage.Of(notional, equity),
                new Money(margin, currency),
                new Money(notional, currency),
                liquidation.Price,
                caps,
                warnings,
                numbers);
        }

        /// <summary>
        /// Step 2: the stop (given, or entry ∓ m × ATR), rounded toward the market so rounding never adds risk, and
        /// its distance from the entry. A stop that is no price on the losing side is refused; <paramref name="stop"/>
        /// is then the stop as computed (before rounding when it is no price at all), for the text.
        /// </summary>
        private static SizingRefusal StopOf(in SizingRequest request, InstrumentSpec spec, double entry, out double stop, out double stopDistance)
        {
            stop = double.NaN;
            stopDistance = double.NaN;
            double rawStop;
            var useAtrStop = request.Mode == SizingMode.Volatility || (request.Mode == SizingMode.Combined && !request.Stop.HasValue);
            if (useAtrStop)
            {
                if (!(request.Atr > 0) || !(request.AtrStopMultiple > 0))
                {
                    return SizingRefusal.InvalidInput;
                }

                var distance = request.AtrStopMultiple * request.Atr;
                if (double.IsInfinity(distance))
                {
                    return SizingRefusal.InvalidInput;
                }

                rawStop = request.Side == TradeSide.Long ? entry - distance : entry + distance;
                if (!(rawStop > 0))
                {
                    stop = rawStop;
                    return SizingRefusal.StopOnWrongSide;
                }
            }
            else
            {
                if (!request.Stop.HasValue)
                {
                    return SizingRefusal.InvalidInput;
                }

                rawStop = request.Stop.Value.Value;
            }

            stop = TickRounding.StopTowardMarket(request.Side, rawStop, spec.TickSize);
            stopDistance = request.Side == TradeSide.Long ? entry - stop : stop - entry;
            return !(stopDistance > 0) || !(stop > 0) ? SizingRefusal.StopOnWrongSide : SizingRefusal.None;
        }

        private static double ExitForFee(in SizingRequest request, double stop)
            => request.Side == TradeSide.Short ? stop + request.SlippageAllowance : stop;

        /// <summary>
        /// What the broker's minimum volume loses at <paramref name="stop"/>, as the sizer counts a trade's risk:
        /// the move and slippage in account currency, both fees as charged (max of rate fee and minimum commission),
        /// and the booking reserve (<see cref="FeeCoefficients.LossAt"/>).
        /// </summary>
        private static double MinimumVolumeRisk(in SizingRequest request, InstrumentSpec spec, in ConversionRates rates, double entry, double stop, double stopDistance)
        {
            var fees = FeeCoefficients.For(spec, rates, request.MoneyStep);
            return fees.LossAt(spec.VolumeMin, stopDistance + request.SlippageAllowance, entry, ExitForFee(request, stop));
        }

        private static RefusalNumbers TargetNumbers(in RefusalNumbers numbers, SizingRefusal refusal, double targetAtr, in SizingRequest request)
            => refusal == SizingRefusal.TargetBeyondAtrLimit ? numbers.With(targetAtr, request.MaxTargetAtrMultiple) : numbers;

        private static double PerUnitAt(in FeeCoefficients fees, double units, double stopDistance, double slippage, double k, double entry, double exitForFee)
            => (stopDistance + slippage) * k + fees.ForVolume(units).RoundTrip(entry, exitForFee);

        /// <summary>The minimum net-of-fee target (null when no reward:risk is asked), or why there is none.</summary>
        private static SizingRefusal Target(in SizingRequest request, InstrumentSpec spec, double entry, double perUnit, in FeeCoefficients fees, out Price? takeProfit, out double targetAtr)
        {
            takeProfit = null;
            targetAtr = double.NaN;
            if (!(request.RewardRisk > 0))
            {
                return SizingRefusal.None;
            }

            var target = TargetCalculator.MinimumTargetRaw(request.Side, entry, perUnit, request.RewardRisk, fees);
            if (double.IsNaN(target))
            {
                return SizingRefusal.TargetUnreachable;
            }

            var rounded = TickRounding.TargetAwayFromMarket(request.Side, target, spec.TickSize);
            if (request.MaxTargetAtrMultiple > 0)
            {
                if (!(request.Atr > 0))
                {
                    return SizingRefusal.InvalidInput;
                }

                // The limit is inclusive; the relative slack keeps binary noise (a target exactly at the limit
                // computing a hair beyond it) from refusing it.
                if (Math.Abs(rounded - entry) > request.MaxTargetAtrMultiple * request.Atr * (1 + 1e-9))
                {
                    targetAtr = Math.Abs(rounded - entry) / request.Atr;
                    return SizingRefusal.TargetBeyondAtrLimit;
                }
            }

            takeProfit = new Price(rounded);
            return SizingRefusal.None;
        }

        private static bool TryBase(in SizingRequest r, out double amount)
        {
            Money? chosen;
            switch (r.Base)
            {
                case RiskBase.Balance:
                    chosen = r.Balance;
                    break;
                case RiskBase.StartOfDayBalance:
                    chosen = r.StartOfDayBalance;
                    break;
                default:
                    chosen = r.Equity;
                    break;
            }

            amount = chosen.HasValue ? chosen.Value.Amount : 0;
            return chosen.HasValue && chosen.Value.Currency == r.Equity.Currency && amount > 0 && !double.IsInfinity(amount);
        }

        private static double Cap(double units, double cap, SizingCaps flag, ref SizingCaps caps)
        {
            if (cap < units)
            {
                caps |= flag;
                return cap > 0 ? cap : 0;
            }

            return units;
        }

        /// <summary>
        /// The largest size whose cTrader stop-out price (buffered) still lies beyond the stop. The
        /// stop-out price moves toward the entry as size grows, so bisection on size finds it.
        /// </summary>
        private static double MaxUnitsInsideStopOut(in SizingRequest r, MarginSchedule schedule, in ConversionRates rates, in FeeCoefficients fees, double entry, double stop, double upper)
        {
            if (!(upper > 0) || StopInside(r, schedule, rates, fees, entry, stop, upper))
            {
                return upper;
            }

            double lo = 0, hi = upper;
            for (var i = 0; i < 64 && hi - lo > upper * Epsilon; i++)
            {
                var mid = 0.5 * (lo + hi);
                if (StopInside(r, schedule, rates, fees, entry, stop, mid))
                {
                    lo = mid;
                }
                else
                {
                    hi = mid;
                }
            }

            return lo;
        }

        private static bool StopInside(in SizingRequest r, MarginSchedule schedule, in ConversionRates rates, in FeeCoefficients fees, double entry, double stop, double units)
        {
            // Stop inside the buffered price: for a long stop > LP + b (E − LP), i.e. LP < (stop − bE) / (1 − b);
            // the same threshold for a short with ">" — so check the account is above stop-out there.
            var b = r.Guard.Buffer.Value;
            var threshold = b > 0 && b < 1 ? (stop - b * entry) / (1 - b) : stop;
            var account = Account(r, schedule, rates, fees, entry, units);
            return CTraderStopOut.IsAboveStopOutAt(account, new PositionExposure(r.Side, units, entry), threshold);
        }

        private static StopOutAccount Account(in SizingRequest r, MarginSchedule schedule, in ConversionRates rates, in FeeCoefficients fees, double entry, double units)
        {
            // Equity right after the fill: the entry fee is already paid.
            var equity = r.Equity.Amount - fees.SideFee(units, entry);
            return new StopOutAccount(equity, entry, r.Guard.StopOutLevel, r.UsedMargin, schedule, MarginAggregation.Max, r.Guard.Pricing, rates);
        }

        private static LiquidationResult StopOutFor(in SizingRequest r, MarginSchedule schedule, in ConversionRates rates, in FeeCoefficients fees, double entry, double units)
            => CTraderStopOut.Solve(Account(r, schedule, rates, fees, entry, units), new PositionExposure(r.Side, units, entry));

        private static SizingDecision Refuse(SizingRefusal refusal, string currency, SizingCaps caps, SizingWarnings warnings, in RefusalNumbers numbers, double risk = 0, double perUnit = 0, double stop = 0, double rawUnits = 0, Price? takeProfit = null)
        {
            var zero = new Money(0, currency);
            return new SizingDecision(
                refusal,
                Volume.Zero,
                rawUnits,
                new Money(risk, currency),
                zero,
                perUnit,
                new Price(stop > 0 ? stop : 0),
                takeProfit,
                0,
                zero,
                zero,
                null,
                caps,
                warnings,
                numbers);
        }
    }
}
