using System;
using System.Globalization;
using System.Text;
using cAlgo.API;
using cAlgo.API.Indicators;
using cAlgo.API.Internals;
using PerpGuard.Algos.Glue;
using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Margin;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Sizing;

namespace cAlgo.Indicators
{
    /// <summary>
    /// ATR stop distance: where an m × ATR stop would sit for a long (close − m·ATR) and a short
    /// (close + m·ATR), and — in a label on the last bar — how big a position the configured risk buys
    /// with that stop, net of fees, and the leverage it implies. The ATR is the platform's own
    /// AverageTrueRange (any MovingAverageType), optionally from a higher timeframe.
    /// Promises: the numbers in the label are the shared risk library's (the same code the cBots size
    /// with). Does not promise: that the broker accepts the size (margin and symbol limits at order
    /// time are the cBot's job), nor anything about direction.
    /// </summary>
    [Indicator(IsOverlay = true, AutoRescale = false, TimeZone = TimeZones.UTC, AccessRights = AccessRights.None)]
    public class AtrStopDistance : Indicator
    {
        private const string LabelName = "PerpGuard.AtrStopDistance.Label";

        [Parameter("Period", DefaultValue = 14, MinValue = 1, MaxValue = 1000, Group = "ATR")]
        public int Period { get; set; }

        [Parameter("MA Type", DefaultValue = MovingAverageType.WilderSmoothing, Group = "ATR")]
        public MovingAverageType MaType { get; set; }

        [Parameter("Multiplier", DefaultValue = 1.5, MinValue = 0.1, MaxValue = 20, Step = 0.1, Group = "ATR")]
        public double Multiplier { get; set; }

        [Parameter("Use Higher Timeframe", DefaultValue = false, Group = "ATR")]
        public bool UseHigherTimeframe { get; set; }

        [Parameter("ATR Timeframe", DefaultValue = "Hour", Group = "ATR")]
        public TimeFrame AtrTimeFrame { get; set; } = null!;

        [Parameter("Risk Base", DefaultValue = AtrRiskBase.Equity, Group = "Risk")]
        public AtrRiskBase RiskBase { get; set; }

        [Parameter("Risk %", DefaultValue = 1.0, MinValue = 0.01, MaxValue = 100, Step = 0.05, Group = "Risk")]
        public double RiskPercent { get; set; }

        [Parameter("Risk Money", DefaultValue = 100.0, MinValue = 0, Group = "Risk")]
        public double RiskMoney { get; set; }

        [Parameter("Allow Risk Above 2%", DefaultValue = false, Group = "Risk")]
        public bool AllowRiskAbove2Percent { get; set; }

        [Parameter("Fee % Per Side (-1 = symbol's)", DefaultValue = -1.0, MinValue = -1, MaxValue = 5, Step = 0.01, Group = "Risk")]
        public double FeePercentPerSide { get; set; }

        [Parameter("Max Leverage", DefaultValue = 5.0, MinValue = 1, MaxValue = 10, Step = 0.5, Group = "Risk")]
        public double MaxLeverage { get; set; }

        [Parameter("Max Margin Use %", DefaultValue = 50.0, MinValue = 1, MaxValue = 100, Step = 1, Group = "Risk")]
        public double MaxMarginUsePercent { get; set; }

        [Parameter("Stop-out Buffer %", DefaultValue = 5.0, MinValue = 0, MaxValue = 50, Step = 0.5, Group = "Risk")]
        public double StopOutBufferPercent { get; set; }

        [Parameter("Show Label", DefaultValue = true, Group = "Display")]
        public bool ShowLabel { get; set; }

        [Output("ATR", LineColor = "Transparent")]
        public IndicatorDataSeries Atr { get; set; } = null!;

        [Output("Long Stop", LineColor = "#FFEF5350", LineStyle = LineStyle.Lines)]
        public IndicatorDataSeries LongStop { get; set; } = null!;

        [Output("Short Stop", LineColor = "#FF26A69A", LineStyle = LineStyle.Lines)]
        public IndicatorDataSeries ShortStop { get; set; } = null!;

        private AverageTrueRange _atr = null!;
        private Bars _atrBars = null!;
        private bool _mapped;
        private AtrStopLabel? _label;

