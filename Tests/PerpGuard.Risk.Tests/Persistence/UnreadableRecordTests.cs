using System;
using System.Linq;
using Moq;
using Newtonsoft.Json.Linq;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Journal;
using PerpGuard.Risk.Persistence;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Rules;
using PerpGuard.Risk.Tests.Time;

namespace PerpGuard.Risk.Tests.Persistence
{
    /// <summary>
    /// A stored record that cannot be read or used (docs/persistence.md): never an exception at start, always the
    /// record's problem named, its text kept aside under "&lt;key&gt;.unreadable" (never written over), and for the day a
    /// halt that blocks entries without closing positions.
    /// </summary>
    public class UnreadableRecordTests
    {
        private const string Day = "daily-state";
        private const string Plans = "position-plans";
        private const string Breach = "open-at-breach";

        private static Money Usd(double amount) => new Money(amount, "USD");

        private static string ValidDay(string field, string json)
        {
            var text = DailyStateStore.Serialize(new DailyState
            {
                Day = PerpGuard.Risk.Time.TradingDay.Parse("2026-11-25"),
                Currency = "USD",
                StartBalance = 10_000,
                StartEquity = 10_000,
                InitialBalance = 10_000,
                State = TradingState.Active,
                CooldownUntilUtc = FakeClock.Utc("2026-11-25T00:00:00Z"),
                SavedAtUtc = FakeClock.Utc("2026-11-25T09:00:00Z"),
            });

            // Times kept as the strings they are (JObject.Parse would turn them into dates).
            using var reader = new Newtonsoft.Json.JsonTextReader(new System.IO.StringReader(text)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
            var record = JObject.Load(reader);
            record[field] = JToken.Parse(json);
            return record.ToString(Newtonsoft.Json.Formatting.None);
        }

        // Each a value Newtonsoft reads as JSON but that a cast on it throws for: an object where a string goes, a whole
        // number beyond int. Before, these escaped Parse (ArgumentException, OverflowException) and stopped the bot at start.
        [TestCase("schema", "{}")]
        [TestCase("version", "99999999999")]
        [TestCase("currency", "[1]")]
        [TestCase("tradesToday", "99999999999")]
        [TestCase("stateReason", "99999999999")]
        [TestCase("cooldownUntilUtc", "{\"at\":1}")]
        public void DailyParse_FieldOfWrongTypeOrRange_CorruptNotThrown(string field, string json)
        {
            DailyStateLoad? load = null;

            Assert.That(() => load = DailyStateStore.Parse(ValidDay(field, json)), Throws.Nothing);
            Assert.That(load!.Status, Is.EqualTo(LoadStatus.Corrupt));
            Assert.That(load.Problem, Does.StartWith("The saved daily state"));
        }

        // Impossible numbers: an account's balance or equity at the day's start is never negative, and a reason code
        // the build does not know (a newer version's, or noise) names no state.
        [TestCase("startBalance", "-10000.0", "negative")]
        [TestCase("startEquity", "-0.5", "negative")]
        [TestCase("initialBalance", "-1.0", "negative")]
        [TestCase("stateReason", "999", "not a known reason code")]
        public void DailyParse_ImpossibleNumber_CorruptNamingIt(string field, string json, string problem)
        {
            var load = DailyStateStore.Parse(ValidDay(field, json));

            Assert.That(load.Status, Is.EqualTo(LoadStatus.Corrupt));
            Assert.That(load.Problem, Does.Contain(problem));
        }

        [Test]
        public void DailyParse_ValidRecord_Restored()
        {
            // The reference the cases above differ from by one field.
            Assert.That(DailyStateStore.Parse(ValidDay("tradesToday", "3")).Status, Is.EqualTo(LoadStatus.Restored));
        }

        [Test]
        public void DailyLoad_StoreThrowsAnyException_CorruptNamingTheKey()
        {
            // cTrader reports storage errors as LocalStorageException (not an IOException): any failure of the read counts.
            var store = new Mock<IKeyValueStore>();
            store.Setup(s => s.Get(Day)).Throws(new InvalidOperationException("storage file unreadable"));

            DailyStateLoad? load = null;
            Assert.That(() => load = new DailyStateStore(store.Object, Day).Load(), Throws.Nothing);

            Assert.That(load!.Status, Is.EqualTo(LoadStatus.Corrupt));
            Assert.That(load.Problem, Is.EqualTo("The daily state 'daily-state' could not be read (storage file unreadable)."));
        }

        [Test]
        public void DailyLoad_NotJson_KeptAsideAndNotLostBySavesAfter()
        {
            var storage = new InMemoryKeyValueStore();
            storage.Set(Day, "{\"schema\":\"perpguard.daily-state\",\"version\":1,\"day\":");
            var states = new DailyStateStore(storage, Day);

            var load = states.Load();
            var tracker = new DailyRiskTracker(new DailyLimitsOptions(), FakeClock.At("2026-11-25T09:00:00Z"));
            tracker.Start(Usd(10_000), Usd(10_000), load);
            states.Save(tracker.ToState());
            states.Save(tracker.ToState());

            Assert.That(load.Status, Is.EqualTo(LoadStatus.Corrupt));
            Assert.That(load.Problem, Does.EndWith("Its text is kept under 'daily-state.unreadable'."));
            Assert.That(storage.Get(Day + ".unreadable"), Is.EqualTo("{\"schema\":\"perpguard.daily-state\",\"version\":1,\"day\":"));
            Assert.That(new DailyStateStore(storage, Day).Load().State!.State, Is.EqualTo(TradingState.Halted), "the halted day saved over it");
        }

        [Test]
        public void DailyLoad_AsideKeyHoldsAnEarlierRecord_NextKeyUsedEarlierKept()
        {
            var storage = new InMemoryKeyValueStore();
            storage.Set(Day + ".unreadable", "earlier");
            storage.Set(Day, "later");

            var load = new DailyStateStore(storage, Day).Load();

            Assert.That(load.Problem, Does.EndWith("Its text is kept under 'daily-state.unreadable.2'."));
            Assert.That(storage.Get(Day + ".unreadable"), Is.EqualTo("earlier"));
            Assert.That(storage.Get(Day + ".unreadable.2"), Is.EqualTo("later"));
        }

        [Test]
        public void DailyLoad_SameUnreadableTextTwice_KeptOnce()
        {
            // A bot that could not save after the first start (storage refusing writes) reads the same text again.
            var storage = new InMemoryKeyValueStore();
            storage.Set(Day, "garbage");
            new DailyStateStore(storage, Day).Load();

            var again = new DailyStateStore(storage, Day).Load();

            Assert.That(again.Problem, Does.EndWith("kept under 'daily-state.unreadable'."));
            Assert.That(storage.Get(Day + ".unreadable.2"), Is.Null);
        }

        [Test]
        public void DailyLoad_EveryAsideKeyTaken_SaysSoAndWritesOverNone()
        {
            var storage = new InMemoryKeyValueStore();
            storage.Set(Day + ".unreadable", "1");
            for (var n = 2; n <= 9; n++)
            {
                storage.Set(Day + ".unreadable." + n, n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            storage.Set(Day, "garbage");

            var load = new DailyStateStore(storage, Day).Load();

            Assert.That(load.Problem, Does.Contain("could not be kept"));
            Assert.That(storage.Get(Day + ".unreadable"), Is.EqualTo("1"));
            Assert.That(storage.Get(Day + ".unreadable.9"), Is.EqualTo("9"));
        }

        [Test]
        public void PlansSave_FirstSaveOverUnusableRecordNeverRead_KeepsItAside()
        {
            // A bot with nothing to adopt never reads its plans; its first save must not erase the evidence.
            var storage = new InMemoryKeyValueStore();
            storage.Set(Plans, "{\"schema\":\"perpguard.position-plans\",\"version\":1,\"plans\":[{\"id\":\"x\"}]}");
            var plans = new PositionPlanStore(storage, Plans);

            plans.Save(new[] { new PositionPlan(7, 60_000, 59_000, 100) });
            plans.Save(new[] { new PositionPlan(8, 60_000, 59_000, 100) });

            Assert.That(storage.Get(Plans + ".unreadable"), Is.EqualTo("{\"schema\":\"perpguard.position-plans\",\"version\":1,\"plans\":[{\"id\":\"x\"}]}"));
            Assert.That(storage.Get(Plans + ".unreadable.2"), Is.Null, "checked once, at the first save");
            Assert.That(plans.Load().Plans.Keys, Is.EqualTo(new[] { 8 }));
        }

        [Test]
        public void PlansSave_FirstSaveOverUsableRecord_NothingKeptAside()
        {
            var storage = new InMemoryKeyValueStore();
            new PositionPlanStore(storage, Plans).Save(new[] { new PositionPlan(7, 60_000, 59_000, 100) });

            new PositionPlanStore(storage, Plans).Save(new[] { new PositionPlan(8, 60_000, 59_000, 100) });

            Assert.That(storage.Get(Plans + ".unreadable"), Is.Null);
        }

        [Test]
        public void PlansParse_IdBeyondInt_CorruptNotThrown()
        {
            const string Text = "{\"schema\":\"perpguard.position-plans\",\"version\":1,\"plans\":[{\"id\":99999999999,\"entry\":60000.0,\"initialStop\":59000.0,\"plannedRisk\":100.0}]}";
            PositionPlanLoad? load = null;

            Assert.That(() => load = PositionPlanStore.Parse(Text), Throws.Nothing);
            Assert.That((load!.Status, load.Plans.Count), Is.EqualTo((LoadStatus.Corrupt, 0)));
        }

        [Test]
        public void PlansLoad_Unusable_CorruptKeptAsideNamingTheKey()
        {
            var storage = new InMemoryKeyValueStore();
            storage.Set(Plans, "{\"schema\":{}}");

            var load = new PositionPlanStore(storage, Plans).Load();

            Assert.That(load.Status, Is.EqualTo(LoadStatus.Corrupt));
            Assert.That(load.Problem, Does.StartWith("The saved position plans are unusable").And.EndWith("kept under 'position-plans.unreadable'."));
            Assert.That(storage.Get(Plans + ".unreadable"), Is.EqualTo("{\"schema\":{}}"));
        }

        [TestCase("\"positionIds\":[99999999999]")]
        [TestCase("\"positionIds\":[1],\"day\":\"2022-01-03\",\"atUtc\":{}")]
        public void BreachParse_FieldOfWrongTypeOrRange_NullWithProblemNotThrown(string fields)
        {
            var text = "{\"schema\":\"perpguard.open-at-breach\",\"version\":1,\"day\":\"2022-01-03\",\"state\":\"Halted\",\"atUtc\":\"2022-01-03T10:04:00.0000000Z\"," + fields + "}";
            string? problem = null;

            Assert.That(() => OpenAtBreachStore.Parse(text, out problem), Throws.Nothing);
            Assert.That(OpenAtBreachStore.Parse(text, out problem), Is.Null);
            Assert.That(problem, Does.StartWith("The saved open-at-breach record"));
        }

        [Test]
        public void BreachParse_StateNeitherHaltedNorReducing_NullWithProblem()
        {
            var text = "{\"schema\":\"perpguard.open-at-breach\",\"version\":1,\"day\":\"2022-01-03\",\"state\":\"Active\",\"atUtc\":\"2022-01-03T10:04:00.0000000Z\",\"positionIds\":[1]}";

            Assert.That(OpenAtBreachStore.Parse(text, out var problem), Is.Null);
            Assert.That(problem, Does.Contain("neither Halted nor Reducing"));
        }

        [Test]
        public void BreachLoad_Unusable_ProblemNamesTheKeyWhereItIsKept()
        {
            var storage = new InMemoryKeyValueStore();
            storage.Set(Breach, "not json");

            var record = new OpenAtBreachStore(storage, Breach).Load(out var problem);

            Assert.That(record, Is.Null);
            Assert.That(problem, Does.EndWith("Its text is kept under 'open-at-breach.unreadable'."));
            Assert.That(storage.Get(Breach + ".unreadable"), Is.EqualTo("not json"));
        }

        [Test]
        public void BreachSave_FirstSaveOverUnusableRecordNeverRead_KeepsItAside()
        {
            // A day that started Active never reads the record; the turn's save must not erase the old one's evidence.
            var storage = new InMemoryKeyValueStore();
            storage.Set(Breach, "not json");

            new OpenAtBreachStore(storage, Breach).Save(new OpenAtBreach("2022-01-03", "Halted", new DateTime(2022, 1, 3, 10, 4, 0, DateTimeKind.Utc), new[] { 1 }));

            Assert.That(storage.Get(Breach + ".unreadable"), Is.EqualTo("not json"));
        }

        [Test]
        public void ShouldFlatten_HaltedAsUnknownDay_FalseButHaltedForEntries()
        {
            // "Flatten on halt" is for a breach; a day halted because its record is unreadable is no breach: closing
            // positions would be a trade on an unknown state. No entries; the positions keep their stops.
            var tracker = new DailyRiskTracker(new DailyLimitsOptions { FlattenOnHalt = true }, FakeClock.At("2026-11-25T09:00:00Z"));

            tracker.Start(Usd(10_000), Usd(10_000), DailyStateLoad.Corrupt("unreadable"));

            Assert.That((tracker.State, tracker.Status.StateReason), Is.EqualTo((TradingState.Halted, ReasonCode.CorruptState)));
            Assert.That(tracker.ShouldFlatten, Is.False);
        }

        [Test]
        public void ShouldFlatten_HaltedAtTheLossLimit_True()
        {
            // Default limit 2 % of the 10,000 start: equity 9,800 is the breach.
            var tracker = new DailyRiskTracker(new DailyLimitsOptions { FlattenOnHalt = true }, FakeClock.At("2026-11-25T09:00:00Z"));
            tracker.Start(Usd(10_000), Usd(10_000));

            tracker.Update(Usd(10_000), Usd(9_800));

            Assert.That((tracker.State, tracker.Status.StateReason), Is.EqualTo((TradingState.Halted, ReasonCode.DailyLossLimit)));
            Assert.That(tracker.ShouldFlatten, Is.True);
        }

        [Test]
        public void JournalAppend_IndexReadThrows_NewIndexStartedAndReported()
        {
            // The journal's first read is the bot's first write of the run: a storage error there must not stop the start.
            var inner = new InMemoryKeyValueStore();
            var store = new Mock<IKeyValueStore>();
            var calls = 0;
            store.Setup(s => s.Get(It.IsAny<string>())).Returns((string key) => calls++ == 0 ? throw new InvalidOperationException("scope unreadable") : inner.Get(key));
            store.Setup(s => s.Set(It.IsAny<string>(), It.IsAny<string>())).Callback((string key, string value) => inner.Set(key, value));
            var journal = new JournalStore(store.Object, "journal");

            Assert.That(() => journal.Append(new NoteEvent { AtUtc = FakeClock.Utc("2026-11-25T10:00:00Z"), Text = "started" }), Throws.Nothing);

            Assert.That(journal.Problems.Single(), Is.EqualTo("The journal index 'journal.index' could not be read (scope unreadable); a new index was started."));
            Assert.That(new JournalStore(inner, "journal").ReadAll().Events.OfType<NoteEvent>().Single().Text, Is.EqualTo("started"));
        }
    }
}
