using System;
using System.IO;
using PerpGuard.Risk.Persistence;

namespace PerpGuard.Risk.Tests.Persistence
{
    public class FileKeyValueStoreTests
    {
        private string _folder = string.Empty;

        [SetUp]
        public void CreateFolder()
        {
            _folder = Path.Combine(Path.GetTempPath(), "perpguard-kv-" + Guid.NewGuid().ToString("N"));
        }

        [TearDown]
        public void DeleteFolder()
        {
            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, true);
            }
        }

        [Test]
        public void Get_NeverSet_IsNull()
        {
            Assert.That(new FileKeyValueStore(_folder).Get("nothing"), Is.Null);
        }

        [Test]
        public void Set_Twice_LastValueWinsAndNoTempFilesRemain()
        {
            var store = new FileKeyValueStore(_folder);

            store.Set("a.daily", "one");
            store.Set("a.daily", "two ünïcode");

            Assert.That(new FileKeyValueStore(_folder).Get("a.daily"), Is.EqualTo("two ünïcode"));
            Assert.That(Directory.GetFiles(_folder, "*.tmp"), Is.Empty);
            Assert.That(Directory.GetFiles(_folder), Has.Length.EqualTo(1));
        }

        [TestCase("PerpGuard.Scalper.BTCUSD.daily", "PerpGuard.Scalper.BTCUSD.daily.json")]
        [TestCase("journal/2026-11-25/0", "journal%2F2026-11-25%2F0.json")]
        [TestCase("..", "%2E..json")]
        [TestCase("a:b", "a%3Ab.json")]
        public void FileNameFor_Key_IsEscapedSafely(string key, string expected)
        {
            Assert.That(FileKeyValueStore.FileNameFor(key), Is.EqualTo(expected));
        }

        [Test]
        public void Set_KeysThatDifferOnlyByEscapedCharacters_DoNotCollide()
        {
            var store = new FileKeyValueStore(_folder);

            store.Set("a/b", "slash");
            store.Set("a%2Fb", "percent");

            Assert.That(store.Get("a/b"), Is.EqualTo("slash"));
            Assert.That(store.Get("a%2Fb"), Is.EqualTo("percent"));
        }
    }
}
