using System;
using Newtonsoft.Json.Linq;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Persistence;
using PerpGuard.Risk.Rules;
using PerpGuard.Risk.Tests.Time;
using PerpGuard.Risk.Time;

namespace PerpGuard.Risk.Tests.Persistence
{
    /// <summary>The counted position ids in the saved day: written, read back, refused when unusable, read from older records.</summary>
    public class DailyStateCountedIdsTests
    {
        private const string Key = "PerpGuard.Test.BTCUSD.daily";

        // A record as builds before the ids wrote it (no countedPositionIds, no countedThroughUtc).
        private const string Older = "{\"schema\":\"perpguard.daily-state\",\"version\":1,\"day\":\"2026-11-25\",\"currency\":\"USD\"," +
            "\"startBalance\":10000.0,\"startEquity\":10000.0,\"initialBalance\":10000.0,\"tradesToday\":2,\"lossStreak\":1," +
            "\"cooldownUntilUtc\":\"2026-11-25T10:05:00.0000000Z\",\"state\":\"Active\",\"stateReason\":0,\"onHold\":false," +
            "\"savedAtUtc\":\"2026-11-25T10:00:00.0000000Z\"}";

        private static DailyState Sample(int[]? ids, DateTime? through) => new DailyState
        {
            Day = TradingDay.Parse("2026-11-25"),
            Currency = "USD",
            StartBalance = 10_000,
            StartEquity = 10_000,
            InitialBalance = 10_000,
            TradesToday = 3,
            LossStreak = 1,
            CooldownUntilUtc = FakeClock.Utc("2026-11-25T10:05:00Z"),
            State = TradingState.Active,
            StateReason = ReasonCode.None,
            SavedAtUtc = FakeClock.Utc("2026-11-25T10:00:00Z"),
            CountedPositionIds = ids,
            CountedThroughUtc = through,
        };

        [Test]
        public void SaveLoad_CountedIdsAndThrough_RoundTrip()
        {
            var storage = new InMemoryKeyValueStore();
            var store = new DailyStateStore(storage, Key);

            store.Save(Sample(new[] { 42, 7, int.MaxValue, 0 }, FakeClock.Utc("2026-11-25T08:30:00Z")));
            var load = store.Load();

            Assert.That(load.Status, Is.EqualTo(LoadStatus.Restored));
            Assert.That(load.State!.CountedPositionIds, Is.EqualTo(new[] { 42, 7, int.MaxValue, 0 }));
            Assert.That(load.State.CountedThroughUtc, Is.EqualTo(FakeClock.Utc("2026-11-25T08:30:00Z")));
            Assert.That(load.State.CountedThroughUtc!.Value.Kind, Is.EqualTo(DateTimeKind.Utc));
            Assert.That(storage.Get(Key), Does.EndWith(",\"countedPositionIds\":[42,7,2147483647,0],\"countedThroughUtc\":\"2026-11-25T08:30:00.0000000Z\"}"));
        }

        [Test]
        public void SaveLoad_EnteredIdsAndThrough_RoundTrip()
        {
            var storage = new InMemoryKeyValueStore();
            var store = new DailyStateStore(storage, Key);
            var state = Sample(new[] { 7 }, null);
            state.EnteredPositionIds = new[] { 7, 9 };
            state.EnteredThroughUtc = FakeClock.Utc("2026-11-25T08:30:00Z");

            store.Save(state);
            var load = store.Load();

            Assert.That(load.State!.EnteredPositionIds, Is.EqualTo(new[] { 7, 9 }));
            Assert.That(load.State.EnteredThroughUtc, Is.EqualTo(FakeClock.Utc("2026-11-25T08:30:00Z")));
            Assert.That(storage.Get(Key), Does.EndWith(",\"countedPositionIds\":[7],\"enteredPositionIds\":[7,9],\"enteredThroughUtc\":\"2026-11-25T08:30:00.0000000Z\"}"));
        }

