using System;
using System.Collections.Generic;
using cAlgo.API;
using cAlgo.Indicators;
using PerpGuard.Headless.Runtime;
using PerpGuard.Headless.Simulation;

namespace PerpGuard.Algos.Tests.Indicators
{
    /// <summary>
    /// ATR from a higher timeframe (MarketData.GetBars(Minute5)), mapped to m1 chart bars by time, using
    /// the last *closed* m5 bar. The backtest engine does not aggregate other time frames yet, so the
    /// environment is wired by hand with an m5 bar set (the same pieces the engine wires).
    ///
    /// m5 bars (H / L / C) and TR = max(H, C[i−1]) − min(L, C[i−1]):
    ///  0 (00:00) 110/100/105  NaN
    ///  1 (00:05) 112/104/110  max(112,105) − min(104,105) = 8
    ///  2 (00:10) 115/108/109  max(115,110) − min(108,110) = 7
    ///  3 (00:15) 111/100/101  max(111,109) − min(100,109) = 11
    ///  4 (00:20) 105/99/104   max(105,101) − min(99,101) = 6
    /// ATR(2, Simple) on m5: [NaN, NaN, (8+7)/2 = 7.5, (7+11)/2 = 9, (11+6)/2 = 8.5].
    /// m1 bar at minute t lies in m5 bar ⌊t/5⌋ and takes the ATR of m5 bar ⌊t/5⌋ − 1:
    /// minutes 0–14 → NaN, 15–19 → 7.5, 20–24 → 9; the 8.5 of the still-forming m5 bar 4 is never used.
    /// m1 closes are 100 + t, so Long Stop at minute 20 = 120 − 1.5 × 9 = 106.5.
    /// </summary>
    public class AtrStopDistanceHigherTimeframeTests
    {
        [Test]
        public void Calculate_HigherTimeframeAtr_UsesLastClosedHigherBarWithoutLookahead()
        {
            var indicator = Host(new Dictionary<string, string>
            {
                ["Period"] = "2", ["MaType"] = "Simple", ["UseHigherTimeframe"] = "true", ["AtrTimeFrame"] = "Minute5",
            });

            for (var t = 0; t < 15; t++)
            {
                Assert.That(indicator.Atr[t], Is.NaN, "minute " + t);
            }

            for (var t = 15; t < 20; t++)
            {
                Assert.That(indicator.Atr[t], Is.EqualTo(7.5).Within(1e-9), "minute " + t);
            }

            for (var t = 20; t < 25; t++)
            {
                Assert.That(indicator.Atr[t], Is.EqualTo(9).Within(1e-9), "minute " + t);
            }

            Assert.That(indicator.LongStop[20], Is.EqualTo(106.5).Within(1e-9));
            Assert.That(indicator.ShortStop[24], Is.EqualTo(124 + 13.5).Within(1e-9));
        }

        [Test]
        public void Calculate_HigherTimeframeSwitchedOff_UsesChartBars()
        {
            var indicator = Host(new Dictionary<string, string>
            {
                ["Period"] = "2", ["MaType"] = "Simple", ["UseHigherTimeframe"] = "false", ["AtrTimeFrame"] = "Minute5",
            });

            // m1 bars are flat and rise 1 a minute: TR = 1 from bar 1, so ATR(2) = 1 from bar 2.
            Assert.That(indicator.Atr[1], Is.NaN);
            Assert.That(indicator.Atr[24], Is.EqualTo(1).Within(1e-9));
        }

        private static AtrStopDistance Host(Dictionary<string, string> parameters)
        {
            var start = IndicatorHarness.Start;
            var spec = new SimSymbolSpec { Name = "BTCUSD", Digits = 2, PipSize = 1.0, TickSize = 0.01, VolumeInUnitsMin = 0.01, VolumeInUnitsStep = 0.01 };
            var broker = new SimulatedBroker(new SimAccountSettings { Balance = 10000 }, spec);
            var zone = new ZoneClock(ZoneClock.Resolve("UTC"));
            var services = new TradingServices(broker, zone);

            var m1 = new BarBuffer(32);
            for (var t = 0; t < 25; t++)
            {
                m1.Append(start.AddMinutes(t).Ticks, 100 + t, 100 + t, 100 + t, 100 + t, 1);
            }

            var m5 = new BarBuffer(16);
            double[,] hlc = { { 110, 100, 105 }, { 112, 104, 110 }, { 115, 108, 109 }, { 111, 100, 101 }, { 105, 99, 104 } };
            for (var i = 0; i < 5; i++)
            {
                m5.Append(start.AddMinutes(5 * i).Ticks, hlc[i, 2], hlc[i, 0], hlc[i, 1], hlc[i, 2], 1);
            }

            var env = new AlgoEnvironment(spec.Name, services.Symbol, m1, TimeFrame.Minute, new MarketClock { UtcTicks = start.AddMinutes(24).Ticks })
            {
                Account = services.Account,
                Trading = services,
                Positions = services.Positions,
                PendingOrders = services.PendingOrders,
                History = services.History,
                Symbols = services.Symbols,
            };
            var chartBars = new HeadlessBars(m1, TimeFrame.Minute, spec.Name, zone);
            env.Chart.Bars = chartBars;
            env.Chart.Symbol = services.Symbol;
            env.Chart.Times = chartBars.OpenTimes;
            env.OtherTimeFrames = tf => tf.Equals(TimeFrame.Minute5) ? new HeadlessBars(m5, TimeFrame.Minute5, spec.Name, zone) : null;

            var runner = env.CreateIndicator(typeof(AtrStopDistance), chartBars, null, parameters);
            runner.EnsureCalculated();
            return (AtrStopDistance)runner.Indicator;
        }
    }
}
