using System.Collections.Generic;

namespace PerpGuard.MarketData.Readers
{
    /// <summary>Collects line errors while a reader keeps going, so one run reports many problems.</summary>
    internal sealed class ErrorCollector
    {
        private const int MaxErrors = 20;
        private readonly List<DataLineError> _errors = new List<DataLineError>();

        public ErrorCollector(string fileName)
        {
            FileName = fileName;
        }

        public string FileName { get; }

        public bool HasErrors => _errors.Count > 0;

        public bool IsFull => _errors.Count >= MaxErrors;

        public void Add(long line, string message)
        {
            if (_errors.Count < MaxErrors)
            {
                _errors.Add(new DataLineError(FileName, line, message));
            }
        }

        public void ThrowIfAny()
        {
            if (_errors.Count > 0)
            {
                throw new DataFormatException(_errors.ToArray());
            }
        }
    }
}
