using System;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Rules;

namespace PerpGuard.Risk.Journal
{
    /// <summary>
    /// One closed trade. Inputs are what the bot saw; the derived numbers (slippage, R multiple,
    /// MAE/MFE in R, stop/target in ATR) are computed here, so every tool reads the same values.
    /// Review projections use <see cref="NetProfit"/>, <see cref="RMultiple"/>,
    /// <see cref="EntryTimeUtc"/> and <see cref="ExitTimeUtc"/>.
    /// </summary>
    public sealed class TradeClosedEvent : JournalEvent
    {
        public override JournalEventKind Kind => JournalEventKind.TradeClosed;

        public string PositionId { get; set; } = string.Empty;

        public string? Label { get; set; }

        public TradeSide Side { get; set; }

        /// <summary>Volume in units of the base asset.</summary>
        public double Volume { get; set; }

        /// <summary>Account currency of the money fields.</summary>
        public string Currency { get; set; } = string.Empty;

        public DateTime EntryTimeUtc { get; set; }

        /// <summary>Same as <see cref="JournalEvent.AtUtc"/>: when it closed.</summary>
        public DateTime ExitTimeUtc => AtUtc;

        public double IntendedEntryPrice { get; set; }

        public double FilledEntryPrice { get; set; }

        /// <summary>The price the exit aimed at (the stop or target), when known.</summary>
        public double? IntendedExitPrice { get; set; }

        public double ExitPrice { get; set; }

        /// <summary>The stop when the trade opened (the 1 R distance).</summary>
        public double InitialStopPrice { get; set; }

        public double? TargetPrice { get; set; }

        public double SpreadAtEntry { get; set; }

        /// <summary>ATR in price units at entry (NaN is stored as null).</summary>
        public double? AtrAtEntry { get; set; }

        /// <summary>Commission, both sides, as a cost (positive).</summary>
        public double Commission { get; set; }

        /// <summary>Swaps / funding paid, as a cost (positive; negative when received).</summary>
        public double Swap { get; set; }

        /// <summary>Profit before commission and swaps.</summary>
        public double GrossProfit { get; set; }

        /// <summary>The money the trade planned to lose at its stop (1 R).</summary>
        public double PlannedRiskMoney { get; set; }

        /// <summary>Largest move against the trade, in price units from the filled entry (≥ 0).</summary>
        public double MaxAdverseExcursion { get; set; }

        /// <summary>Largest move in favour, in price units from the filled entry (≥ 0).</summary>
        public double MaxFavourableExcursion { get; set; }

        /// <summary>Why it closed (StopLoss, TakeProfit, Flatten, …).</summary>
        public ReasonCode ClosedBy { get; set; }

        public int ClosedByNumber => (int)ClosedBy;

        /// <summary>Gross profit − commission − swap.</summary>
        public double NetProfit => GrossProfit - Commission - Swap;

        /// <summary>Worse fill than intended at entry, in price units (positive = paid more).</summary>
        public double EntrySlippage => Side == TradeSide.Long ? FilledEntryPrice - IntendedEntryPrice : IntendedEntryPrice - FilledEntryPrice;

        /// <summary>Worse fill than intended at exit, in price units (positive = got less); null when no aim was known.</summary>
        public double? ExitSlippage => IntendedExitPrice is { } aim ? (Side == TradeSide.Long ? aim - ExitPrice : ExitPrice - aim) : null;

        /// <summary>Entry-to-stop distance in price units.</summary>
        public double StopDistance => Math.Abs(FilledEntryPrice - InitialStopPrice);

        public double? StopInAtr => AtrAtEntry is { } atr && atr > 0 ? StopDistance / atr : null;

        public double? TargetInAtr => AtrAtEntry is { } atr && atr > 0 && TargetPrice is { } target ? Math.Abs(target - FilledEntryPrice) / atr : null;

        /// <summary>Net profit in units of planned risk; null without a planned risk.</summary>
        public double? RMultiple => PlannedRiskMoney > 0 ? NetProfit / PlannedRiskMoney : null;

        /// <summary>MAE in R: adverse excursion over the stop distance.</summary>
        public double? MaeR => StopDistance > 0 ? MaxAdverseExcursion / StopDistance : null;

        /// <summary>MFE in R: favourable excursion over the stop distance.</summary>
        public double? MfeR => StopDistance > 0 ? MaxFavourableExcursion / StopDistance : null;

        /// <summary>True when the loss went past the planned risk (a gap through the stop, slippage).</summary>
        public bool LostMoreThanPlanned => PlannedRiskMoney > 0 && NetProfit < -PlannedRiskMoney;
    }
}
