using System;
using System.Collections.Generic;
using cAlgo.API;
using cAlgo.API.Indicators;
using PerpGuard.Headless.Backtesting;

namespace PerpGuard.Headless.Tests.BuiltInIndicators
{
    /// <summary>
    /// The simple ATR calculates a read closed bar alone (<c>IWindowIndicator</c>). A bar it calculated while it was the
    /// forming bar (a read of the newest value) holds that bar's value at the quote of the read; once the bar has closed
    /// and a later closed bar was read first, the bar read again must have its closed value, not the forming one.
    /// </summary>
    public class WindowedFormingReadTests
    {
        [Test]
        public void FormingBarReadThenPassedOver_ReadAfterItClosed_HasItsClosedHandWorkedValue()
        {
            // TestBars.Six, ATR(3) Simple. On bar 3's first quote (open 101, after bar 2's close 101) its forming true range
            // is 0, so the forming ATR[3] is (7 + 7 + 0) / 3 = 14/3. Closed, TR3 = 104 − 99 = 5 and ATR[3] = (7 + 7 + 5) / 3
            // = 19/3; ATR[4] = (7 + 5 + 8) / 3 = 20/3 (TR by hand: TR[i] = max(H[i], C[i-1]) − min(L[i], C[i-1])).
            var result = new BacktestEngine(TestBars.Options(TestBars.Six())).Run(AlgoSpec.Of<FormingThenClosedAtrProbe>());
            var robot = (FormingThenClosedAtrProbe)result.Robots[0];

            Assert.That(robot.Forming3, Is.EqualTo(14.0 / 3).Within(1e-12), "the read of the forming bar");
            Assert.That(robot.Closed4, Is.EqualTo(20.0 / 3).Within(1e-12));
            Assert.That(robot.AtStop3, Is.EqualTo(19.0 / 3).Within(1e-12), "bar 3 closed: its value from the whole bar");
        }

        /// <summary>Reads ATR(3).LastValue on bar 3's first quote, ATR.Last(1) (bar 4) on bar 5's first quote, bar 3 at stop.</summary>
        public sealed class FormingThenClosedAtrProbe : Robot
        {
            private AverageTrueRange _atr = null!;
            private readonly HashSet<int> _read = new HashSet<int>();

            public double Forming3 { get; private set; } = double.NaN;

            public double Closed4 { get; private set; } = double.NaN;

            public double AtStop3 { get; private set; } = double.NaN;

            protected override void OnStart()
            {
                _atr = Indicators.AverageTrueRange(3, MovingAverageType.Simple);
            }

            protected override void OnTick()
            {
                var forming = Bars.Count - 1;
                if (!_read.Add(forming))
                {
                    return;
                }

                if (forming == 3)
                {
                    Forming3 = _atr.Result.LastValue;
                }
                else if (forming == 5)
                {
                    Closed4 = _atr.Result.Last(1);
                }
            }

            protected override void OnStop()
            {
                AtStop3 = _atr.Result[3];
            }
        }
    }
}
