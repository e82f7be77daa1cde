using System;
using System.IO;

namespace PerpGuard.Cli.Tests
{
    /// <summary>
    /// A bad --out is an argument error found before the run (exit 2, one line, nothing on stdout), not an
    /// "unexpected error" (exit 1) after the whole backtest or export has run for nothing.
    /// </summary>
    public class OutputPathTests
    {
        private string _dir = string.Empty;

        [SetUp]
        public void SetUp()
        {
            _dir = Path.Combine(Path.GetTempPath(), "perpguard-out-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_dir);
        }

        [TearDown]
        public void TearDown()
        {
            Directory.Delete(_dir, true);
        }

        [Test]
        public void Backtest_OutIsAnExistingFile_ExitTwoBeforeRunFileKept()
        {
            var file = Path.Combine(_dir, "prices.csv");
            File.WriteAllText(file, "keep me");

            var (exit, output, err) = ProgramRunner.Run("backtest", "--robot", "RiskManagedScalper", "--bars", "100", "--out", file);

            Assert.That(exit, Is.EqualTo(2));
            Assert.That(output, Is.Empty, "nothing ran");
            Assert.That(err.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(err, Does.Contain("--out").And.Contain("is a file"));
            Assert.That(File.ReadAllText(file), Is.EqualTo("keep me"));
        }

        [Test]
        public void Backtest_OutUnderAFile_ExitTwoCannotBeCreated()
        {
            var file = Path.Combine(_dir, "plain");
            File.WriteAllText(file, "x");

            var (exit, output, err) = ProgramRunner.Run("backtest", "--robot", "RiskManagedScalper", "--bars", "100", "--out", Path.Combine(file, "sub"));

            Assert.That(exit, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(err, Does.Contain("--out").And.Contain("cannot be created"));
        }

        [Test]
        public void Indicator_OutIsAFolder_ExitTwoOneLine()
        {
            var (exit, output, err) = ProgramRunner.Run("indicator", "--name", "AtrStopDistance", "--bars", "50", "--out", _dir);

            Assert.That(exit, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(err.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(err, Does.Contain("--out").And.Contain("is a folder"));
        }

        [Test]
        public void Indicator_PngIsAFolder_ExitTwoNoCsvWritten()
        {
            var csv = Path.Combine(_dir, "atr.csv");

            var (exit, _, err) = ProgramRunner.Run("indicator", "--name", "AtrStopDistance", "--bars", "50", "--out", csv, "--png", _dir);

            Assert.That(exit, Is.EqualTo(2));
            Assert.That(err, Does.Contain("--png").And.Contain("is a folder"));
            Assert.That(File.Exists(csv), Is.False);
        }
    
        [Test]
        public void Indicator_BarsAboveTenMillion_ExitTwoLikeBacktest()
        {
            // Generating 2,000,000,000 bars would exhaust memory mid-run; backtest caps --bars at 10,000,000 too.
            var (exit, output, err) = ProgramRunner.Run("indicator", "--name", "AtrStopDistance", "--bars", "2000000000", "--out", System.IO.Path.Combine(_dir, "atr.csv"));

            Assert.That(exit, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(err, Does.Contain("--bars '2000000000' must be a whole number from 2 to 10000000"));
        }
    }
}
