using System;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Risk.Instruments
{
    /// <summary>How the overnight swap (funding) is quoted. Pips and Percentage are cTrader's.</summary>
    public enum SwapKind
    {
        None = 0,

        /// <summary>Pips per unit per night (cTrader <c>Pips</c>).</summary>
        Pips = 1,

        /// <summary>Annual percentage of the notional, charged 1/360 per night (cTrader <c>Percentage</c>).</summary>
        Percentage = 2,

        /// <summary>Points (ticks) per unit per night, some MT-style bridges.</summary>
        Points = 3,
    }

    /// <summary>
    /// Overnight charge. Rates are signed as the broker shows them: negative = the trader pays.
    /// On the triple-swap day three nights are charged (the weekend).
    /// </summary>
    public readonly struct SwapModel
    {
        public const double DaysPerYear = 360.0;

        public SwapModel(SwapKind kind, double longRate, double shortRate, DayOfWeek? tripleSwapDay)
        {
            if (double.IsNaN(longRate) || double.IsInfinity(longRate) || double.IsNaN(shortRate) || double.IsInfinity(shortRate))
            {
                throw new ArgumentOutOfRangeException(nameof(longRate), "Swap rates must be finite.");
            }

            Kind = kind;
            LongRate = longRate;
            ShortRate = shortRate;
            TripleSwapDay = tripleSwapDay;
        }

        public SwapKind Kind { get; }

        public double LongRate { get; }

        public double ShortRate { get; }

        public DayOfWeek? TripleSwapDay { get; }

        public static SwapModel None => default;

        /// <summary>
        /// The swap credited (positive) or charged (negative) for holding the position over the
        /// rollover that starts on <paramref name="rolloverDay"/>, in account currency.
        /// </summary>
        public double ForNight(TradeSide side, double units, double price, double pipSize, double tickSize, in ConversionRates rates, DayOfWeek rolloverDay)
        {
            var rate = side == TradeSide.Long ? LongRate : ShortRate;
            double perNightQuote;
            switch (Kind)
            {
                case SwapKind.Pips:
                    perNightQuote = rate * pipSize * units;
                    break;
                case SwapKind.Points:
                    perNightQuote = rate * tickSize * units;
                    break;
                case SwapKind.Percentage:
                    perNightQuote = rate / 100.0 * units * price / DaysPerYear;
                    break;
                default:
                    return 0;
            }

            var nights = TripleSwapDay.HasValue && TripleSwapDay.Value == rolloverDay ? 3 : 1;
            return perNightQuote * nights * rates.QuoteToAccount;
        }
    }
}
