using System;
using System.Collections.Generic;
using System.Linq;
using cAlgo.API;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.Tests.Samples;

namespace PerpGuard.Headless.Tests
{
    public class IndicatorLifecycleTests
    {
        [Test]
        public void Run_HistoryThenLiveBars_HistoryCalculatedOnceAndLastBarPerQuote()
        {
            var options = TestBars.Options(TestBars.Six());
            options.WarmupBars = 3;

            var result = new BacktestEngine(options).Run(new AlgoSpec[0], new[] { AlgoSpec.Of<CountingIndicator>() });
            var calls = ((CountingIndicator)result.Indicators[0].Indicator).Calls;

            // Warm-up bars 0..2 once, not as last bar; bar 3 opens with the first quote: 0,1,2 then 3 (last);
            // three more quotes of bar 3 recalc 3; bar 4 opens: 3 finalised (not last), 4 (last) + 3 quotes; same for 5.
            var expected = new List<(int, bool)> { (0, false), (1, false), (2, false), (3, true), (3, true), (3, true), (3, true) };
            for (var bar = 4; bar <= 5; bar++)
            {
                expected.Add((bar - 1, false));
                expected.AddRange(Enumerable.Repeat((bar, true), 4));
            }

            Assert.That(calls, Is.EqualTo(expected));
        }

        [Test]
        public void Run_LastBarDuringItsQuotes_SeesOnlyPricesSoFar()
        {
            var result = new BacktestEngine(TestBars.Options(TestBars.Six())).Run(new AlgoSpec[0], new[] { AlgoSpec.Of<CountingIndicator>() });
            var seen = ((CountingIndicator)result.Indicators[0].Indicator).HighsSeenOnBar0;

            // Bar 0 (O 100 H 105 L 98 C 102): open is 2 from the low and 5 from the high, so the path is
            // 100 → 98 → 105 → 102 and the forming high reads 100, 100, 105, 105.
            Assert.That(seen, Is.EqualTo(new[] { 100.0, 100, 105, 105 }));
        }

        [Test]
        public void SampleIndicator_RunsAndDrawsOnLastBar_ChartRecordsObjects()
        {
            var result = new BacktestEngine(TestBars.Options(TestBars.Six())).Run(new AlgoSpec[0], new[] { AlgoSpec.Of<SampleAtrBandIndicator>(TestBars.Params(("Period", "3"))) });
            var upper = result.Indicators[0].Outputs.Single(o => o.Name == "Upper").Series;
            var chart = result.Chart;

            // Wilder ATR(3) at bar 5 = 187/27 (see BuiltInIndicatorTests); close 105; multiplier 2.
            Assert.That(upper[5], Is.EqualTo(105 + (2 * 187.0 / 27)).Within(1e-9));
            var line = (ChartHorizontalLine)chart.FindObject("upper");
            Assert.That(line.Y, Is.EqualTo(upper[5]).Within(1e-9));
            Assert.That(line.Color, Is.EqualTo(Color.Red));
            var text = (ChartText)chart.FindObject("label");
            Assert.That(text.Text, Is.EqualTo("ATR 6.93"));
            Assert.That(text.Time, Is.EqualTo(TestBars.Start.AddMinutes(5)));
            var status = chart.FindAllObjects<ChartStaticText>().Single();
            Assert.That(status.Text, Is.EqualTo("bars 6"));
            Assert.That(status.Color.ToHexString(), Is.EqualTo("#FFFFAA00"));
            Assert.That(chart.Objects.Count, Is.EqualTo(3), "redrawing by name updates, it does not add");
        }

        [Test]
        public void Chart_RemoveObject_TakesItOffAndMarksItDead()
        {
            var chart = new PerpGuard.Headless.Runtime.HeadlessChart();
            var line = chart.DrawHorizontalLine("a", 1.5, Color.Blue, 2, LineStyle.Dots);

            chart.RemoveObject("a");

            Assert.That(chart.FindObject("a"), Is.Null);
            Assert.That(line.IsAlive, Is.False);
            Assert.That(chart.DrawLog, Is.EqualTo(new[] { "draw HorizontalLine a", "remove a" }));
        }

        [Test]
        public void Chart_RedrawSameName_LogsCreationOnceAndCountsEveryCall()
        {
            // Indicators redraw their lines on every tick: the log records creations and removals only.
            var chart = new PerpGuard.Headless.Runtime.HeadlessChart();
            for (var i = 0; i < 1_000; i++)
            {
                chart.DrawHorizontalLine("a", 1.0 + i, Color.Blue);
            }

            chart.DrawText("a", "now a text", DateTime.MinValue, 2.0, Color.Red); // same name, other type: replaced
            chart.RemoveObject("missing");

            Assert.That(chart.DrawLog, Is.EqualTo(new[] { "draw HorizontalLine a", "draw Text a" }));
            Assert.That(chart.DrawCalls, Is.EqualTo(1_001));
            Assert.That(((ChartText)chart.FindObject("a")).Text, Is.EqualTo("now a text"));
        }

        [Indicator(AccessRights = AccessRights.None)]
        public class CountingIndicator : Indicator
        {
            public List<(int, bool)> Calls { get; } = new List<(int, bool)>();

            public List<double> HighsSeenOnBar0 { get; } = new List<double>();

            [Output("Main")]
            public IndicatorDataSeries Result { get; set; } = null!;

            public override void Calculate(int index)
            {
                Calls.Add((index, IsLastBar));
                if (index == 0 && IsLastBar)
                {
                    HighsSeenOnBar0.Add(Bars.HighPrices[0]);
                }

                Result[index] = index;
            }
        }
    }
}
