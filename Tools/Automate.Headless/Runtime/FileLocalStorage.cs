using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using cAlgo.API;

namespace PerpGuard.Headless.Runtime
{
    /// <summary>
    /// LocalStorage backed by one JSON file per scope in a directory: Instance → instance/&lt;type&gt;.json (headless
    /// instances of a type share it, so a restarted robot finds its state; <see cref="StartAsNewInstance"/> gives one
    /// its own, as cTrader gives a newly added instance), Type → type/&lt;type&gt;.json (every instance of the type in
    /// this directory, in one run or across runs), Device → device.json. Values live in memory until Flush (the host
    /// flushes on stop, like cTrader does); a write merges this object's changes since its last write into what the file
    /// holds then (so two instances sharing a scope never erase each other's keys) and goes to a temp file that then
    /// replaces the target (atomic). Another instance's flushed values are seen after <see cref="Reload"/> (or at first
    /// use of the scope).
    /// <para>
    /// Safe across processes too: every read and write of a file holds an exclusive lock on "&lt;file&gt;.lock" (an
    /// exclusive FileStream, an OS lock the OS releases if the process dies; taken with a bounded retry), so a write's
    /// read-merge-replace is never interleaved with another's, and each write goes to a temp file of its own name.
    /// </para>
    /// <para>
    /// A file that is not a JSON object of strings (corrupted outside the platform) is moved aside
    /// ("&lt;file&gt;.corrupt-&lt;id&gt;", never written over), reported once through <see cref="Report"/>, and the scope
    /// starts empty; the first read of that scope then throws <see cref="LocalStorageException"/> — cTrader's documented
    /// type for "errors that occur during local storage operations" — so a bot learns that what it saved is unreadable
    /// rather than finding an empty store it would take for a first start. A file found corrupt by a write (corrupted
    /// since this instance read it) is moved aside and reported the same way, and written again from this instance's
    /// whole view of the scope (what it last read, with its own changes), so other instances' keys it had read survive.
    /// </para>
    /// </summary>
    public sealed class FileLocalStorage : LocalStorage
    {
        private static readonly JsonSerializerOptions Json = new JsonSerializerOptions { WriteIndented = true };
        private readonly string? _directory;
        private readonly string _typeName;
        private readonly Dictionary<LocalStorageScope, SortedDictionary<string, string>> _scopes = new Dictionary<LocalStorageScope, SortedDictionary<string, string>>();

        // Keys set (value) or removed (null) since the scope's last write: what a write merges into the file.
        private readonly Dictionary<LocalStorageScope, Dictionary<string, string?>> _changes = new Dictionary<LocalStorageScope, Dictionary<string, string?>>();
        // Scopes whose file was unreadable when loaded: the first read of each throws once (what it says).
        private readonly Dictionary<LocalStorageScope, string> _unreadable = new Dictionary<LocalStorageScope, string>();
        private string? _ownInstanceFile;

        /// <summary>How long a read or write waits for another writer's lock on the file before giving up.</summary>
        public static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(10);

        public FileLocalStorage(string? directory, string typeName, string instanceId)
        {
            _directory = directory;
            _typeName = typeName;
            InstanceId = instanceId;
        }

        public string InstanceId { get; }

        /// <summary>Where the storage reports what it did about a file (a corrupt one moved aside): the host's log.</summary>
        public Action<string>? Report { get; set; }

        /// <summary>
        /// Makes this a newly added instance: its Instance scope is its own file (instance/&lt;type&gt;/&lt;id&gt;.json), empty
        /// at first, so nothing an earlier instance of the type saved there is visible — what cTrader gives when a
        /// trader removes a cBot instance and adds a new one. Type and Device scopes stay shared. Call before first use.
        /// </summary>
        public void StartAsNewInstance()
        {
            // Unique across runs too: a later run's new instance must not find this one's file.
            _ownInstanceFile = InstanceId + "-" + Guid.NewGuid().ToString("N");
            _scopes.Remove(LocalStorageScope.Instance);
            _changes.Remove(LocalStorageScope.Instance);
            _unreadable.Remove(LocalStorageScope.Instance);
        }

        /// <summary>
        /// Backtest mode: Flush keeps values in memory and only <see cref="FlushAll"/> (the host, on stop) writes
        /// the files — cTrader's backtests keep LocalStorage in memory only. A bot that saves its daily state on
        /// every change otherwise pays a temp-file write and rename each time (most of its engine time).
        /// </summary>
        public bool DeferFlushUntilStop { get; set; }

        public void SetString(string key, string value) => SetString(key, value, LocalStorageScope.Instance);

        public void SetString(string key, string value, LocalStorageScope localStorageScope) => Put(localStorageScope, Key(key), value);

