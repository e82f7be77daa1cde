using FsCheck;
using FsCheck.Fluent;
using PerpGuard.Risk.Persistence;
using PerpGuard.Tests.Common;

namespace PerpGuard.Risk.Tests.Persistence
{
    /// <summary>
    /// cTrader LocalStorage keys: "max length for keys is 50 characters, and only alphanumeric and space characters are
    /// allowed, you can only use space in the middle of key" (help.ctrader.com, LocalStorage.SetString). The stored key is
    /// the logical key's first 32 letters and digits plus its 64-bit FNV-1a hash in hex.
    /// </summary>
    public class CTraderStorageKeyTests
    {
        // Published FNV-1a 64 test vectors (Fowler/Noll/Vo): "" → cbf29ce484222325, "a" → af63dc4c8601ec8c,
        // "foobar" → 85944171f73967e8.
        [TestCase("", 0xcbf29ce484222325UL)]
        [TestCase("a", 0xaf63dc4c8601ec8cUL)]
        [TestCase("foobar", 0x85944171f73967e8UL)]
        public void Fnv1a64_PublishedVectors_Match(string text, ulong expected)
        {
            Assert.That(CTraderStorageKey.Fnv1a64(text), Is.EqualTo(expected));
        }

        [Test]
        public void From_ShortKey_ReadablePartThenHash()
        {
            Assert.That(CTraderStorageKey.From("foobar"), Is.EqualTo("foobar85944171f73967e8"));
            Assert.That(CTraderStorageKey.From("a"), Is.EqualTo("aaf63dc4c8601ec8c"));
        }

        [Test]
        public void From_BotKey_ValidAndReadable()
        {
            // Dots, colons and dashes dropped from the readable part; cut at 32 characters.
            var key = CTraderStorageKey.From("PerpGuard.Scalper.1234567.6:BTCUSD.0:.daily-state");

            Assert.That(key, Does.StartWith("PerpGuardScalper12345676BTCUSD0d"));
            Assert.That(key.Length, Is.EqualTo(48));
            Assert.That(CTraderStorageKey.IsValid(key), Is.True);
        }

        [TestCase("Last Signal", true)]
        [TestCase("PerpGuard.Scalper", false)]
        [TestCase(" x", false)]
        [TestCase("x ", false)]
        [TestCase("", false)]
        [TestCase("a2345678901234567890123456789012345678901234567890", true)]
        [TestCase("a23456789012345678901234567890123456789012345678901", false)]
        public void IsValid_DocumentedRule(string key, bool valid)
        {
            Assert.That(CTraderStorageKey.IsValid(key), Is.EqualTo(valid));
        }

        [Test]
        public void From_AnyNonEmptyKey_ValidAndDistinctFromAnotherKey()
        {
            Prop.ForAll(ArbMap.Default.ArbFor<NonEmptyString>(), ArbMap.Default.ArbFor<NonEmptyString>(), (a, b) =>
            {
                var ka = CTraderStorageKey.From(a.Get);
                var kb = CTraderStorageKey.From(b.Get);
                return CTraderStorageKey.IsValid(ka) && (a.Get == b.Get) == (ka == kb);
            }).Check(PropertyBudget.Config);
        }
    }
}
