using System.Globalization;
using System.Threading;
using cAlgo.API;
using PerpGuard.Headless.Runtime;

namespace PerpGuard.Headless.Tests
{
    public class ParameterBindingTests
    {
        private static HeadlessBars EmptyBars() => new HeadlessBars(new BarBuffer(16), TimeFrame.Minute, "BTCUSD", new ZoneClock(System.TimeZoneInfo.Utc));

        [Test]
        public void Bind_NoOverrides_AppliesEveryDefaultValue()
        {
            var robot = new BindingRobot();
            var bars = EmptyBars();

            ParameterBinder.Bind(robot, null, bars);

            Assert.That(robot.Period, Is.EqualTo(14));
            Assert.That(robot.RiskPercent, Is.EqualTo(1.0));
            Assert.That(robot.Trail, Is.True);
            Assert.That(robot.MaType, Is.EqualTo(MovingAverageType.WilderSmoothing));
            Assert.That(robot.Note, Is.EqualTo("default"));
            Assert.That(robot.Source, Is.SameAs(bars.ClosePrices), "a DataSeries parameter defaults to the close prices");
            Assert.That(robot.Frame, Is.EqualTo(TimeFrame.Hour));
            Assert.That(robot.Cap, Is.EqualTo(5.0), "an int DefaultValue on a double parameter converts");
        }

        [Test]
        public void Bind_OverridesUnderCommaCulture_ParseInvariant()
        {
            var robot = new BindingRobot();
            var before = Thread.CurrentThread.CurrentCulture;
            Thread.CurrentThread.CurrentCulture = new CultureInfo("de-DE");
            try
            {
                ParameterBinder.Bind(robot, TestBars.Params(("Period", "20"), ("RiskPercent", "0.5"), ("trail", "false"), ("MaType", "exponential"), ("Source", "High")), EmptyBars());
            }
            finally
            {
                Thread.CurrentThread.CurrentCulture = before;
            }

            Assert.That(robot.Period, Is.EqualTo(20));
            Assert.That(robot.RiskPercent, Is.EqualTo(0.5));
            Assert.That(robot.Trail, Is.False);
            Assert.That(robot.MaType, Is.EqualTo(MovingAverageType.Exponential));
        }

        [Test]
        public void Bind_DisplayNameAsKey_IsAccepted()
        {
            var robot = new BindingRobot();

            ParameterBinder.Bind(robot, TestBars.Params(("Risk %", "2")), EmptyBars());

            Assert.That(robot.RiskPercent, Is.EqualTo(2.0));
        }

        [TestCase("0", "below the minimum 1")]
        [TestCase("101", "above the maximum 100")]
        public void Bind_PeriodOutsideMinMax_FailsNamingTheParameter(string value, string expected)
        {
            var ex = Assert.Throws<ParameterBindingException>(() => ParameterBinder.Bind(new BindingRobot(), TestBars.Params(("Period", value)), EmptyBars()));

            Assert.That(ex!.Message, Does.Contain("'Period'").And.Contain(expected));
        }

        [Test]
        public void Bind_BoundaryValues_AreAccepted()
        {
            var robot = new BindingRobot();

            ParameterBinder.Bind(robot, TestBars.Params(("Period", "100"), ("RiskPercent", "0.1")), EmptyBars());

            Assert.That(robot.Period, Is.EqualTo(100));
            Assert.That(robot.RiskPercent, Is.EqualTo(0.1));
        }

        [Test]
        public void Bind_SeveralViolations_AreReportedInOneMessage()
        {
            var ex = Assert.Throws<ParameterBindingException>(() => ParameterBinder.Bind(
                new BindingRobot(), TestBars.Params(("Period", "0"), ("RiskPercent", "0.01"), ("MaType", "Bogus"), ("Nope", "1")), EmptyBars()));

            Assert.That(ex!.Violations, Has.Count.EqualTo(4));
            Assert.That(ex.Message, Does.Contain("Period").And.Contain("Risk %").And.Contain("MaType").And.Contain("Unknown parameter 'Nope'"));
        }

        [Test]
        public void Bind_DefaultOutsideRange_IsRefusedLikeAnyValue()
        {
            var ex = Assert.Throws<ParameterBindingException>(() => ParameterBinder.Bind(new BadDefaultRobot(), null, EmptyBars()));

            Assert.That(ex!.Message, Does.Contain("'Lots'").And.Contain("below the minimum"));
        }

        [Test]
        public void BindPositional_GetIndicatorOrder_FollowsDeclarationOrder()
        {
            var robot = new BindingRobot();

            ParameterBinder.BindPositional(robot, new object[] { 30, 1.5 }, EmptyBars());

            Assert.That(robot.Period, Is.EqualTo(30));
            Assert.That(robot.RiskPercent, Is.EqualTo(1.5));
            Assert.That(robot.Trail, Is.True, "missing positional values take their defaults");
        }

        public class BindingRobot : Robot
        {
            [Parameter(DefaultValue = 14, MinValue = 1, MaxValue = 100, Group = "Signal")]
            public int Period { get; set; }

            [Parameter("Risk %", DefaultValue = 1.0, MinValue = 0.1, MaxValue = 5.0, Step = 0.1, Group = "Risk")]
            public double RiskPercent { get; set; }

            [Parameter(DefaultValue = true)]
            public bool Trail { get; set; }

            [Parameter(DefaultValue = MovingAverageType.WilderSmoothing)]
            public MovingAverageType MaType { get; set; }

            [Parameter(DefaultValue = "default")]
            public string Note { get; set; } = string.Empty;

            [Parameter]
            public DataSeries Source { get; set; } = null!;

            [Parameter(DefaultValue = "Hour")]
            public TimeFrame Frame { get; set; } = null!;

            [Parameter(DefaultValue = 5)]
            public double Cap { get; set; }
        }

        public class BadDefaultRobot : Robot
        {
            [Parameter(DefaultValue = 0.0, MinValue = 0.01)]
            public double Lots { get; set; }
        }
    }
}
