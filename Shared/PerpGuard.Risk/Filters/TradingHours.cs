using System;
using System.Collections.Generic;
using PerpGuard.Risk.Rules;
using PerpGuard.Risk.Time;

namespace PerpGuard.Risk.Filters
{
    /// <summary>Entries only inside one of the windows, read on the wall clock of <see cref="Zone"/>.</summary>
    public sealed class TradingHours : IRiskRule
    {
        private readonly TradingWindow[] _windows;

        public TradingHours(TimeZoneInfo zone, IEnumerable<TradingWindow> windows)
        {
            Zone = zone ?? throw new ArgumentNullException(nameof(zone));
            _windows = new List<TradingWindow>(windows ?? throw new ArgumentNullException(nameof(windows))).ToArray();
            if (_windows.Length == 0)
            {
                throw new ArgumentException("Trading hours need at least one window.", nameof(windows));
            }

            Windows = Array.AsReadOnly(_windows);
        }

        public TimeZoneInfo Zone { get; }

        public IReadOnlyList<TradingWindow> Windows { get; }

        public string Name => nameof(TradingHours);

        public bool IsOpen(DateTime utc)
        {
            var local = TimeZones.UtcToLocal(utc, Zone);
            for (var i = 0; i < _windows.Length; i++)
            {
                if (_windows[i].Contains(local))
                {
                    return true;
                }
            }

            return false;
        }

        public RiskDecision Evaluate(in RiskContext context) =>
            !context.IsEntry || IsOpen(context.UtcNow)
                ? RiskDecision.Allow()
                : RiskDecision.Deny(ReasonCode.OutsideTradingHours, Name);
    }
}
