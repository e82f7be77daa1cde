using System;
using Moq;
using PerpGuard.Risk.Persistence;

namespace PerpGuard.Risk.Tests.Persistence
{
    /// <summary>What the lease could not read is kept for the bot: its day lives in the same scope (the scalper halts the day as unknown).</summary>
    public class InstanceLeaseReadProblemTests
    {
        private static readonly DateTime T0 = new DateTime(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc);

        [Test]
        public void Acquire_StoreCannotBeRead_HeldWithTheReadProblem()
        {
            var store = new Mock<IKeyValueStore>();
            store.Setup(s => s.Get("instance-lease")).Throws(new InvalidOperationException("scope file unreadable"));

            var lease = new InstanceLease(store.Object, "instance-lease", "A");
            var check = lease.Acquire(T0);

            Assert.That(check.IsHeld, Is.True);
            Assert.That(lease.ReadProblem, Does.Contain("could not be read").And.Contain("scope file unreadable"));
        }

        [Test]
        public void Acquire_StoreReadable_NoReadProblem()
        {
            var lease = new InstanceLease(new InMemoryKeyValueStore(), "instance-lease", "A");

            lease.Acquire(T0);

            Assert.That(lease.ReadProblem, Is.Null);
        }
    }
}
