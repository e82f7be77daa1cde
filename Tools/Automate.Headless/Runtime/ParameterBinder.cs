using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using cAlgo.API;

namespace PerpGuard.Headless.Runtime
{
    /// <summary>One [Parameter] property of an algo, in declaration order.</summary>
    public sealed class AlgoParameterInfo
    {
        internal AlgoParameterInfo(PropertyInfo property, ParameterAttribute attribute)
        {
            Property = property;
            Attribute = attribute;
        }

        public PropertyInfo Property { get; }
        public ParameterAttribute Attribute { get; }
        public string PropertyName => Property.Name;
        public string DisplayName => Attribute.Name ?? Property.Name;
    }

    /// <summary>Invalid parameter values: every violation, one per line, in one message.</summary>
    public sealed class ParameterBindingException : Exception
    {
        public ParameterBindingException(IReadOnlyList<string> violations)
            : base("Invalid parameters:\n" + string.Join("\n", violations))
        {
            Violations = violations;
        }

        public IReadOnlyList<string> Violations { get; }
    }

    /// <summary>
    /// Binds [Parameter] properties like cTrader: DefaultValue first, then overrides by property name (strings
    /// parsed with the invariant culture) or positional values (GetIndicator), then MinValue/MaxValue enforced.
    /// </summary>
    public static class ParameterBinder
    {
        // Per type, read once: reading attributes creates fresh attribute objects (their named properties set by
        // reflection, which emits and compiles an invoke stub whenever the runtime's own per-type cache has been
        // collected). Every algo instance and every indicator an algo creates would otherwise pay for it again.
        private static readonly ConcurrentDictionary<Type, IReadOnlyList<AlgoParameterInfo>> ParametersByType =
            new ConcurrentDictionary<Type, IReadOnlyList<AlgoParameterInfo>>();

        private static readonly ConcurrentDictionary<Type, IReadOnlyList<(PropertyInfo Property, OutputAttribute Attribute)>> OutputsByType =
            new ConcurrentDictionary<Type, IReadOnlyList<(PropertyInfo Property, OutputAttribute Attribute)>>();

        public static IReadOnlyList<AlgoParameterInfo> Describe(Type algoType) => ParametersByType.GetOrAdd(algoType, ReadParameters);

        public static IReadOnlyList<(PropertyInfo Property, OutputAttribute Attribute)> Outputs(Type algoType) => OutputsByType.GetOrAdd(algoType, ReadOutputs);

        private static IReadOnlyList<AlgoParameterInfo> ReadParameters(Type algoType) =>
            algoType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Select(p => (p, a: p.GetCustomAttribute<ParameterAttribute>(true)))
                .Where(x => x.a != null)
                .OrderBy(x => DeclarationRank(algoType, x.p))
                .ThenBy(x => x.p.MetadataToken)
                .Select(x => new AlgoParameterInfo(x.p, x.a!))
                .ToArray();

        private static IReadOnlyList<(PropertyInfo Property, OutputAttribute Attribute)> ReadOutputs(Type algoType) =>
            algoType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Select(p => (p, a: p.GetCustomAttribute<OutputAttribute>(true)))
                .Where(x => x.a != null)
                .OrderBy(x => DeclarationRank(algoType, x.p))
                .ThenBy(x => x.p.MetadataToken)
                .Select(x => (x.p, x.a!))
                .ToArray();

        public static void Bind(object algo, IReadOnlyDictionary<string, string>? overrides, Bars bars)
        {
            var parameters = Describe(algo.GetType());
            var violations = new List<string>();
            var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var p in parameters)
            {
                string? text = null;
                if (overrides != null)
                {
                    foreach (var kv in overrides)
                    {
                        if (string.Equals(kv.Key, p.PropertyName, StringComparison.OrdinalIgnoreCase)
                            || string.Equals(kv.Key, p.DisplayName, StringComparison.OrdinalIgnoreCase))
                        {
                            text = kv.Value;
                            used.Add(kv.Key);
                        }
                    }
                }

                object? value;
                try
                {
                    value = text != null ? Parse(text, p.Property.PropertyType, bars) : DefaultOf(p, bars);
                }
                catch (FormatException e)
                {
                    violations.Add($"Parameter '{p.DisplayName}' ({p.PropertyName}): '{text}' is not a valid {p.Property.PropertyType.Name}: {e.Message}");
                    continue;
                }

                Assign(algo, p, value, violations);
            }

            if (overrides != null)
            {
                foreach (var key in overrides.Keys.Where(k => !used.Contains(k)))
                {
                    violations.Add($"Unknown parameter '{key}'. Known: {string.Join(", ", parameters.Select(p => p.PropertyName))}");
                }
            }

            if (violations.Count > 0)
            {
                throw new ParameterBindingException(violations);
            }
        }

