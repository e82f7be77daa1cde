using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Moq;
using PerpGuard.Risk.Journal;
using PerpGuard.Risk.Persistence;
using PerpGuard.Risk.Tests.Time;

namespace PerpGuard.Risk.Tests.Journal
{
    public class JournalStoreTests
    {
        private const string Prefix = "PerpGuard.Test.journal";

        private static NoteEvent Note(string utc, string text) => new NoteEvent { AtUtc = FakeClock.Utc(utc), Text = text };

        [Test]
        public void Append_TwoDays_OneChunkPerDayListedInTheIndex()
        {
            var storage = new InMemoryKeyValueStore();
            var journal = new JournalStore(storage, Prefix);

            journal.Append(Note("2026-11-25T23:59:00Z", "a"));
            journal.Append(Note("2026-11-25T23:59:30Z", "b"));
            journal.Append(Note("2026-11-26T00:00:10Z", "c"));

            Assert.That(journal.Chunks, Is.EqualTo(new[] { Prefix + ".2026-11-25.0", Prefix + ".2026-11-26.0" }));
            Assert.That(storage.Get(Prefix + ".index"), Does.Contain("\"schema\":\"perpguard.journal-index\""));
            Assert.That(storage.Get(Prefix + ".2026-11-25.0")!.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(2));
        }

        [Test]
        public void ReadAll_AfterRestart_ReturnsEveryEventInOrderAndAppendsContinue()
        {
            var storage = new InMemoryKeyValueStore();
            var first = new JournalStore(storage, Prefix);
            first.Append(Note("2026-11-25T10:00:00Z", "a"));
            first.Append(Note("2026-11-25T11:00:00Z", "b"));

            var second = new JournalStore(storage, Prefix);
            second.Append(Note("2026-11-25T12:00:00Z", "c"));
            second.Append(JournalRecordTests.Example());

            var all = new JournalStore(storage, Prefix).ReadAll();
            Assert.That(all.IsClean, Is.True);
            Assert.That(all.Events.OfType<NoteEvent>().Select(n => n.Text), Is.EqualTo(new[] { "a", "b", "c" }));
            Assert.That(all.Events[^1], Is.TypeOf<TradeClosedEvent>());
            Assert.That(second.Chunks, Has.Count.EqualTo(1));
        }

        [Test]
        public void Append_PastChunkSize_RollsIntoNumberedChunksOfTheSameDay()
        {
            var storage = new InMemoryKeyValueStore();
            var journal = new JournalStore(storage, Prefix, maxChunkChars: 1024);

            for (var i = 0; i < 30; i++)
            {
                journal.Append(Note("2026-11-25T10:00:00Z", new string('x', 100)));
            }

            Assert.That(journal.Chunks.Count, Is.GreaterThan(2));
            Assert.That(journal.Chunks[1], Is.EqualTo(Prefix + ".2026-11-25.1"));
            Assert.That(journal.Chunks.All(k => storage.Get(k)!.Length <= 1024), Is.True);
            Assert.That(journal.ReadAll().Events, Has.Count.EqualTo(30));
        }

        [Test]
        public void Append_NewChunk_WritesIndexBeforeTheChunk()
        {
            var store = new Mock<IKeyValueStore>(MockBehavior.Strict);
            var order = new List<string>();
            store.Setup(s => s.Get(It.IsAny<string>())).Returns((string?)null);
            store.Setup(s => s.Set(It.IsAny<string>(), It.IsAny<string>())).Callback<string, string>((k, _) => order.Add(k));

            new JournalStore(store.Object, Prefix).Append(Note("2026-11-25T10:00:00Z", "a"));

            Assert.That(order, Is.EqualTo(new[] { Prefix + ".index", Prefix + ".2026-11-25.0" }));
        }

        [Test]
        public void ReadAll_CorruptIndex_KeptAsideAndReported()
        {
            var storage = new InMemoryKeyValueStore();
            storage.Set(Prefix + ".index", "{oops");

            var journal = new JournalStore(storage, Prefix);
            journal.Append(Note("2026-11-25T10:00:00Z", "after"));
            var all = journal.ReadAll();

            Assert.That(storage.Get(Prefix + ".index.corrupt"), Is.EqualTo("{oops"));
            Assert.That(all.Problems.Single(), Does.Contain("unreadable"));
            Assert.That(all.Events, Has.Count.EqualTo(1));
        }

        [Test]
        public void Append_CorruptIndexWithTodaysChunkStored_KeepsTheOldChunk()
        {
            // Before the index went bad, today's chunk ".2026-11-25.0" held one event ("before").
            // The new index starts empty, so the store must not reuse ".0": by hand, the old chunk
            // still holds "before" and the new event "after" goes to ".1" (nothing lost).
            var storage = new InMemoryKeyValueStore();
            new JournalStore(storage, Prefix).Append(Note("2026-11-25T09:00:00Z", "before"));
            var oldChunk = storage.Get(Prefix + ".2026-11-25.0");
            storage.Set(Prefix + ".index", "{oops");

            var journal = new JournalStore(storage, Prefix);
            journal.Append(Note("2026-11-25T10:00:00Z", "after"));

            Assert.That(storage.Get(Prefix + ".2026-11-25.0"), Is.EqualTo(oldChunk));
            Assert.That(journal.Chunks, Is.EqualTo(new[] { Prefix + ".2026-11-25.1" }));
            Assert.That(journal.ReadAll().Events.OfType<NoteEvent>().Select(n => n.Text), Is.EqualTo(new[] { "after" }));
        }

        [Test]
        public void ReadAll_ListedChunkMissing_IsSkipped()
        {
            var storage = new InMemoryKeyValueStore();
            storage.Set(Prefix + ".index", "{\"schema\":\"perpguard.journal-index\",\"version\":1,\"chunks\":[\"" + Prefix + ".2026-11-24.0\"]}");

            Assert.That(new JournalStore(storage, Prefix).ReadAll().Events, Is.Empty);
        }

        [Test]
        public void ExportJsonLines_TwoEvents_TwoLines()
        {
            var journal = new JournalStore(new InMemoryKeyValueStore(), Prefix);
            journal.Append(Note("2026-11-25T10:00:00Z", "a"));
            journal.Append(JournalRecordTests.Example());
            var writer = new StringWriter();

            journal.ExportJsonLines(writer);

            var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.That(lines, Has.Length.EqualTo(2));
            Assert.That(lines[1], Does.Contain("\"kind\":\"TradeClosed\""));
        }

        [Test]
        public void Append_OverFileStore_SurvivesANewProcess()
        {
            var folder = Path.Combine(Path.GetTempPath(), "perpguard-journal-" + Guid.NewGuid().ToString("N"));
            try
            {
                new JournalStore(new FileKeyValueStore(folder), Prefix).Append(JournalRecordTests.Example());

                var read = new JournalStore(new FileKeyValueStore(folder), Prefix).ReadAll();

                Assert.That(((TradeClosedEvent)read.Events.Single()).NetProfit, Is.EqualTo(142.868325).Within(1e-9));
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }
    }
}
