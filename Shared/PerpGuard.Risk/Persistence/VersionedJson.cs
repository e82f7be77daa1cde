using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PerpGuard.Risk.Persistence
{
    /// <summary>
    /// The envelope every small stored record shares, <c>{"schema":"perpguard.…","version":n,…}</c>: parsed with
    /// dates left as text (the records format their own times), refused with one sentence when it is not JSON or
    /// not the expected schema and version.
    /// </summary>
    public static class VersionedJson
    {
        /// <param name="what">The record in the problem sentence ("open-at-breach record").</param>
        public static bool TryRead(string text, string schema, int version, string what, out JObject json, out string? problem)
        {
            problem = null;
            try
            {
                using (var reader = new JsonTextReader(new System.IO.StringReader(text)) { DateParseHandling = DateParseHandling.None })
                {
                    json = JObject.Load(reader);
                }
            }
            catch (JsonException e)
            {
                json = new JObject();
                problem = "The saved " + what + " is not valid JSON (" + e.Message + ").";
                return false;
            }

            if ((string?)json["schema"] != schema || json["version"]?.Type != JTokenType.Integer || (int)json["version"]! != version)
            {
                problem = "The saved " + what + " is not a " + schema + " record of version " + version.ToString(CultureInfo.InvariantCulture) + ".";
                return false;
            }

            return true;
        }
    }
}
