using System;
using System.ComponentModel;
using System.Globalization;

namespace PerpGuard.Cli.Calculators
{
    /// <summary>
    /// Parses option values with the invariant culture whatever the machine's culture is, so
    /// "60000.5" means the same in Berlin and in New York (a comma is rejected, never misread).
    /// </summary>
    public sealed class InvariantDoubleConverter : TypeConverter
    {
        public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) => sourceType == typeof(string);

        public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value)
        {
            var text = value as string;
            if (text is null || text.StartsWith("__", StringComparison.Ordinal))
            {
                // Spectre passes its internal placeholder when an option is given without a value.
                throw new FormatException("an option is missing its value.");
            }

            if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
                && !double.IsNaN(parsed)
                && !double.IsInfinity(parsed))
            {
                return parsed;
            }

            throw new OptionValueException(text);
        }
    }

    /// <summary>A value that is not an invariant-culture number; Program names the option it was given to.</summary>
    public sealed class OptionValueException : FormatException
    {
        public OptionValueException(string value)
            : base($"'{value}' is not a number (use a dot as the decimal separator, e.g. 60000.5).")
        {
            Value = value;
        }

        public string Value { get; }
    }
}
