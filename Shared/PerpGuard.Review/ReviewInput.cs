using System;
using System.Collections.Generic;

namespace PerpGuard.Review
{
    /// <summary>
    /// One closed trade as the review sees it. Money in account currency; costs use cTrader's sign
    /// convention: <see cref="Commission"/> and <see cref="Swap"/> are negative when paid, so
    /// <see cref="NetProfit"/> = <see cref="GrossProfit"/> + <see cref="Commission"/> + <see cref="Swap"/>.
    /// </summary>
    public sealed class ClosedTrade
    {
        public long Id { get; set; }
        public string Symbol { get; set; } = string.Empty;

        /// <summary>"Buy" or "Sell" (cTrader's TradeType names).</summary>
        public string Side { get; set; } = string.Empty;

        public DateTime EntryTimeUtc { get; set; }
        public double EntryPrice { get; set; }
        public DateTime ExitTimeUtc { get; set; }
        public double ExitPrice { get; set; }

        /// <summary>Volume in units of the base asset.</summary>
        public double Volume { get; set; }

        public double? StopLoss { get; set; }
        public double? TakeProfit { get; set; }

        /// <summary>The risk money the sizing decided for this trade (from the journal); 0 when unknown.</summary>
        public double PlannedRisk { get; set; }

        public double GrossProfit { get; set; }
        public double Commission { get; set; }
        public double Swap { get; set; }

        public double NetProfit => GrossProfit + Commission + Swap;

        /// <summary>Net profit in units of the planned risk; null when the planned risk is unknown.</summary>
        public double? RMultiple => PlannedRisk > 0 ? NetProfit / PlannedRisk : (double?)null;

        /// <summary>Why the trade closed (stable reason code, e.g. StopLoss, TakeProfit, DailyHalt, EndOfTest).</summary>
        public string CloseReason { get; set; } = string.Empty;
    }

    /// <summary>Balance and equity at one instant (equity includes floating profit and loss).</summary>
    public readonly struct EquityPoint
    {
        public EquityPoint(DateTime timeUtc, double balance, double equity)
        {
            TimeUtc = timeUtc;
            Balance = balance;
            Equity = equity;
        }

        public DateTime TimeUtc { get; }
        public double Balance { get; }
        public double Equity { get; }
    }

    /// <summary>What the review needs: the starting balance, closed trades, and the equity curve in time order.</summary>
    public sealed class ReviewInput
    {
        public ReviewInput(double initialBalance, IReadOnlyList<ClosedTrade> trades, IReadOnlyList<EquityPoint> equityCurve, int moneyDecimals)
        {
            if (!(initialBalance > 0))
            {
                throw new ArgumentOutOfRangeException(nameof(initialBalance), initialBalance, "The initial balance must be positive.");
            }

            if (moneyDecimals < 0 || moneyDecimals > 8)
            {
                throw new ArgumentOutOfRangeException(nameof(moneyDecimals), moneyDecimals, "Money decimals must be 0 to 8.");
            }

            InitialBalance = initialBalance;
            Trades = trades;
            EquityCurve = equityCurve;
            MoneyDecimals = moneyDecimals;
        }

        /// <summary>
        /// Decimals of the account currency (cTrader's Account.Asset.Digits: 2 for USD, 0 for JPY, 3 for KWD): a trade
        /// is a win or a loss by its net profit to that precision, as the broker books it; 0.004 USD is break-even,
        /// 0.4 JPY too, 0.004 KWD a win. No default: a review of a non-USD account must not be judged in cents.
        /// </summary>
        public int MoneyDecimals { get; }

        public double InitialBalance { get; }
        public IReadOnlyList<ClosedTrade> Trades { get; }
        public IReadOnlyList<EquityPoint> EquityCurve { get; }
    }
}
