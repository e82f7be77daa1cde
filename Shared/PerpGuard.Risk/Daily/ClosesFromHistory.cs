using System;
using System.Collections.Generic;

namespace PerpGuard.Risk.Daily
{
    /// <summary>One trade found closed in the account history at a restart: a position at its final closing deal.</summary>
    public readonly struct HistoryClose
    {
        public HistoryClose(int positionId, DateTime closedAtUtc, double netProfit)
        {
            PositionId = positionId;
            ClosedAtUtc = closedAtUtc;
            NetProfit = netProfit;
        }

        public int PositionId { get; }

        /// <summary>The closing time of the position's last closing deal.</summary>
        public DateTime ClosedAtUtc { get; }

        /// <summary>That last deal's net profit: what a running bot reads from <c>Position.NetProfit</c> at the final close.</summary>
        public double NetProfit { get; }
    }

    /// <summary>
    /// Turns the account history (one entry per closing deal: a position closed in parts has several, cTrader's
    /// <c>HistoricalTrade</c>) into trades as the live path counts them: one per position, at its last closing deal, with
    /// that deal's net — a running bot counts a position once, when its last part closes, with the position's
    /// <c>NetProfit</c> then, which is that last part's; earlier partial closes are not trades of their own. Positions
    /// still open (closed in part only) are left out until their final close. Not per tick: a restart's one pass.
    /// </summary>
    public sealed class ClosesFromHistory
    {
        private readonly Dictionary<int, (DateTime At, int DealId, double Net)> _last = new Dictionary<int, (DateTime, int, double)>();
        private readonly HashSet<int> _open = new HashSet<int>();

        /// <summary>One closing deal from the history (<c>HistoricalTrade</c>: PositionId, ClosingDealId, ClosingTime in UTC, NetProfit).</summary>
        public void AddDeal(int positionId, int closingDealId, DateTime closedAtUtc, double netProfit)
        {
            // The last deal by closing time; at the same time the later deal id (deal ids grow).
            if (!_last.TryGetValue(positionId, out var last) || closedAtUtc > last.At || (closedAtUtc == last.At && closingDealId > last.DealId))
            {
                _last[positionId] = (closedAtUtc, closingDealId, netProfit);
            }
        }

        /// <summary>A position open now: its deals so far were partial closes, not its trade.</summary>
        public void StillOpen(int positionId) => _open.Add(positionId);

        /// <summary>The trades <paramref name="counted"/> has not counted, in closing order (then by position id).</summary>
        public List<HistoryClose> NotCounted(CountedCloses counted)
        {
            if (counted is null)
            {
                throw new ArgumentNullException(nameof(counted));
            }

            var trades = new List<HistoryClose>();
            foreach (var pair in _last)
            {
                if (!_open.Contains(pair.Key) && !counted.Contains(pair.Key, pair.Value.At))
                {
                    trades.Add(new HistoryClose(pair.Key, pair.Value.At, pair.Value.Net));
                }
            }

            trades.Sort((a, b) => a.ClosedAtUtc != b.ClosedAtUtc ? a.ClosedAtUtc.CompareTo(b.ClosedAtUtc) : a.PositionId.CompareTo(b.PositionId));
            return trades;
        }
    }
}
