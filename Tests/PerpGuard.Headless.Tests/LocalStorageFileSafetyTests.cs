using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using cAlgo.API;
using PerpGuard.Headless.Runtime;

namespace PerpGuard.Headless.Tests
{
    /// <summary>
    /// The stand-in's LocalStorage files (docs/persistence.md): a file corrupted outside the platform is moved aside and
    /// reported, its scope's first read raises cTrader's LocalStorageException, and writers in different processes (here:
    /// separate instances with their own memory, as two processes have) never lose each other's keys.
    /// </summary>
    public class LocalStorageFileSafetyTests
    {
        private string _dir = string.Empty;

        [SetUp]
        public void SetUp()
        {
            _dir = Path.Combine(Path.GetTempPath(), "perpguard-file-safety-" + Guid.NewGuid().ToString("N"));
        }

        [TearDown]
        public void TearDown()
        {
            if (Directory.Exists(_dir))
            {
                Directory.Delete(_dir, true);
            }
        }

        private string TypeFile => Path.Combine(_dir, "type", "Bot.json");

        // One key set and flushed in the Type scope: a bot's save.
        private static void WriteType(FileLocalStorage storage, string key, string value)
        {
            storage.SetString(key, value, LocalStorageScope.Type);
            storage.Flush(LocalStorageScope.Type);
        }

