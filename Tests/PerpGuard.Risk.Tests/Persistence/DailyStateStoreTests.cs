using System;
using System.IO;
using Moq;
using Newtonsoft.Json.Linq;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Persistence;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Rules;
using PerpGuard.Risk.Tests.Time;
using PerpGuard.Risk.Time;

namespace PerpGuard.Risk.Tests.Persistence
{
    public class DailyStateStoreTests
    {
        private const string Key = "PerpGuard.Test.BTCUSD.daily";

        private static Money Usd(double amount) => new Money(amount, "USD");

        private static DailyState Sample() => new DailyState
        {
            Day = TradingDay.Parse("2026-11-25"),
            Currency = "USD",
            StartBalance = 10_000,
            StartEquity = 9_987.5,
            InitialBalance = 8_000,
            TradesToday = 4,
            LossStreak = 2,
            CooldownUntilUtc = FakeClock.Utc("2026-11-25T10:20:00Z"),
            State = TradingState.Reducing,
            StateReason = ReasonCode.MaxConsecutiveLosses,
            OnHold = true,
            SavedAtUtc = FakeClock.Utc("2026-11-25T10:10:00Z"),
        };

        // Keep ISO strings as strings (JObject.Parse would turn them into local-format dates).
        private static JObject ParseRaw(string text)
        {
            using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(text)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
            return JObject.Load(reader);
        }

        [Test]
        public void Serialize_ThenParse_RoundTripsEveryField()
        {
            var load = DailyStateStore.Parse(DailyStateStore.Serialize(Sample()));

            Assert.That(load.Status, Is.EqualTo(LoadStatus.Restored));
            var s = load.State!;
            Assert.That(s.Day, Is.EqualTo(TradingDay.Parse("2026-11-25")));
            Assert.That(s.Currency, Is.EqualTo("USD"));
            Assert.That(s.StartBalance, Is.EqualTo(10_000));
            Assert.That(s.StartEquity, Is.EqualTo(9_987.5));
            Assert.That(s.InitialBalance, Is.EqualTo(8_000));
            Assert.That(s.TradesToday, Is.EqualTo(4));
            Assert.That(s.LossStreak, Is.EqualTo(2));
            Assert.That(s.CooldownUntilUtc, Is.EqualTo(FakeClock.Utc("2026-11-25T10:20:00Z")));
            Assert.That(s.CooldownUntilUtc.Kind, Is.EqualTo(DateTimeKind.Utc));
            Assert.That(s.State, Is.EqualTo(TradingState.Reducing));
            Assert.That(s.StateReason, Is.EqualTo(ReasonCode.MaxConsecutiveLosses));
            Assert.That(s.OnHold, Is.True);
        }

        [Test]
        public void Serialize_Sample_HasSchemaAndVersion()
        {
            var json = ParseRaw(DailyStateStore.Serialize(Sample()));

            Assert.That((string?)json["schema"], Is.EqualTo("perpguard.daily-state"));
            Assert.That((int)json["version"]!, Is.EqualTo(1));
            Assert.That((string?)json["cooldownUntilUtc"], Is.EqualTo("2026-11-25T10:20:00.0000000Z"));
        }

        [TestCase("{not json", "not valid JSON")]
        [TestCase("", "not valid JSON")]
        [TestCase("{\"schema\":\"something-else\",\"version\":1}", "not a perpguard.daily-state")]
        public void Parse_Garbage_IsCorruptWithTheProblem(string text, string problem)
        {
            var load = DailyStateStore.Parse(text);

            Assert.That(load.Status, Is.EqualTo(LoadStatus.Corrupt));
            Assert.That(load.Problem, Does.Contain(problem));
        }

        [TestCase("version", "2", "version 2")]
        [TestCase("day", "\"25.11.2026\"", "day")]
        [TestCase("state", "\"Sleeping\"", "trading state")]
        [TestCase("startEquity", "\"lots\"", "start amount")]
        [TestCase("tradesToday", "-1", "counters")]
        [TestCase("cooldownUntilUtc", "\"yesterday\"", "time")]
        public void Parse_OneBadField_IsCorruptNamingIt(string field, string value, string problem)
        {
            var json = ParseRaw(DailyStateStore.Serialize(Sample()));
            json[field] = JToken.Parse(value);

            var load = DailyStateStore.Parse(json.ToString());

            Assert.That(load.Status, Is.EqualTo(LoadStatus.Corrupt));
            Assert.That(load.Problem, Does.Contain(problem));
        }

