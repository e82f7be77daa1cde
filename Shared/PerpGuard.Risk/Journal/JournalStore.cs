using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PerpGuard.Risk.Persistence;

namespace PerpGuard.Risk.Journal
{
    /// <summary>
    /// The append-only journal over the key-value port. Events go, as JSON lines, into chunks of one
    /// UTC day each ("prefix.2026-11-25.0"; a busy day rolls into ".1", ".2" …), and an index key
    /// ("prefix.index") lists the chunks in order, because cTrader's LocalStorage cannot enumerate
    /// keys. The index is written before a new chunk, so a crash can leave a listed-but-empty chunk,
    /// never an unlisted one. A corrupt index is kept aside ("prefix.index.corrupt") and reported.
    /// </summary>
    public sealed class JournalStore
    {
        public const string IndexSchema = "perpguard.journal-index";
        public const int IndexVersion = 1;
        public const int DefaultMaxChunkChars = 256 * 1024;

        private readonly IKeyValueStore _store;
        private readonly int _maxChunkChars;
        private readonly List<string> _chunks = new List<string>();
        private readonly List<string> _problems = new List<string>();
        private readonly StringBuilder _current = new StringBuilder();
        private string? _currentKey;
        private bool _loaded;

        public JournalStore(IKeyValueStore store, string prefix, int maxChunkChars = DefaultMaxChunkChars)
        {
            _store = store ?? throw new ArgumentNullException(nameof(store));
            if (string.IsNullOrWhiteSpace(prefix))
            {
                throw new ArgumentException("The journal needs a key prefix (e.g. PerpGuard.RiskManagedScalper.journal).", nameof(prefix));
            }

            if (maxChunkChars < 1024)
            {
                throw new ArgumentOutOfRangeException(nameof(maxChunkChars), maxChunkChars, "A chunk must hold at least 1,024 characters.");
            }

            Prefix = prefix;
            _maxChunkChars = maxChunkChars;
        }

        public string Prefix { get; }

        public string IndexKey => Prefix + ".index";

        /// <summary>The chunk keys in order (after the index was read).</summary>
        public IReadOnlyList<string> Chunks
        {
            get
            {
                EnsureLoaded();
                return _chunks;
            }
        }

        /// <summary>Problems met while reading the index (a corrupt index is kept aside, not lost).</summary>
        public IReadOnlyList<string> Problems => _problems;

        /// <summary>Appends one event; it is in storage when this returns.</summary>
        public void Append(JournalEvent journalEvent)
        {
            if (journalEvent is null)
            {
                throw new ArgumentNullException(nameof(journalEvent));
            }

            EnsureLoaded();
            var line = JournalJson.Serialize(journalEvent);
            var day = DateTime.SpecifyKind(journalEvent.AtUtc, DateTimeKind.Utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (_currentKey is null || !_currentKey.StartsWith(Prefix + "." + day + ".", StringComparison.Ordinal)
                || (_current.Length > 0 && _current.Length + line.Length + 1 > _maxChunkChars))
            {
                StartChunk(day);
            }

            _current.Append(line).Append('\n');
            _store.Set(_currentKey!, _current.ToString());
        }

        /// <summary>Every event in every chunk, in order; unreadable lines are reported, not fatal.</summary>
        public JournalReadResult ReadAll()
        {
            EnsureLoaded();
            var events = new List<JournalEvent>();
            var problems = new List<string>(_problems);
            foreach (var key in _chunks)
            {
                var text = _store.Get(key);
                if (text is null)
                {
                    continue;
                }

                var chunk = JournalJson.ReadLines(new StringReader(text), key);
                events.AddRange(chunk.Events);
                problems.AddRange(chunk.Problems);
            }

            return new JournalReadResult(events, problems);
        }

        /// <summary>Writes every readable event as JSON lines (the export for the review tools).</summary>
        public JournalReadResult ExportJsonLines(TextWriter writer)
        {
            var all = ReadAll();
            JournalJson.WriteLines(all.Events, writer);
            return all;
        }

        private void StartChunk(string day)
        {
            var dayPrefix = Prefix + "." + day + ".";
            var next = 0;
            foreach (var key in _chunks)
            {
                if (key.StartsWith(dayPrefix, StringComparison.Ordinal)
                    && int.TryParse(key.Substring(dayPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= next)
                {
                    next = n + 1;
                }
            }

            var chunkKey = dayPrefix + next.ToString(CultureInfo.InvariantCulture);

            // A lost (corrupt) index no longer lists chunks that are still stored: never write over one.
            while (_store.Get(chunkKey) is not null)
            {
                next++;
                chunkKey = dayPrefix + next.ToString(CultureInfo.InvariantCulture);
            }

            _chunks.Add(chunkKey);
            SaveIndex();
            _currentKey = chunkKey;
            _current.Clear();
        }

        private void EnsureLoaded()
        {
            if (_loaded)
            {
                return;
            }

            _loaded = true;
            string? text;
            try
            {
                text = _store.Get(IndexKey);
            }
            catch (Exception e) when (!(e is OutOfMemoryException))
            {
                // The storage could not be read (cTrader passes such errors as LocalStorageException): the journal goes on
                // in a new index; a chunk still stored under a key it picks is never written over (StartChunk).
                _problems.Add("The journal index '" + IndexKey + "' could not be read (" + e.Message + "); a new index was started.");
                return;
            }

            if (text is null)
            {
                return;
            }

            try
            {
                var json = JObject.Parse(text);
                if ((string?)json["schema"] != IndexSchema || json["version"]?.Type != JTokenType.Integer || (int)json["version"]! != IndexVersion || json["chunks"] is not JArray chunks)
                {
                    throw new JsonException("not a " + IndexSchema + " version " + IndexVersion.ToString(CultureInfo.InvariantCulture) + " record");
                }

                foreach (var chunk in chunks)
                {
                    var key = (string?)chunk;
                    if (string.IsNullOrEmpty(key))
                    {
                        throw new JsonException("an empty chunk key");
                    }

                    _chunks.Add(key!);
                }
            }
            catch (Exception e) when (e is JsonException || e is InvalidCastException || e is ArgumentException)
            {
                _chunks.Clear();
                _store.Set(IndexKey + ".corrupt", text);
                _problems.Add("The journal index '" + IndexKey + "' was unreadable (" + e.Message + "); kept as '" + IndexKey + ".corrupt' and a new index started.");
                return;
            }

            // Continue the last chunk rather than rewriting it from scratch.
            if (_chunks.Count > 0)
            {
                var last = _chunks[_chunks.Count - 1];
                _currentKey = last;
                _current.Append(_store.Get(last) ?? string.Empty);
            }
        }

        private void SaveIndex()
        {
            var json = new JObject
            {
                ["schema"] = IndexSchema,
                ["version"] = IndexVersion,
                ["chunks"] = new JArray(_chunks.ToArray()),
            };
            _store.Set(IndexKey, json.ToString(Formatting.None));
        }
    }
}
