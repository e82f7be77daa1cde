using System;
using System.Collections.Generic;
using System.Globalization;
using cAlgo.API;
using cAlgo.API.Indicators;
using cAlgo.API.Internals;
using PerpGuard.Algos.Glue;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Margin;
using PerpGuard.Risk.Primitives;

namespace cAlgo.Indicators
{
    /// <summary>
    /// Where the account would be stopped out, and where today's loss limit would be hit.
    /// Open positions on the chart's symbol: a line at cTrader's stop-out price (the symbol price at
    /// which the account's margin level falls to <c>Account.StopOutLevel</c>, other symbols held
    /// still), with its distance in % and in ATRs; warning colour when the position's stop loss is
    /// missing, beyond that price, or within the warning buffer of it. A line where the open exposure
    /// would take equity down to today's loss floor. Before a trade: the liquidation price of a long
    /// and a short opened now at the chosen leverage, under cTrader's stop-out model or an exchange's
    /// isolated-margin model (maintenance-margin rate + amount, Binance-style).
    /// Every price comes from the shared risk library (PerpGuard.Risk.Margin / .Daily).
    /// Promises nothing about slippage through the level: a gap can fill far beyond it.
    /// </summary>
    [Indicator(IsOverlay = true, AutoRescale = false, TimeZone = TimeZones.UTC, AccessRights = AccessRights.None)]
    public class LiquidationLevels : Indicator
    {
        internal const string PositionLinePrefix = "PerpGuard.Liq.StopOut.";
        internal const string PositionTextPrefix = "PerpGuard.Liq.StopOutText.";
        internal const string DailyLineName = "PerpGuard.Liq.DailyFloor";
        internal const string DailyTextName = "PerpGuard.Liq.DailyFloorText";
        internal const string PreLongLineName = "PerpGuard.Liq.PreTradeLong";
        internal const string PreShortLineName = "PerpGuard.Liq.PreTradeShort";
        internal const string PreTextName = "PerpGuard.Liq.PreTradeText";

        [Parameter("Margin Follows Price", DefaultValue = false, Group = "Stop-out")]
        public bool MarginFollowsPrice { get; set; }

        [Parameter("Warning Buffer %", DefaultValue = 0.5, MinValue = 0, MaxValue = 50, Step = 0.1, Group = "Stop-out")]
        public double WarningBufferPercent { get; set; }

        [Parameter("ATR Period", DefaultValue = 14, MinValue = 1, MaxValue = 1000, Group = "Stop-out")]
        public int AtrPeriod { get; set; }

        [Parameter("ATR MA Type", DefaultValue = MovingAverageType.WilderSmoothing, Group = "Stop-out")]
        public MovingAverageType AtrMaType { get; set; }

        [Parameter("Show Daily Loss Line", DefaultValue = true, Group = "Daily limit")]
        public bool ShowDailyLine { get; set; }

        [Parameter("Daily Loss %", DefaultValue = DailyLimitsDefaults.MaxDailyLossPercent, MinValue = 0.1, MaxValue = 50, Step = 0.1, Group = "Daily limit")]
        public double DailyLossPercent { get; set; }

        [Parameter("Show Pre-trade Levels", DefaultValue = true, Group = "Pre-trade")]
        public bool ShowPreTrade { get; set; }

        [Parameter("Leverage", DefaultValue = 10.0, MinValue = 1, MaxValue = 125, Step = 1, Group = "Pre-trade")]
        public double PreTradeLeverage { get; set; }

        [Parameter("Model", DefaultValue = LiquidationModel.CTraderStopOut, Group = "Pre-trade")]
        public LiquidationModel Model { get; set; }

        [Parameter("Maintenance Margin %", DefaultValue = 0.4, MinValue = 0, MaxValue = 50, Step = 0.05, Group = "Pre-trade")]
        public double MaintenanceMarginPercent { get; set; }

        [Parameter("Maintenance Amount", DefaultValue = 0.0, MinValue = 0, Group = "Pre-trade")]
        public double MaintenanceAmount { get; set; }

        [Output("Pre-trade Long Liquidation", LineColor = "#FFFF7043", LineStyle = LineStyle.DotsRare)]
        public IndicatorDataSeries PreTradeLong { get; set; } = null!;

