using System;
using Newtonsoft.Json;

namespace PerpGuard.Risk.Time
{
    /// <summary>
    /// A trading day in JSON is its name, "yyyy-MM-dd". Without this, a serializer walking the struct
    /// would follow <see cref="TradingDay.Next"/> forever.
    /// </summary>
    public sealed class TradingDayJsonConverter : JsonConverter<TradingDay>
    {
        public override void WriteJson(JsonWriter writer, TradingDay value, JsonSerializer serializer)
        {
            writer.WriteValue(value.ToString());
        }

        public override TradingDay ReadJson(JsonReader reader, Type objectType, TradingDay existingValue, bool hasExistingValue, JsonSerializer serializer)
        {
            var text = reader.Value as string;
            if (text is null || !TradingDay.TryParse(text, out var day))
            {
                throw new JsonSerializationException("day '" + (text ?? "(null)") + "' is not yyyy-MM-dd");
            }

            return day;
        }
    }
}
