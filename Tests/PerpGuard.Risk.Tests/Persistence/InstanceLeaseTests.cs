using System;
using Moq;
using PerpGuard.Risk.Persistence;

namespace PerpGuard.Risk.Tests.Persistence
{
    /// <summary>One running instance per book: heartbeat 1 minute, stale after 3 minutes without one.</summary>
    public class InstanceLeaseTests
    {
        private const string Key = "instance-lease";
        private static readonly DateTime T0 = new DateTime(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc);

        private static InstanceLease Lease(IKeyValueStore store, string id) => new InstanceLease(store, Key, id);

        [Test]
        public void Acquire_NoRecord_HeldAndSavedWithOurIdAndTime()
        {
            var store = new InMemoryKeyValueStore();

            var check = Lease(store, "A").Acquire(T0);

            Assert.That(check.IsHeld, Is.True);
            Assert.That(store.Get(Key), Is.EqualTo("{\"schema\":\"perpguard.instance-lease\",\"version\":1,\"instanceId\":\"A\",\"heartbeatUtc\":\"2026-11-26T09:00:00.0000000Z\"}"));
        }

        [TestCase(0)]
        [TestCase(179)] // 2 min 59 s after A's heartbeat: still A's
        public void Acquire_AnotherInstanceRenewedWithinThreeMinutes_HeldByIt(int secondsLater)
        {
            var store = new InMemoryKeyValueStore();
            Lease(store, "A").Acquire(T0);

            var check = Lease(store, "B").Acquire(T0.AddSeconds(secondsLater));

            Assert.That((check.Status, check.OtherInstanceId, check.OtherHeartbeatUtc), Is.EqualTo((LeaseStatus.HeldByOther, "A", T0)));
            Assert.That(store.Get(Key), Does.Contain("\"instanceId\":\"A\""), "B must not overwrite A's lease");
        }

        [Test]
        public void Acquire_ThreeMinutesWithoutHeartbeat_StaleAndTaken()
        {
            // A crashed (no clean stop): its lease stops guarding the book after the expiry.
            var store = new InMemoryKeyValueStore();
            Lease(store, "A").Acquire(T0);

            Assert.That(Lease(store, "B").Acquire(T0.AddMinutes(3)).IsHeld, Is.True);
            Assert.That(store.Get(Key), Does.Contain("\"instanceId\":\"B\""));
        }

        [Test]
        public void Acquire_HeartbeatFarInTheFuture_ClockMovedSoStale()
        {
            var store = new InMemoryKeyValueStore();
            store.Set(Key, InstanceLease.Serialize("A", T0.AddHours(5)));

            Assert.That(Lease(store, "B").Acquire(T0).IsHeld, Is.True);
        }

        [Test]
        public void Acquire_SameInstanceIdRestarted_HeldAgain()
        {
            var store = new InMemoryKeyValueStore();
            Lease(store, "A").Acquire(T0);

            Assert.That(Lease(store, "A").Acquire(T0.AddSeconds(10)).IsHeld, Is.True);
        }

        [TestCase("not json")]
        [TestCase("{\"schema\":\"perpguard.daily-state\",\"instanceId\":\"A\",\"heartbeatUtc\":\"2026-11-26T09:00:00.0000000Z\"}")]
        [TestCase("{\"schema\":\"perpguard.instance-lease\",\"version\":1,\"instanceId\":\"A\",\"heartbeatUtc\":\"yesterday\"}")]
        public void Acquire_UnreadableRecord_FreeAndOverwritten(string text)
        {
            var store = new InMemoryKeyValueStore();
            store.Set(Key, text);

            Assert.That(Lease(store, "B").Acquire(T0).IsHeld, Is.True);
            Assert.That(store.Get(Key), Does.Contain("\"instanceId\":\"B\""));
        }

        [Test]
        public void Renew_EveryMinute_KeepsTheBookFromASecondInstance()
        {
            var store = new InMemoryKeyValueStore();
            var a = Lease(store, "A");
            a.Acquire(T0);

            Assert.That(a.IsRenewalDue(T0.AddSeconds(59)), Is.False);
            Assert.That(a.IsRenewalDue(T0.AddMinutes(1)), Is.True);
            a.Renew(T0.AddMinutes(1));
            a.Renew(T0.AddMinutes(2));

            // 3.5 minutes after A started, but only 1.5 after its last heartbeat.
            var b = Lease(store, "B").Acquire(T0.AddMinutes(3.5));
            Assert.That((b.Status, b.OtherHeartbeatUtc), Is.EqualTo((LeaseStatus.HeldByOther, T0.AddMinutes(2))));
        }