        [Test]
        public void SaveLoad_NoIdsCountedYet_EmptyListKeptApartFromAnOlderRecord()
        {
            // An empty list means "nothing counted today" (replay every close of the day); no list means an older record.
            var storage = new InMemoryKeyValueStore();
            var store = new DailyStateStore(storage, Key);

            store.Save(Sample(new int[0], null));
            var load = store.Load();

            Assert.That(load.State!.CountedPositionIds, Is.EqualTo(new int[0]));
            Assert.That(load.State.CountedThroughUtc, Is.Null);
            Assert.That(storage.Get(Key), Does.EndWith("\"countedPositionIds\":[]}"));
        }

        [Test]
        public void Parse_OlderRecordWithoutIds_RestoredWithoutIds()
        {
            var load = DailyStateStore.Parse(Older);

            Assert.That(load.Status, Is.EqualTo(LoadStatus.Restored));
            Assert.That((load.State!.LossStreak, load.State.TradesToday, load.State.SavedAtUtc), Is.EqualTo((1, 2, FakeClock.Utc("2026-11-25T10:00:00Z"))));
            Assert.That(load.State.CountedPositionIds, Is.Null);
            Assert.That(load.State.CountedThroughUtc, Is.Null);
            Assert.That((load.State.EnteredPositionIds, load.State.EnteredThroughUtc), Is.EqualTo(((int[]?)null, (DateTime?)null)));
        }

        [Test]
        public void Serialize_StateWithoutIds_TheOlderRecordByteForByte()
        {
            var state = DailyStateStore.Parse(Older).State!;

            Assert.That(DailyStateStore.Serialize(state), Is.EqualTo(Older));
        }

        [TestCase("countedPositionIds", "7", "not a list")]
        [TestCase("countedPositionIds", "[1.5]", "not a whole number")]
        [TestCase("countedPositionIds", "[\"7\"]", "not a whole number")]
        [TestCase("countedPositionIds", "[99999999999]", "unusable")]
        [TestCase("countedThroughUtc", "\"yesterday\"", "time")]
        [TestCase("countedThroughUtc", "5", "time")]
        [TestCase("enteredPositionIds", "{}", "entered position ids are not a list")]
        [TestCase("enteredPositionIds", "[true]", "entered position id is not a whole number")]
        [TestCase("enteredThroughUtc", "\"2026-11-25\"", "time")]
        public void Parse_BadCountedField_IsCorruptNamingIt(string field, string value, string problem)
        {
            JObject json;
            using (var reader = new Newtonsoft.Json.JsonTextReader(new System.IO.StringReader(Older)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None })
            {
                json = JObject.Load(reader);
            }

            json[field] = JToken.Parse(value);

            var load = DailyStateStore.Parse(json.ToString(Newtonsoft.Json.Formatting.None));

            Assert.That(load.Status, Is.EqualTo(LoadStatus.Corrupt));
            Assert.That(load.Problem, Does.Contain(problem));
        }

        [Test]
        public void Write_StateWithIds_AllocatesOnlyTheString()
        {
            // The writer appends the ids into its reused buffer: per save the only allocation is the final string, as much
            // as copying that string once costs.
            var writer = new DailyStateJsonWriter();
            var state = Sample(new int[DailyRiskTracker.MaxCountedPositionIds], FakeClock.Utc("2026-11-25T08:30:00Z"));
            for (var i = 0; i < state.CountedPositionIds!.Length; i++)
            {
                state.CountedPositionIds[i] = 1_000_000_000 + i;
            }

            // Two writes first: the buffer grows past its first 512 characters once, and the next clear joins its chunks once.
            writer.Write(state);
            var warm = writer.Write(state);
            var before = GC.GetAllocatedBytesForCurrentThread();
            var text = writer.Write(state);
            var written = GC.GetAllocatedBytesForCurrentThread() - before;
            before = GC.GetAllocatedBytesForCurrentThread();
            var copy = new string(text.AsSpan());
            var copied = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.That(text, Is.EqualTo(warm));
            Assert.That(copy, Is.EqualTo(text));
            Assert.That(written, Is.EqualTo(copied));
            // 500 ids of 10 digits and their commas: the record stays near 5.6 KB.
            Assert.That(text.Length, Is.LessThan(6_000));
        }
    }
}
