using System;
using System.Collections.Generic;
using System.Linq;
using cAlgo.API;
using PerpGuard.Headless.Backtesting;

namespace PerpGuard.Headless.Tests
{
    /// <summary>
    /// A lone robot with nothing else listening runs on the engine's lean per-quote path; a second robot, a timer,
    /// a tick subscription or a stop request puts the run back on the general path. The callbacks an algo sees
    /// must not depend on which path ran them.
    /// </summary>
    public class EnginePerQuotePathTests
    {
        private static string Stamp(DateTime t) => t.ToString("mm:ss", System.Globalization.CultureInfo.InvariantCulture);

        [Test]
        public void LoneRobot_TimerTickEventsExceptionAndStopMidRun_SameCallbacksAsBesideAnIdleRobot()
        {
            var bars = TestBars.RandomWalk(16, 5);

            var alone = (ScriptedRobot)new BacktestEngine(TestBars.Options(bars)).Run(AlgoSpec.Of<ScriptedRobot>()).Robots[0];
            var paired = (ScriptedRobot)new BacktestEngine(TestBars.Options(bars)).Run(AlgoSpec.Of<ScriptedRobot>(), AlgoSpec.Of<IdleRobot>()).Robots[0];

            Assert.That(alone.Events, Is.EqualTo(paired.Events));
        }

        [Test]
        public void LoneRobot_TimerStartedAndStopped_FiresAtEachQuotePastItsDueTime()
        {
            // Quotes at +0/+15/+30/+59 s of each minute. Timer.Start(20) in the OnTick of the 02:00 quote: due
            // 02:20, fired (and due +20 s) at each quote at or after the due time: 02:30, 02:59, 03:00, 03:30,
            // 03:59; Timer.Stop() in the OnTick of 04:00 comes before that quote's timer check.
            var robot = (ScriptedRobot)new BacktestEngine(TestBars.Options(TestBars.RandomWalk(16, 5))).Run(AlgoSpec.Of<ScriptedRobot>()).Robots[0];

            Assert.That(robot.Events.Where(e => e.StartsWith("timer", StringComparison.Ordinal)), Is.EqualTo(new[]
            {
                "timer 02:30", "timer 02:59", "timer 03:00", "timer 03:30", "timer 03:59",
            }));
        }

        [Test]
        public void LoneRobot_TickEventsSubscribedInOnTick_RaisedFromTheNextQuoteUntilUnsubscribed()
        {
            // Bars.Tick: subscribed in OnTick at 05:00, unsubscribed in OnTick at 07:00 (raised before the robot's
            // OnTick at that quote). Symbol.Tick: subscribed at 08:00, unsubscribed at 09:00, likewise. Neither
            // overlaps the timer (02:00-04:00), so each alone must take the run off the lean path.
            var robot = (ScriptedRobot)new BacktestEngine(TestBars.Options(TestBars.RandomWalk(16, 5))).Run(AlgoSpec.Of<ScriptedRobot>()).Robots[0];

            Assert.That(robot.Events.Where(e => e.StartsWith("bars.tick", StringComparison.Ordinal)), Is.EqualTo(new[]
            {
                "bars.tick 05:15", "bars.tick 05:30", "bars.tick 05:59", "bars.tick 06:00 opened",
                "bars.tick 06:15", "bars.tick 06:30", "bars.tick 06:59", "bars.tick 07:00 opened",
            }));
            Assert.That(robot.Events.Where(e => e.StartsWith("symbol.tick", StringComparison.Ordinal)), Is.EqualTo(new[]
            {
                "symbol.tick 08:15", "symbol.tick 08:30", "symbol.tick 08:59", "symbol.tick 09:00",
            }));
        }

        [Test]
        public void LoneRobot_HandledExceptionThenStop_KeepsTickingUntilStopThenEndsTheRun()
        {
            // Throws in OnTick at 10:00 (handled by OnException: the robot keeps running), calls Stop() at 11:00.
            // OnTick ran at every quote of minutes 0..10 (44) and at 11:00; OnBar at each new bar 01:00..11:00.
            var result = new BacktestEngine(TestBars.Options(TestBars.RandomWalk(16, 5))).Run(AlgoSpec.Of<ScriptedRobot>());
            var robot = (ScriptedRobot)result.Robots[0];

            Assert.That(robot.Events.Count(e => e.StartsWith("tick", StringComparison.Ordinal)), Is.EqualTo(45));
            Assert.That(robot.Events.Count(e => e.StartsWith("bar ", StringComparison.Ordinal)), Is.EqualTo(11));
            Assert.That(robot.Events.Where(e => e.StartsWith("exception", StringComparison.Ordinal)), Is.EqualTo(new[] { "exception 10:00" }));
            Assert.That(robot.Events.Last(), Is.EqualTo("stop 11:00"));
            Assert.That(result.BarsSimulated, Is.EqualTo(12), "the run ends with the bar in which its only robot stopped");
        }

