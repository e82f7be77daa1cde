using System;
using PerpGuard.Risk.Pipeline;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Risk.Tests.Pipeline
{
    /// <summary>
    /// The late-fill wait on the cases the older tests left open (each written for a mutant that survived them): the
    /// one-second tolerance at its edge, a short's record, a wait opened from an unreadable record saved again, and a
    /// record of another schema.
    /// </summary>
    public class OrderOutcomeWaitEdgeTests
    {
        private static readonly DateTime Sent = new DateTime(2022, 1, 3, 10, 15, 0, DateTimeKind.Utc);

        [Test]
        public void IsFillOf_OpenedExactlyOneSecondBeforeTheSend_StillTheOrdersFill()
        {
            // A platform may stamp the fill up to 1 s before the send: 10:14:59.000 is taken, 10:14:58.999 is not.
            var wait = new OrderOutcomeWait(TimeSpan.FromSeconds(120));
            wait.Open(TradeSide.Long, 0.05, 46_500.25, "Timeout", Sent);

            Assert.That(wait.IsFillOf(TradeSide.Long, Sent.AddSeconds(-1)), Is.True);
            Assert.That(wait.IsFillOf(TradeSide.Long, Sent.AddMilliseconds(-1001)), Is.False);
        }

        [Test]
        public void SerializeRestore_Short_StaysShort()
        {
            var wait = new OrderOutcomeWait(TimeSpan.FromSeconds(120));
            wait.Open(TradeSide.Short, 0.05, 46_500.25, "Timeout", Sent);
            var restored = new OrderOutcomeWait(TimeSpan.FromSeconds(120));

            Assert.That(restored.Restore(wait.Serialize(), Sent.AddSeconds(10), out var problem), Is.True);
            Assert.That(problem, Is.Null);
            Assert.That(restored.Side, Is.EqualTo(TradeSide.Short));
            Assert.That(restored.IsFillOf(TradeSide.Long, Sent.AddSeconds(5)), Is.False, "a long is not the short order's fill");
        }

        [Test]
        public void SerializeRestore_WaitFromAnUnreadableRecord_SavedAndRestoredStillForEitherSide()
        {
            // A restart within a wait that was itself opened from an unreadable record (side unknown) must save it again.
            var now = Sent.AddMinutes(1);
            var wait = new OrderOutcomeWait(TimeSpan.FromSeconds(120));
            wait.OpenUnknown(now);
            var restored = new OrderOutcomeWait(TimeSpan.FromSeconds(120));

            Assert.That(restored.Restore(wait.Serialize(), now.AddSeconds(30), out var problem), Is.True);
            Assert.That(problem, Is.Null);
            Assert.That(restored.Side, Is.Null);
            Assert.That(restored.SentUtc, Is.EqualTo(now));
            Assert.That(restored.IsFillOf(TradeSide.Short, now.AddSeconds(1)), Is.True);
        }

        [Test]
        public void Restore_AnotherSchemaVersionOne_NotTakenAsThisRecord()
        {
            // Version 1 of some other record: unreadable as this one, so the wait opens from now for either side.
            var text = "{\"schema\":\"perpguard.something-else\",\"version\":1,\"side\":\"Long\",\"volume\":0.05,\"entryPrice\":1,"
                + "\"error\":\"Timeout\",\"sentUtc\":\"2022-01-03T10:15:00.0000000Z\"}";
            var now = Sent.AddMinutes(1);
            var wait = new OrderOutcomeWait(TimeSpan.FromSeconds(120));

            Assert.That(wait.Restore(text, now, out var problem), Is.True);
            Assert.That(problem, Is.Not.Null);
            Assert.That(wait.Side, Is.Null);
            Assert.That(wait.SentUtc, Is.EqualTo(now));
        }
    }
}