        /// <summary>How many times the label was re-rendered (tests and benchmarks).</summary>
        internal int LabelRenders => _label?.Renders ?? 0;

        protected override void Initialize()
        {
            _mapped = UseHigherTimeframe && AtrTimeFrame != null && !AtrTimeFrame.Equals(TimeFrame);
            _atrBars = _mapped ? MarketData.GetBars(AtrTimeFrame) : Bars;
            _atr = _mapped
                ? Indicators.AverageTrueRange(_atrBars, Period, MaType)
                : Indicators.AverageTrueRange(Period, MaType);
            _label = new AtrStopLabel(this);
        }

        public override void Calculate(int index)
        {
            var atr = AtrAt(index);
            var close = Bars.ClosePrices[index];
            Atr[index] = atr;
            LongStop[index] = close - Multiplier * atr;
            ShortStop[index] = close + Multiplier * atr;

            if (IsLastBar && ShowLabel)
            {
                _label!.Update(index, close, atr);
            }
        }

        /// <summary>
        /// The ATR for chart bar <paramref name="index"/>. On a higher timeframe the last *closed*
        /// higher bar is used, so history does not peek at a higher bar that was still forming then,
        /// and the value does not repaint.
        /// </summary>
        private double AtrAt(int index)
        {
            if (!_mapped)
            {
                return _atr.Result[index];
            }

            var higher = _atrBars.OpenTimes.GetIndexByTime(Bars.OpenTimes[index]);
            return higher >= 1 ? _atr.Result[higher - 1] : double.NaN;
        }
    }

    /// <summary>What the configured risk is a share of.</summary>
    public enum AtrRiskBase
    {
        Equity,
        Balance,
        FixedMoney,
    }

    /// <summary>
    /// The label on the last bar. It sizes a long (entry at the ask) and a short (entry at the bid)
    /// with the stop m × ATR away through the shared sizer (PerpGuard.Risk.Sizing.PositionSizer,
    /// built like the cBots' entry planner: fees both ways, leverage and margin caps, stop-out guard),
    /// and re-renders only on a new bar or when the stop distance or the risk base moved by more than
    /// <see cref="RefreshThreshold"/>: sizes are floored to the volume step, so smaller moves rarely
    /// change them, and a tick that changes nothing allocates nothing.
    /// </summary>
    internal sealed class AtrStopLabel
    {
        internal const string Name = "PerpGuard.AtrStopDistance.Label";
        internal const double RefreshThreshold = 0.005;

        private readonly AtrStopDistance _algo;
        private readonly StringBuilder _text = new StringBuilder(512);
        private InstrumentSpec? _spec;
        private int _lastIndex = -1;
        private double _shownDistance = double.NaN;
        private double _shownBase = double.NaN;
        private bool _warmingShown;

        public AtrStopLabel(AtrStopDistance algo)
        {
            _algo = algo;
        }

        /// <summary>How many times the label was re-rendered (tests and benchmarks read it).</summary>
        public int Renders { get; private set; }

        public SizingDecision Long { get; private set; }

        public SizingDecision Short { get; private set; }

        public double Distance { get; private set; } = double.NaN;

        public void Update(int index, double close, double atr)
        {
            if (!(atr > 0) || double.IsInfinity(atr))
            {
                if (!_warmingShown)
                {
                    _warmingShown = true;
                    _algo.Chart.DrawText(Name, "ATR warming up", index, close, Color.Gray);
                }

                return;
            }

            var distance = _algo.Multiplier * atr;
            var baseAmount = BaseAmount();
            if (index == _lastIndex && Near(distance, _shownDistance) && Near(baseAmount, _shownBase))
            {
                return;
            }

            _lastIndex = index;
            _shownDistance = distance;
            _shownBase = baseAmount;
            _warmingShown = false;
            Render(index, close, atr, distance);
        }

        private static bool Near(double value, double shown) =>
            !double.IsNaN(shown) && Math.Abs(value - shown) <= RefreshThreshold * Math.Abs(shown);

