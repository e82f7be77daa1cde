using System;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Risk.Pipeline
{
    /// <summary>One open position as the account-wide leverage check sees it (any symbol).</summary>
    public struct AccountExposure
    {
        public AccountExposure(int id, long openedTicks, double units, double closePrice, double quoteToAccount, double volumeMin, double volumeStep)
        {
            Id = id;
            OpenedTicks = openedTicks;
            Units = units;
            ClosePrice = closePrice;
            QuoteToAccount = quoteToAccount;
            VolumeMin = volumeMin;
            VolumeStep = volumeStep;
            Cut = 0;
        }

        public int Id { get; }

        /// <summary>When it opened (UTC ticks): the newest positions are cut first.</summary>
        public long OpenedTicks { get; }

        /// <summary>Volume in units of the base asset.</summary>
        public double Units { get; }

        /// <summary>The price it would close at (bid for longs, ask for shorts).</summary>
        public double ClosePrice { get; }

        /// <summary>Quote currency → account currency.</summary>
        public double QuoteToAccount { get; }

        public double VolumeMin { get; }

        public double VolumeStep { get; }

        /// <summary>Output: units to close (0 = keep; equal to <see cref="Units"/> = close the position).</summary>
        public double Cut { get; set; }

        public double Notional => Units * ClosePrice * QuoteToAccount;

        public bool CloseAll => Cut > 0 && Cut >= Units - VolumeStep * 1e-9;
    }

    /// <summary>
    /// TradeGuardian's account-wide leverage check. Effective leverage of the account = Σ |notional of
    /// each position at its closing price, in account currency| ÷ equity (long and short both count,
    /// hedged or not). Above the cap the positions that pushed the account over are cut, **newest
    /// first** (older positions fitted under the cap before the new ones came; the same rule whether the
    /// newest is large or small): each is reduced by the volume that brings the account to the target (the
    /// cap, or a share of it: hysteresis, so drift back up to the cap cuts nothing),
    /// rounded UP to the volume step and at least the broker minimum (so the account ends at or under the
    /// cap and the partial close is a valid order), or closed whole when the
    /// rest would be below the broker minimum, or when the action is <see cref="OversizeAction.Close"/>
    /// (which closes whole positions only until the account is at or under the cap itself: no band).
    /// With <see cref="OversizeAction.WarnOnly"/> nothing is cut (the robot journals a warning).
    /// Decides in place over a caller-owned array: no allocation.
    /// </summary>
    public static class AccountLeveragePolicy
    {
        /// <summary>Σ notional ÷ equity; +∞ when equity is not positive and something is open, 0 when flat.</summary>
        public static double Leverage(ReadOnlySpan<AccountExposure> positions, double equity)
        {
            var total = TotalNotional(positions);
            if (total <= 0)
            {
                return 0;
            }

            return equity > 0 ? total / equity : double.PositiveInfinity;
        }

        public static double TotalNotional(ReadOnlySpan<AccountExposure> positions)
        {
            double total = 0;
            for (var i = 0; i < positions.Length; i++)
            {
                var n = positions[i].Notional;
                if (n > 0)
                {
                    total += n;
                }
            }

            return total;
        }

        /// <summary>
        /// Sets <see cref="AccountExposure.Cut"/> on the positions to cut (the array is reordered newest
        /// first) and returns how many positions get a cut; 0 when the account is within the cap or the
        /// action is warn-only. Cuts to the cap itself (no hysteresis).
        /// </summary>
        public static int Decide(Span<AccountExposure> positions, double equity, double cap, OversizeAction action)
            => Decide(positions, equity, cap, cap, action);

        /// <summary>
        /// As <see cref="Decide(Span{AccountExposure}, double, double, OversizeAction)"/> with hysteresis: nothing is cut
        /// while the account is at or under <paramref name="cap"/>; above it, the newest positions are cut until the
        /// account is at or under <paramref name="target"/> (≤ cap; each cut rounded up to the step, so it ends at most
        /// one volume step of the last cut position under the target, or further when the broker minimum or a whole
        /// close takes more). With <see cref="OversizeAction.Close"/> the target is the cap (whole closes, no band).
        /// </summary>
        public static int Decide(Span<AccountExposure> positions, double equity, double cap, double target, OversizeAction action)
        {
            for (var i = 0; i < positions.Length; i++)
            {
                positions[i].Cut = 0;
            }

            // An equity that is not a number is a broken reading: nothing is cut on it (at or below zero closes all).
            var total = TotalNotional(positions);
            var trigger = equity > 0 ? cap * equity : 0;
            if (total <= trigger * (1 + 1e-9) || action == OversizeAction.WarnOnly || double.IsNaN(equity))
            {
                return 0;
            }

            // A target above the cap (or not a number) would leave the account over it: the cap then. With Close the
            // band does not apply: it guards against repeated small trims, and whole closes for it would flatten an
            // older position that fitted under the cap before the new one came (4.56x → 0 to reach 4.5x).
            var to = action == OversizeAction.Reduce && target > 0 && target < cap ? target : cap;
            var allowed = equity > 0 ? to * equity : 0;
            SortNewestFirst(positions);
            var excess = total - allowed;
            var cuts = 0;
            for (var i = 0; i < positions.Length && excess > 0; i++)
            {
                ref var p = ref positions[i];
                var perUnit = p.ClosePrice * p.QuoteToAccount;
                if (!(p.Units > 0) || !(perUnit > 0))
                {
                    continue;
                }

                var cut = p.Units;
                if (action == OversizeAction.Reduce)
                {
                    // A partial close is an order of its own: never below the broker minimum (more is
                    // fine, it only takes the account further under the cap), and a multiple of the step
                    // even when the minimum is not.
                    cut = StepMath.Ceiling(Math.Max(excess / perUnit, p.VolumeMin), p.VolumeStep);
                    if (cut >= p.Units - p.VolumeStep * 1e-9 || p.Units - cut < p.VolumeMin - p.VolumeStep * 1e-9)
                    {
                        cut = p.Units;
                    }
                }

                p.Cut = cut;
                excess -= cut * perUnit;
                cuts++;
            }

            return cuts;
        }

        // Insertion sort: a handful of positions, no allocation. Ties (same instant): higher id first.
        private static void SortNewestFirst(Span<AccountExposure> positions)
        {
            for (var i = 1; i < positions.Length; i++)
            {
                var item = positions[i];
                var j = i - 1;
                while (j >= 0 && Newer(item, positions[j]))
                {
                    positions[j + 1] = positions[j];
                    j--;
                }

                positions[j + 1] = item;
            }
        }

        private static bool Newer(in AccountExposure a, in AccountExposure b)
            => a.OpenedTicks > b.OpenedTicks || (a.OpenedTicks == b.OpenedTicks && a.Id > b.Id);
    }
}
