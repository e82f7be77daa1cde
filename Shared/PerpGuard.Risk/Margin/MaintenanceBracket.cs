using System;
using System.Collections.Generic;

namespace PerpGuard.Risk.Margin
{
    /// <summary>
    /// A Binance-style maintenance-margin bracket: notional in [floor, cap) uses maintenance margin
    /// rate <see cref="Mmr"/> and maintenance amount <see cref="MaintenanceAmount"/> ("cum").
    /// </summary>
    public readonly struct MaintenanceBracket
    {
        public MaintenanceBracket(double notionalFloor, double notionalCap, double mmr, double maintenanceAmount)
        {
            NotionalFloor = notionalFloor;
            NotionalCap = notionalCap;
            Mmr = mmr;
            MaintenanceAmount = maintenanceAmount;
        }

        public double NotionalFloor { get; }

        public double NotionalCap { get; }

        /// <summary>Maintenance margin rate as a fraction (0.005 = 0.5 %).</summary>
        public double Mmr { get; }

        public double MaintenanceAmount { get; }
    }

    /// <summary>A bracket table, maintenance amounts derived so that maintenance margin is continuous.</summary>
    public sealed class MaintenanceBrackets
    {
        private readonly MaintenanceBracket[] brackets;

        private MaintenanceBrackets(MaintenanceBracket[] brackets)
        {
            this.brackets = brackets;
        }

        public IReadOnlyList<MaintenanceBracket> Brackets => brackets;

        /// <summary>
        /// Binance's maintenance amount for a bracket: <c>cum = previous cum + floor × (mmr − previous mmr)</c>,
        /// which keeps <c>notional × mmr − cum</c> continuous at the floor.
        /// </summary>
        public static double MaintenanceAmount(double notionalFloor, double mmr, double previousMmr, double previousAmount)
            => previousAmount + notionalFloor * (mmr - previousMmr);

        /// <summary>Builds brackets from (floor, mmr) pairs in increasing floor order; the first floor must be 0.</summary>
        public static MaintenanceBrackets FromRates(IReadOnlyList<double> notionalFloors, IReadOnlyList<double> mmrs)
        {
            if (notionalFloors.Count == 0 || notionalFloors.Count != mmrs.Count)
            {
                throw new ArgumentException("Give one maintenance rate per bracket floor.", nameof(mmrs));
            }

            if (notionalFloors[0] != 0)
            {
                throw new ArgumentException("The first bracket must start at notional 0.", nameof(notionalFloors));
            }

            var result = new MaintenanceBracket[notionalFloors.Count];
            var cum = 0.0;
            for (var i = 0; i < result.Length; i++)
            {
                if (i > 0)
                {
                    if (!(notionalFloors[i] > notionalFloors[i - 1]))
                    {
                        throw new ArgumentException("Bracket floors must increase.", nameof(notionalFloors));
                    }

                    cum = MaintenanceAmount(notionalFloors[i], mmrs[i], mmrs[i - 1], cum);
                }

                if (!(mmrs[i] >= 0 && mmrs[i] < 1))
                {
                    throw new ArgumentOutOfRangeException(nameof(mmrs), mmrs[i], "A maintenance rate is a fraction in [0, 1).");
                }

                var cap = i == result.Length - 1 ? double.PositiveInfinity : notionalFloors[i + 1];
                result[i] = new MaintenanceBracket(notionalFloors[i], cap, mmrs[i], cum);
            }

            return new MaintenanceBrackets(result);
        }

        /// <summary>One bracket for every notional.</summary>
        public static MaintenanceBrackets Single(double mmr, double maintenanceAmount)
            => new MaintenanceBrackets(new[] { new MaintenanceBracket(0, double.PositiveInfinity, mmr, maintenanceAmount) });

        /// <summary>The bracket whose [floor, cap) holds <paramref name="notional"/>.</summary>
        public int IndexFor(double notional)
        {
            for (var i = brackets.Length - 1; i > 0; i--)
            {
                if (notional >= brackets[i].NotionalFloor)
                {
                    return i;
                }
            }

            return 0;
        }

        public MaintenanceBracket this[int index] => brackets[index];
    }
}
