using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;
using PerpGuard.Risk.Time;

namespace PerpGuard.Risk.Journal
{
    /// <summary>
    /// The journal's JSON: one object per event with camelCase fields, enums by name (reason codes
    /// also by number), times as ISO-8601 UTC, "v" for the schema version and "kind" to tell the
    /// records apart. JSON lines = one such object per line.
    /// </summary>
    public static class JournalJson
    {
        private static readonly JsonSerializerSettings Settings = CreateSettings();
        private static readonly JsonSerializer Serializer = JsonSerializer.Create(Settings);

        public static string Serialize(JournalEvent journalEvent)
        {
            if (journalEvent is null)
            {
                throw new ArgumentNullException(nameof(journalEvent));
            }

            return JsonConvert.SerializeObject(journalEvent, journalEvent.GetType(), Settings);
        }

        /// <summary>Reads one event; throws <see cref="JournalFormatException"/> naming the problem.</summary>
        public static JournalEvent Deserialize(string json)
        {
            JObject obj;
            try
            {
                using (var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None })
                {
                    obj = JObject.Load(reader);
                    if (reader.Read() && reader.TokenType != JsonToken.Comment)
                    {
                        throw new JournalFormatException("more than one JSON value on the line");
                    }
                }
            }
            catch (JsonException e)
            {
                throw new JournalFormatException("not valid JSON (" + e.Message + ")", e);
            }

            var version = obj["v"];
            if (version is null || version.Type != JTokenType.Integer)
            {
                throw new JournalFormatException("no schema version \"v\"");
            }

            if ((int)version > JournalEvent.CurrentVersion || (int)version < 1)
            {
                throw new JournalFormatException("schema version " + version.ToString() + " is not supported (this build reads up to " + JournalEvent.CurrentVersion.ToString(CultureInfo.InvariantCulture) + ")");
            }

            var kindText = (string?)obj["kind"];
            if (!Enum.TryParse<JournalEventKind>(kindText, false, out var kind) || !Enum.IsDefined(typeof(JournalEventKind), kind))
            {
                throw new JournalFormatException("unknown kind '" + (kindText ?? "(none)") + "'");
            }

            try
            {
                switch (kind)
                {
                    case JournalEventKind.Decision:
                        return obj.ToObject<DecisionEvent>(Serializer)!;
                    case JournalEventKind.TradeClosed:
                        return obj.ToObject<TradeClosedEvent>(Serializer)!;
                    case JournalEventKind.StateChanged:
                        return obj.ToObject<StateChangedEvent>(Serializer)!;
                    default:
                        return obj.ToObject<NoteEvent>(Serializer)!;
                }
            }
            catch (Exception e) when (e is JsonException || e is FormatException || e is ArgumentException)
            {
                throw new JournalFormatException("a field has the wrong type (" + e.Message + ")", e);
            }
        }

        /// <summary>Writes one line per event (the JSON-lines export).</summary>
        public static void WriteLines(IEnumerable<JournalEvent> events, TextWriter writer)
        {
            foreach (var e in events)
            {
                writer.Write(Serialize(e));
                writer.Write('\n');
            }
        }

        /// <summary>
        /// Reads JSON lines. A malformed line does not stop the read: it is reported as
        /// "source:line: problem" and skipped. Blank lines are ignored.
        /// </summary>
        public static JournalReadResult ReadLines(TextReader reader, string source)
        {
            var events = new List<JournalEvent>();
            var problems = new List<string>();
            var lineNumber = 0;
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                lineNumber++;
                if (line.Trim().Length == 0)
                {
                    continue;
                }

                try
                {
                    events.Add(Deserialize(line));
                }
                catch (JournalFormatException e)
                {
                    problems.Add(source + ":" + lineNumber.ToString(CultureInfo.InvariantCulture) + ": " + e.Message);
                }
            }

            return new JournalReadResult(events, problems);
        }

        private static JsonSerializerSettings CreateSettings()
        {
            var settings = new JsonSerializerSettings
            {
                ContractResolver = new CamelCasePropertyNamesContractResolver(),
                Culture = CultureInfo.InvariantCulture,
                DateFormatString = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'",
                DateTimeZoneHandling = DateTimeZoneHandling.Utc,
                DateParseHandling = DateParseHandling.DateTime,
                FloatFormatHandling = FloatFormatHandling.DefaultValue,
                NullValueHandling = NullValueHandling.Ignore,
                Formatting = Formatting.None,
                MissingMemberHandling = MissingMemberHandling.Ignore,
            };
            settings.Converters.Add(new StringEnumConverter());
            return settings;
        }
    }

    /// <summary>Events read, plus every line that could not be read ("source:line: problem").</summary>
    public sealed class JournalReadResult
    {
        public JournalReadResult(IReadOnlyList<JournalEvent> events, IReadOnlyList<string> problems)
        {
            Events = events;
            Problems = problems;
        }

        public IReadOnlyList<JournalEvent> Events { get; }

        public IReadOnlyList<string> Problems { get; }

        public bool IsClean => Problems.Count == 0;
    }

    /// <summary>A journal line that cannot be read, with the reason.</summary>
    public sealed class JournalFormatException : Exception
    {
        public JournalFormatException(string message)
            : base(message)
        {
        }

        public JournalFormatException(string message, Exception inner)
            : base(message, inner)
        {
        }
    }
}
