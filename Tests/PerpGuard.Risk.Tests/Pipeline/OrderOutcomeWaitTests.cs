using System;
using PerpGuard.Risk.Pipeline;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Risk.Tests.Pipeline
{
    /// <summary>The wait for the fill of a market order whose outcome is unknown (docs/execution.md).</summary>
    public class OrderOutcomeWaitTests
    {
        private static readonly DateTime Sent = new DateTime(2022, 1, 3, 10, 15, 0, DateTimeKind.Utc);

        private static OrderOutcomeWait Opened(int seconds = 120)
        {
            var wait = new OrderOutcomeWait(TimeSpan.FromSeconds(seconds));
            wait.Open(TradeSide.Long, 0.05, 46_500.25, "Timeout", Sent);
            return wait;
        }

        [Test]
        public void Holds_WithinTheWait_TrueUntilSentPlusWaitThenFalse()
        {
            // Sent 10:15:00 with a 120-s wait: entries wait through 10:16:59.999 and resume at 10:17:00.
            var wait = Opened();

            Assert.That(wait.UntilUtc, Is.EqualTo(new DateTime(2022, 1, 3, 10, 17, 0, DateTimeKind.Utc)));
            Assert.That(wait.Holds(Sent), Is.True);
            Assert.That(wait.Holds(Sent.AddSeconds(119.999)), Is.True);
            Assert.That(wait.Holds(Sent.AddSeconds(120)), Is.False);
        }

        [Test]
        public void Holds_NeverOpenedOrEnded_False()
        {
            var never = new OrderOutcomeWait(TimeSpan.FromSeconds(120));
            var ended = Opened();
            ended.End();

            Assert.That(never.Holds(Sent), Is.False);
            Assert.That(ended.Holds(Sent.AddSeconds(1)), Is.False);
            Assert.That(ended.IsFillOf(TradeSide.Long, Sent.AddSeconds(1)), Is.False);
        }

        [Test]
        public void IsFillOf_SameSideAfterTheSend_TrueOtherSideOrOlderPositionFalse()
        {
            var wait = Opened();

            Assert.That(wait.IsFillOf(TradeSide.Long, Sent.AddSeconds(30)), Is.True);
            Assert.That(wait.IsFillOf(TradeSide.Long, Sent.AddMinutes(10)), Is.True, "still open: a fill after the time ran out is still the order's");
            Assert.That(wait.IsFillOf(TradeSide.Short, Sent.AddSeconds(30)), Is.False);
            Assert.That(wait.IsFillOf(TradeSide.Long, Sent.AddMinutes(-5)), Is.False, "opened before the order was sent");
        }

        [Test]
        public void Refusal_WhileHolding_SaysUntilWhenWithItsReasonCode()
        {
            var refusal = Opened().Refusal();

            Assert.That(refusal.Accepted, Is.False);
            Assert.That(refusal.Reason, Is.EqualTo("OrderOutcomeUnknown"));
            Assert.That(refusal.Message, Does.Contain("10:15:00").And.Contain("Timeout").And.Contain("10:17:00 UTC"));
        }

        [Test]
        public void SerializeRestore_OpenWait_SameOrderAndSameDeadline()
        {
            var saved = Opened().Serialize();
            var restored = new OrderOutcomeWait(TimeSpan.FromSeconds(120));

            Assert.That(restored.Restore(saved, Sent.AddSeconds(50), out var problem), Is.True);
            Assert.That(problem, Is.Null);
            Assert.That(restored.Side, Is.EqualTo(TradeSide.Long));
            Assert.That(restored.Volume, Is.EqualTo(0.05));
            Assert.That(restored.EntryPrice, Is.EqualTo(46_500.25));
            Assert.That(restored.Error, Is.EqualTo("Timeout"));
            Assert.That(restored.SentUtc, Is.EqualTo(Sent), "the deadline counts from the send, not from the restart");
            Assert.That(restored.Holds(Sent.AddSeconds(119)), Is.True);
            Assert.That(restored.Holds(Sent.AddSeconds(120)), Is.False);
        }

        [TestCase(null)]
        [TestCase("")]
        public void Restore_NothingSavedOrEnded_NoWait(string? text)
        {
            var wait = new OrderOutcomeWait(TimeSpan.FromSeconds(120));

            Assert.That(wait.Restore(text, Sent, out var problem), Is.False);
            Assert.That(problem, Is.Null);
            Assert.That(wait.IsOpen, Is.False);
        }

        [Test]
        public void Serialize_EndedWait_Empty()
        {
            var wait = Opened();
            wait.End();

            Assert.That(wait.Serialize(), Is.Empty);
        }

        [TestCase("{\"schema\":\"perpguard.")]
        [TestCase("{\"schema\":\"perpguard.order-outcome-unknown\",\"version\":2}")]
        [TestCase("{\"schema\":\"perpguard.order-outcome-unknown\",\"version\":1,\"side\":\"Up\",\"sentUtc\":\"2022-01-03T10:15:00.0000000Z\"}")]
        [TestCase("{\"schema\":\"perpguard.order-outcome-unknown\",\"version\":1,\"side\":\"Long\"}")]
        public void Restore_UnreadableRecord_WaitsFromNowForEitherSide(string text)
        {
            // An order that may still fill is waited for, never forgotten: an unreadable record holds entries for the
            // whole wait from the restart and takes a fill of either side as the order's.
            var now = Sent.AddMinutes(1);
            var wait = new OrderOutcomeWait(TimeSpan.FromSeconds(120));

            Assert.That(wait.Restore(text, now, out var problem), Is.True);
            Assert.That(problem, Is.Not.Null.And.Not.Empty);
            Assert.That(wait.Holds(now.AddSeconds(119)), Is.True);
            Assert.That(wait.Holds(now.AddSeconds(120)), Is.False);
            Assert.That(wait.IsFillOf(TradeSide.Short, now), Is.True);
            Assert.That(wait.IsFillOf(TradeSide.Long, now), Is.True);
        }

        [Test]
        public void Constructor_NoWait_Throws()
        {
            Assert.That(() => new OrderOutcomeWait(TimeSpan.Zero), Throws.TypeOf<ArgumentOutOfRangeException>());
        }

        [TestCase(9, false)]
        [TestCase(10, true)]
        [TestCase(3600, true)]
        [TestCase(3601, false)]
        public void Validate_LateFillWait_TenSecondsToAnHour(int seconds, bool valid)
        {
            var options = new ScalperOptions { LateFillWaitSeconds = seconds };

            var validation = options.Validate();

            Assert.That(validation.IsValid, Is.EqualTo(valid), validation.Message);
            if (!valid)
            {
                Assert.That(validation.Message, Does.Contain("Late fill wait (s) must be between 10 and 3600"));
            }
        }
    }
}