        public void SetObject(string key, object obj) => SetObject(key, obj, LocalStorageScope.Instance);

        public void SetObject(string key, object obj, LocalStorageScope localStorageScope) =>
            Put(localStorageScope, Key(key), JsonSerializer.Serialize(obj, obj?.GetType() ?? typeof(object), Json));

        public string GetString(string key) => GetString(key, LocalStorageScope.Instance);

        public string GetString(string key, LocalStorageScope localStorageScope) =>
            Readable(localStorageScope).TryGetValue(Key(key), out var v) ? v : null!;

        public T GetObject<T>(string key) => GetObject<T>(key, LocalStorageScope.Instance);

        public T GetObject<T>(string key, LocalStorageScope localStorageScope) =>
            Readable(localStorageScope).TryGetValue(Key(key), out var v) ? JsonSerializer.Deserialize<T>(v, Json)! : default!;

        public void Remove(string key) => Remove(key, LocalStorageScope.Instance);

        public void Remove(string key, LocalStorageScope localStorageScope) => Put(localStorageScope, Key(key), null);

        public void Flush(LocalStorageScope localStorageScope)
        {
            if (!DeferFlushUntilStop)
            {
                Write(localStorageScope);
            }
        }

        public void Reload(LocalStorageScope localStorageScope)
        {
            if (DeferFlushUntilStop)
            {
                // Memory only during a backtest: the file holds nothing newer than the values here.
                return;
            }

            // What this instance changed and has not written yet stays (it is not in the file to reload).
            var pending = _changes.TryGetValue(localStorageScope, out var changes) ? changes : null;
            _scopes.Remove(localStorageScope);
            var data = Scope(localStorageScope);
            if (pending != null)
            {
                Apply(data, pending);
            }
        }

        /// <summary>Writes every scope that was touched (also when flushes are deferred).</summary>
        public void FlushAll()
        {
            foreach (var scope in new List<LocalStorageScope>(_scopes.Keys))
            {
                Write(scope);
            }
        }

        private void Write(LocalStorageScope localStorageScope)
        {
            var path = PathOf(localStorageScope);
            if (path == null || !_scopes.TryGetValue(localStorageScope, out _))
            {
                return;
            }

            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            using (Lock(path))
            {
                // Another instance (or process) may have written the file since it was read: keep its keys, apply only ours.
                var merged = ReadLocked(path, out var problem, WrittenAgainNote);
                var changes = _changes.TryGetValue(localStorageScope, out var c) ? c : null;
                if (problem != null)
                {
                    // Corrupted since this instance read it: written again from this instance's whole view of the scope —
                    // what it read last, with its own changes — as a platform that keeps the scope in memory writes it, so
                    // the keys of other instances it had read stay (as of that read) instead of vanishing with the file.
                    merged = new SortedDictionary<string, string>(_scopes[localStorageScope], StringComparer.Ordinal);
                }
                else if (changes != null)
                {
                    Apply(merged, changes);
                }

                var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
                try
                {
                    File.WriteAllText(temp, JsonSerializer.Serialize(merged, Json), new UTF8Encoding(false));
                    File.Move(temp, path, true);
                }
                finally
                {
                    if (File.Exists(temp))
                    {
                        File.Delete(temp);
                    }
                }

                changes?.Clear();
                _scopes[localStorageScope] = merged;
            }
        }

        private void Put(LocalStorageScope scope, string key, string? value)
        {
            var data = Scope(scope);
            if (value == null)
            {
                data.Remove(key);
            }
            else
            {
                data[key] = value;
            }

            if (!_changes.TryGetValue(scope, out var changes))
            {
                changes = new Dictionary<string, string?>(StringComparer.Ordinal);
                _changes[scope] = changes;
            }

            changes[key] = value;
        }

        private static void Apply(SortedDictionary<string, string> data, Dictionary<string, string?> changes)
        {
            foreach (var kv in changes)
            {
                if (kv.Value == null)
                {
                    data.Remove(kv.Key);
                }
                else
                {
                    data[kv.Key] = kv.Value;
                }
            }
        }

        // The scope's file as it is now, under the file's lock; an unreadable one is moved aside (see the class remarks).
        private SortedDictionary<string, string> Read(LocalStorageScope scope, string? path)
        {
            if (path == null || !File.Exists(path))
            {
                // Nothing saved (a writer's rename creates the file whole): no lock, and no folder made by a read.
                return new SortedDictionary<string, string>(StringComparer.Ordinal);
            }

            using (Lock(path))
            {
                var data = ReadLocked(path, out var problem);
                if (problem != null)
                {
                    _unreadable[scope] = problem;
                }

                return data;
            }
        }