        [Output("Pre-trade Short Liquidation", LineColor = "#FF42A5F5", LineStyle = LineStyle.DotsRare)]
        public IndicatorDataSeries PreTradeShort { get; set; } = null!;

        internal static readonly Color SafeColor = Color.FromHex("#FF66BB6A");
        internal static readonly Color WarningColor = Color.FromHex("#FFFF1744");
        internal static readonly Color DailyColor = Color.FromHex("#FFFFB300");
        internal static readonly Color PreTradeColor = Color.FromHex("#FF9E9E9E");

        private AverageTrueRange _atr = null!;
        private LiquidationPanel _panel = null!;

        protected override void Initialize()
        {
            _atr = Indicators.AverageTrueRange(AtrPeriod, AtrMaType);
            _panel = new LiquidationPanel(this);
            Positions.Opened += _ => _panel.RebuildPositions();
            Positions.Closed += _ => _panel.RebuildPositions();
            Positions.Modified += _ => _panel.RebuildPositions();
            _panel.RebuildPositions();
        }

        public override void Calculate(int index)
        {
            var close = Bars.ClosePrices[index];
            PreTradeLong[index] = _panel.PreTradePrice(TradeSide.Long, close);
            PreTradeShort[index] = _panel.PreTradePrice(TradeSide.Short, close);

            // Optimisation passes have no chart to draw on (cTrader's own samples skip drawing there); the
            // outputs above are still calculated.
            if (IsLastBar && RunningMode != RunningMode.Optimization)
            {
                _panel.Refresh(index, _atr.Result[index]);
            }
        }

        internal double AtrNow() => _atr.Result.LastValue;
    }

    /// <summary>Which liquidation model the pre-trade levels use.</summary>
    public enum LiquidationModel
    {
        /// <summary>cTrader: the account is stopped out when margin level falls to the stop-out level.</summary>
        CTraderStopOut,

        /// <summary>An exchange's isolated margin: maintenance-margin rate and amount (Binance-style).</summary>
        ExchangeIsolated,
    }

    /// <summary>
    /// The live part: reads account, symbol and positions at the adapter edge, asks the risk library
    /// for prices, and draws. Arrays are reused, so a tick allocates nothing once the positions are
    /// known; labels are re-made once per bar, when a warning changes, when a level moved by a pip or
    /// after a 0.5 % price move.
    /// </summary>
    internal sealed class LiquidationPanel
    {
        private readonly LiquidationLevels _algo;
        private PositionExposure[] _exposures = new PositionExposure[8];
        private Position[] _positions = new Position[8];
        private string[] _lineNames = new string[8];
        private string[] _textNames = new string[8];
        private long[] _shownKeys = new long[8];
        private double[] _shownRefs = new double[8];
        private double[] _shownLevels = new double[8];
        private int _count;
        private readonly HashSet<string> _drawn = new HashSet<string>(StringComparer.Ordinal);
        private readonly HashSet<string> _keep = new HashSet<string>(StringComparer.Ordinal);
        private MarginSchedule? _schedule;
        private MarginAggregation _aggregation;
        private long _preKey = long.MinValue;
        private int _labelIndex = -1;
        private double _dailyShownPrice = double.NaN;
        private double _preShownRef = double.NaN;
        private PreTradeMemo _preLongMemo = new PreTradeMemo(double.NaN, double.NaN, double.NaN);
        private PreTradeMemo _preShortMemo = new PreTradeMemo(double.NaN, double.NaN, double.NaN);

        public LiquidationPanel(LiquidationLevels algo)
        {
            _algo = algo;
        }

        /// <summary>The last stop-out result for the symbol's open positions.</summary>
        public LiquidationResult StopOut { get; private set; } = LiquidationResult.Never;

        private MarginSchedule CurrentSchedule => _schedule ??= Schedule(_algo.Symbol, _algo.Account);

        /// <summary>The last daily-floor price (NaN when none).</summary>
        public double DailyFloorPrice { get; private set; } = double.NaN;