        [Test]
        public void Renew_AnotherInstanceOverwroteIt_LostToTheOther()
        {
            // A and B started at once and both wrote the lease; B wrote last. A's next renewal finds B's: A bows out.
            var store = new InMemoryKeyValueStore();
            var a = Lease(store, "A");
            a.Acquire(T0);
            store.Set(Key, InstanceLease.Serialize("B", T0.AddSeconds(1)));

            var check = a.Renew(T0.AddMinutes(1));

            Assert.That((check.Status, check.OtherInstanceId), Is.EqualTo((LeaseStatus.HeldByOther, "B")));
            Assert.That(a.IsRenewalDue(T0.AddMinutes(5)), Is.False, "a lost lease is not renewed");
            Assert.That(store.Get(Key), Does.Contain("\"instanceId\":\"B\""));
        }

        [Test]
        public void Check_StillHeld_TrueWithoutMovingTheHeartbeat()
        {
            // A renewed at 09:00; a look at 09:00:30 finds it A's and writes nothing, so the renewal stays due at 09:01.
            var store = new InMemoryKeyValueStore();
            var a = Lease(store, "A");
            a.Acquire(T0);
            var before = store.Get(Key);

            var check = a.Check(T0.AddSeconds(30));

            Assert.That(check.IsHeld, Is.True);
            Assert.That(store.Get(Key), Is.EqualTo(before));
            Assert.That(a.IsRenewalDue(T0.AddMinutes(1)), Is.True);
        }

        [Test]
        public void Check_AnotherInstanceTookIt_LostAndNeverRenewed()
        {
            var store = new InMemoryKeyValueStore();
            var a = Lease(store, "A");
            a.Acquire(T0);
            store.Set(Key, InstanceLease.Serialize("B", T0.AddSeconds(15)));

            var check = a.Check(T0.AddSeconds(30));

            Assert.That((check.Status, check.OtherInstanceId), Is.EqualTo((LeaseStatus.HeldByOther, "B")));
            Assert.That(a.IsRenewalDue(T0.AddMinutes(5)), Is.False, "a lost lease is not renewed");
            Assert.That(store.Get(Key), Does.Contain("\"instanceId\":\"B\""));
        }

        [Test]
        public void Release_CleanStop_NextInstanceNeedNotWait()
        {
            var store = new InMemoryKeyValueStore();
            var a = Lease(store, "A");
            a.Acquire(T0);

            a.Release();

            Assert.That(Lease(store, "B").Acquire(T0.AddSeconds(5)).IsHeld, Is.True);
        }

        [Test]
        public void Release_AfterAnotherTookIt_LeavesTheirsAlone()
        {
            var store = new InMemoryKeyValueStore();
            var a = Lease(store, "A");
            a.Acquire(T0);
            var theirs = InstanceLease.Serialize("B", T0.AddMinutes(4));
            store.Set(Key, theirs);

            a.Release();

            Assert.That(store.Get(Key), Is.EqualTo(theirs));
        }

        [Test]
        public void Acquire_StoreCannotBeRead_HeldSinceTheLeaseGuardsNoMoney()
        {
            var store = new Mock<IKeyValueStore>();
            store.Setup(s => s.Get(Key)).Throws(new System.IO.IOException("disk gone"));

            Assert.That(Lease(store.Object, "A").Acquire(T0).IsHeld, Is.True);
            store.Verify(s => s.Set(Key, It.Is<string>(v => v.Contains("\"instanceId\":\"A\""))), Times.Once);
        }

        [Test]
        public void Constructor_ExpiryNotLongerThanHeartbeat_Refused()
        {
            Assert.That(() => new InstanceLease(new InMemoryKeyValueStore(), Key, "A", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => new InstanceLease(new InMemoryKeyValueStore(), Key, string.Empty), Throws.ArgumentException);
        }
    }
}
