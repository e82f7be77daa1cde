using System;
using System.IO;
using cAlgo.API;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.Runtime;

namespace PerpGuard.Headless.Tests
{
    /// <summary>
    /// LocalStorage scopes as cTrader documents them (help.ctrader.com, LocalStorageScope): Instance — "accessed only by a
    /// specific running instance"; Type — "by all running instances" of the type. The stand-in keeps a restarted
    /// instance's Instance data (one file per type) unless it is started as a new instance.
    /// </summary>
    public class LocalStorageScopeTests
    {
        private string _dir = string.Empty;

        [SetUp]
        public void SetUp()
        {
            _dir = Path.Combine(Path.GetTempPath(), "perpguard-scope-storage-" + Guid.NewGuid().ToString("N"));
        }

        [TearDown]
        public void TearDown()
        {
            if (Directory.Exists(_dir))
            {
                Directory.Delete(_dir, true);
            }
        }

        [Test]
        public void TypeScope_TwoInstancesInOneRunWriteOwnKeys_BothKeptAfterTheRun()
        {
            // Two instances of one type each save their own key, flushed when the run stops: the second write must not
            // erase the first instance's key (it wrote the whole file it had read before the first one's write).
            var result = new BacktestEngine(TestBars.Options(TestBars.Six(), storage: _dir))
                .Run(AlgoSpec.Of<TypeNoteRobot>(new System.Collections.Generic.Dictionary<string, string> { ["Note"] = "a" }),
                     AlgoSpec.Of<TypeNoteRobot>(new System.Collections.Generic.Dictionary<string, string> { ["Note"] = "b" }));
            Assert.That(result.Errors, Is.Empty);

            var reader = new FileLocalStorage(_dir, nameof(TypeNoteRobot), "reader");
            Assert.That((reader.GetString("note a", LocalStorageScope.Type), reader.GetString("note b", LocalStorageScope.Type)), Is.EqualTo(("a", "b")));
        }

        /// <summary>
        /// help.ctrader.com, LocalStorage.SetString/GetString: "max length for keys is 50 characters, and only
        /// alphanumeric and space characters are allowed, you can only use space in the middle of key".
        /// </summary>
        [TestCase("PerpGuard.Scalper.daily-state")]
        [TestCase(" leading space")]
        [TestCase("trailing space ")]
        [TestCase("a23456789012345678901234567890123456789012345678901")]
        public void SetString_KeyOutsideTheDocumentedForm_Refused(string key)
        {
            var storage = new FileLocalStorage(_dir, "Bot", "Bot-1");

            Assert.That(() => storage.SetString(key, "x", LocalStorageScope.Instance), Throws.ArgumentException);
            Assert.That(() => storage.GetString(key, LocalStorageScope.Instance), Throws.ArgumentException);
        }

        [TestCase("Last Signal")]
        [TestCase("a2345678901234567890123456789012345678901234567890")]
        public void SetString_DocumentedKey_Kept(string key)
        {
            var storage = new FileLocalStorage(_dir, "Bot", "Bot-1");

            storage.SetString(key, "x", LocalStorageScope.Instance);

            Assert.That(storage.GetString(key, LocalStorageScope.Instance), Is.EqualTo("x"));
        }

        [Test]
        public void StartAsNewInstance_AfterAnotherInstanceSaved_OwnEmptyInstanceScopeSharedTypeScope()
        {
            var first = new FileLocalStorage(_dir, "Bot", "Bot-1");
            first.SetString("day", "halted", LocalStorageScope.Instance);
            first.SetString("day", "halted", LocalStorageScope.Type);
            first.Flush(LocalStorageScope.Instance);
            first.Flush(LocalStorageScope.Type);

            var added = new FileLocalStorage(_dir, "Bot", "Bot-2");
            added.StartAsNewInstance();
            var restarted = new FileLocalStorage(_dir, "Bot", "Bot-1");

            Assert.That(added.GetString("day", LocalStorageScope.Instance), Is.Null, "a new instance sees no other instance's data");
            Assert.That(added.GetString("day", LocalStorageScope.Type), Is.EqualTo("halted"));
            Assert.That(restarted.GetString("day", LocalStorageScope.Instance), Is.EqualTo("halted"), "a restart of the same instance keeps its own");
        }

        [Test]
        public void Reload_AnotherInstanceFlushedAKey_SeenAndOwnUnflushedChangeKept()
        {
            var mine = new FileLocalStorage(_dir, "Bot", "Bot-1");
            Assert.That(mine.GetString("theirs", LocalStorageScope.Type), Is.Null);
            mine.SetString("mine", "1", LocalStorageScope.Type);
            var theirs = new FileLocalStorage(_dir, "Bot", "Bot-2");
            theirs.SetString("theirs", "2", LocalStorageScope.Type);
            theirs.Flush(LocalStorageScope.Type);

            mine.Reload(LocalStorageScope.Type);
            mine.Flush(LocalStorageScope.Type);

            var reader = new FileLocalStorage(_dir, "Bot", "reader");
            Assert.That((mine.GetString("theirs", LocalStorageScope.Type), mine.GetString("mine", LocalStorageScope.Type)), Is.EqualTo(("2", "1")));
            Assert.That((reader.GetString("theirs", LocalStorageScope.Type), reader.GetString("mine", LocalStorageScope.Type)), Is.EqualTo(("2", "1")));
        }

        [Test]
        public void Remove_KeyAnotherInstanceKeeps_RemovedOnlyForTheRemovedKey()
        {
            var a = new FileLocalStorage(_dir, "Bot", "Bot-1");
            a.SetString("x", "1", LocalStorageScope.Type);
            a.SetString("y", "1", LocalStorageScope.Type);
            a.Flush(LocalStorageScope.Type);
            var b = new FileLocalStorage(_dir, "Bot", "Bot-2");
            Assert.That(b.GetString("x", LocalStorageScope.Type), Is.EqualTo("1"));
            a.SetString("y", "2", LocalStorageScope.Type);
            a.Flush(LocalStorageScope.Type);

            b.Remove("x", LocalStorageScope.Type);
            b.Flush(LocalStorageScope.Type);

            var reader = new FileLocalStorage(_dir, "Bot", "reader");
            Assert.That((reader.GetString("x", LocalStorageScope.Type), reader.GetString("y", LocalStorageScope.Type)), Is.EqualTo(((string?)null, "2")));
        }

        public class TypeNoteRobot : Robot
        {
            [Parameter("Note", DefaultValue = "")]
            public string Note { get; set; } = string.Empty;

            protected override void OnStart() => LocalStorage.SetString("note " + Note, Note, LocalStorageScope.Type);
        }
    }
}
