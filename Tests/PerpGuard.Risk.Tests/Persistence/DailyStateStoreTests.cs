using System;
using System.IO;
using FsCheck;
using FsCheck.Fluent;
using Moq;
using Newtonsoft.Json.Linq;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Persistence;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Rules;
using PerpGuard.Risk.Tests.Time;
using PerpGuard.Risk.Time;
using PerpGuard.Tests.Common;

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

        // The record exactly as the store wrote it before the direct writer (a Newtonsoft JObject):
        // the fast path must keep saved files byte-identical, so old and new builds read each other.
        private static string ReferenceJObject(DailyState state)
        {
            var json = new JObject
            {
                ["schema"] = DailyStateStore.Schema,
                ["version"] = DailyState.CurrentVersion,
                ["day"] = state.Day.ToString(),
                ["currency"] = state.Currency,
                ["startBalance"] = state.StartBalance,
                ["startEquity"] = state.StartEquity,
                ["initialBalance"] = state.InitialBalance,
                ["tradesToday"] = state.TradesToday,
                ["lossStreak"] = state.LossStreak,
                ["cooldownUntilUtc"] = DailyStateStore.Iso(state.CooldownUntilUtc),
                ["state"] = state.State.ToString(),
                ["stateReason"] = (int)state.StateReason,
                ["onHold"] = state.OnHold,
                ["savedAtUtc"] = DailyStateStore.Iso(state.SavedAtUtc),
            };

            // The fields added later, written only when the state has them (a state without them: the earlier record).
            if (state.CountedPositionIds is not null)
            {
                json["countedPositionIds"] = new JArray(state.CountedPositionIds);
            }

            if (state.CountedThroughUtc is { } through)
            {
                json["countedThroughUtc"] = DailyStateStore.Iso(through);
            }

            if (state.EnteredPositionIds is not null)
            {
                json["enteredPositionIds"] = new JArray(state.EnteredPositionIds);
            }

            if (state.EnteredThroughUtc is { } entered)
            {
                json["enteredThroughUtc"] = DailyStateStore.Iso(entered);
            }

            return json.ToString(Newtonsoft.Json.Formatting.None);
        }

        [Test]
        public void Serialize_AnyState_SameTextAsNewtonsoftJObject()
        {
            var amounts = Gen.OneOf(
                Gen.Choose(-1_000_000, 1_000_000).Select(i => (double)i),
                Gen.Choose(-100_000_000, 100_000_000).Select(i => i / 100.0),
                ArbMap.Default.GeneratorFor<NormalFloat>().Select(f => f.Get),
                Gen.Elements(0.0, -0.0, 1e-7, 1e21, 123456789012.345, double.NaN, double.PositiveInfinity, double.NegativeInfinity));
            var currencies = Gen.OneOf(
                Gen.Elements("USD", "USDT", string.Empty, "EUR\"quoted\"", "back\\slash", "tab\tnew\nline", "\u0001\u001f\u0085\u2028\u2029", "é€"),
                ArbMap.Default.GeneratorFor<string>().Where(t => t is not null));
            var times = Gen.Choose(0, int.MaxValue).Select(s => new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(s).AddTicks(s % 9_999_999));
            var states = from day in Gen.Choose(0, 20_000)
                         from currency in currencies
                         from a in amounts
                         from b in amounts
                         from c in amounts
                         from trades in Gen.Choose(0, 500)
                         from streak in Gen.Choose(0, 50)
                         from cooldown in times
                         from saved in times
                         from state in Gen.Elements(TradingState.Active, TradingState.Reducing, TradingState.Halted)
                         from reason in Gen.Elements((ReasonCode[])Enum.GetValues(typeof(ReasonCode)))
                         from hold in ArbMap.Default.GeneratorFor<bool>()
                         from ids in Gen.OneOf(Gen.Constant((int[]?)null), ArbMap.Default.GeneratorFor<int[]>().Select(a => (int[]?)a))
                         from through in Gen.OneOf(Gen.Constant((DateTime?)null), times.Select(t => (DateTime?)t))
                         from entered in Gen.OneOf(Gen.Constant((int[]?)null), ArbMap.Default.GeneratorFor<int[]>().Select(a => (int[]?)a))
                         from enteredThrough in Gen.OneOf(Gen.Constant((DateTime?)null), times.Select(t => (DateTime?)t))
                         select new DailyState
                         {
                             Day = new TradingDay(new DateOnly(2000, 1, 1).AddDays(day)),
                             Currency = currency,
                             StartBalance = a,
                             StartEquity = b,
                             InitialBalance = c,
                             TradesToday = trades,
                             LossStreak = streak,
                             CooldownUntilUtc = cooldown,
                             State = state,
                             StateReason = reason,
                             OnHold = hold,
                             SavedAtUtc = saved,
                             CountedPositionIds = ids,
                             CountedThroughUtc = through,
                             EnteredPositionIds = entered,
                             EnteredThroughUtc = enteredThrough,
                         };

            Prop.ForAll(states.ToArbitrary(), s => DailyStateStore.Serialize(s) == ReferenceJObject(s)).Check(PropertyBudget.Config);
        }

        [Test]
        public void Save_TwoStatesInARow_EachStoredWithItsOwnValues()
        {
            // The store reuses one text buffer: the second save must not leak into (or keep) the first one's text.
            var saved = new InMemoryKeyValueStore();
            var states = new DailyStateStore(saved, Key);
            var first = Sample();
            var second = Sample();
            second.TradesToday = 5;
            second.Currency = "EUR";

            states.Save(first);
            var firstText = saved.Get(Key);
            states.Save(second);

            Assert.That(firstText, Is.EqualTo(ReferenceJObject(first)));
            Assert.That(saved.Get(Key), Is.EqualTo(ReferenceJObject(second)));
            Assert.That(states.Load().State!.TradesToday, Is.EqualTo(5));
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
