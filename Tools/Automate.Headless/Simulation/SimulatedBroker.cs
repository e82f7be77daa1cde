using System;
using System.Collections.Generic;
using System.Globalization;
using PerpGuard.MarketData;

namespace PerpGuard.Headless.Simulation
{
    /// <summary>
    /// The simulated cTrader broker: quotes in, fills, money and events out. Pure (no cAlgo types);
    /// the host adapts it to cAlgo.API. Single-threaded. See docs/simulator.md for the rules.
    /// </summary>
    public sealed partial class SimulatedBroker
    {
        private const double VolumeEpsilon = 1e-9;

        private readonly SimAccountSettings _settings;
        private readonly SimBrokerOptions _options;
        private readonly List<SimSymbol> _symbols = new List<SimSymbol>();
        private readonly List<SimPosition> _positions = new List<SimPosition>();
        private readonly List<SimPendingOrder> _orders = new List<SimPendingOrder>();
        private readonly List<SimClosedTrade> _history = new List<SimClosedTrade>();
        private double[] _longNotional = new double[4];
        private double[] _shortNotional = new double[4];

        // The balance in whole money units (cents for 2 money digits) and the same as a double, for cheap reads.
        private long _balanceUnits;
        private double _balance;
        private readonly double _moneyScale;
        private double _margin;
        private double _unrealizedGross;
        private double _unrealizedNet;
        private long _timeTicks;
        private long _nextTimedEventTicks;

        // Quotes at or after this time take the out-of-line path of ProcessQuote: long.MinValue while positions or
        // orders exist or a symbol awaits its first quote, else the next rollover/funding time. Never later than
        // any of those conditions (entering the slow path needlessly is harmless: it re-tests each of them).
        private long _attentionTicks = long.MinValue;
        private int _nextPositionId = 1;
        private int _nextOrderId = 1;
        private int _nextDealId = 1;

        public SimulatedBroker(SimAccountSettings settings, SimSymbolSpec primarySymbol, SimBrokerOptions? options = null)
        {
            if (settings == null) throw new ArgumentNullException(nameof(settings));
            if (primarySymbol == null) throw new ArgumentNullException(nameof(primarySymbol));
            var errors = new List<string>(settings.Validate());
            errors.AddRange(primarySymbol.Validate());
            if (errors.Count > 0)
            {
                throw new ArgumentException("Invalid simulator settings: " + string.Join("; ", errors));
            }

            _settings = settings;
            _options = options ?? new SimBrokerOptions();
            _moneyScale = SimMoney.MoneyScale(settings.MoneyDigits);
            _balanceUnits = MoneyUnits(settings.Balance);
            _balance = _balanceUnits / _moneyScale;
            _events = new SimEvent[16];
            AddSymbol(primarySymbol);
        }

        /// <summary>Receives the broker's events (default: ignored).</summary>
        public ISimBrokerListener Listener { get; set; } = NullSimBrokerListener.Instance;

        public SimAccountSettings Settings => _settings;
        public SimBrokerOptions Options => _options;

        /// <summary>The first symbol (the one quoted by <see cref="ProcessQuote(DateTime, double, double)"/>).</summary>
        public SimSymbol Symbol => _symbols[0];
        public IReadOnlyList<SimSymbol> Symbols => _symbols;
        public IReadOnlyList<SimPosition> Positions => _positions;
        public IReadOnlyList<SimPendingOrder> PendingOrders => _orders;
        /// <summary>Closing deals, oldest first.</summary>
        public IReadOnlyList<SimClosedTrade> History => _history;

        /// <summary>Time of the latest quote (any symbol).</summary>
        public DateTime TimeUtc => new DateTime(_timeTicks, DateTimeKind.Utc);

        public double Balance => _balance;
        public double Equity => _balance + _unrealizedNet;
        public double Margin => _margin;
        public double FreeMargin => Equity - _margin;
        /// <summary>Equity / Margin × 100; NaN when no margin is used (cTrader: null).</summary>
        public double MarginLevel => _margin > 0 ? Equity / _margin * 100.0 : double.NaN;
        public double UnrealizedGrossProfit => _unrealizedGross;
        public double UnrealizedNetProfit => _unrealizedNet;
        public bool IsMarginCall => _margin > 0 && MarginLevel <= _settings.MarginCallLevel;

        /// <summary>Registers another symbol (multi-symbol robots).</summary>
        public SimSymbol AddSymbol(SimSymbolSpec spec)
        {
            if (spec == null) throw new ArgumentNullException(nameof(spec));
            var errors = spec.Validate();
            if (errors.Count > 0) throw new ArgumentException("Invalid symbol " + spec.Name + ": " + string.Join("; ", errors));
            if (FindSymbol(spec.Name) != null) throw new ArgumentException("symbol already registered: " + spec.Name);
            var symbol = new SimSymbol(spec, _symbols.Count);
            _symbols.Add(symbol);
            _attentionTicks = long.MinValue;
            if (_longNotional.Length < _symbols.Count)
            {
                Array.Resize(ref _longNotional, _symbols.Count * 2);
                Array.Resize(ref _shortNotional, _symbols.Count * 2);
            }

            return symbol;
        }

        public SimSymbol? FindSymbol(string name)
        {
            for (int i = 0; i < _symbols.Count; i++)
            {
                if (string.Equals(_symbols[i].Name, name, StringComparison.Ordinal)) return _symbols[i];
            }

            return null;
        }

        public SimPosition? FindPosition(int id)
        {
            for (int i = 0; i < _positions.Count; i++)
            {
                if (_positions[i].Id == id) return _positions[i];
            }

            return null;
        }

        public SimPendingOrder? FindPendingOrder(int id)
        {
            for (int i = 0; i < _orders.Count; i++)
            {
                if (_orders[i].Id == id) return _orders[i];
            }

            return null;
        }

        /// <summary>Margin a new order would take on its own (ignores hedging relief, like cTrader's GetEstimatedMargin in backtests).</summary>
        public double GetEstimatedMargin(SimSymbol symbol, SimTradeSide side, double volumeInUnits)
        {
            double price = side == SimTradeSide.Buy ? symbol.Ask : symbol.Bid;
            var spec = symbol.Spec;
            return SimMoney.TieredMarginUsd(volumeInUnits * price * spec.QuoteToUsdRate, spec.DynamicLeverage, spec.Leverage, _settings.Leverage) * _settings.UsdToAccountRate;
        }

        /// <summary>An amount of account currency in whole money units (10^-MoneyDigits; a half unit goes away from zero).</summary>
        private long MoneyUnits(double amount) => (long)Math.Round(amount * _moneyScale, MidpointRounding.AwayFromZero);

        /// <summary>An amount of account currency rounded to the money digits (cents for USD).</summary>
        private double RoundMoney(double amount) => MoneyUnits(amount) / _moneyScale;

        /// <summary><paramref name="booked"/> plus <paramref name="amount"/> booked in whole money units (each charge rounded on its own).</summary>
        private double Book(double booked, double amount) => (MoneyUnits(booked) + MoneyUnits(amount)) / _moneyScale;

        private static string Fmt(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
    }
}
