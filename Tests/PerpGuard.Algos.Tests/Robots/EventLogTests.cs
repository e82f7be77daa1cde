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

        private static (IReadOnlyList<string> Log, Action<string> Add) LogOf(int count)
        {
            var (log, add) = NewLog();
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
    }
}
