using System;
using System.Collections;
using System.Collections.Generic;
using cAlgo.API;
using cAlgo.API.Collections;
using cAlgo.API.Internals;
using PerpGuard.Headless.Simulation;

namespace PerpGuard.Headless.Runtime
{
    /// <summary>
    /// An asset (currency) by name. Converts at the rates of the moment between the assets the run knows a value
    /// in account currency for (the account's, the symbol's quote currency, USD); anything else throws.
    /// </summary>
    public sealed class AssetAdapter : Asset
    {
        private readonly Func<string, double>? _valueInAccount;

        public AssetAdapter(string name, int digits)
            : this(name, digits, null)
        {
        }

        /// <param name="valueInAccount">What one unit of the named asset is worth in account currency now (NaN: unknown).</param>
        public AssetAdapter(string name, int digits, Func<string, double>? valueInAccount)
        {
            Name = name;
            Digits = digits;
            _valueInAccount = valueInAccount;
        }

        public string Name { get; }
        public int Digits { get; }

        public double Convert(Asset to, double value) => Convert(to.Name, value);

        public double Convert(string to, double value)
        {
            if (string.Equals(to, Name, StringComparison.Ordinal))
            {
                return value;
            }

            var from = _valueInAccount is null ? double.NaN : _valueInAccount(Name);
            var target = _valueInAccount is null ? double.NaN : _valueInAccount(to);
            if (!(from > 0) || !(target > 0) || double.IsInfinity(from) || double.IsInfinity(target))
            {
                throw new NotSupportedException("Headless runs have no rate from " + Name + " to " + to + ".");
            }

            return value * from / target;
        }

        /// <summary>
        /// The value in account currency of one unit of <paramref name="asset"/> now: 1 for the account currency, the
        /// symbol's quote→account rate for its quote currency, the account's USD rate for USD; NaN otherwise.
        /// </summary>
        internal static double ValueInAccount(string asset, SimulatedBroker broker)
        {
            var account = broker.Settings.Currency;
            if (string.Equals(asset, account, StringComparison.Ordinal))
            {
                return 1.0;
            }

            // The quote currency of any symbol of the run, at that symbol's rate (the chart symbol's first).
            var symbols = broker.Symbols;
            for (var i = 0; i < symbols.Count; i++)
            {
                var spec = symbols[i].Spec;
                if (string.Equals(asset, SymbolAdapter.QuoteOf(spec.Name, account), StringComparison.Ordinal))
                {
                    return spec.QuoteToAccountRate;
                }
            }

            return string.Equals(asset, "USD", StringComparison.Ordinal) ? broker.Settings.UsdToAccountRate : double.NaN;
        }
    }

    public sealed class LeverageTierAdapter : LeverageTier
    {
        public LeverageTierAdapter(double volume, double leverage)
        {
            Volume = volume;
            Leverage = leverage;
        }

        public double Volume { get; }
        public double Leverage { get; }
    }

    /// <summary>cAlgo Symbol over the simulator's symbol: facts from its spec, quotes live.</summary>
    public sealed class SymbolAdapter : Symbol
    {
        private readonly SimSymbol _symbol;
        private readonly Func<double> _balance;
        private readonly Func<double> _equity;
        private readonly Func<double, TradeType, double> _margin;
        private readonly Func<(double Gross, double Net)> _unrealized;

