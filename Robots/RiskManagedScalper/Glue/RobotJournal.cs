using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using cAlgo.API.Internals;
using PerpGuard.Risk.Pipeline;

namespace PerpGuard.Algos.Glue
{
    /// <summary>
    /// The pipeline's journal inside a robot: keeps the events in memory (tests and the chart read
    /// them), prints each as one invariant-culture line, and saves them per trading day as
    /// tab-separated lines in LocalStorage when <see cref="Flush"/> is called (per bar and on stop).
    /// </summary>
    internal sealed class RobotJournal : IPipelineJournal
    {
        private readonly Algo _algo;
        private readonly LocalStorageStore? _store;
        private readonly bool _print;
        private readonly List<PipelineEvent> _events = new List<PipelineEvent>();
        private readonly StringBuilder _pending = new StringBuilder();
        private string _pendingDay = string.Empty;

        public RobotJournal(Algo algo, LocalStorageStore? store, bool print)
        {
            _algo = algo ?? throw new ArgumentNullException(nameof(algo));
            _store = store;
            _print = print;
        }

        public IReadOnlyList<PipelineEvent> Events => _events;

        public void Write(PipelineEvent e)
        {
            _events.Add(e);
            var line = Format(e);
            if (_print)
            {
                _algo.Print(line);
            }

            if (_store is null)
            {
                return;
            }

            var day = e.Utc.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            if (_pendingDay.Length > 0 && !string.Equals(day, _pendingDay, StringComparison.Ordinal))
            {
                Flush();
            }

            _pendingDay = day;
            _pending.Append(line).Append('\n');
        }

        /// <summary>Appends the pending lines to the day's chunk in LocalStorage.</summary>
        public void Flush()
        {
            if (_store is null || _pending.Length == 0)
            {
                return;
            }

            var key = "journal." + _pendingDay;
            var existing = _store.Get(key) ?? string.Empty;
            _store.Set(key, existing + _pending.ToString());
            _pending.Clear();
        }

        /// <summary>The lines saved for a trading day (UTC date), or empty.</summary>
        public string Saved(DateTime utcDay) =>
            _store?.Get("journal." + utcDay.ToString("yyyyMMdd", CultureInfo.InvariantCulture)) ?? string.Empty;

        public static string Format(PipelineEvent e)
        {
            var b = new StringBuilder(160);
            b.Append(e.Utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append("Z\t")
                .Append(e.Kind.ToString()).Append('\t').Append(e.Reason);
            if (e.PositionId != 0)
            {
                b.Append("\tid=").Append(e.PositionId.ToString(CultureInfo.InvariantCulture));
            }

            if (e.Side.HasValue)
            {
                b.Append("\tside=").Append(e.Side.Value.ToString());
            }

            Num(b, "volume", e.Volume);
            Num(b, "price", e.Price);
            Num(b, "fill", e.FillPrice);
            Num(b, "stop", e.StopLoss);
            Num(b, "target", e.TakeProfit);
            Num(b, "plannedRisk", e.PlannedRisk);
            Num(b, "value", e.Value);
            Num(b, "leverage", e.Leverage);
            if (e.Message.Length > 0)
            {
                b.Append('\t').Append(e.Message.Replace('\t', ' ').Replace('\n', ' '));
            }

            return b.ToString();
        }

        private static void Num(StringBuilder b, string name, double value)
        {
            if (!double.IsNaN(value))
            {
                b.Append('\t').Append(name).Append('=').Append(value.ToString("0.########", CultureInfo.InvariantCulture));
            }
        }
    }
}
