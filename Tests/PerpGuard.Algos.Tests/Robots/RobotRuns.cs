using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using cAlgo.API;
using cAlgo.Robots;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.Simulation;
using PerpGuard.MarketData;
using PerpGuard.Risk.Pipeline;
using PerpGuard.Tests.Common;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>Data, broker settings and runs shared by the robot backtests.</summary>
    internal static class RobotRuns
    {
        public const string NautilusFile = "nautilus-btc-perp-1m/btc-perp-20211231-20220201_1m.csv";
        public const string LeanBinanceQuotes = "lean-crypto-perp-minute/binance_btcusd/20221213_btcusd_minute_quote_perp.csv";

        private static MarketBar[]? _nautilus;

        /// <summary>Real BTC perpetual 1-minute bars (USD quote), 31 Dec 2021 – 1 Feb 2022, from nautilus_trader's test data; the venue is not stated (PROVENANCE.md).</summary>
        public static MarketBar[] Nautilus()
        {
            var path = SharedData.RequireFile(NautilusFile);
            return _nautilus ??= MarketDataReader.ReadBars(path).Bars;
        }

        /// <summary>The first <paramref name="days"/> whole UTC days of the Nautilus file (from 1 Jan 2022).</summary>
        public static MarketBar[] NautilusDays(int days, int firstDay = 1)
        {
            var from = new DateTime(2022, 1, firstDay, 0, 0, 0, DateTimeKind.Utc).AddHours(-2);
            var to = from.AddHours(2).AddDays(days);
            return Nautilus().Where(b => b.OpenTimeUtc >= from && b.OpenTimeUtc < to).ToArray();
        }

        /// <summary>BTCUSD CFD as a cTrader broker would list it: 0.01 tick, 1-USD pip, 0.01 BTC step/min, 0.05 %/side, 1:10.</summary>
        public static SimSymbolSpec BtcUsd() => new SimSymbolSpec
        {
            Name = "BTCUSD",
            Digits = 2,
            PipSize = 1.0,
            TickSize = 0.01,
            LotSize = 1,
            VolumeInUnitsMin = 0.01,
            VolumeInUnitsStep = 0.01,
            VolumeInUnitsMax = 1000,
            CommissionType = SimCommissionType.PercentageOfTradingVolume,
            Commission = 0.05,
            Leverage = 10,
        };

        public static BacktestOptions Options(MarketBar[] bars, ISimFaultInjector? faults = null, string? storage = null, double spread = 1.0) => new BacktestOptions
        {
            Bars = bars,
            Symbol = BtcUsd(),
            Account = new SimAccountSettings { Balance = 10_000, Leverage = 100, StopOutLevel = 50 },
            Spread = SimSpreadModel.Fixed(spread),
            Faults = faults,
            WarmupBars = 120,
            StorageDirectory = storage,
        };

        public static Dictionary<string, string> Params(params (string Name, object Value)[] values)
        {
            var d = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                // Quiet logs; journals stay in memory and LocalStorage.
                ["PrintDecisions"] = "false",
            };
            foreach (var (name, value) in values)
            {
                d[name] = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
            }

            return d;
        }

        public static (BacktestResult Result, RiskManagedScalper Bot) RunScalper(BacktestOptions options, Dictionary<string, string>? parameters = null)
        {
            var result = new BacktestEngine(options).Run(AlgoSpec.Of<RiskManagedScalper>(parameters ?? Params()), AlgoSpec.Of<StopProbe>());
            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            return (result, (RiskManagedScalper)result.Robots[0]);
        }

        /// <summary>
        /// TradeGuardian beside a seeded manual trader (seed 7, about one position every 25 minutes, up to 3x, rarely
        /// closed by hand) on <paramref name="days"/> Nautilus days; the guardian's daily limits as given.
        /// </summary>
        public static (BacktestResult Result, TradeGuardian Guardian) RunGuardianBesideTrader(int days, params (string Name, object Value)[] guardianParameters) =>
            RunGuardianBesideTrader(Options(NautilusDays(days)), guardianParameters);

        /// <summary>The same seeded manual trader and guardian on <paramref name="options"/> (an account of its own, say).</summary>
        public static (BacktestResult Result, TradeGuardian Guardian) RunGuardianBesideTrader(BacktestOptions options, params (string Name, object Value)[] guardianParameters)
        {
            var driver = new Dictionary<string, string> { ["Seed"] = "7", ["OpenProbability"] = "0.04", ["MaxLeverage"] = "3", ["CloseProbability"] = "0.01" };
            var result = new BacktestEngine(options)
                .Run(AlgoSpec.Of<PerpGuard.Headless.Drivers.ManualTraderDriver>(driver), AlgoSpec.Of<TradeGuardian>(Params(guardianParameters)));
            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            return (result, (TradeGuardian)result.Robots[1]);
        }

        public static IEnumerable<PipelineEvent> OfKind(this IEnumerable<PipelineEvent> events, PipelineEventKind kind) => events.Where(e => e.Kind == kind);

        /// <summary>Trading state just before <paramref name="at"/>, rebuilt from the journal's StateChanged events ("From -> To").</summary>
        public static string StateBefore(IReadOnlyList<PipelineEvent> journal, PipelineEvent at)
        {
            var state = "Active";
            foreach (var e in journal)
            {
                if (ReferenceEquals(e, at))
                {
                    break;
                }

                if (e.Kind == PipelineEventKind.StateChanged)
                {
                    state = e.Message.Substring(e.Message.IndexOf("-> ", StringComparison.Ordinal) + 3);
                }
            }

            return state;
        }
    }

    /// <summary>
    /// Runs after the robots under test in every tick and records any position it sees without a
    /// stop — i.e. one that stayed naked past the tick in which it appeared.
    /// </summary>
    [Robot(AccessRights = AccessRights.None, TimeZone = TimeZones.UTC)]
    public class StopProbe : Robot
    {
        private readonly List<string> _naked = new List<string>();
        private readonly HashSet<int> _seenNaked = new HashSet<int>();

        public IReadOnlyList<string> Naked => _naked;

        public int TicksObserved { get; private set; }

        public int MaxPositions { get; private set; }

        /// <summary>The largest effective leverage (notional at the closing price ÷ equity) of any one position seen.</summary>
        public double MaxLeverage { get; private set; }

        /// <summary>The largest account-wide effective leverage seen (Σ notional at the closing prices ÷ equity).</summary>
        public double MaxAccountLeverage { get; private set; }

        protected override void OnTick()
        {
            TicksObserved++;
            MaxPositions = Math.Max(MaxPositions, Positions.Count);
            var total = 0.0;
            for (var i = 0; i < Positions.Count; i++)
            {
                var p = Positions[i];
                var price = p.TradeType == TradeType.Buy ? Symbol.Bid : Symbol.Ask;
                total += p.VolumeInUnits * price;
                if (Account.Equity > 0)
                {
                    MaxLeverage = Math.Max(MaxLeverage, p.VolumeInUnits * price / Account.Equity);
                }

                if (!p.StopLoss.HasValue && _seenNaked.Add(p.Id))
                {
                    _naked.Add(p.Id.ToString(CultureInfo.InvariantCulture) + " " + p.Label + " at " + Time.ToString("O", CultureInfo.InvariantCulture));
                }
            }

            if (Account.Equity > 0)
            {
                MaxAccountLeverage = Math.Max(MaxAccountLeverage, total / Account.Equity);
            }
        }
    }
}
