using System;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Margin;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Rules;
using PerpGuard.Risk.Sizing;

namespace PerpGuard.Risk.Pipeline
{
    /// <summary>The sizing library behind a port, so the planner can be tested with a mock.</summary>
    public interface IPositionSizer
    {
        SizingDecision Size(in SizingRequest request);
    }

    /// <summary>The account and market at the moment an entry is considered (account currency money).</summary>
    public readonly struct EntryContext
    {
        public EntryContext(DateTime utcNow, TradeSide side, double bid, double ask, double atr, double averageAtr, Money balance, Money equity, double usedMargin, double stopOutLevelPercent, DailyStatus daily, ConversionRates rates)
        {
            UtcNow = utcNow;
            Side = side;
            Bid = bid;
            Ask = ask;
            Atr = atr;
            AverageAtr = averageAtr;
            Balance = balance;
            Equity = equity;
            UsedMargin = usedMargin;
            StopOutLevelPercent = stopOutLevelPercent;
            Daily = daily;
            Rates = rates;
        }

        public DateTime UtcNow { get; }

        public TradeSide Side { get; }

        public double Bid { get; }

        public double Ask { get; }

        public double Atr { get; }

        /// <summary>The usual ATR level (for combined sizing); 0 when unknown.</summary>
        public double AverageAtr { get; }

        public Money Balance { get; }

        public Money Equity { get; }

        public double UsedMargin { get; }

        /// <summary>cTrader Account.StopOutLevel (a margin-level percentage, e.g. 50); 0 = unknown, no guard.</summary>
        public double StopOutLevelPercent { get; }

        public DailyStatus Daily { get; }

        public ConversionRates Rates { get; }
    }

    /// <summary>
    /// Plans one entry: the day's rules and market filters (one RiskPipeline), then the stop (ATR or
    /// fixed), then the sizing library (risk budget, fees, leverage and margin caps, stop inside the
    /// cTrader stop-out price, net-of-fees target at ≥ 1.5R, refusal below the broker minimum).
    /// Pure: the same inputs give the same decision; nothing is sent to the market.
    /// </summary>
    public sealed class EntryPlanner
    {
        private readonly RiskOptions _risk;
        private readonly StopOptions _stops;
        private readonly IRiskRule _rules;
        private readonly InstrumentSpec _spec;
        private readonly IPositionSizer _sizer;
        private readonly double _moneyStep;

        /// <param name="moneyStep">The account currency's smallest booked amount (0.01 for cents; 0 = exact money): see <see cref="SizingRequest.MoneyStep"/>.</param>
        public EntryPlanner(RiskOptions risk, StopOptions stops, IRiskRule rules, InstrumentSpec spec, IPositionSizer sizer, double moneyStep = 0)
        {
            _risk = risk ?? throw new ArgumentNullException(nameof(risk));
            _stops = stops ?? throw new ArgumentNullException(nameof(stops));
            _rules = rules ?? throw new ArgumentNullException(nameof(rules));
            _spec = spec ?? throw new ArgumentNullException(nameof(spec));
            _sizer = sizer ?? throw new ArgumentNullException(nameof(sizer));
            _moneyStep = moneyStep;
        }

        public InstrumentSpec Spec => _spec;