        private const string StartsEmptyNote = " and its scope starts empty.";

        private const string WrittenAgainNote = ", and the file is written again from this instance's view of the scope (what it last read, with its own changes).";

        // Call with the file's lock held. An unreadable file is renamed aside (a new name each time) and reported once;
        // the note says what becomes of the scope.
        private SortedDictionary<string, string> ReadLocked(string path, out string? problem, string note = StartsEmptyNote)
        {
            problem = null;
            var data = new SortedDictionary<string, string>(StringComparer.Ordinal);
            if (!File.Exists(path))
            {
                return data;
            }

            Dictionary<string, string>? loaded;
            try
            {
                loaded = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path));
            }
            catch (JsonException e)
            {
                var aside = path + ".corrupt-" + Guid.NewGuid().ToString("N").Substring(0, 12);
                File.Move(path, aside);
                problem = "LocalStorage file '" + Relative(path) + "' is unreadable (" + e.Message + "); kept as '" + Relative(aside) + "'" + note;
                Report?.Invoke(problem);
                return data;
            }

            if (loaded != null)
            {
                foreach (var kv in loaded)
                {
                    data[kv.Key] = kv.Value;
                }
            }

            return data;
        }

        // An exclusive lock on "<file>.lock" (never deleted: deleting would let two writers hold "the" lock at once). The
        // OS frees it if the process dies. Waits with a growing pause (1 ms … 50 ms) up to LockTimeout.
        private static FileStream Lock(string path)
        {
            var lockPath = path + ".lock";
            var waited = Stopwatch.StartNew();
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                }
                catch (IOException e) when (!(e is FileNotFoundException) && !(e is DirectoryNotFoundException))
                {
                    if (waited.Elapsed >= LockTimeout)
                    {
                        throw new LocalStorageException("LocalStorage file '" + path + "' stayed locked by another writer for " +
                            LockTimeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + " s.", e);
                    }

                    Thread.Sleep(Math.Min(50, 1 << Math.Min(attempt, 6)));
                }
            }
        }

        private string Relative(string path) => _directory == null ? path : System.IO.Path.GetRelativePath(_directory, path);

        // The scope for a read: the first read of a scope whose file was unreadable throws, once.
        private SortedDictionary<string, string> Readable(LocalStorageScope scope)
        {
            var data = Scope(scope);
            if (_unreadable.Count > 0 && _unreadable.Remove(scope, out var problem))
            {
                throw new LocalStorageException(problem);
            }

            return data;
        }

        /// <summary>
        /// Keys outside cTrader's documented form — "max length for keys is 50 characters, and only alphanumeric and
        /// space characters are allowed, you can only use space in the middle" (help.ctrader.com, LocalStorage) — are
        /// refused (the strict reading: cTrader does not say what it does with them). False lets tests model a
        /// platform that took them, as older PerpGuard versions' keys assumed.
        /// </summary>
        public bool StrictKeys { get; set; } = true;

        private string Key(string key)
        {
            if (string.IsNullOrEmpty(key))
            {
                throw new ArgumentException("LocalStorage keys must not be empty.", nameof(key));
            }

            if (StrictKeys && !IsDocumentedKey(key))
            {
                throw new ArgumentException("LocalStorage key '" + key + "': at most 50 characters, letters, digits and inner spaces only (cTrader's rule).", nameof(key));
            }

            return key;
        }

        // The platform's rule, stated here on its own: the stand-in models cTrader and takes nothing from PerpGuard's library.
        private static bool IsDocumentedKey(string key)
        {
            if (key.Length > 50 || key[0] == ' ' || key[key.Length - 1] == ' ')
            {
                return false;
            }

            foreach (var c in key)
            {
                if (!(c == ' ' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
                {
                    return false;
                }
            }

            return true;
        }

        private SortedDictionary<string, string> Scope(LocalStorageScope scope)
        {
            if (_scopes.TryGetValue(scope, out var data))
            {
                return data;
            }

            data = Read(scope, PathOf(scope));
            _scopes[scope] = data;
            return data;
        }

        private string? PathOf(LocalStorageScope scope)
        {
            if (_directory == null)
            {
                return null;
            }

            return scope switch
            {
                LocalStorageScope.Instance when _ownInstanceFile != null => System.IO.Path.Combine(_directory, "instance", _typeName, _ownInstanceFile + ".json"),
                LocalStorageScope.Instance => System.IO.Path.Combine(_directory, "instance", _typeName + ".json"),
                LocalStorageScope.Type => System.IO.Path.Combine(_directory, "type", _typeName + ".json"),
                _ => System.IO.Path.Combine(_directory, "device.json"),
            };
        }
    }
}
