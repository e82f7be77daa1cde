using System;
using Newtonsoft.Json;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Rules;
using PerpGuard.Risk.Time;

namespace PerpGuard.Risk.Tests.Time
{
    public class TradingDayJsonTests
    {
        [Test]
        public void Serialize_TradingDay_IsItsDateName()
        {
            var json = JsonConvert.SerializeObject(new TradingDay(new DateOnly(2026, 3, 8)));

            Assert.That(json, Is.EqualTo("\"2026-03-08\""));
            Assert.That(JsonConvert.DeserializeObject<TradingDay>(json), Is.EqualTo(new TradingDay(new DateOnly(2026, 3, 8))));
        }

        [Test]
        public void Serialize_StateTransition_DoesNotRecurseThroughNextDay()
        {
            // Regression: the backtest's journal.jsonl writer serialised a transition by walking its
            // properties and followed TradingDay.Next without end (stack overflow).
            var t = new StateTransition(new TradingDay(new DateOnly(2024, 1, 2)), new DateTime(2024, 1, 2, 9, 30, 0, DateTimeKind.Utc),
                TradingState.Active, TradingState.Halted, false, default(ReasonCode), 9800, -200);

            var json = JsonConvert.SerializeObject(t);

            Assert.That(json, Does.Contain("\"Day\":\"2024-01-02\""));
        }

        [Test]
        public void Deserialize_NotADate_Throws()
        {
            Assert.That(() => JsonConvert.DeserializeObject<TradingDay>("\"yesterday\""), Throws.TypeOf<JsonSerializationException>());
        }
    }
}