        [Test]
        public void LoneRobot_StopFromPositionClosedHandler_SameCallbacksAsBesideAnIdleRobot()
        {
            // The take profit closes the position while the broker processes a quote; the Closed handler calls
            // Stop(). That quote still reaches OnTick (as in cTrader: the stop takes effect after the callback),
            // then OnStop runs and no later quote is seen.
            var bars = TestBars.RandomWalk(40, 9);

            var alone = (StopOnCloseRobot)new BacktestEngine(TestBars.Options(bars)).Run(AlgoSpec.Of<StopOnCloseRobot>()).Robots[0];
            var paired = (StopOnCloseRobot)new BacktestEngine(TestBars.Options(bars)).Run(AlgoSpec.Of<StopOnCloseRobot>(), AlgoSpec.Of<IdleRobot>()).Robots[0];

            Assert.That(alone.Events, Is.EqualTo(paired.Events));
            var closed = alone.Events.FindIndex(e => e.StartsWith("closed", StringComparison.Ordinal));
            Assert.That(closed, Is.GreaterThan(0), "the take profit was hit");
            Assert.That(alone.Events.Skip(closed + 1), Is.EqualTo(new[] { "tick " + alone.Events[closed].Substring(7), "stop" }));
        }

        [Test]
        public void Callbacks_OnTickInheritedFromABaseClass_CalledOnEveryQuote()
        {
            var result = new BacktestEngine(TestBars.Options(TestBars.Six())).Run(AlgoSpec.Of<InheritedTickRobot>());

            Assert.That(((InheritedTickRobot)result.Robots[0]).Ticks, Is.EqualTo(24), "6 bars × 4 quotes");
        }

        [Test]
        public void Callbacks_OnlyOnBarOverridden_OnBarForEveryBarAfterTheFirst()
        {
            var result = new BacktestEngine(TestBars.Options(TestBars.Six())).Run(AlgoSpec.Of<BarOnlyRobot>());

            Assert.That(((BarOnlyRobot)result.Robots[0]).Closes, Is.EqualTo(new[] { 102.0, 107, 101, 103, 109 }), "Last(1) = the previous bar's close (TestBars.Six)");
        }

        /// <summary>Changes what it listens to as the run goes on and logs every callback with its time.</summary>
        public class ScriptedRobot : Robot
        {
            private int _acted;

            public List<string> Events { get; } = new List<string>();

            protected override void OnStart()
            {
                Events.Add("start " + Stamp(Server.Time));
            }

            protected override void OnTick()
            {
                Events.Add("tick " + Stamp(Server.Time) + " " + Bid.ToString(System.Globalization.CultureInfo.InvariantCulture));
                var n = Bars.Count;
                if (n == _acted)
                {
                    return;
                }

                _acted = n;
                switch (n)
                {
                    case 3: Timer.Start(20); break;
                    case 5: Timer.Stop(); break;
                    case 6: Bars.Tick += OnBarsTick; break;
                    case 8: Bars.Tick -= OnBarsTick; break;
                    case 9: Symbol.Tick += OnSymbolTick; break;
                    case 10: Symbol.Tick -= OnSymbolTick; break;
                    case 11: throw new InvalidOperationException("scripted");
                    case 12: Stop(); break;
                }
            }

            protected override void OnBar() => Events.Add("bar " + Stamp(Server.Time));

            protected override void OnTimer() => Events.Add("timer " + Stamp(Server.Time));

            protected override void OnException(Exception exception) => Events.Add("exception " + Stamp(Server.Time));

            protected override void OnStop() => Events.Add("stop " + Stamp(Server.Time));

            private void OnBarsTick(BarsTickEventArgs args) => Events.Add("bars.tick " + Stamp(Server.Time) + (args.IsBarOpened ? " opened" : string.Empty));

            private void OnSymbolTick(SymbolTickEventArgs args) => Events.Add("symbol.tick " + Stamp(Server.Time));
        }

        /// <summary>Buys at the third bar with a 1-pip take profit and stops from the position's Closed event.</summary>
        public class StopOnCloseRobot : Robot
        {
            public List<string> Events { get; } = new List<string>();

            protected override void OnStart()
            {
                Positions.Closed += _ =>
                {
                    Events.Add("closed " + Stamp(Server.Time));
                    Stop();
                };
            }

            protected override void OnTick() => Events.Add("tick " + Stamp(Server.Time));

            protected override void OnBar()
            {
                if (Bars.Count == 3)
                {
                    ExecuteMarketOrder(TradeType.Buy, SymbolName, 0.01, "tp", null, 1);
                }
            }

            protected override void OnStop() => Events.Add("stop");
        }

        /// <summary>Does nothing; its presence alone moves the run to the general per-quote path.</summary>
        public class IdleRobot : Robot
        {
        }

        public class TickCountingRobot : Robot
        {
            public int Ticks { get; private set; }

            protected override void OnTick() => Ticks++;
        }

        public class InheritedTickRobot : TickCountingRobot
        {
        }

        public class BarOnlyRobot : Robot
        {
            public List<double> Closes { get; } = new List<double>();

            protected override void OnBar() => Closes.Add(Bars.ClosePrices.Last(1));
        }
    }
}
