using System;
using PerpGuard.Risk.Instruments;

namespace PerpGuard.Risk.Stops
{
    /// <summary>
    /// A symbol's per-side fee as the broker charges it, account currency: for a deal of <c>u</c> units
    /// at price <c>p</c>, <c>max(u × (Fixed + Proportional × p), MinimumPerSide)</c>; with the
    /// quote→account rate that turns price moves into account money. Resolved once per decision.
    /// <para>
    /// Per-unit figures (<see cref="PerUnit"/>, <see cref="RoundTrip"/>) need a volume once a minimum
    /// applies: bind one with <see cref="ForVolume"/> (the minimum then adds <c>MinimumPerSide / u</c>
    /// per unit where it exceeds the rate fee). Unbound coefficients (<see cref="Units"/> infinite)
    /// give the rate fee alone; money figures (<see cref="SideFee"/>, <see cref="LossAt"/>) always
    /// include the minimum.
    /// </para>
    /// <para>
    /// The broker books money in whole units of the account currency (cents): each booked part of a
    /// round trip — the gross profit and the commission of each side — may land up to one unit worse than
    /// its exact value (cTrader does not say which way it rounds). <see cref="BookingReserve"/> is those
    /// three units, counted as a cost of the round trip, so a size, a target or a break-even planned with
    /// it holds in the money the broker books.
    /// </para>
    /// </summary>
    public readonly struct FeeCoefficients
    {
        public FeeCoefficients(double fixedPerUnit, double proportional, double quoteToAccount)
            : this(fixedPerUnit, proportional, quoteToAccount, 0, double.PositiveInfinity)
        {
        }

        public FeeCoefficients(double fixedPerUnit, double proportional, double quoteToAccount, double minimumPerSide, double units = double.PositiveInfinity, double bookingReserve = 0)
        {
            Fixed = fixedPerUnit;
            Proportional = proportional;
            QuoteToAccount = quoteToAccount;
            MinimumPerSide = minimumPerSide > 0 && !double.IsInfinity(minimumPerSide) ? minimumPerSide : 0;
            Units = units > 0 ? units : double.PositiveInfinity;
            BookingReserve = bookingReserve > 0 && !double.IsInfinity(bookingReserve) ? bookingReserve : 0;
        }

        /// <summary>Booked parts of a round trip that the broker rounds to its money unit: the gross profit and each side's commission.</summary>
        public const int BookedPartsPerRoundTrip = 3;

        public double Fixed { get; }

        public double Proportional { get; }

        public double QuoteToAccount { get; }

        /// <summary>The broker's minimum charge per side of a deal, account currency (0 = none).</summary>
        public double MinimumPerSide { get; }

        /// <summary>The deal volume the per-unit figures are for; infinity when not bound to a volume.</summary>
        public double Units { get; }

        /// <summary>The minimum spread over the bound volume, per unit (0 when unbound or no minimum).</summary>
        public double MinimumPerUnit => MinimumPerSide > 0 ? MinimumPerSide / Units : 0;

        /// <summary>
        /// Account money a round trip may lose to the broker's rounding: <see cref="BookedPartsPerRoundTrip"/>
        /// money units (0.03 on a USD account; 0 = money not rounded).
        /// </summary>
        public double BookingReserve { get; }

        /// <summary>The booking reserve spread over the bound volume, per unit (0 when unbound or none).</summary>
        public double ReservePerUnit => BookingReserve > 0 ? BookingReserve / Units : 0;

        /// <summary>
        /// True when the cost per unit depends on the volume (a minimum commission or a booking reserve): sizes
        /// are then solved with <see cref="MaxUnitsWithin"/> and per-unit figures need <see cref="ForVolume"/>.
        /// </summary>
        public bool IsVolumeDependent => MinimumPerSide > 0 || BookingReserve > 0;

        /// <summary>No fees, quote = account.</summary>
        public static FeeCoefficients Free => new FeeCoefficients(0, 0, 1);

        /// <summary>
        /// The symbol's fees at <paramref name="rates"/>, the minimum per side included (unbound: see <see cref="ForVolume"/>),
        /// on an account that books money in units of <paramref name="moneyStep"/> (0.01 for cents; 0 = exact money).
        /// </summary>
        public static FeeCoefficients For(InstrumentSpec spec, in ConversionRates rates, double moneyStep = 0)
        {
            spec.Commission.Coefficients(rates, spec.LotSize, false, out var f0, out var f1);
            return new FeeCoefficients(f0, f1, rates.QuoteToAccount, spec.Commission.Minimum.InAccount(rates), double.PositiveInfinity, ReserveFor(moneyStep));
        }

        /// <summary>The booking reserve of an account whose money unit is <paramref name="moneyStep"/> (0 when not positive).</summary>
        public static double ReserveFor(double moneyStep)
            => moneyStep > 0 && !double.IsInfinity(moneyStep) ? BookedPartsPerRoundTrip * moneyStep : 0;

        /// <summary>The same fees with per-unit figures for a deal of <paramref name="units"/> (≤ 0: unbound).</summary>
        public FeeCoefficients ForVolume(double units) => new FeeCoefficients(Fixed, Proportional, QuoteToAccount, MinimumPerSide, units, BookingReserve);

        /// <summary>
        /// One side's fee per unit at <paramref name="price"/>, account currency: the rate fee, or the
        /// minimum per unit of the bound volume when that is larger.
        /// </summary>
        public double PerUnit(double price)
        {
            var rate = Fixed + Proportional * price;
            var floor = MinimumPerUnit;
            return rate < floor ? floor : rate;
        }

        /// <summary>Entry fee at the entry plus exit fee at the exit price, per unit, with the booking reserve of the bound volume.</summary>
        public double RoundTrip(double entry, double exit) => PerUnit(entry) + PerUnit(exit) + ReservePerUnit;

        /// <summary>What one side of a deal of <paramref name="units"/> at <paramref name="price"/> costs: max(rate fee, minimum).</summary>
        public double SideFee(double units, double price)
        {
            if (!(units > 0))
            {
                return 0;
            }

            var rate = units * (Fixed + Proportional * price);
            return rate < MinimumPerSide ? MinimumPerSide : rate;
        }

        /// <summary>
        /// Money lost by <paramref name="units"/> entered at <paramref name="entry"/> and closed at
        /// <paramref name="exit"/> after an adverse move of <paramref name="adverseMovePerUnit"/> (price
        /// units, slippage included): the move in account currency plus both sides' fees as charged, plus the
        /// booking reserve (the most the broker's rounding can add).
        /// </summary>
        public double LossAt(double units, double adverseMovePerUnit, double entry, double exit)
            => units * adverseMovePerUnit * QuoteToAccount + SideFee(units, entry) + SideFee(units, exit) + BookingReserve;

        /// <summary>
        /// The largest volume (not rounded) whose loss — <c>u·move + max(u·fee(E), m) + max(u·fee(X), m)</c>
        /// with <c>move</c> per unit in account currency — stays within <paramref name="budget"/>. The loss is
        /// a sum of maxima of lines in u, so it is at most the budget exactly when each of the four
        /// line combinations is: the answer is the smallest of the four solutions. The booking reserve comes
        /// off the budget first. 0 when even the smallest deal cannot pay both minimums and the reserve.
        /// </summary>
        public double MaxUnitsWithin(double budget, double movePerUnitAccount, double entry, double exit)
        {
            if (!(budget - BookingReserve > 0) || !(movePerUnitAccount >= 0))
            {
                return 0;
            }

            // With a move that is a loss every line rises with u: the volumes within the budget start at 0.
            UnitsWithin(budget, movePerUnitAccount, entry, exit, out _, out var high);
            return high > 0 ? high : 0;
        }

        /// <summary>
        /// The volumes whose loss (as in <see cref="MaxUnitsWithin"/>, the booking reserve off the budget first) stays
        /// within <paramref name="budget"/>: the interval [<paramref name="low"/>, <paramref name="high"/>], empty when
        /// high &lt; low. Each of the four line combinations bounds u: from above when its line rises with u, from below
        /// when a price gain (<paramref name="movePerUnitAccount"/> &lt; 0) makes it fall — the minimums then outweigh the
        /// gain of a small volume.
        /// </summary>
        public void UnitsWithin(double budget, double movePerUnitAccount, double entry, double exit, out double low, out double high)
        {
            budget -= BookingReserve;
            var fe = Fixed + Proportional * entry;
            var fx = Fixed + Proportional * exit;
            var m = MinimumPerSide;
            low = 0;
            high = double.PositiveInfinity;
            Bound(movePerUnitAccount + fe + fx, budget, ref low, ref high);
            if (m > 0)
            {
                Bound(movePerUnitAccount + fx, budget - m, ref low, ref high);
                Bound(movePerUnitAccount + fe, budget - m, ref low, ref high);
                Bound(movePerUnitAccount, budget - 2 * m, ref low, ref high);
            }
        }

        // u · slope ≤ left: an upper bound when the slope is positive, a lower one when it is negative; no u at all
        // when the slope is zero and left is negative.
        private static void Bound(double slope, double left, ref double low, ref double high)
        {
            if (slope > 0)
            {
                high = Math.Min(high, left / slope);
            }
            else if (left < 0)
            {
                if (slope < 0)
                {
                    low = Math.Max(low, left / slope);
                }
                else
                {
                    high = -1;
                }
            }
        }
    }
}
