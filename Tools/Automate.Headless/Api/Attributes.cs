#nullable disable
using System;

namespace cAlgo.API
{
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class RobotAttribute : Attribute
    {
        public RobotAttribute()
        {
        }

        public string Name { get; }
        public string TimeZone { get; set; }
        public AccessRights AccessRights { get; set; }
        public string DefaultSymbolName { get; set; }
        public string DefaultTimeFrame { get; set; }
        public string AdditionalInfoUrl { get; set; }
    }

    [AttributeUsage(AttributeTargets.Class)]
    public sealed class IndicatorAttribute : Attribute
    {
        public IndicatorAttribute()
        {
        }

        public string Name { get; }
        public int ScalePrecision { get; set; }
        public bool IsOverlay { get; set; }
        public bool AutoRescale { get; set; }
        public string TimeZone { get; set; }
        public AccessRights AccessRights { get; set; }
        public bool IsPercentage { get; set; }
        public string AdditionalInfoUrl { get; set; }
    }

    [AttributeUsage(AttributeTargets.Property)]
    public class ParameterAttribute : Attribute
    {
        public ParameterAttribute()
        {
        }

        public ParameterAttribute(string name)
        {
            Name = name;
        }

        public string Name { get; }
        public object DefaultValue { get; set; }
        public object MinValue { get; set; }
        public object MaxValue { get; set; }
        public double Step { get; set; }
        public string Group { get; set; }
    }

    [AttributeUsage(AttributeTargets.Property)]
    public sealed class OutputAttribute : Attribute
    {
        public OutputAttribute(string lineName)
        {
            Name = lineName;
        }

        public LineStyle LineStyle { get; set; }
        public string Name { get; }
        public string LineColor { get; set; }
        public float Thickness { get; set; }
        public PlotType PlotType { get; set; }
        public bool IsColorCustomizable { get; set; }
    }

    [AttributeUsage(AttributeTargets.Class)]
    public sealed class LevelsAttribute : Attribute
    {
        public LevelsAttribute(params double[] levels)
        {
            Levels = levels;
        }

        public double[] Levels { get; set; }
    }
}
