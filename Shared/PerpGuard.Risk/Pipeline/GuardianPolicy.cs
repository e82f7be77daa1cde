using System;
using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Margin;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Stops;

namespace PerpGuard.Risk.Pipeline
{
    public enum GuardianActionKind
    {
        None = 0,

        /// <summary>Apply <see cref="GuardianAction.Protection"/> (attach stop/target, trail, break-even).</summary>
        Protect = 1,

        /// <summary>Close <see cref="GuardianAction.Volume"/> units; the rest stays open within the caps.</summary>
        Reduce = 2,

        /// <summary>Close the whole position.</summary>
        Close = 3,

        /// <summary>Journal a warning (once per position); change nothing.</summary>
        Warn = 4,
    }

    /// <summary>The guardian's decision for one position. A value type: deciding allocates nothing.</summary>
    public readonly struct GuardianAction
    {
        public GuardianAction(GuardianActionKind kind, ProtectionAction protection, double volume, string reason, double measured, double limit)
        {
            Kind = kind;
            Protection = protection;
            Volume = volume;
            Reason = reason;
            Measured = measured;
            Limit = limit;
        }

        public GuardianActionKind Kind { get; }

        public ProtectionAction Protection { get; }

        /// <summary>Units to close (Reduce), or the position's volume (Close).</summary>
        public double Volume { get; }

        public string Reason { get; }

        /// <summary>The measured leverage or risk money that triggered the action (NaN otherwise).</summary>
        public double Measured { get; }

        /// <summary>The cap it was compared with.</summary>
        public double Limit { get; }

        public static GuardianAction None => new GuardianAction(GuardianActionKind.None, ProtectionAction.None, 0, string.Empty, double.NaN, double.NaN);
    }

    /// <summary>Stable reason codes of the guardian's own actions.</summary>
    public static class GuardianReasons
    {
        public const string KeepFlat = "KeepFlatWhileHalted";

        /// <summary>A position opened while the day is Reducing (max trades or losses in a row reached): closed at once.</summary>
        public const string NoNewExposure = "NoNewExposureWhileReducing";

        /// <summary>A position opened during the cool-down after a losing trade: closed at once.</summary>
        public const string NoNewExposureDuringCooldown = "NoNewExposureDuringCooldown";
        public const string Flatten = "Flatten";
        public const string LeverageAboveCap = "LeverageAboveCap";

        /// <summary>The account's total effective leverage (Σ notional ÷ equity) is above the cap.</summary>
        public const string AccountLeverageAboveCap = "AccountLeverageAboveCap";
        public const string RiskAboveCap = "RiskAboveCap";
        public const string BelowMinimumAfterReduce = "BelowMinimumVolume";
    }

    /// <summary>The account and market the guardian judges a position against.</summary>
    public readonly struct GuardianMarket
    {
        public GuardianMarket(double bid, double ask, double atr, double equity, FeeCoefficients fees, bool halted, bool flattenAll)
        {
            Bid = bid;
            Ask = ask;
            Atr = atr;
            Equity = equity;
            Fees = fees;
            Halted = halted;
            FlattenAll = flattenAll;
            Reducing = false; // C# 10: a struct constructor must assign every auto-property (set by an initializer)
        }

        public double Bid { get; }

        public double Ask { get; }

        public double Atr { get; }

        /// <summary>Account equity, account currency.</summary>
        public double Equity { get; }

        public FeeCoefficients Fees { get; }

        /// <summary>The day is halted: positions must be closed (see <see cref="FlattenAll"/>).</summary>
        public bool Halted { get; }

        /// <summary>True: close every position while halted; false: only those opened after the halt.</summary>
        public bool FlattenAll { get; }

        /// <summary>The day is Reducing (no new exposure): positions opened since then are closed.</summary>
        public bool Reducing { get; init; }
    }

    /// <summary>
    /// TradeGuardian's rules for one position, in order: while the day is halted, close (all, or only
    /// positions opened after the halt); close a position opened while the day was Reducing or cooling down
    /// after a loss (no new exposure then); attach a missing stop and target; cut a position whose
    /// effective leverage or money at risk exceeds the cap (reduce to <see cref="GuardianOptions.CutToPercentOfCap"/>
    /// of the cap, close, or warn only);
    /// then trail / break-even. Maths from the library (EffectiveLeverage, PositionProtector).
    /// </summary>
    public sealed class GuardianPolicy
    {
        private readonly GuardianOptions _options;
        private readonly PositionProtector _protector;
        private readonly InstrumentSpec _spec;

