using System;
using Moq;
using PerpGuard.Algos.Guardian;
using PerpGuard.Risk.Persistence;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>
    /// The guardian's cool-down record follows the rule every other record follows (docs/persistence.md): an unreadable
    /// or unusable record never stops the bot. TradeGuardian loads it in OnStart; a throw there leaves the account
    /// unguarded. cTrader reports storage failures as LocalStorageException (no IOException), and a record of valid JSON
    /// with a field of the wrong type made the parser throw.
    /// </summary>
    public class GuardianCooldownRecordTests
    {
        [TestCase("{\"schema\":{},\"version\":1,\"windows\":[]}")]
        [TestCase("{\"schema\":\"perpguard.cooldown-windows\",\"version\":99999999999,\"windows\":[]}")]
        [TestCase("{\"schema\":\"perpguard.cooldown-windows\",\"version\":1,\"windows\":[{\"fromUtc\":{},\"untilUtc\":[]}]}")]
        public void Load_ValidJsonOfTheWrongShape_FalseWithTheProblemNeverThrows(string text)
        {
            var kv = new InMemoryKeyValueStore();
            kv.Set("k", text);
            var loaded = new CooldownWindows();
            string? problem = null;
            var ok = true;

            Assert.That(() => ok = new CooldownWindowsStore(kv, "k").Load(loaded, out problem), Throws.Nothing);
            Assert.That((ok, loaded.Count), Is.EqualTo((false, 0)));
            Assert.That(problem, Does.StartWith("The saved cool-down record"));
        }

        [Test]
        public void Load_StorageThrowsWhatCTraderThrows_FalseWithTheProblemNeverThrows()
        {
            // Not an IOException: cTrader's LocalStorageException derives from Exception only (REFERENCE.md, signatures.txt).
            var kv = new Mock<IKeyValueStore>();
            kv.Setup(s => s.Get("k")).Throws(new InvalidOperationException("storage file locked"));
            var loaded = new CooldownWindows();
            string? problem = null;
            var ok = true;

            Assert.That(() => ok = new CooldownWindowsStore(kv.Object, "k").Load(loaded, out problem), Throws.Nothing);
            Assert.That(ok, Is.False);
            Assert.That(problem, Does.Contain("'k' could not be read").And.Contain("storage file locked"));
        }

        [Test]
        public void Save_OverAnUnusableRecord_ItsTextKeptAsideFirst()
        {
            var kv = new InMemoryKeyValueStore();
            kv.Set("k", "not json");
            var store = new CooldownWindowsStore(kv, "k");

            Assert.That(store.Load(new CooldownWindows(), out var problem), Is.False);
            store.Save(new CooldownWindows());

            Assert.That(kv.Get("k" + StoredRecord.AsideSuffix), Is.EqualTo("not json"));
            Assert.That(problem, Does.Contain("kept under 'k.unreadable'"));
        }
    }
}
