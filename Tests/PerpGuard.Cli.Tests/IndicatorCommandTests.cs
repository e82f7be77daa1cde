using System;
using System.Globalization;
using System.IO;
using System.Linq;
using PerpGuard.Tests.Common;

namespace PerpGuard.Cli.Tests
{
    /// <summary><c>perpguard indicator</c> end to end: CSV layout, parameters by property name, exit codes.</summary>
    public class IndicatorCommandTests
    {
        private string _dir = string.Empty;

        [SetUp]
        public void SetUp()
        {
            _dir = Path.Combine(Path.GetTempPath(), "perpguard-ind-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_dir);
        }

        [TearDown]
        public void TearDown()
        {
            Directory.Delete(_dir, true);
        }

        private static double[] Column(string[] lines, int index) =>
            lines.Skip(1).Select(l => l.Split(',')[index]).Where(v => v.Length > 0).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();

        [Test]
        public void Indicator_AtrStopDistanceOnGeneratedBars_OneRowPerBarWithOutputColumns()
        {
            var csv = Path.Combine(_dir, "atr.csv");

            var (code, _, err) = BacktestCommandTests.RunCli("indicator", "--name", "AtrStopDistance", "--bars", "300", "--out", csv);

            Assert.That(code, Is.EqualTo(0), err);
            var lines = File.ReadAllLines(csv);
            Assert.That(lines[0], Is.EqualTo("time,open,high,low,close,ATR,Long Stop,Short Stop"));
            Assert.That(lines, Has.Length.EqualTo(301));
            Assert.That(lines[1], Does.StartWith("2024-01-01T00:00:00Z,"));
            // Issue 5: Long Stop = close − m × ATR, Short Stop = close + m × ATR, m = 1.5 by default.
            var last = lines[^1].Split(',').Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).Prepend(0.0).ToArray();
            Assert.That(last[6], Is.EqualTo(last[4] - (1.5 * last[5])).Within(1e-6));
            Assert.That(last[7], Is.EqualTo(last[4] + (1.5 * last[5])).Within(1e-6));
        }

        [Test]
        public void Indicator_ParamByPropertyName_ChangesTheMultiplier()
        {
            var csv = Path.Combine(_dir, "atr2.csv");

            var (code, _, err) = BacktestCommandTests.RunCli("indicator", "--name", "AtrStopDistance", "--bars", "200", "--param", "Multiplier=2", "--param", "Period=10", "--out", csv);

            Assert.That(code, Is.EqualTo(0), err);
            var last = File.ReadAllLines(csv)[^1].Split(',').Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).Prepend(0.0).ToArray();
            Assert.That(last[6], Is.EqualTo(last[4] - (2 * last[5])).Within(1e-6));
        }

        [Test]
        public void Indicator_RealLeanQuoteFile_RowsInDataOrder()
        {
            var data = SharedData.RequireFile("lean-crypto-perp-minute/dydx_btcusd/20260101_btcusd_minute_quote_perp.csv");
            var csv = Path.Combine(_dir, "dydx.csv");

            var (code, _, err) = BacktestCommandTests.RunCli("indicator", "--name", "AtrStopDistance", "--data", data, "--param", "Period=14", "--out", csv);

            Assert.That(code, Is.EqualTo(0), err);
            var lines = File.ReadAllLines(csv);
            Assert.That(lines, Has.Length.EqualTo(1_441), "PROVENANCE: 1,440 rows");
            // First LEAN row: 0,87482,87495,87462,87484,… (bid OHLC).
            Assert.That(lines[1], Does.StartWith("2026-01-01T00:00:00Z,87482,87495,87462,87484,"));
            Assert.That(Column(lines, 5).All(v => v > 0), Is.True);
        }

        [Test]
        public void Indicator_WithPng_WritesImage()
        {
            var csv = Path.Combine(_dir, "a.csv");
            var png = Path.Combine(_dir, "a.png");

            var (code, _, err) = BacktestCommandTests.RunCli("indicator", "--name", "AtrStopDistance", "--bars", "100", "--out", csv, "--png", png);

            Assert.That(code, Is.EqualTo(0), err);
            Assert.That(File.ReadAllBytes(png).Take(4), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47 }));
        }

        [Test]
        public void Indicator_MissingNameAndOut_ExitCode2OneLine()
        {
            var (code, _, err) = BacktestCommandTests.RunCli("indicator");

            Assert.That(code, Is.EqualTo(2));
            Assert.That(err.Trim().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(err, Does.Contain("--name").And.Contain("--out"));
        }

        [Test]
        public void Indicator_ParameterOutOfRange_ExitCode2()
        {
            var (code, _, err) = BacktestCommandTests.RunCli("indicator", "--name", "AtrStopDistance", "--bars", "50", "--param", "Period=0", "--out", Path.Combine(_dir, "x.csv"));

            Assert.That(code, Is.EqualTo(2));
            Assert.That(err, Does.Contain("Period"));
        }

        [Test]
        public void Indicator_UnknownName_ExitCode2()
        {
            var (code, _, err) = BacktestCommandTests.RunCli("indicator", "--name", "Rsi", "--out", Path.Combine(_dir, "x.csv"));

            Assert.That(code, Is.EqualTo(2));
            Assert.That(err, Does.Contain("unknown indicator"));
        }

        /// <summary>
        /// "Infinity" parses as a double; it is not a balance. Every bad option is listed in the command's own
        /// one-line message, together (here with --symbol empty), before anything runs.
        /// </summary>
        [Test]
        public void Indicator_InfiniteBalanceAndEmptySymbol_ExitCode2ListingBoth()
        {
            var (code, _, err) = BacktestCommandTests.RunCli("indicator", "--name", "AtrStopDistance", "--bars", "50", "--balance", "Infinity", "--symbol", " ", "--out", Path.Combine(_dir, "x.csv"));

            Assert.That(code, Is.EqualTo(2));
            Assert.That(err.Trim().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(err, Does.StartWith("perpguard indicator:").And.Contain("--balance 'Infinity'").And.Contain("--symbol"));
        }

        /// <summary>--seed only seeds the generated bars: with --data it changed nothing, silently.</summary>
        [Test]
        public void Indicator_SeedWithDataFile_ExitCode2NamingSeed()
        {
            var data = Path.Combine(_dir, "bars.csv");
            Directory.CreateDirectory(_dir);
            File.WriteAllText(data, "timestamp,open,high,low,close\n2024-01-01T00:00:00Z,100,101,99,100\n2024-01-01T00:01:00Z,100,102,99,101\n");

            var (code, _, err) = BacktestCommandTests.RunCli("indicator", "--name", "AtrStopDistance", "--data", data, "--seed", "7", "--out", Path.Combine(_dir, "x.csv"));

            Assert.That(code, Is.EqualTo(2));
            Assert.That(err, Does.Contain("--seed"));
        }
    }
}