        public EntryDecision Plan(in EntryContext ctx)
        {
            var market = new MarketSnapshot(ctx.Bid, ctx.Ask, ctx.Atr);
            if (!market.HasQuote)
            {
                return EntryDecision.Refuse(ReasonNames.Of(ReasonCode.MarketDataMissing), "no valid bid/ask");
            }

            var entry = ctx.Side == TradeSide.Long ? ctx.Ask : ctx.Bid;
            double distance;
            if (_stops.StopMode == StopMode.Atr)
            {
                if (!market.HasAtr)
                {
                    return EntryDecision.Refuse(ReasonNames.Of(ReasonCode.MarketDataMissing), "ATR not warmed up");
                }

                distance = _stops.StopAtrMultiple * ctx.Atr;
            }
            else
            {
                distance = _stops.FixedStopPips * _spec.PipSize;
            }

            var gate = _rules.Evaluate(new RiskContext(ctx.UtcNow, OrderIntent.Entry, ctx.Daily, market, distance));
            if (gate.IsDenied)
            {
                return EntryDecision.Refuse(gate);
            }

            var stop = _spec.RoundStop(ctx.Side, ctx.Side == TradeSide.Long ? entry - distance : entry + distance);
            var riskFraction = Fraction.FromPercent(_risk.RiskPercent * gate.Scale);
            var request = new SizingRequest
            {
                Symbol = _spec,
                Side = ctx.Side,
                Entry = new Price(entry),
                Stop = stop,
                Mode = _risk.SizingMode == SizingMode.Combined ? Sizing.SizingMode.Combined : Sizing.SizingMode.FixedFraction,
                Base = RiskBase.Equity,
                Equity = ctx.Equity,
                Balance = ctx.Balance,
                RiskFraction = riskFraction,
                RemainingDailyAllowance = ctx.Daily.IsStarted ? new Money(ctx.Daily.RemainingBudget, ctx.Equity.Currency) : (Money?)null,
                AllowRiskAboveTwoPercent = _risk.AllowRiskAbove2Percent,
                Atr = market.HasAtr ? ctx.Atr : 0,
                AverageAtr = ctx.AverageAtr > 0 ? ctx.AverageAtr : 0,
                AtrStopMultiple = _stops.StopAtrMultiple,
                SlippageAllowance = _stops.SlippageAllowancePips * _spec.PipSize,
                MoneyStep = _moneyStep,
                MaxLeverage = _risk.MaxLeverage,
                MaxMarginUtilisation = Fraction.FromPercent(_risk.MaxMarginUsePercent),
                UsedMargin = ctx.UsedMargin,
                RewardRisk = _stops.RewardRisk,
                MaxTargetAtrMultiple = market.HasAtr ? _stops.MaxTargetAtr : 0,
                Rates = ctx.Rates,
                Guard = ctx.StopOutLevelPercent > 0
                    ? LiquidationGuard.CTrader(Fraction.FromPercent(ctx.StopOutLevelPercent), Fraction.FromPercent(_risk.StopOutBufferPercent))
                    : LiquidationGuard.None,
            };

            var sized = _sizer.Size(request);
            if (sized.IsRefused)
            {
                // The sizer's numbers (what the day leaves, what the minimum would risk, ...) go with it, told when read.
                return EntryDecision.Refuse(sized.RefusalFacts.WithRefusal(Attribute(sized, request, gate)));
            }

            if (!sized.TakeProfit.HasValue)
            {
                return EntryDecision.Refuse(SizingRefusal.TargetUnreachable);
            }

            return EntryDecision.Accept(
                ctx.Side,
                sized.Volume.Units,
                entry,
                sized.Stop.Value,
                sized.TakeProfit.Value.Value,
                _spec.PipSize,
                sized.RealisedRisk.Amount,
                sized.Leverage,
                sized.BindingCaps == SizingCaps.None ? string.Empty : EnumNames<SizingCaps>.Of(sized.BindingCaps));
        }

        /// <summary>
        /// Below the broker's minimum only because of the day's remaining loss budget (the rules' reduction, or the
        /// sizer's allowance cap), where the trade's own risk budget would buy at least the minimum: the reason a
        /// trader needs is that the day has no risk money left for a trade, not that the instrument is too coarse.
        /// Sized again without the budget to tell (refusals only: a few a day, never on a tick without a signal).
        /// </summary>
        private SizingRefusal Attribute(in SizingDecision sized, in SizingRequest request, in RiskDecision gate)
        {
            var budgetCut = (gate.Scale < 1 && gate.Reason == ReasonCode.DailyBudgetExceeded) || (sized.BindingCaps & SizingCaps.DailyAllowance) != 0;
            if (sized.Refusal != SizingRefusal.BelowMinimumVolume || !budgetCut)
            {
                return sized.Refusal;
            }

            var withoutBudget = request with { RiskFraction = Fraction.FromPercent(_risk.RiskPercent), RemainingDailyAllowance = null };
            return _sizer.Size(withoutBudget).IsRefused ? sized.Refusal : SizingRefusal.NoRiskBudget;
        }
    }
}