        public GuardianPolicy(GuardianOptions options, PositionProtector protector)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _protector = protector ?? throw new ArgumentNullException(nameof(protector));
            _spec = protector.Spec;
        }

        public PositionProtector Protector => _protector;

        /// <param name="openedAfterHalt">The position appeared after the day was halted (or, when Reducing, after it turned Reducing).</param>
        /// <param name="openedInCooldown">The position appeared while the day was cooling down after a losing trade.</param>
        public GuardianAction Evaluate(in PositionView position, TrackedPosition tracked, in GuardianMarket market, bool openedAfterHalt, bool openedInCooldown = false)
        {
            if (market.Halted && (market.FlattenAll || openedAfterHalt))
            {
                return new GuardianAction(GuardianActionKind.Close, ProtectionAction.None, position.VolumeUnits,
                    openedAfterHalt ? GuardianReasons.KeepFlat : GuardianReasons.Flatten, double.NaN, double.NaN);
            }

            if (market.Reducing && !market.Halted && openedAfterHalt)
            {
                return new GuardianAction(GuardianActionKind.Close, ProtectionAction.None, position.VolumeUnits, GuardianReasons.NoNewExposure, double.NaN, double.NaN);
            }

            if (openedInCooldown && !market.Halted)
            {
                return new GuardianAction(GuardianActionKind.Close, ProtectionAction.None, position.VolumeUnits, GuardianReasons.NoNewExposureDuringCooldown, double.NaN, double.NaN);
            }

            if (!position.StopLoss.HasValue)
            {
                var attach = _protector.Evaluate(position, tracked, market.Bid, market.Ask, market.Atr, market.Fees);
                return attach.Kind == ProtectionKind.Close
                    ? new GuardianAction(GuardianActionKind.Close, attach, position.VolumeUnits, attach.Reason, double.NaN, double.NaN)
                    : new GuardianAction(GuardianActionKind.Protect, attach, 0, attach.Reason, double.NaN, double.NaN);
            }

            var oversize = CheckSize(position, market);
            if (oversize.Kind != GuardianActionKind.None)
            {
                if (oversize.Kind == GuardianActionKind.Warn && tracked.Warned)
                {
                    // Warned already: fall through to the normal protection.
                }
                else
                {
                    return oversize;
                }
            }

            var protection = _protector.Evaluate(position, tracked, market.Bid, market.Ask, market.Atr, market.Fees);
            return protection.Kind == ProtectionKind.None
                ? GuardianAction.None
                : new GuardianAction(protection.Kind == ProtectionKind.Close ? GuardianActionKind.Close : GuardianActionKind.Protect,
                    protection, protection.Kind == ProtectionKind.Close ? position.VolumeUnits : 0, protection.Reason, double.NaN, double.NaN);
        }