        public SymbolAdapter(
            SimSymbol symbol, string accountCurrency, Func<double> balance, Func<double> equity,
            Func<double, TradeType, double> estimatedMargin, Func<(double Gross, double Net)> unrealized,
            Func<string, double>? valueInAccount = null)
        {
            _symbol = symbol;
            _balance = balance;
            _equity = equity;
            _margin = estimatedMargin;
            _unrealized = unrealized;
            var spec = symbol.Spec;

            // cTrader: "the monetary value of one pip [tick] of the symbol when you started your cBot … not updated in
            // real time" (help.ctrader.com, Symbol.PipValue/TickValue). The algos start with the run.
            PipValue = spec.PipValue;
            TickValue = spec.TickValue;
            BaseAsset = new AssetAdapter(spec.Name.Length > 3 ? spec.Name.Substring(0, spec.Name.Length - 3) : spec.Name, 8);
            QuoteAsset = new AssetAdapter(QuoteOf(spec.Name, accountCurrency), spec.Digits, valueInAccount);
            MinCommissionAsset = new AssetAdapter("USD", 2, valueInAccount);
            var tiers = new List<LeverageTier>();
            foreach (var t in spec.DynamicLeverage)
            {
                tiers.Add(new LeverageTierAdapter(t.Volume, t.Leverage));
            }

            if (tiers.Count == 0)
            {
                tiers.Add(new LeverageTierAdapter(double.MaxValue, spec.Leverage));
            }

            DynamicLeverage = new ReadonlyListView<LeverageTier>(tiers);
        }

        private Action<SymbolTickEventArgs>? _tick;

        public event Action<SymbolTickEventArgs>? Tick
        {
            add
            {
                _tick += value;
                Signals?.Raise();
            }

            remove
            {
                _tick -= value;
                Signals?.Raise();
            }
        }

        /// <summary>Told when <see cref="Tick"/> gains or loses a subscriber (null outside an engine run).</summary>
        internal RunSignals? Signals { get; set; }

        public SimSymbol Sim => _symbol;

        public string Name => _symbol.Name;

        public double Ask => _symbol.Ask;
        public double Bid => _symbol.Bid;
        public double Spread => _symbol.Ask - _symbol.Bid;
        public double PipSize => _symbol.Spec.PipSize;
        public int Digits => _symbol.Spec.Digits;
        public double TickSize => _symbol.Spec.TickSize;
        public double VolumeInUnitsMin => _symbol.Spec.VolumeInUnitsMin;
        public double VolumeInUnitsMax => _symbol.Spec.VolumeInUnitsMax;
        public double VolumeInUnitsStep => _symbol.Spec.VolumeInUnitsStep;

        /// <summary>Per unit of volume, in account currency, as at the start of the run (cTrader never updates them).</summary>
        public double PipValue { get; }
        public double TickValue { get; }
        public long LotSize => (long)Math.Round(_symbol.Spec.LotSize);
        public double UnrealizedNetProfit => _unrealized().Net;
        public double UnrealizedGrossProfit => _unrealized().Gross;
        public Asset BaseAsset { get; }
        public Asset QuoteAsset { get; }
        public double PnLConversionFeeRate => 0.0;
        public double Commission => _symbol.Spec.Commission;
        public SymbolCommissionType CommissionType => (SymbolCommissionType)(int)_symbol.Spec.CommissionType;
        public double MinCommission => _symbol.Spec.MinCommission;
        public Asset MinCommissionAsset { get; }
        public SymbolMinCommissionType MinCommissionType => SymbolMinCommissionType.Asset;
        public DayOfWeek? AdministrativeCharge3DaysRollover => null;
        public double AdministrativeCharge => 0.0;
        public int GracePeriod => 0;
        public double SwapLong => _symbol.Spec.SwapLong;
        public double SwapShort => _symbol.Spec.SwapShort;
        public DayOfWeek? Swap3DaysRollover => _symbol.Spec.Swap3DaysRollover;
        public SymbolSwapCalculationType SwapCalculationType =>
            _symbol.Spec.SwapType == SimSwapType.Percentage ? SymbolSwapCalculationType.Percentage : SymbolSwapCalculationType.Pips;
        public bool IsTradingEnabled => _symbol.Spec.IsTradingEnabled;
        public SymbolTradingMode TradingMode => _symbol.Spec.IsTradingEnabled ? SymbolTradingMode.FullAccess : SymbolTradingMode.FullyDisabled;
        public SymbolMinDistanceType MinDistanceType => SymbolMinDistanceType.Pips;
        public double MinTakeProfitDistance => _symbol.Spec.MinStopDistancePips;
        public double MinStopLossDistance => _symbol.Spec.MinStopDistancePips;
        public IReadonlyList<LeverageTier> DynamicLeverage { get; }