        /// <summary>Binds values in [Parameter] declaration order (Indicators.GetIndicator); missing ones get defaults.</summary>
        public static void BindPositional(object algo, object[] values, Bars bars)
        {
            var parameters = Describe(algo.GetType());
            var violations = new List<string>();
            if (values.Length > parameters.Count)
            {
                violations.Add($"{algo.GetType().Name} takes {parameters.Count} parameters, {values.Length} given");
            }

            for (var i = 0; i < parameters.Count; i++)
            {
                var p = parameters[i];
                object? value;
                try
                {
                    value = i < values.Length ? ConvertValue(values[i], p.Property.PropertyType, bars) : DefaultOf(p, bars);
                }
                catch (Exception e) when (e is FormatException || e is InvalidCastException)
                {
                    violations.Add($"Parameter '{p.DisplayName}' ({p.PropertyName}): {e.Message}");
                    continue;
                }

                Assign(algo, p, value, violations);
            }

            if (violations.Count > 0)
            {
                throw new ParameterBindingException(violations);
            }
        }

        private static void Assign(object algo, AlgoParameterInfo p, object? value, List<string> violations)
        {
            if (value is IConvertible && IsNumeric(p.Property.PropertyType))
            {
                var d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (p.Attribute.MinValue != null && d < Convert.ToDouble(p.Attribute.MinValue, CultureInfo.InvariantCulture))
                {
                    violations.Add(string.Format(CultureInfo.InvariantCulture, "Parameter '{0}' ({1}): {2} is below the minimum {3}", p.DisplayName, p.PropertyName, d, p.Attribute.MinValue));
                    return;
                }

                if (p.Attribute.MaxValue != null && d > Convert.ToDouble(p.Attribute.MaxValue, CultureInfo.InvariantCulture))
                {
                    violations.Add(string.Format(CultureInfo.InvariantCulture, "Parameter '{0}' ({1}): {2} is above the maximum {3}", p.DisplayName, p.PropertyName, d, p.Attribute.MaxValue));
                    return;
                }
            }

            p.Property.SetValue(algo, value);
        }

        private static object? DefaultOf(AlgoParameterInfo p, Bars bars)
        {
            var t = p.Property.PropertyType;
            if (p.Attribute.DefaultValue != null)
            {
                return ConvertValue(p.Attribute.DefaultValue, t, bars);
            }

            if (typeof(DataSeries).IsAssignableFrom(t))
            {
                return bars.ClosePrices;
            }

            if (t == typeof(TimeFrame))
            {
                return bars.TimeFrame;
            }

            if (t == typeof(string))
            {
                return string.Empty;
            }

            return t.IsValueType ? Activator.CreateInstance(t) : null;
        }

        private static object? ConvertValue(object? value, Type t, Bars bars)
        {
            if (value == null)
            {
                return null;
            }

            if (t.IsInstanceOfType(value))
            {
                return value;
            }

            if (value is string s)
            {
                return Parse(s, t, bars);
            }

            if (t.IsEnum)
            {
                return Enum.ToObject(t, value);
            }

            var target = Nullable.GetUnderlyingType(t) ?? t;
            return Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
        }

        public static object? Parse(string text, Type t, Bars bars)
        {
            var target = Nullable.GetUnderlyingType(t) ?? t;
            if (target == typeof(string))
            {
                return text;
            }

            if (target == typeof(int))
            {
                return int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
            }

            if (target == typeof(long))
            {
                return long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
            }

            if (target == typeof(double))
            {
                return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            }

            if (target == typeof(bool))
            {
                return bool.Parse(text);
            }

            if (target.IsEnum)
            {
                if (!Enum.TryParse(target, text, true, out var e) || !Enum.IsDefined(target, e!))
                {
                    throw new FormatException("expected one of " + string.Join(", ", Enum.GetNames(target)));
                }

                return e;
            }

            if (target == typeof(TimeFrame))
            {
                return TimeFrame.Parse(text);
            }

            if (typeof(DataSeries).IsAssignableFrom(target))
            {
                switch (text.ToUpperInvariant())
                {
                    case "OPEN": return bars.OpenPrices;
                    case "HIGH": return bars.HighPrices;
                    case "LOW": return bars.LowPrices;
                    case "CLOSE": return bars.ClosePrices;
                    case "MEDIAN": return bars.MedianPrices;
                    case "TYPICAL": return bars.TypicalPrices;
                    case "WEIGHTED": return bars.WeightedPrices;
                    default: throw new FormatException("expected Open, High, Low, Close, Median, Typical or Weighted");
                }
            }

            throw new FormatException("unsupported parameter type " + target.Name);
        }

        private static bool IsNumeric(Type t)
        {
            var u = Nullable.GetUnderlyingType(t) ?? t;
            return u == typeof(int) || u == typeof(double) || u == typeof(long) || u == typeof(float) || u == typeof(decimal);
        }

        // Base-class parameters first, like cTrader lists them.
        private static int DeclarationRank(Type algoType, PropertyInfo p)
        {
            var depth = 0;
            for (var t = algoType; t != null && t != p.DeclaringType; t = t.BaseType)
            {
                depth++;
            }

            return -depth;
        }
    }
}
