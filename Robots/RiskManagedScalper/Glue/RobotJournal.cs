using System;
using System.Collections.Generic;
using cAlgo.API;
using cAlgo.API.Internals;
using PerpGuard.Risk.Journal;
using PerpGuard.Risk.Persistence;
using PerpGuard.Risk.Pipeline;

namespace PerpGuard.Algos.Glue
{
    /// <summary>
    /// The pipeline's journal inside a robot: keeps the events in memory (tests, the CLI and the
    /// chart read them), prints each as one invariant-culture line, and — when a store is given —
    /// appends each, mapped to a versioned JSON record, to the library's <see cref="JournalStore"/>
    /// (one storage write per event, none on ticks without an event). A live robot keeps only its newest
    /// <see cref="LiveEventsKept"/> events in memory (it runs for months; the durable journal is the store);
    /// backtests keep them all for the host's report.
    /// </summary>
    internal sealed class RobotJournal : IPipelineJournal
    {
        /// <summary>Key prefix of the journal inside the robot's storage (chunks "journal.yyyy-MM-dd.n", index "journal.index").</summary>
        public const string KeyPrefix = "journal";

        /// <summary>Events a live (RealTime) robot keeps in memory at least; older ones are forgotten a chunk at a time.</summary>
        public const int LiveEventsKept = 4096;

        private readonly Algo _algo;
        private readonly JournalStore? _store;
        private readonly PipelineJournalMapper? _mapper;
        private readonly bool _print;
        private readonly EventLog<PipelineEvent> _events;
        private bool _problemsReported;

        public RobotJournal(Algo algo, IKeyValueStore? store, bool print, string source, string symbol, string currency)
        {
            _algo = algo ?? throw new ArgumentNullException(nameof(algo));
            _print = print;
            _events = new EventLog<PipelineEvent>(algo.RunningMode == RunningMode.RealTime ? LiveEventsKept : 0);
            if (store is not null)
            {
                _store = new JournalStore(store, KeyPrefix);
                _mapper = new PipelineJournalMapper(source, symbol, currency);
            }
        }

        /// <summary>The events kept in memory, oldest first: all of them in a backtest, the newest in a live run.</summary>
        public IReadOnlyList<PipelineEvent> Events => _events;

        /// <summary>Tells the journal why the robot is about to close a position (the platform only says "Closed").</summary>
        public void ExpectClose(int positionId, PipelineEventKind closingAs) => _mapper?.ExpectClose(positionId, closingAs);

        /// <summary>As <see cref="ExpectClose(int, PipelineEventKind)"/>, with the close's reason code.</summary>
        public void ExpectClose(int positionId, PipelineEventKind closingAs, string reason) => _mapper?.ExpectClose(positionId, closingAs, reason);

        public void Write(PipelineEvent e)
        {
            _events.Add(e);
            if (_print)
            {
                _algo.Print((object)PipelineEventText.Format(e));
            }

            if (_store is null)
            {
                return;
            }

            _store.Append(_mapper!.Map(e));
            if (!_problemsReported && _store.Problems.Count > 0)
            {
                // A corrupt index is kept aside by the store; say so once.
                _problemsReported = true;
                foreach (var problem in _store.Problems)
                {
                    _algo.Print((object)problem);
                }
            }
        }
    }
}
