using System;
using System.Collections.Generic;
using System.IO;
using cAlgo.API;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.Simulation;
using PerpGuard.MarketData;
using PerpGuard.MarketData.Generation;

namespace PerpGuard.Cli.Charts
{
    /// <summary>
    /// The README / docs pictures: each indicator run headless on generated BTCUSD-like m1 bars
    /// (seeded, labelled as generated), rendered with its series and the objects it drew.
    /// LiquidationLevels gets one demo long (1.5 BTC, 2 % stop) so its lines have a position to show.
    /// </summary>
    public static class IndicatorPictures
    {
        public const string AtrStopDistanceFile = "atr-stop-distance.png";
        public const string LiquidationLevelsFile = "liquidation-levels.png";

        public static IReadOnlyList<string> RenderAll(string directory, int seed = 7, int bars = 1440, int lastBars = 180)
        {
            Directory.CreateDirectory(directory);
            var data = SyntheticBarGenerator.Generate(new SyntheticBarOptions { Seed = seed, Bars = bars }).Bars;
            var written = new List<string>();

            var atrType = IndicatorType("AtrStopDistance");
            var atrRun = Run(data, atrType, new Dictionary<string, string>(), null);
            var atrPath = Path.Combine(directory, AtrStopDistanceFile);
            IndicatorChartRenderer.RenderPng(ChartModelBuilder.FromRun("ATR Stop Distance — generated BTCUSD m1 (seed " + seed + ")", data, atrRun, lastBars), atrPath);
            written.Add(atrPath);

            var liqType = IndicatorType("LiquidationLevels");
            var robot = new AlgoSpec(typeof(DemoPositionRobot), new Dictionary<string, string>
            {
                ["OpenAtBar"] = (bars - 90).ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            var liqRun = Run(data, liqType, new Dictionary<string, string> { ["PreTradeLeverage"] = "10" }, robot);
            var liqPath = Path.Combine(directory, LiquidationLevelsFile);
            IndicatorChartRenderer.RenderPng(ChartModelBuilder.FromRun("Liquidation Levels — 1.5 BTC long on 10,000 USD, generated BTCUSD m1", data, liqRun, lastBars), liqPath);
            written.Add(liqPath);
            return written;
        }

        private static Type IndicatorType(string name) =>
            Type.GetType("cAlgo.Indicators." + name + ", " + name, throwOnError: true)!;

        private static BacktestResult Run(MarketBar[] data, Type indicator, Dictionary<string, string> parameters, AlgoSpec? robot)
        {
            var options = new BacktestOptions
            {
                Bars = data,
                Symbol = new SimSymbolSpec
                {
                    Name = "BTCUSD", Digits = 2, PipSize = 1.0, TickSize = 0.01, LotSize = 1,
                    VolumeInUnitsMin = 0.01, VolumeInUnitsStep = 0.01, VolumeInUnitsMax = 100, Leverage = 10,
                    CommissionType = SimCommissionType.UsdPerMillionUsdVolume, Commission = 500,
                },
                Account = new SimAccountSettings { Balance = 10000, Leverage = 10, StopOutLevel = 50 },
                Spread = SimSpreadModel.Fixed(5),
                StorageDirectory = Path.Combine(Path.GetTempPath(), "perpguard-pictures-" + Guid.NewGuid().ToString("N")),
            };
            try
            {
                var robots = robot is null ? Array.Empty<AlgoSpec>() : new[] { robot };
                return new BacktestEngine(options).Run(robots, new[] { new AlgoSpec(indicator, parameters) });
            }
            finally
            {
                try
                {
                    Directory.Delete(options.StorageDirectory!, true);
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }
    }

    /// <summary>Demo cBot for the pictures: one 1.5 BTC long with a 2 % stop loss at a given bar.</summary>
    [Robot(AccessRights = AccessRights.None, TimeZone = TimeZones.UTC)]
    public class DemoPositionRobot : Robot
    {
        [Parameter(DefaultValue = 10)]
        public int OpenAtBar { get; set; }

        protected override void OnBar()
        {
            if (Bars.Count - 1 != OpenAtBar)
            {
                return;
            }

            var stopPips = Bars.ClosePrices.Last(1) * 0.02 / Symbol.PipSize;
            ExecuteMarketOrder(TradeType.Buy, SymbolName, 1.5, "Demo", stopPips, null);
        }
    }
}
