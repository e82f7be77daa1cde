using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using cAlgo.Robots;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>
    /// The robots' in-memory journal (PerpGuard.Algos.Glue.EventLog, internal to each robot assembly and compiled
    /// into both) behaves like the List it replaces: order kept across its 512-item chunks, an index outside it
    /// refused, and an enumeration that outlives an Add fails as List's does instead of reading on silently.
    /// Reached by reflection: the robot assemblies grant no InternalsVisibleTo (they ship to cTrader as they are).
    /// </summary>
    public class EventLogTests
    {
        private static (IReadOnlyList<string> Log, Action<string> Add) NewLog()
        {
            var open = typeof(RiskManagedScalper).Assembly.GetType("PerpGuard.Algos.Glue.EventLog`1", throwOnError: true)!;
            var type = open.MakeGenericType(typeof(string));
            var log = Activator.CreateInstance(type)!;
            var add = (Action<string>)Delegate.CreateDelegate(typeof(Action<string>), log, type.GetMethod("Add")!);
            return ((IReadOnlyList<string>)log, add);
        }

        private static (IReadOnlyList<string> Log, Action<string> Add) NewBoundedLog(int keepAtLeast)
        {
            var open = typeof(RiskManagedScalper).Assembly.GetType("PerpGuard.Algos.Glue.EventLog`1", throwOnError: true)!;
            var type = open.MakeGenericType(typeof(string));
            var log = Activator.CreateInstance(type, keepAtLeast)!;
            var add = (Action<string>)Delegate.CreateDelegate(typeof(Action<string>), log, type.GetMethod("Add")!);
            return ((IReadOnlyList<string>)log, add);
        }

        private static long Forgotten(IReadOnlyList<string> log) => (long)log.GetType().GetProperty("Forgotten")!.GetValue(log)!;

        private static (IReadOnlyList<string> Log, Action<string> Add) LogOf(int count, int keepAtLeast = 0)
        {
            var (log, add) = keepAtLeast == 0 ? NewLog() : NewBoundedLog(keepAtLeast);
            for (var i = 0; i < count; i++)
            {
                add(i.ToString(CultureInfo.InvariantCulture));
            }

            return (log, add);
        }

        private static IEnumerable<string> Numbers(int count) => Enumerable.Range(0, count).Select(i => i.ToString(CultureInfo.InvariantCulture));

        [TestCase(511)]
        [TestCase(512)]
        [TestCase(513)]
        [TestCase(2_049)]
        public void GetEnumerator_AcrossChunkBoundaries_YieldsEveryItemInOrder(int count)
        {
            // Chunks hold 512 items; 2,049 fills four chunks and grows the table of chunks (4 slots at first).
            var (log, _) = LogOf(count);

            Assert.That(log, Is.EqualTo(Numbers(count)));
            Assert.That(log.Count, Is.EqualTo(count));
            Assert.That((log[511 % count], log[count - 1]), Is.EqualTo(((511 % count).ToString(CultureInfo.InvariantCulture), (count - 1).ToString(CultureInfo.InvariantCulture))));
        }

        [Test]
        public void GetEnumerator_AddDuringEnumeration_ThrowsInvalidOperation()
        {
            // An Add mid-chunk (item 600 of 1,000, second chunk) while a foreach is reading it, as List<T> refuses.
            var (log, add) = LogOf(1_000);

            Assert.That(() =>
            {
                foreach (var item in log)
                {
                    if (item == "600")
                    {
                        add("late");
                    }
                }
            }, Throws.InvalidOperationException.With.Message.Contains("modified"));
        }

        [Test]
        public void MoveNext_AddAfterTheLastItemWasRead_ThrowsInvalidOperation()
        {
            // The end is no exception: List<T>'s enumerator also fails the MoveNext that follows an Add there.
            var (log, add) = LogOf(3);
            using var e = log.GetEnumerator();
            while (e.MoveNext())
            {
            }

            add("3");

            Assert.That(() => e.MoveNext(), Throws.InvalidOperationException);
        }

        [Test]
        public void MoveNext_AddBeforeTheFirstMoveNext_ThrowsInvalidOperation()
        {
            // The enumerator stands for the log as it was when it was made, as List<T>'s does.
            var (log, add) = LogOf(3);
            using var e = log.GetEnumerator();

            add("3");

            Assert.That(() => e.MoveNext(), Throws.InvalidOperationException);
        }

        [Test]
        public void GetEnumerator_NewEnumeratorAfterAdd_YieldsTheGrownLog()
        {
            var (log, add) = LogOf(512);
            Assert.That(log.Count(), Is.EqualTo(512));

            add("512");

            Assert.That(log, Is.EqualTo(Numbers(513)));
        }

        [Test]
        public void Reset_AfterEnumerating_StartsOverAndAfterAddThrows()
        {
            var (log, add) = LogOf(2);
            IEnumerator e = ((IEnumerable)log).GetEnumerator();
            while (e.MoveNext())
            {
            }

            e.Reset();
            Assert.That((e.MoveNext(), e.Current), Is.EqualTo((true, "0")));

            add("2");
            Assert.That(() => e.Reset(), Throws.InvalidOperationException);
        }

        [TestCase(0, 0)]
        [TestCase(0, -1)]
        [TestCase(3, 3)]
        [TestCase(3, -1)]
        [TestCase(513, 513)]
        [TestCase(513, int.MaxValue)]
        [TestCase(513, int.MinValue)]
        public void Indexer_OutsideTheLog_ThrowsArgumentOutOfRange(int count, int index)
        {
            // 513: the second chunk exists but holds one item, so index 513 would read an empty slot (null).
            var (log, _) = LogOf(count);

            Assert.That(() => log[index], Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("index"));
        }

        [TestCase(1_000, 1_536, 1_536, 0)]
        [TestCase(1_000, 1_537, 1_025, 512)]
        [TestCase(1_000, 2_048, 1_536, 512)]
        [TestCase(1_000, 2_049, 1_025, 1_024)]
        [TestCase(1_000, 10_000, 1_296, 8_704)]
        [TestCase(512, 1_025, 513, 512)]
        public void Add_BoundedLogPastItsChunks_KeepsTheNewestInOrder(int keepAtLeast, int added, int kept, long forgotten)
        {
            // keepAtLeast 1,000 → two chunks of 512 hold it, plus the chunk being filled: three chunks, 1,536 items.
            // The 1,537th item starts a fourth chunk, so the oldest (items 0–511) goes: 1,025 kept, 512 forgotten.
            // 10,000 items fill 19 chunks (9,728) and 272 in a 20th; the newest three chunks are kept
            // (512 + 512 + 272 = 1,296) and the 17 before them forgotten (17 × 512 = 8,704).
            var (log, _) = LogOf(added, keepAtLeast);

            Assert.That((log.Count, Forgotten(log)), Is.EqualTo((kept, forgotten)));
            Assert.That(log, Is.EqualTo(Enumerable.Range(added - kept, kept).Select(i => i.ToString(CultureInfo.InvariantCulture))));
            Assert.That(log[0], Is.EqualTo((added - kept).ToString(CultureInfo.InvariantCulture)));
            Assert.That(log.Count, Is.GreaterThanOrEqualTo(keepAtLeast));
        }

        [Test]
        public void Add_FullBoundedLog_AllocatesNothing()
        {
            // A live robot's log, once full, recycles its oldest chunk: a year of events costs no more memory than a day.
            var (log, add) = LogOf(20_000, 4_096);
            var items = Numbers(100_000).ToArray();
            add(items[0]);

            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 1; i < items.Length; i++)
            {
                add(items[i]);
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.That(allocated, Is.EqualTo(0));
            Assert.That(log[log.Count - 1], Is.EqualTo(items[^1]));
        }

        [Test]
        public void Constructor_NegativeBound_Throws()
        {
            Assert.That(() => NewBoundedLog(-1), Throws.InnerException.TypeOf<ArgumentOutOfRangeException>());
        }
    }
}