        private double BaseAmount()
        {
            switch (_algo.RiskBase)
            {
                case AtrRiskBase.Balance:
                    return _algo.Account.Balance;
                case AtrRiskBase.FixedMoney:
                    return _algo.RiskMoney;
                default:
                    return _algo.Account.Equity;
            }
        }

        private void Render(int index, double close, double atr, double distance)
        {
            var symbol = _algo.Symbol;
            var account = _algo.Account;
            var spec = _spec ??= Spec(_algo.SymbolName, symbol, account, _algo.FeePercentPerSide);
            var currency = AccountCurrency(account);
            var rates = Rates(symbol, account);
            var ask = symbol.Ask > 0 ? symbol.Ask : close;
            var bid = symbol.Bid > 0 ? symbol.Bid : close;

            Distance = distance;
            Long = Size(spec, TradeSide.Long, ask, ask - distance, atr, currency, rates);
            Short = Size(spec, TradeSide.Short, bid, bid + distance, atr, currency, rates);
            Renders++;

            var digits = "N" + symbol.Digits.ToString(CultureInfo.InvariantCulture);
            var c = CultureInfo.InvariantCulture;
            _text.Clear();
            _text.Append("ATR(").Append(_algo.Period.ToString(c)).Append(' ').Append(_algo.MaType.ToString()).Append(") ")
                .Append(atr.ToString(digits, c))
                .Append(" · stop ").Append(_algo.Multiplier.ToString("0.##", c)).Append("×ATR = ").Append(distance.ToString(digits, c))
                .Append(" (").Append((distance / symbol.PipSize).ToString("N1", c)).Append(" pips, ")
                .Append((distance / close * 100.0).ToString("0.00", c)).Append(" %)").Append('\n');
            _text.Append("Risk ");
            if (_algo.RiskBase == AtrRiskBase.FixedMoney)
            {
                _text.Append(_algo.RiskMoney.ToString("N2", c)).Append(' ').Append(currency);
            }
            else
            {
                _text.Append(_algo.RiskPercent.ToString("0.##", c)).Append(" % of ")
                    .Append(_algo.RiskBase == AtrRiskBase.Balance ? "balance" : "equity");
            }

            _text.Append(", fees ").Append(FeeText(spec)).Append(", max ").Append(_algo.MaxLeverage.ToString("0.#", c)).Append("x").Append('\n');
            AppendSide("Long ", Long, symbol, currency, digits);
            _text.Append('\n');
            AppendSide("Short", Short, symbol, currency, digits);

            var label = _algo.Chart.DrawText(Name, _text.ToString(), index, close + distance, Color.White);
            label.VerticalAlignment = VerticalAlignment.Top;
            label.HorizontalAlignment = HorizontalAlignment.Right;
        }

        private void AppendSide(string side, SizingDecision d, Symbol symbol, string currency, string digits)
        {
            var c = CultureInfo.InvariantCulture;
            _text.Append(side).Append(' ');
            if (d.IsRefused)
            {
                _text.Append("refused: ").Append(d.ReasonCode);
                return;
            }

            var units = d.Volume.Units;
            _text.Append(units.ToString("0.########", c)).Append(' ').Append(symbol.BaseAsset?.Name ?? "units")
                .Append(" (").Append(symbol.VolumeInUnitsToQuantity(units).ToString("0.####", c)).Append(" lots)")
                .Append(" · ").Append(d.Leverage.ToString("0.00", c)).Append("x")
                .Append(" · risk ").Append(d.RealisedRisk.Amount.ToString("N2", c)).Append(' ').Append(currency)
                .Append(" · SL ").Append(d.Stop.Value.ToString(digits, c));
            if (d.BindingCaps != SizingCaps.None)
            {
                _text.Append(" · capped: ").Append(d.BindingCaps.ToString());
            }
        }