        /// <summary>Collects this symbol's positions (on Opened/Closed/Modified) and redraws.</summary>
        public void RebuildPositions()
        {
            // Symbol tiers and account leverage do not move tick by tick: read them here, not per tick.
            _schedule = Schedule(_algo.Symbol, _algo.Account);
            _aggregation = Aggregation(_algo.Account);
            _count = 0;
            foreach (var position in _algo.Positions)
            {
                if (!string.Equals(position.SymbolName, _algo.SymbolName, StringComparison.Ordinal))
                {
                    continue;
                }

                EnsureCapacity(_count + 1);
                _positions[_count] = position;
                _exposures[_count] = new PositionExposure(
                    position.TradeType == TradeType.Buy ? TradeSide.Long : TradeSide.Short,
                    position.VolumeInUnits,
                    position.EntryPrice);
                _lineNames[_count] = LiquidationLevels.PositionLinePrefix + position.Id.ToString(CultureInfo.InvariantCulture);
                _textNames[_count] = LiquidationLevels.PositionTextPrefix + position.Id.ToString(CultureInfo.InvariantCulture);
                _shownKeys[_count] = long.MinValue;
                _count++;
            }

            _labelIndex = -1;
            _preLongMemo = new PreTradeMemo(double.NaN, double.NaN, double.NaN);
            _preShortMemo = _preLongMemo;
            RemoveStale();
            if (_algo.Bars.Count > 0)
            {
                Refresh(_algo.Bars.Count - 1, _algo.AtrNow());
            }
        }

        /// <summary>Recomputes and redraws every level for the current prices.</summary>
        public void Refresh(int index, double atr)
        {
            // Lines follow every tick; labels (new strings) are re-made when a bar opens, when what they warn
            // about changes, or when the price has moved more than 0.5 % since they were drawn (as
            // AtrStopDistance's label). Other ticks allocate nothing.
            if (index != _labelIndex)
            {
                _labelIndex = index;
                for (var i = 0; i < _count; i++)
                {
                    _shownRefs[i] = double.NaN;
                    _shownLevels[i] = double.NaN;
                }

                _dailyShownPrice = double.NaN;
                _preShownRef = double.NaN;
            }

            var symbol = _algo.Symbol;
            var account = _algo.Account;
            var rates = Rates(symbol, account);
            var net = 0.0;
            var symbolMargin = 0.0;
            for (var i = 0; i < _count; i++)
            {
                net += _exposures[i].SignedUnits;
                symbolMargin += _positions[i].Margin;
            }

            var reference = net >= 0 ? symbol.Bid : symbol.Ask;
            StopOut = LiquidationResult.Never;
            if (_count > 0 && reference > 0)
            {
                var stopOutAccount = new StopOutAccount(
                    account.Equity,
                    reference,
                    Fraction.FromPercent(account.StopOutLevel),
                    Math.Max(0, account.Margin - symbolMargin),
                    CurrentSchedule,
                    _aggregation,
                    _algo.MarginFollowsPrice ? MarginPricing.RecalculatedAtPrice : MarginPricing.FrozenAtOpen,
                    rates);
                StopOut = CTraderStopOut.Solve(stopOutAccount, new ReadOnlySpan<PositionExposure>(_exposures, 0, _count));
            }

            for (var i = 0; i < _count; i++)
            {
                DrawPosition(i, index, reference, atr);
            }

            DrawDailyFloor(index, net, reference, rates);
            DrawPreTrade(index, reference);
        }

        /// <summary>The liquidation price of a position opened now at <paramref name="price"/> (NaN when none).</summary>
        public double PreTradePrice(TradeSide side, double price)
        {
            // Calculate and the label ask for the same levels on the same tick: solve each once.
            var equityNow = _algo.Account.Equity;
            ref var memo = ref side == TradeSide.Long ? ref _preLongMemo : ref _preShortMemo;
            if (memo.Price == price && memo.Equity == equityNow)
            {
                return memo.Result;
            }

            var result = SolvePreTrade(side, price);
            memo = new PreTradeMemo(price, equityNow, result);
            return result;
        }

        /// <summary>A solved pre-trade level; parameters are fixed for the run and a new margin schedule clears it.</summary>
        private readonly struct PreTradeMemo
        {
            public PreTradeMemo(double price, double equity, double result)
            {
                Price = price;
                Equity = equity;
                Result = result;
            }

            public double Price { get; }

            public double Equity { get; }

            public double Result { get; }
        }

