using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Serialization;

namespace PerpGuard.Cli.Backtest
{
    /// <summary>journal.jsonl: one JSON object per line (camelCase, enums as names, ISO-8601 UTC times).</summary>
    public static class JournalJsonlWriter
    {
        private static readonly JsonSerializerSettings Settings = new JsonSerializerSettings
        {
            ContractResolver = new CamelCasePropertyNamesContractResolver(),
            Converters = { new StringEnumConverter() },
            DateFormatString = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'",
            DateTimeZoneHandling = DateTimeZoneHandling.Utc,
            Culture = CultureInfo.InvariantCulture,
            NullValueHandling = NullValueHandling.Ignore,
            FloatFormatHandling = FloatFormatHandling.DefaultValue,
            Formatting = Formatting.None,
        };

        public static string ToLine(object record) => JsonConvert.SerializeObject(record, Settings);

        public static void WriteFile(string path, IEnumerable<object> records)
        {
            using var w = new StreamWriter(path, false, new System.Text.UTF8Encoding(false));
            foreach (var r in records)
            {
                w.Write(ToLine(r));
                w.Write('\n');
            }
        }
    }
}