        private SizingDecision Size(InstrumentSpec spec, TradeSide side, double entry, double rawStop, double atr, string currency, ConversionRates rates)
        {
            if (!(entry > 0) || !(rawStop > 0))
            {
                return default;
            }

            var account = _algo.Account;
            var fixedMoney = _algo.RiskBase == AtrRiskBase.FixedMoney;
            var request = new SizingRequest
            {
                Symbol = spec,
                Side = side,
                Entry = new Price(entry),
                Stop = spec.RoundStop(side, rawStop),
                Mode = fixedMoney ? SizingMode.FixedMoney : SizingMode.FixedFraction,
                Base = _algo.RiskBase == AtrRiskBase.Balance ? RiskBase.Balance : RiskBase.Equity,
                Equity = new Money(account.Equity, currency),
                Balance = new Money(account.Balance, currency),
                RiskFraction = Fraction.FromPercent(_algo.RiskPercent),
                FixedRisk = fixedMoney ? new Money(_algo.RiskMoney, currency) : (Money?)null,
                AllowRiskAboveTwoPercent = _algo.AllowRiskAbove2Percent,
                Atr = atr,
                AtrStopMultiple = _algo.Multiplier,
                MaxLeverage = _algo.MaxLeverage,
                MoneyStep = SymbolSpecs.MoneyStep(account),
                MaxMarginUtilisation = Fraction.FromPercent(_algo.MaxMarginUsePercent),
                UsedMargin = account.Margin,
                RewardRisk = 0,
                Rates = rates,
                Guard = account.StopOutLevel > 0
                    ? LiquidationGuard.CTrader(Fraction.FromPercent(account.StopOutLevel), Fraction.FromPercent(_algo.StopOutBufferPercent))
                    : LiquidationGuard.None,
            };
            return PositionSizer.Decide(request);
        }

        private static string FeeText(InstrumentSpec spec)
        {
            var commission = spec.Commission;
            var c = CultureInfo.InvariantCulture;
            switch (commission.Kind)
            {
                case CommissionKind.PercentageOfTradingVolume:
                case CommissionKind.ExchangeMakerTaker:
                    return (commission.Rate * 100.0).ToString("0.####", c) + " %/side";
                case CommissionKind.UsdPerMillionUsdVolume:
                    return commission.Rate.ToString("0.##", c) + " USD/M/side";
                case CommissionKind.UsdPerOneLot:
                    return commission.Rate.ToString("0.####", c) + " USD/lot/side";
                case CommissionKind.QuoteCurrencyPerOneLot:
                    return commission.Rate.ToString("0.####", c) + " quote/lot/side";
                default:
                    return "none";
            }
        }

        internal static string AccountCurrency(IAccount account)
        {
            var name = account.Asset?.Name;
            return string.IsNullOrEmpty(name) ? "USD" : name!;
        }

        /// <summary>The symbol as the risk library sees it: grids, fees (symbol's or the override), own leverage tiers.</summary>
        internal static InstrumentSpec Spec(string name, Symbol symbol, IAccount account, double feePercentOverride)
        {
            return new InstrumentSpec(
                string.IsNullOrEmpty(name) ? "symbol" : name,
                symbol.TickSize,
                symbol.VolumeInUnitsMin,
                symbol.VolumeInUnitsStep,
                symbol.VolumeInUnitsMax > 0 ? symbol.VolumeInUnitsMax : double.PositiveInfinity,
                symbol.PipSize,
                symbol.LotSize > 0 ? symbol.LotSize : 1,
                feePercentOverride >= 0 ? CommissionModel.PercentOfVolume(Fraction.FromPercent(feePercentOverride)).WithMinimum(SymbolSpecs.MinimumPerSide(symbol)) : Commission(symbol),
                default,
                Schedule(symbol, account),
                symbol.BaseAsset?.Name ?? string.Empty,
                symbol.QuoteAsset?.Name ?? string.Empty);
        }

        /// <summary>cTrader's commission per side: the same conversion the cBots use.</summary>
        internal static CommissionModel Commission(Symbol symbol) => SymbolSpecs.Commission(symbol);

        /// <summary>Quote→account and USD rates: the same conversion the cBots use.</summary>
        internal static ConversionRates Rates(Symbol symbol, IAccount account) => SymbolSpecs.Rates(symbol, account);

        /// <summary>The symbol's own leverage tiers, each capped by the account's leverage (as the cBots see them).</summary>
        internal static MarginSchedule Schedule(Symbol symbol, IAccount account) => SymbolSpecs.Schedule(symbol, account.PreciseLeverage);
    }
}