        private void WriteTypeFile(string text)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(TypeFile)!);
            File.WriteAllText(TypeFile, text);
        }

        [TestCase("{\"daily\": \"{\\\"schema\\\"")]
        [TestCase("")]
        [TestCase("{\"daily\": 5}")]
        [TestCase("[\"daily\"]")]
        public void GetString_CorruptFile_MovedAsideReportedOnceFirstReadThrowsThenEmpty(string corrupt)
        {
            WriteTypeFile(corrupt);
            var reports = new List<string>();
            var storage = new FileLocalStorage(_dir, "Bot", "Bot-1") { Report = reports.Add };

            var first = Assert.Throws<LocalStorageException>(() => storage.GetString("daily", LocalStorageScope.Type));
            var second = storage.GetString("daily", LocalStorageScope.Type);

            var aside = Directory.GetFiles(Path.Combine(_dir, "type"), "Bot.json.corrupt-*").Single();
            Assert.That(File.ReadAllText(aside), Is.EqualTo(corrupt), "the evidence, byte for byte");
            Assert.That(File.Exists(TypeFile), Is.False);
            Assert.That(reports.Single(), Does.StartWith("LocalStorage file '" + Path.Combine("type", "Bot.json") + "' is unreadable (")
                .And.EndWith("kept as '" + Path.Combine("type", Path.GetFileName(aside)) + "' and its scope starts empty."));
            Assert.That(first!.Message, Is.EqualTo(reports[0]));
            Assert.That(second, Is.Null, "once reported, the scope is empty");
        }

        [Test]
        public void SetThenFlush_AfterCorruptFile_WritesAFreshFileAsideKept()
        {
            WriteTypeFile("{{{");
            var storage = new FileLocalStorage(_dir, "Bot", "Bot-1");
            Assert.Throws<LocalStorageException>(() => storage.GetString("daily", LocalStorageScope.Type));

            WriteType(storage, "daily", "halted");

            Assert.That(new FileLocalStorage(_dir, "Bot", "reader").GetString("daily", LocalStorageScope.Type), Is.EqualTo("halted"));
            Assert.That(File.ReadAllText(Directory.GetFiles(Path.Combine(_dir, "type"), "Bot.json.corrupt-*").Single()), Is.EqualTo("{{{"));
        }

        [Test]
        public void GetString_OtherScopeCorrupt_ThisScopeReadsNormally()
        {
            var writer = new FileLocalStorage(_dir, "Bot", "Bot-1");
            writer.SetString("journal", "kept", LocalStorageScope.Instance);
            writer.Flush(LocalStorageScope.Instance);
            WriteTypeFile("not json");

            var storage = new FileLocalStorage(_dir, "Bot", "Bot-1");

            Assert.That(storage.GetString("journal", LocalStorageScope.Instance), Is.EqualTo("kept"));
            Assert.Throws<LocalStorageException>(() => storage.GetString("daily", LocalStorageScope.Type));
        }

        [Test]
        public void Flush_FileCorruptedSinceItWasRead_KeptAsideReportedOwnKeysWritten()
        {
            var reports = new List<string>();
            var storage = new FileLocalStorage(_dir, "Bot", "Bot-1") { Report = reports.Add };
            WriteType(storage, "a", "1");
            WriteTypeFile("garbage");

            storage.SetString("b", "2", LocalStorageScope.Type);
            Assert.That(() => storage.Flush(LocalStorageScope.Type), Throws.Nothing);

            var reader = new FileLocalStorage(_dir, "Bot", "reader");
            Assert.That(reader.GetString("b", LocalStorageScope.Type), Is.EqualTo("2"));
            Assert.That(reports.Single(), Does.Contain("is unreadable"));
            Assert.That(File.ReadAllText(Directory.GetFiles(Path.Combine(_dir, "type"), "Bot.json.corrupt-*").Single()), Is.EqualTo("garbage"));
        }

        [Test]
        public void Flush_FileCorruptedSinceItWasRead_WrittenAgainWithEveryKeyThisInstanceHad()
        {
            // "a" was written by this instance before the file was corrupted: it used to vanish with the file (only the
            // keys changed since the last write were written), though this instance still held it.
            var reports = new List<string>();
            var storage = new FileLocalStorage(_dir, "Bot", "Bot-1") { Report = reports.Add };
            WriteType(storage, "a", "1");
            WriteTypeFile("garbage");

            WriteType(storage, "b", "2");

            var reader = new FileLocalStorage(_dir, "Bot", "reader");
            Assert.That(reader.GetString("a", LocalStorageScope.Type), Is.EqualTo("1"));
            Assert.That(reader.GetString("b", LocalStorageScope.Type), Is.EqualTo("2"));
            Assert.That(reports.Single(), Does.EndWith("', and the file is written again from this instance's view of the scope (what it last read, with its own changes)."));
            Assert.That(storage.GetString("a", LocalStorageScope.Type), Is.EqualTo("1"), "the writer's own reads go on: it lost nothing");
        }

        [Test]
        public void Flush_FileCorruptedSinceItWasRead_AnotherInstancesDayKeptAsTheWriterLastReadIt()
        {
            // Two bots share the Type scope (two books of one type). B saved its day; A read the scope after (as the bots'
            // lease renewal does every minute); then the file is corrupted and A writes (its lease). B's next start must
            // find its day — it used to find none, a fresh day with full limits.
            var b = new FileLocalStorage(_dir, "Bot", "Bot-B");
            WriteType(b, "dayB", "halted");
            var a = new FileLocalStorage(_dir, "Bot", "Bot-A");
            WriteType(a, "leaseA", "t1");
            WriteTypeFile("{\"dayB\": \"hal");

            WriteType(a, "leaseA", "t2");

            var restartedB = new FileLocalStorage(_dir, "Bot", "Bot-B");
            Assert.That(restartedB.GetString("dayB", LocalStorageScope.Type), Is.EqualTo("halted"));
            Assert.That(restartedB.GetString("leaseA", LocalStorageScope.Type), Is.EqualTo("t2"));
        }

        [Test]
        public void Flush_FileCorruptedAfterAnotherInstancesLaterWrite_ThatKeyAsTheWriterLastReadIt()
        {
            // The limit of a view: a value another instance wrote after the writer's last read was only in the corrupted
            // file; the file written again holds the value the writer read (older, never none).
            var b = new FileLocalStorage(_dir, "Bot", "Bot-B");
            WriteType(b, "dayB", "v1");
            var a = new FileLocalStorage(_dir, "Bot", "Bot-A");
            Assert.That(a.GetString("dayB", LocalStorageScope.Type), Is.EqualTo("v1"));
            WriteType(b, "dayB", "v2");
            WriteTypeFile("garbage");

            WriteType(a, "leaseA", "t");

            Assert.That(new FileLocalStorage(_dir, "Bot", "reader").GetString("dayB", LocalStorageScope.Type), Is.EqualTo("v1"));
        }

        [Test]
        public void Flush_TwoWritersWithOwnMemoryAtOnce_NoKeyLostNoExceptionNoTempLeft()
        {
            // Two instances with separate in-memory state (as two processes have) flush the same Type file 200 times each,
            // each flush adding a key of its own. Without a lock, a read-merge-replace of one overwrote the other's keys
            // written in between, and the shared temp name let one's rename take the other's half-written file.
            const int Writes = 200;
            var errors = new ConcurrentQueue<Exception>();
            using var start = new Barrier(2);

            void Writer(string name)
            {
                try
                {
                    var storage = new FileLocalStorage(_dir, "Bot", name);
                    start.SignalAndWait();
                    for (var i = 0; i < Writes; i++)
                    {
                        storage.SetString(name + " " + i.ToString(CultureInfo.InvariantCulture), "v", LocalStorageScope.Type);
                        storage.Flush(LocalStorageScope.Type);
                    }
                }
                catch (Exception e)
                {
                    errors.Enqueue(e);
                }
            }

            Task.WaitAll(Task.Run(() => Writer("A")), Task.Run(() => Writer("B")));

            Assert.That(errors, Is.Empty, string.Join("\n", errors));
            var reader = new FileLocalStorage(_dir, "Bot", "reader");
            var missing = Enumerable.Range(0, Writes).SelectMany(i => new[] { "A " + i, "B " + i })
                .Where(k => reader.GetString(k, LocalStorageScope.Type) != "v").ToList();
            Assert.That(missing, Is.Empty);
            Assert.That(Directory.GetFiles(Path.Combine(_dir, "type"), "*.tmp"), Is.Empty);
        }

        [Test]
        public void Flush_ChildProcessHoldsTheOsLock_WaitsAndKeepsTheChildsKey()
        {
            // A real second process: python3 takes the OS lock (flock, which .NET's exclusive FileStream takes on Unix) on
            // the file's lock file, adds its key to the file while holding it, then releases it. The flush must wait for it
            // and merge into what the child wrote.
            if (OperatingSystem.IsWindows() || FindOnPath("python3") is not { } python)
            {
                Assert.Ignore("needs python3 on a Unix host");
                return;
            }

            var mine = new FileLocalStorage(_dir, "Bot", "Bot-1");
            WriteType(mine, "mine", "1");
            mine.SetString("mine too", "2", LocalStorageScope.Type);
            const string Script =
                "import fcntl, json, os, sys\n" +
                "path = sys.argv[1]\n" +
                "lock = open(path + '.lock', 'a+')\n" +
                "fcntl.flock(lock, fcntl.LOCK_EX)\n" +
                "print('locked', flush=True)\n" +
                "sys.stdin.readline()\n" +
                "data = json.load(open(path))\n" +
                "data['theirs'] = '3'\n" +
                "json.dump(data, open(path + '.child', 'w'))\n" +
                "os.replace(path + '.child', path)\n" +
                "fcntl.flock(lock, fcntl.LOCK_UN)\n";
            var start = new System.Diagnostics.ProcessStartInfo(python)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(Script);
            start.ArgumentList.Add(TypeFile);
            using var child = System.Diagnostics.Process.Start(start)!;
            Assert.That(child.StandardOutput.ReadLine(), Is.EqualTo("locked"));

            var flush = Task.Run(() => mine.Flush(LocalStorageScope.Type));
            Thread.Sleep(300);
            Assert.That(flush.IsCompleted, Is.False, "the write waits for the other process's lock");
            child.StandardInput.WriteLine("go");
            child.StandardInput.Flush();
            Assert.That(child.WaitForExit(10_000), Is.True);
            flush.Wait();

            Assert.That(child.ExitCode, Is.EqualTo(0));
            var reader = new FileLocalStorage(_dir, "Bot", "reader");
            Assert.That(new[] { "mine", "mine too", "theirs" }.Select(k => reader.GetString(k, LocalStorageScope.Type)), Is.EqualTo(new[] { "1", "2", "3" }));
        }

        private static string? FindOnPath(string name) =>
            (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
                .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

        [Test]
        public void Flush_AnotherProcessHoldsTheLock_WaitsAndThenMergesIntoItsWrite()
        {
            // The other process: holds the file's lock while it replaces the file with its own key.
            var mine = new FileLocalStorage(_dir, "Bot", "Bot-1");
            WriteType(mine, "mine", "1");
            mine.SetString("mine too", "2", LocalStorageScope.Type);

            Task flush;
            using (new FileStream(TypeFile + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
            {
                flush = Task.Run(() => mine.Flush(LocalStorageScope.Type));
                Thread.Sleep(300);
                Assert.That(flush.IsCompleted, Is.False, "the write waits for the lock");
                File.WriteAllText(TypeFile, "{\"mine\":\"1\",\"theirs\":\"3\"}");
            }

            flush.Wait();
            var reader = new FileLocalStorage(_dir, "Bot", "reader");
            Assert.That(new[] { "mine", "mine too", "theirs" }.Select(k => reader.GetString(k, LocalStorageScope.Type)), Is.EqualTo(new[] { "1", "2", "3" }));
        }
    }
}
