using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using cAlgo.API;
using cAlgo.Indicators;
using cAlgo.Robots;

namespace PerpGuard.Algos.Tests.Conventions
{
    /// <summary>
    /// What every shipped algo declares. Team rules: AccessRights.None; sensible parameter defaults and ranges.
    /// REFERENCE.md §18.9: Time, Server.Time and Bars.OpenTimes are in the zone the attribute names, and cTrader
    /// documents no default for an unset TimeZone — every algo here has day logic or reads bar times, so each
    /// names UTC (the headless runtime's own default would hide a missing one).
    /// </summary>
    public class AlgoAttributeTests
    {
        private static readonly Type[] Algos = { typeof(RiskManagedScalper), typeof(TradeGuardian), typeof(AtrStopDistance), typeof(LiquidationLevels) };

        public static IEnumerable<Type> AlgoTypes() => Algos;

        [TestCaseSource(nameof(AlgoTypes))]
        public void Attribute_ShippedAlgo_AccessRightsNoneAndUtcTimeZone(Type algo)
        {
            var robot = algo.GetCustomAttribute<RobotAttribute>();
            var indicator = algo.GetCustomAttribute<IndicatorAttribute>();
            Assert.That(robot is null ^ indicator is null, Is.True, "exactly one of [Robot] / [Indicator]");
            Assert.That(robot?.AccessRights ?? indicator!.AccessRights, Is.EqualTo(AccessRights.None));
            Assert.That(robot?.TimeZone ?? indicator!.TimeZone, Is.EqualTo(TimeZones.UTC));
        }

        [TestCaseSource(nameof(AlgoTypes))]
        public void Parameters_ShippedAlgo_EachHasADefaultInsideItsRange(Type algo)
        {
            var problems = new List<string>();
            foreach (var property in algo.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var p = property.GetCustomAttribute<ParameterAttribute>();
                if (p is null)
                {
                    continue;
                }

                if (p.DefaultValue is null)
                {
                    problems.Add(property.Name + ": no DefaultValue");
                    continue;
                }

                if (p.DefaultValue is IConvertible && (property.PropertyType == typeof(int) || property.PropertyType == typeof(double)))
                {
                    var value = Convert.ToDouble(p.DefaultValue, System.Globalization.CultureInfo.InvariantCulture);
                    if (p.MinValue is null)
                    {
                        problems.Add(property.Name + ": no MinValue");
                    }
                    else if (value < Convert.ToDouble(p.MinValue, System.Globalization.CultureInfo.InvariantCulture))
                    {
                        problems.Add(property.Name + ": default below MinValue");
                    }

                    if (p.MaxValue is not null && value > Convert.ToDouble(p.MaxValue, System.Globalization.CultureInfo.InvariantCulture))
                    {
                        problems.Add(property.Name + ": default above MaxValue");
                    }
                }
            }

            Assert.That(problems, Is.Empty);
        }
    }
}