        /// <summary>
        /// Leverage = notional at the closing price ÷ equity; risk = what the position loses from its
        /// entry if the stop fills (fees included: a stop at the entry loses the fees, and one past it too until the
        /// price gain pays them; only a stop whose fill gains after fees is not measured). A cap is exceeded when the
        /// measure is above the cap; the reduction then keeps the largest step-aligned volume within
        /// <see cref="GuardianOptions.CutToPercentOfCap"/> of every cap exceeded (hysteresis: drift back up to the cap
        /// triggers nothing). Returns the action for the binding cap, with the cap itself as <see cref="GuardianAction.Limit"/>.
        /// </summary>
        public GuardianAction CheckSize(in PositionView position, in GuardianMarket market)
        {
            var side = position.Side;
            var price = side == TradeSide.Long ? market.Bid : market.Ask;
            var k = market.Fees.QuoteToAccount;
            var units = position.VolumeUnits;

            // An equity that is not a number is a broken reading, not infinite leverage: nothing is cut on it (equity at
            // or below zero is real, and closes what is open).
            if (!(units > 0) || !(price > 0) || double.IsNaN(market.Equity))
            {
                return GuardianAction.None;
            }

            var cap = _options.Risk.MaxLeverage;

            // Hysteresis: the trigger is the cap itself, the cut goes down to this share of it (1 = to the cap).
            // (Options are validated at start; an unvalidated share outside (0, 1] falls back to the cap, never above it.)
            var cutTo = _options.CutToFraction > 0 && _options.CutToFraction < 1 ? _options.CutToFraction : 1;
            var leverage = EffectiveLeverage.Of(units * price * k, market.Equity);
            var allowed = double.PositiveInfinity;
            var reason = string.Empty;
            var measured = double.NaN;
            var limit = double.NaN;
            if (leverage > cap * (1 + 1e-9))
            {
                allowed = EffectiveLeverage.MaxUnits(cap * cutTo, market.Equity, price, k);
                reason = GuardianReasons.LeverageAboveCap;
                measured = leverage;
                limit = cap;
            }

            if (_options.MaxRiskPercentPerPosition > 0 && position.StopLoss.HasValue)
            {
                var stop = position.StopLoss.Value;
                var distance = side == TradeSide.Long ? position.EntryPrice - stop : stop - position.EntryPrice;

                // A stop at the entry still loses the two fees, and so does one past it until the price gain pays them:
                // measured whenever the stop's fill loses money after fees (a stop one tick past the entry is no safer).
                var fees = market.Fees.ForVolume(units);
                var perUnit = distance * k + fees.RoundTrip(position.EntryPrice, stop);
                if (perUnit > 0)
                {
                    var riskMoney = units * perUnit;
                    var maxRisk = market.Equity * _options.MaxRiskPercentPerPosition / 100.0;
                    if (riskMoney > maxRisk * (1 + 1e-9))
                    {
                        // The same hysteresis as the leverage cap: above the cap, cut to its share.
                        var riskTarget = maxRisk * cutTo;

                        // With a minimum commission per side or a booking reserve the loss is not proportional to the volume.
                        var riskAllowed = !fees.IsVolumeDependent ? (riskTarget > 0 ? riskTarget / perUnit : 0)
                            : MaxUnitsToKeep(fees, riskTarget, distance * k, position.EntryPrice, stop, units);
                        if (riskAllowed < allowed)
                        {
                            allowed = riskAllowed;
                            reason = GuardianReasons.RiskAboveCap;
                            measured = riskMoney;
                            limit = maxRisk;
                        }
                    }
                }
            }

            if (reason.Length == 0)
            {
                return GuardianAction.None;
            }

            switch (_options.OversizeAction)
            {
                case OversizeAction.WarnOnly:
                    return new GuardianAction(GuardianActionKind.Warn, ProtectionAction.None, 0, reason, measured, limit);
                case OversizeAction.Close:
                    return new GuardianAction(GuardianActionKind.Close, ProtectionAction.None, units, reason, measured, limit);
                default:
                    // Keep the largest step-aligned volume within the caps; close all when that is below the minimum.
                    var keep = _spec.FloorVolume(Math.Min(allowed, units)).Units;
                    if (keep < _spec.VolumeMin - _spec.VolumeStep * 1e-9)
                    {
                        return new GuardianAction(GuardianActionKind.Close, ProtectionAction.None, units, reason, measured, limit);
                    }

                    var cut = StepMathRound(units - keep);

                    // The partial close is an order of its own: raise it to the broker minimum (keeping less) — to the
                    // first step multiple at or above it, as the broker takes only those; close all when what would be
                    // left is then below the minimum.
                    if (cut > 0 && cut < _spec.VolumeMin - _spec.VolumeStep * 1e-9)
                    {
                        cut = StepMath.Ceiling(_spec.VolumeMin, _spec.VolumeStep);
                        if (units - cut < _spec.VolumeMin - _spec.VolumeStep * 1e-9)
                        {
                            return new GuardianAction(GuardianActionKind.Close, ProtectionAction.None, units, reason, measured, limit);
                        }
                    }

                    return cut > 0
                        ? new GuardianAction(GuardianActionKind.Reduce, ProtectionAction.None, cut, reason, measured, limit)
                        : GuardianAction.None;
            }
        }

        /// <summary>
        /// The largest volume whose loss at the stop stays within <paramref name="budget"/>, or 0 when none the position
        /// can be cut to does. A stop past the entry (<paramref name="move"/> &lt; 0, a price gain) can make the volumes
        /// within the budget start above 0 — the minimums outweigh a small volume's gain — and a position held below
        /// them cannot be cut into the budget: 0, close it all.
        /// </summary>
        private static double MaxUnitsToKeep(in FeeCoefficients fees, double budget, double move, double entry, double exit, double units)
        {
            fees.UnitsWithin(budget, move, entry, exit, out var low, out var high);
            return high >= low && high > 0 && units >= low ? high : 0;
        }

        // units − keep can carry binary noise (0.30000000000000004); snap it to the volume step.
        private double StepMathRound(double units)
        {
            var step = _spec.VolumeStep;
            return Math.Round(units / step) * step;
        }
    }
}
