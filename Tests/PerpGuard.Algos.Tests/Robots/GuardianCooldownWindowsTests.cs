using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using PerpGuard.Algos.Guardian;
using PerpGuard.Risk.Persistence;
using PerpGuard.Tests.Common;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>TradeGuardian's remembered cool-downs: the union of [loss close, end) windows, bounded, saved as one record.</summary>
    public class GuardianCooldownWindowsTests
    {
        private static readonly DateTime T0 = new DateTime(2022, 1, 3, 10, 0, 0, DateTimeKind.Utc);

        private static DateTime M(int minute) => T0.AddMinutes(minute);

        [Test]
        public void Contains_TwoSeparateWindows_InsideEitherOnlyEndExcluded()
        {
            var w = new CooldownWindows();
            w.Add(M(4), M(24));
            w.Add(M(30), M(50));

            Assert.That(new[] { 3, 4, 6, 23, 24, 26, 30, 49, 50 }.Select(m => w.Contains(M(m))),
                Is.EqualTo(new[] { false, true, true, true, false, false, true, true, false }));
            Assert.That(w.Count, Is.EqualTo(2));
        }

        [Test]
        public void Add_OverlappingOrTouching_MergedIntoOne()
        {
            // [4, 24) and [10, 30) overlap → [4, 30); [30, 40) touches it → [4, 40); [1, 2) stands apart.
            var w = new CooldownWindows();
            w.Add(M(10), M(30));
            w.Add(M(4), M(24));
            w.Add(M(30), M(40));
            w.Add(M(1), M(2));

            Assert.That(w.Windows, Is.EqualTo(new[] { new CooldownWindow(M(1), M(2)), new CooldownWindow(M(4), M(40)) }));
            Assert.That(w.Add(M(5), M(20)), Is.False, "inside an existing window: nothing changes");
            Assert.That(w.Add(M(5), M(5)), Is.False, "empty");
        }

        [Test]
        public void Add_MoreThanTheBound_OldestDropped()
        {
            var w = new CooldownWindows();
            for (var i = 0; i < CooldownWindows.MaxWindows + 3; i++)
            {
                w.Add(M(10 * i), M((10 * i) + 5));
            }

            Assert.That(w.Count, Is.EqualTo(CooldownWindows.MaxWindows));
            Assert.That(w.Windows[0], Is.EqualTo(new CooldownWindow(M(30), M(35))), "the three oldest went");
        }

        [Test]
        public void RemoveEnded_EndedWindowWithoutAnOpenPosition_DroppedOthersKept()
        {
            // Now 10:40. [4, 24) ended and holds the entry at 10:06 of a position still to be closed: kept.
            // [25, 28) ended and holds none: dropped. [30, 50) is running: kept.
            var w = new CooldownWindows();
            w.Add(M(4), M(24));
            w.Add(M(25), M(28));
            w.Add(M(30), M(50));

            Assert.That(w.RemoveEnded(M(40), new[] { M(6) }), Is.True);
            Assert.That(w.Windows, Is.EqualTo(new[] { new CooldownWindow(M(4), M(24)), new CooldownWindow(M(30), M(50)) }));
            Assert.That(w.RemoveEnded(M(40), Array.Empty<DateTime>()), Is.True);
            Assert.That(w.Windows, Is.EqualTo(new[] { new CooldownWindow(M(30), M(50)) }));
        }

        [Test]
        public void Contains_AnyWindowsAdded_SameAsTheUnionOfThem()
        {
            // Property: after adding any windows (fewer than the bound), a time is inside iff it lies in one of them.
            Prop.ForAll(
                Gen.Choose(0, int.MaxValue).ToArbitrary(),
                seed =>
                {
                    var rng = new Random(seed);
                    var windows = Enumerable.Range(0, rng.Next(0, CooldownWindows.MaxWindows + 1)).Select(_ => (a: rng.Next(0, 200), len: rng.Next(0, 40))).ToArray();
                    var w = new CooldownWindows();
                    foreach (var (a, len) in windows)
                    {
                        w.Add(M(a), M(a + len));
                    }

                    var sortedDisjoint = w.Windows.Zip(w.Windows.Skip(1), (x, y) => x.UntilUtc < y.FromUtc).All(b => b);
                    return sortedDisjoint && Enumerable.Range(-5, 255).All(probe => w.Contains(M(probe)) == windows.Any(x => probe >= x.a && probe < x.a + x.len));
                }).Check(PropertyBudget.Config);
        }

        [Test]
        public void Store_SaveThenLoad_SameWindows()
        {
            var kv = new InMemoryKeyValueStore();
            var store = new CooldownWindowsStore(kv, "cooldown-windows");
            var w = new CooldownWindows();
            w.Add(M(4), M(24));
            w.Add(M(30), M(50));
            store.Save(w);

            var loaded = new CooldownWindows();
            Assert.That(store.Load(loaded, out var problem), Is.True);
            Assert.That((loaded.Windows, problem), Is.EqualTo((w.Windows, (string?)null)));
            Assert.That(kv.Get("cooldown-windows"), Is.EqualTo(
                "{\"schema\":\"perpguard.cooldown-windows\",\"version\":1,\"windows\":[" +
                "{\"fromUtc\":\"2022-01-03T10:04:00.0000000Z\",\"untilUtc\":\"2022-01-03T10:24:00.0000000Z\"}," +
                "{\"fromUtc\":\"2022-01-03T10:30:00.0000000Z\",\"untilUtc\":\"2022-01-03T10:50:00.0000000Z\"}]}"));
        }

        [Test]
        public void Store_Missing_FalseWithoutProblem()
        {
            var loaded = new CooldownWindows();
            Assert.That(new CooldownWindowsStore(new InMemoryKeyValueStore(), "k").Load(loaded, out var problem), Is.False);
            Assert.That((loaded.Count, problem), Is.EqualTo((0, (string?)null)));
        }

        [TestCase("not json", "not valid JSON")]
        [TestCase("{\"schema\":\"perpguard.cooldown-windows\",\"version\":2,\"windows\":[]}", "of version 1")]
        [TestCase("{\"schema\":\"perpguard.cooldown-windows\",\"version\":1}", "no window list")]
        [TestCase("{\"schema\":\"perpguard.cooldown-windows\",\"version\":1,\"windows\":[{\"fromUtc\":\"2022-01-03T10:30:00.0000000Z\",\"untilUtc\":\"2022-01-03T10:04:00.0000000Z\"}]}", "later end")]
        [TestCase("{\"schema\":\"perpguard.cooldown-windows\",\"version\":1,\"windows\":[{\"fromUtc\":\"yesterday\",\"untilUtc\":\"2022-01-03T10:04:00.0000000Z\"}]}", "later end")]
        public void Store_Unreadable_FalseWithTheProblemNothingAdded(string text, string said)
        {
            var kv = new InMemoryKeyValueStore();
            kv.Set("k", text);
            var loaded = new CooldownWindows();

            Assert.That(new CooldownWindowsStore(kv, "k").Load(loaded, out var problem), Is.False);
            Assert.That(loaded.Count, Is.EqualTo(0));
            Assert.That(problem, Does.Contain(said).And.Contain("kept under 'k.unreadable'"));
            Assert.That(kv.Get("k.unreadable"), Is.EqualTo(text), "the unusable text is kept aside before a save replaces it");
        }

        [Test]
        public void Store_StoreThrowsOnRead_FalseWithTheProblemNoThrow()
        {
            // cTrader's LocalStorage may throw its own exception type: the guardian must start and say so, not die.
            var loaded = new CooldownWindows();

            Assert.That(new CooldownWindowsStore(new ThrowingStore(), "k").Load(loaded, out var problem), Is.False);
            Assert.That(problem, Does.Contain("could not be read").And.Contain("storage refused"));
        }

        private sealed class ThrowingStore : IKeyValueStore
        {
            public string? Get(string key) => throw new InvalidOperationException("storage refused");

            public void Set(string key, string value) => throw new InvalidOperationException("storage refused");
        }
    }
}