        private double SolvePreTrade(TradeSide side, double price)
        {
            if (!_algo.ShowPreTrade || !(price > 0))
            {
                return double.NaN;
            }

            // Both models: a position worth leverage × equity on an otherwise flat account.
            var leverage = _algo.PreTradeLeverage;
            var account = _algo.Account;
            var equity = account.Equity;
            if (!(equity > 0))
            {
                return double.NaN;
            }

            var rates = Rates(_algo.Symbol, account);
            var units = leverage * equity / (price * rates.QuoteToAccount);
            if (_algo.Model == LiquidationModel.ExchangeIsolated)
            {
                // Isolated margin = notional / leverage. The maintenance amount (Binance's cum) is money owed by
                // the whole position, so the size matters: cum / Q moves the price.
                var brackets = MaintenanceBrackets.Single(_algo.MaintenanceMarginPercent / 100.0, _algo.MaintenanceAmount);
                return BinanceLiquidation.Isolated(side, price, units, units * price / leverage, brackets).PriceOrNaN;
            }

            var stopOutAccount = new StopOutAccount(
                equity,
                price,
                Fraction.FromPercent(account.StopOutLevel),
                0,
                CurrentSchedule,
                _aggregation,
                _algo.MarginFollowsPrice ? MarginPricing.RecalculatedAtPrice : MarginPricing.FrozenAtOpen,
                rates);
            return CTraderStopOut.Solve(stopOutAccount, new PositionExposure(side, units, price)).PriceOrNaN;
        }

        private void DrawPosition(int i, int index, double reference, double atr)
        {
            var position = _positions[i];
            var side = _exposures[i].Side;
            var chart = _algo.Chart;
            if (!StopOut.HasPrice)
            {
                chart.RemoveObject(_lineNames[i]);
                _drawn.Remove(_lineNames[i]);
                if (_shownKeys[i] != WarningKeyNone || !_drawn.Contains(_textNames[i]))
                {
                    _shownKeys[i] = WarningKeyNone;
                    DrawPositionText(i, index, reference, Describe(position, side, double.NaN, reference, atr, false), LiquidationLevels.SafeColor);
                }

                return;
            }

            var price = StopOut.PriceOrNaN;
            var warn = IsWarning(side, position.StopLoss, price, reference);
            var color = warn ? LiquidationLevels.WarningColor : LiquidationLevels.SafeColor;
            chart.DrawHorizontalLine(_lineNames[i], price, color, 2, LineStyle.Solid);
            _drawn.Add(_lineNames[i]);

            // The stop-out price itself moves with other symbols' P&L and margin, swaps and funding: its label
            // follows as soon as it moved by a pip.
            var key = warn ? 1 : 0;
            if (_shownKeys[i] != key || Moved(reference, _shownRefs[i]) || LevelMoved(price, _shownLevels[i], _algo.Symbol.PipSize)
                || !_drawn.Contains(_textNames[i]))
            {
                _shownKeys[i] = key;
                _shownRefs[i] = reference;
                _shownLevels[i] = price;
                DrawPositionText(i, index, price, Describe(position, side, price, reference, atr, warn), color);
            }
        }

        private const long WarningKeyNone = long.MaxValue - 1;

        // Texts of several positions at one price are spread out over the bars before the last one.
        private void DrawPositionText(int i, int index, double y, string text, Color color)
        {
            _algo.Chart.DrawText(_textNames[i], text, Math.Max(0, index - 12 * i), y, color);
            _drawn.Add(_textNames[i]);
        }

        /// <summary>
        /// Warning when the position could reach stop-out before its stop: no stop at all, a stop at
        /// or beyond the stop-out price, or a stop within the buffer (a % of price) of it. Only when
        /// the stop-out lies on this position's losing side.
        /// </summary>
        internal bool IsWarning(TradeSide side, double? stopLoss, double stopOut, double reference)
        {
            var losingSide = side == TradeSide.Long ? stopOut < reference : stopOut > reference;
            if (!losingSide)
            {
                return false;
            }

            if (!stopLoss.HasValue)
            {
                return true;
            }

            var buffer = _algo.WarningBufferPercent / 100.0 * reference;
            return side == TradeSide.Long
                ? stopLoss.Value <= stopOut + buffer
                : stopLoss.Value >= stopOut - buffer;
        }