        public double NormalizeVolumeInUnits(double volume, RoundingMode roundingMode) =>
            _symbol.NormalizeVolumeInUnits(volume, roundingMode switch
            {
                RoundingMode.Down => SimRounding.Down,
                RoundingMode.Up => SimRounding.Up,
                _ => SimRounding.ToNearest,
            });

        public double QuantityToVolumeInUnits(double quantity) => quantity * _symbol.Spec.LotSize;

        public double VolumeInUnitsToQuantity(double volume) => volume / _symbol.Spec.LotSize;

        public double GetEstimatedMargin(TradeType tradeType, double volume) => _margin(volume, tradeType);

        public double VolumeForFixedRisk(double amount, double stopLossInPips) => VolumeForFixedRisk(amount, stopLossInPips, RoundingMode.ToNearest);

        public double VolumeForFixedRisk(double amount, double stopLossInPips, RoundingMode roundingMode) =>
            NormalizeVolumeInUnits(amount / (stopLossInPips * PipValue), roundingMode);

        public double VolumeForProportionalRisk(ProportionalAmountType type, double percentage, double stopLossInPips) =>
            VolumeForProportionalRisk(type, percentage, stopLossInPips, RoundingMode.ToNearest);

        public double VolumeForProportionalRisk(ProportionalAmountType type, double percentage, double stopLossInPips, RoundingMode roundingMode) =>
            VolumeForFixedRisk(Base(type) * percentage / 100.0, stopLossInPips, roundingMode);

        public double AmountRisked(double volume, double stopLossInPips) => volume * stopLossInPips * PipValue;

        public double PipsForFixedRisk(double amount, double volume) => amount / (volume * PipValue);

        public double PipsForProportionalRisk(ProportionalAmountType type, double percentage, double volume) =>
            PipsForFixedRisk(Base(type) * percentage / 100.0, volume);

        /// <summary>The quote currency of a six-letter symbol name (BTCUSD → USD); the account's for other names.</summary>
        internal static string QuoteOf(string symbolName, string accountCurrency) =>
            symbolName.Length > 3 ? symbolName.Substring(symbolName.Length - 3) : accountCurrency;

        internal bool HasTickListeners => _tick != null;

        internal void RaiseTick() => _tick?.Invoke(new SymbolTickEventArgs(Name, Bid, Ask, this));

        private double Base(ProportionalAmountType type) => type == ProportionalAmountType.Equity ? _equity() : _balance();
    }

    /// <summary>The run's symbols: the chart symbol first, then any other the run quotes.</summary>
    public sealed class SymbolsAdapter : Symbols
    {
        private readonly List<SymbolAdapter> _symbols;

        public SymbolsAdapter(IEnumerable<SymbolAdapter> symbols)
        {
            _symbols = new List<SymbolAdapter>(symbols);
        }

        public string this[int index] => _symbols[index].Name;

        public int Count => _symbols.Count;

        /// <summary>The symbol, or null when the run has none of that name.</summary>
        public Symbol GetSymbol(string symbolName)
        {
            foreach (var s in _symbols)
            {
                if (string.Equals(s.Name, symbolName, StringComparison.Ordinal))
                {
                    return s;
                }
            }

            return null!;
        }

        public Symbol[] GetSymbols(params string[] symbolNames)
        {
            var found = new Symbol[symbolNames.Length];
            for (var i = 0; i < symbolNames.Length; i++)
            {
                found[i] = GetSymbol(symbolNames[i]);
            }

            return found;
        }

        public bool Exists(string symbolName) => GetSymbol(symbolName) is not null;

        internal void Add(SymbolAdapter symbol) => _symbols.Add(symbol);

        public IEnumerator<string> GetEnumerator()
        {
            foreach (var s in _symbols)
            {
                yield return s.Name;
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
