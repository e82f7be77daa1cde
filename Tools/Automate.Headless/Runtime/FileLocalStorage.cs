using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using cAlgo.API;

namespace PerpGuard.Headless.Runtime
{
    /// <summary>
    /// LocalStorage backed by one JSON file per scope in a directory: Instance → instance/&lt;type&gt;.json (headless
    /// instances of a type share it, so a restarted robot finds its state), Type → type/&lt;type&gt;.json,
    /// Device → device.json. Writes go to a temp file then replace the target (atomic). Values live in memory
    /// until Flush (the host flushes on stop, like cTrader does).
    /// </summary>
    public sealed class FileLocalStorage : LocalStorage
    {
        private static readonly JsonSerializerOptions Json = new JsonSerializerOptions { WriteIndented = true };
        private readonly string? _directory;
        private readonly string _typeName;
        private readonly Dictionary<LocalStorageScope, SortedDictionary<string, string>> _scopes = new Dictionary<LocalStorageScope, SortedDictionary<string, string>>();

        public FileLocalStorage(string? directory, string typeName, string instanceId)
        {
            _directory = directory;
            _typeName = typeName;
            InstanceId = instanceId;
        }

        public string InstanceId { get; }

        /// <summary>
        /// Backtest mode: Flush keeps values in memory and only <see cref="FlushAll"/> (the host, on stop) writes
        /// the files — cTrader's backtests keep LocalStorage in memory only. A bot that saves its daily state on
        /// every change otherwise pays a temp-file write and rename each time (most of its engine time).
        /// </summary>
        public bool DeferFlushUntilStop { get; set; }

        public void SetString(string key, string value) => SetString(key, value, LocalStorageScope.Instance);

        public void SetString(string key, string value, LocalStorageScope localStorageScope) => Scope(localStorageScope)[Key(key)] = value;

        public void SetObject(string key, object obj) => SetObject(key, obj, LocalStorageScope.Instance);

        public void SetObject(string key, object obj, LocalStorageScope localStorageScope) =>
            Scope(localStorageScope)[Key(key)] = JsonSerializer.Serialize(obj, obj?.GetType() ?? typeof(object), Json);

        public string GetString(string key) => GetString(key, LocalStorageScope.Instance);

        public string GetString(string key, LocalStorageScope localStorageScope) =>
            Scope(localStorageScope).TryGetValue(Key(key), out var v) ? v : null!;

        public T GetObject<T>(string key) => GetObject<T>(key, LocalStorageScope.Instance);

        public T GetObject<T>(string key, LocalStorageScope localStorageScope) =>
            Scope(localStorageScope).TryGetValue(Key(key), out var v) ? JsonSerializer.Deserialize<T>(v, Json)! : default!;

        public void Remove(string key) => Remove(key, LocalStorageScope.Instance);

        public void Remove(string key, LocalStorageScope localStorageScope) => Scope(localStorageScope).Remove(Key(key));

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

            _scopes.Remove(localStorageScope);
            Scope(localStorageScope);
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
            if (path == null || !_scopes.TryGetValue(localStorageScope, out var data))
            {
                return;
            }

            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            var temp = path + ".tmp";
            File.WriteAllText(temp, JsonSerializer.Serialize(data, Json), new UTF8Encoding(false));
            File.Move(temp, path, true);
        }

        private static string Key(string key)
        {
            if (string.IsNullOrEmpty(key))
            {
                throw new ArgumentException("LocalStorage keys must not be empty.", nameof(key));
            }

            return key;
        }

        private SortedDictionary<string, string> Scope(LocalStorageScope scope)
        {
            if (_scopes.TryGetValue(scope, out var data))
            {
                return data;
            }

            data = new SortedDictionary<string, string>(StringComparer.Ordinal);
            var path = PathOf(scope);
            if (path != null && File.Exists(path))
            {
                var loaded = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path));
                if (loaded != null)
                {
                    foreach (var kv in loaded)
                    {
                        data[kv.Key] = kv.Value;
                    }
                }
            }

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
                LocalStorageScope.Instance => System.IO.Path.Combine(_directory, "instance", _typeName + ".json"),
                LocalStorageScope.Type => System.IO.Path.Combine(_directory, "type", _typeName + ".json"),
                _ => System.IO.Path.Combine(_directory, "device.json"),
            };
        }
    }
}