        private string Describe(Position position, TradeSide side, double price, double reference, double atr, bool warn)
        {
            var digits = _algo.Symbol.Digits;
            var head = "#" + position.Id.ToString(CultureInfo.InvariantCulture) + " " + (side == TradeSide.Long ? "Long " : "Short ")
                + position.VolumeInUnits.ToString("0.########", CultureInfo.InvariantCulture);
            if (double.IsNaN(price))
            {
                return head + " · no stop-out price (" + (StopOut.Outcome == LiquidationOutcome.Immediate ? "at stop-out now" : "cannot be stopped out") + ")";
            }

            var distance = Math.Abs(price - reference);

            // Shown toward the market (a level below it rounds up, above it down), so a stop placed at the shown
            // price fires first. By where the level sits, not by this position's side: the stop-out is
            // account-wide, and a hedged short in a net-long book shares the long's level below the market.
            var shown = TowardMarket(price < reference ? TradeSide.Long : TradeSide.Short, price, DecimalStep(digits), digits);
            var text = head + " · stop-out " + shown.ToString("N" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
                + " · " + (distance / reference * 100.0).ToString("0.00", CultureInfo.InvariantCulture) + " % away";
            if (atr > 0)
            {
                text += " · " + (distance / atr).ToString("0.0", CultureInfo.InvariantCulture) + " ATR";
            }

            if (warn)
            {
                text += position.StopLoss.HasValue ? " · STOP BEYOND/NEAR STOP-OUT" : " · NO STOP LOSS";
            }

            return text;
        }

        private void DrawDailyFloor(int index, double net, double reference, ConversionRates rates)
        {
            var chart = _algo.Chart;
            DailyFloorPrice = double.NaN;
            if (!_algo.ShowDailyLine || net == 0 || !(reference > 0))
            {
                RemoveIfDrawn(LiquidationLevels.DailyLineName);
                RemoveIfDrawn(LiquidationLevels.DailyTextName);
                return;
            }

            var account = _algo.Account;
            var startOfDay = StartOfDayBalance();
            var floor = startOfDay * (1.0 - _algo.DailyLossPercent / 100.0);
            var remaining = account.Equity - floor;
            var side = net > 0 ? TradeSide.Long : TradeSide.Short;
            var result = FloorPrice.Compute(side, new Volume(Math.Abs(net)), new Price(reference), rates.QuoteToAccount, remaining);
            if (!result.IsReachable)
            {
                RemoveIfDrawn(LiquidationLevels.DailyLineName);
                RemoveIfDrawn(LiquidationLevels.DailyTextName);
                return;
            }

            DailyFloorPrice = result.Price.Value;
            chart.DrawHorizontalLine(LiquidationLevels.DailyLineName, DailyFloorPrice, LiquidationLevels.DailyColor, 1, LineStyle.Lines);
            _drawn.Add(LiquidationLevels.DailyLineName);
            if (LevelMoved(DailyFloorPrice, _dailyShownPrice, _algo.Symbol.PipSize) || !_drawn.Contains(LiquidationLevels.DailyTextName))
            {
                _dailyShownPrice = DailyFloorPrice;

                // FloorPrice clamps the remaining budget at zero, so a net-long book's floor lies at or below the
                // bid and a net-short book's at or above the ask: toward the market is up for net long, down for
                // net short, so a stop at the shown price fires before equity reaches the floor.
                var digits = _algo.Symbol.Digits;
                var shown = TowardMarket(side, DailyFloorPrice, DecimalStep(digits), digits);
                var text = "Daily loss limit " + _algo.DailyLossPercent.ToString("0.##", CultureInfo.InvariantCulture) + " % hit at "
                    + shown.ToString("N" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
                    + " (floor equity " + floor.ToString("N2", CultureInfo.InvariantCulture) + ")";
                chart.DrawText(LiquidationLevels.DailyTextName, text, index, DailyFloorPrice, LiquidationLevels.DailyColor);
                _drawn.Add(LiquidationLevels.DailyTextName);
            }
        }

        /// <summary>Balance at the start of the server day: today's closed trades taken back out.</summary>
        private double StartOfDayBalance()
        {
            var dayStart = _algo.Server.Time.Date;
            var realised = 0.0;
            var history = _algo.History;
            for (var i = history.Count - 1; i >= 0; i--)
            {
                var trade = history[i];
                if (trade.ClosingTime < dayStart)
                {
                    break;
                }

                realised += trade.NetProfit;
            }

            return _algo.Account.Balance - realised;
        }

        private void DrawPreTrade(int index, double reference)
        {
            var chart = _algo.Chart;
            if (!_algo.ShowPreTrade || !(reference > 0))
            {
                RemoveIfDrawn(LiquidationLevels.PreLongLineName);
                RemoveIfDrawn(LiquidationLevels.PreShortLineName);
                RemoveIfDrawn(LiquidationLevels.PreTextName);
                return;
            }

            var longPrice = PreTradePrice(TradeSide.Long, reference);
            var shortPrice = PreTradePrice(TradeSide.Short, reference);
            DrawOrRemove(LiquidationLevels.PreLongLineName, longPrice);
            DrawOrRemove(LiquidationLevels.PreShortLineName, shortPrice);

            // The label shows the levels to the pip, not to the tick: a level that moves with every tick is
            // noise to read (but with at least five significant digits). Rounded toward the market (a long's
            // up, a short's down), so a stop placed at the shown price fires first. Re-made each bar, or at
            // once when a level appears or goes.
            var pip = _algo.Symbol.PipSize;
            var pipDecimals = PipDecimals(pip);
            var labelDecimals = LabelDecimals(pip, reference);
            var key = (double.IsNaN(longPrice) ? 2 : 0) + (double.IsNaN(shortPrice) ? 1 : 0);
            if (key == _preKey && !Moved(reference, _preShownRef) && _drawn.Contains(LiquidationLevels.PreTextName))
            {
                return;
            }

            _preKey = key;
            _preShownRef = reference;
            var digits = "N" + labelDecimals.ToString(CultureInfo.InvariantCulture);
            var step = labelDecimals > pipDecimals ? DecimalStep(labelDecimals) : pip;
            longPrice = TowardMarket(TradeSide.Long, longPrice, step, labelDecimals);
            shortPrice = TowardMarket(TradeSide.Short, shortPrice, step, labelDecimals);
            var model = _algo.Model == LiquidationModel.CTraderStopOut
                ? "cTrader stop-out " + _algo.Account.StopOutLevel.ToString("0.##", CultureInfo.InvariantCulture) + " %"
                : "isolated, MMR " + _algo.MaintenanceMarginPercent.ToString("0.###", CultureInfo.InvariantCulture) + " %";
            var text = "New at " + _algo.PreTradeLeverage.ToString("0.##", CultureInfo.InvariantCulture) + "x (" + model + "): long liq "
                + (double.IsNaN(longPrice) ? "none" : longPrice.ToString(digits, CultureInfo.InvariantCulture))
                + " · short liq " + (double.IsNaN(shortPrice) ? "none" : shortPrice.ToString(digits, CultureInfo.InvariantCulture));
            var y = double.IsNaN(shortPrice) ? reference : shortPrice;
            chart.DrawText(LiquidationLevels.PreTextName, text, index, y, LiquidationLevels.PreTradeColor);
            _drawn.Add(LiquidationLevels.PreTextName);
        }

        private void DrawOrRemove(string name, double price)
        {
            if (double.IsNaN(price))
            {
                RemoveIfDrawn(name);
                return;
            }

            _algo.Chart.DrawHorizontalLine(name, price, LiquidationLevels.PreTradeColor, 1, LineStyle.DotsRare);
            _drawn.Add(name);
        }

        private void RemoveIfDrawn(string name)
        {
            if (_drawn.Remove(name))
            {
                _algo.Chart.RemoveObject(name);
            }
        }

        // Lines and texts of positions that are gone.
        private void RemoveStale()
        {
            _keep.Clear();
            for (var i = 0; i < _count; i++)
            {
                _keep.Add(_lineNames[i]);
                _keep.Add(_textNames[i]);
            }

            var stale = new List<string>();
            foreach (var name in _drawn)
            {
                if ((name.StartsWith(LiquidationLevels.PositionLinePrefix, StringComparison.Ordinal)
                     || name.StartsWith(LiquidationLevels.PositionTextPrefix, StringComparison.Ordinal))
                    && !_keep.Contains(name))
                {
                    stale.Add(name);
                }
            }

            foreach (var name in stale)
            {
                RemoveIfDrawn(name);
            }
        }

        private void EnsureCapacity(int needed)
        {
            if (needed <= _exposures.Length)
            {
                return;
            }

            var size = Math.Max(needed, _exposures.Length * 2);
            Array.Resize(ref _exposures, size);
            Array.Resize(ref _positions, size);
            Array.Resize(ref _lineNames, size);
            Array.Resize(ref _textNames, size);
            Array.Resize(ref _shownKeys, size);
            Array.Resize(ref _shownRefs, size);
            Array.Resize(ref _shownLevels, size);
        }

        // NaN (never shown, or reset when a bar opens) counts as moved.
        private static bool Moved(double now, double shown) => !(Math.Abs(now - shown) <= 0.005 * Math.Abs(shown));

        // A level (stop-out, daily floor) shown to the pip: its label is stale once it moved by one.
        private static bool LevelMoved(double now, double shown, double pip) => !(Math.Abs(now - shown) < Math.Max(pip, 1e-12));

        /// <summary>Decimals that show one pip (PipSize 1 → 0, 0.01 → 2, 0.0001 → 4).</summary>
        internal static int PipDecimals(double pipSize) =>
            pipSize > 0 && pipSize < 1 ? (int)Math.Round(-Math.Log10(pipSize)) : 0;

        /// <summary>
        /// Decimals of the pre-trade label: the pip's, but at least five significant digits of the price — a pip
        /// of 0.01 on a one-dollar coin would round a level by up to half a percent.
        /// </summary>
        internal static int LabelDecimals(double pipSize, double price)
        {
            var pip = PipDecimals(pipSize);
            if (!(price > 0) || double.IsInfinity(price))
            {
                return pip;
            }

            var significant = 4 - (int)Math.Floor(Math.Log10(price));
            return Math.Min(10, Math.Max(pip, significant));
        }

        /// <summary>One unit of the last shown decimal (2 → 0.01).</summary>
        internal static double DecimalStep(int decimals) => Math.Pow(10, -decimals);

        /// <summary>
        /// A level as a label shows it: onto the step, then onto the shown decimals, each toward the market as
        /// stops round (<see cref="TickRounding.StopTowardMarket"/>: <paramref name="side"/> Long = a level below
        /// the market, up; Short = above, down). The second pass only matters for a step that is not a power of
        /// ten (a 0.5 pip shown with no decimals); the formatter would otherwise round it to the nearest.
        /// </summary>
        internal static double TowardMarket(TradeSide side, double price, double step, int decimals)
        {
            if (double.IsNaN(price) || double.IsInfinity(price))
            {
                return price;
            }

            var onStep = TickRounding.StopTowardMarket(side, price, step);
            return TickRounding.StopTowardMarket(side, onStep, DecimalStep(decimals));
        }

        /// <summary>Quote→account and USD rates: the same conversion the cBots use.</summary>
        internal static ConversionRates Rates(Symbol symbol, IAccount account) => SymbolSpecs.Rates(symbol, account);

        /// <summary>The symbol's own leverage tiers, each capped by the account's leverage (as the cBots see them).</summary>
        internal static MarginSchedule Schedule(Symbol symbol, IAccount account) => SymbolSpecs.Schedule(symbol, account.PreciseLeverage);

        internal static MarginAggregation Aggregation(IAccount account)
        {
            if (account.AccountType == AccountType.Netted)
            {
                return MarginAggregation.Net;
            }

            switch (account.TotalMarginCalculationType)
            {
                case TotalMarginCalculationType.Sum:
                    return MarginAggregation.Sum;
                case TotalMarginCalculationType.Net:
                    return MarginAggregation.Net;
                default:
                    return MarginAggregation.Max;
            }
        }
    }
}