        [Test]
        public void Load_NothingStored_IsMissing()
        {
            var store = new Mock<IKeyValueStore>();
            store.Setup(s => s.Get(Key)).Returns((string?)null);

            Assert.That(new DailyStateStore(store.Object, Key).Load().Status, Is.EqualTo(LoadStatus.Missing));
        }

        [Test]
        public void Load_StorageThrowsIo_IsCorruptNotFresh()
        {
            var store = new Mock<IKeyValueStore>();
            store.Setup(s => s.Get(Key)).Throws(new IOException("disk on fire"));

            var load = new DailyStateStore(store.Object, Key).Load();

            Assert.That(load.Status, Is.EqualTo(LoadStatus.Corrupt));
            Assert.That(load.Problem, Does.Contain("disk on fire"));
        }

        [Test]
        public void SaveIfChanged_OnlyWritesAfterAChange()
        {
            var store = new Mock<IKeyValueStore>();
            var clock = FakeClock.At("2026-11-25T10:00:00Z");
            var tracker = new DailyRiskTracker(new DailyLimitsOptions(), clock);
            tracker.Start(Usd(10_000), Usd(10_000));
            var states = new DailyStateStore(store.Object, Key);
            long saved = 0;

            Assert.That(states.SaveIfChanged(tracker, ref saved), Is.True);
            tracker.Update(Usd(10_000), Usd(10_001));
            Assert.That(states.SaveIfChanged(tracker, ref saved), Is.False);
            tracker.RecordEntry();
            Assert.That(states.SaveIfChanged(tracker, ref saved), Is.True);

            store.Verify(s => s.Set(Key, It.Is<string>(v => v.Contains("\"tradesToday\":1"))), Times.Once);
            store.Verify(s => s.Set(Key, It.IsAny<string>()), Times.Exactly(2));
        }

        [Test]
        public void Restart_MidDayAfterHalt_StaysHalted()
        {
            var storage = new InMemoryKeyValueStore();
            var clock = FakeClock.At("2026-11-25T09:00:00Z");
            var first = new DailyRiskTracker(new DailyLimitsOptions(), clock);
            first.Start(Usd(10_000), Usd(10_000), new DailyStateStore(storage, Key).Load());
            first.Update(Usd(10_000), Usd(9_750));
            new DailyStateStore(storage, Key).Save(first.ToState());

            // The bot restarts two hours later with equity back above the floor.
            clock.Advance(TimeSpan.FromHours(2));
            var second = new DailyRiskTracker(new DailyLimitsOptions(), clock);
            second.Start(Usd(10_050), Usd(10_050), new DailyStateStore(storage, Key).Load());

            Assert.That(second.State, Is.EqualTo(TradingState.Halted));
            Assert.That(second.Status.StateReason, Is.EqualTo(ReasonCode.DailyLossLimit));
        }

        [Test]
        public void Restart_MidDay_KeepsCountersAndStartBalance()
        {
            var storage = new InMemoryKeyValueStore();
            var clock = FakeClock.At("2026-11-25T09:00:00Z");
            var first = new DailyRiskTracker(new DailyLimitsOptions(), clock);
            first.Start(Usd(10_000), Usd(10_000));
            first.RecordEntry();
            first.RecordEntry();
            first.RecordClosedTrade(Usd(-30));
            new DailyStateStore(storage, Key).Save(first.ToState());

            clock.Advance(TimeSpan.FromMinutes(1));
            var second = new DailyRiskTracker(new DailyLimitsOptions(), clock);
            second.Start(Usd(9_970), Usd(9_970), new DailyStateStore(storage, Key).Load());

            Assert.That(second.Status.TradesToday, Is.EqualTo(2));
            Assert.That(second.Status.LossStreak, Is.EqualTo(1));
            Assert.That(second.Status.StartBalance, Is.EqualTo(10_000));
            Assert.That(second.Status.CooldownUntilUtc, Is.EqualTo(FakeClock.Utc("2026-11-25T09:05:00Z")));
            Assert.That(second.Status.DayPnL, Is.EqualTo(-30));
        }

        [Test]
        public void Restart_WithCorruptRecord_HaltsInsteadOfFreshDay()
        {
            var storage = new InMemoryKeyValueStore();
            storage.Set(Key, "{\"schema\":\"perpguard.daily-state\",\"version\":1,\"day\":");
            var tracker = new DailyRiskTracker(new DailyLimitsOptions(), FakeClock.At("2026-11-25T09:00:00Z"));

            tracker.Start(Usd(10_000), Usd(10_000), new DailyStateStore(storage, Key).Load());

            Assert.That(tracker.State, Is.EqualTo(TradingState.Halted));
            Assert.That(tracker.Status.StateReason, Is.EqualTo(ReasonCode.CorruptState));
        }
    }
}
