using System;
using System.Collections.Generic;
using System.Linq;

namespace PerpGuard.MarketData
{
    /// <summary>One problem in an input file, located by file name and 1-based line number.</summary>
    public sealed class DataLineError
    {
        public DataLineError(string file, long line, string message)
        {
            File = file;
            Line = line;
            Message = message;
        }

        public string File { get; }

        /// <summary>1-based physical line number; 0 when the problem concerns the whole file.</summary>
        public long Line { get; }

        public string Message { get; }

        public override string ToString() => Line > 0 ? $"{File}:{Line}: {Message}" : $"{File}: {Message}";
    }

    /// <summary>
    /// Thrown when an input file cannot be read as market data. Carries every problem found (up to a
    /// cap), each with file and line, because bad data must never be silently accepted.
    /// </summary>
    public sealed class DataFormatException : Exception
    {
        public DataFormatException(IReadOnlyList<DataLineError> errors)
            : base(BuildMessage(errors))
        {
            Errors = errors;
        }

        public DataFormatException(string file, long line, string message)
            : this(new[] { new DataLineError(file, line, message) })
        {
        }

        public IReadOnlyList<DataLineError> Errors { get; }

        private static string BuildMessage(IReadOnlyList<DataLineError> errors)
        {
            if (errors.Count == 0)
            {
                return "Invalid market data.";
            }

            if (errors.Count == 1)
            {
                return errors[0].ToString();
            }

            return $"{errors.Count} problems in market data: " + string.Join("; ", errors.Take(5).Select(e => e.ToString()))
                + (errors.Count > 5 ? "; …" : string.Empty);
        }
    }
}
