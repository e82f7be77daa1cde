using System;
using PerpGuard.Risk.Pipeline;

namespace PerpGuard.Risk.Tests.Pipeline
{
    /// <summary>
    /// The per-position memory of a failing action (a close or a stop the broker refuses): asked again only after the
    /// retry interval of server time, journaled once per position and error. Tested on its own here (the executor's
    /// tests reach it only through the broker mock).
    /// </summary>
    public class FailedActionGateTests
    {
        private static readonly DateTime T0 = new DateTime(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);

        [Test]
        public void IsWaiting_FiveSecondsAfterAFailure_WaitsUntilTheIntervalHasPassedExactly()
        {
            // Failed at 09:00:00 → next try at 09:00:05: waiting at 09:00:04.999, not at 09:00:05.
            var gate = new FailedActionGate();
            gate.RecordFailure(7, "MarketClosed", T0);

            Assert.That(gate.IsWaiting(7, T0.AddMilliseconds(4_999)), Is.True);
            Assert.That(gate.IsWaiting(7, T0.AddSeconds(5)), Is.False);
            Assert.That(gate.IsWaiting(8, T0), Is.False, "another position is not held back");
        }

        [Test]
        public void RecordFailure_NewsOnlyForTheFirstAndWhenTheErrorChanges_CountsEveryOne()
        {
            var gate = new FailedActionGate();

            Assert.That(gate.RecordFailure(7, "MarketClosed", T0), Is.True, "first");
            Assert.That(gate.RecordFailure(7, "MarketClosed", T0.AddSeconds(5)), Is.False, "repeat");
            Assert.That(gate.RecordFailure(7, "Timeout", T0.AddSeconds(10)), Is.True, "changed");
            Assert.That(gate.FailuresInARow(7), Is.EqualTo(3));
            Assert.That(gate.LastError(7), Is.EqualTo("Timeout"));
            Assert.That(gate.IsWaiting(7, T0.AddSeconds(14)), Is.True, "the back-off counts from the last failure (10 s + 5 s)");
        }

        [Test]
        public void RecordSuccess_ReturnsTheFailuresBeforeItAndForgetsThem()
        {
            var gate = new FailedActionGate();
            gate.RecordFailure(7, "MarketClosed", T0);
            gate.RecordFailure(7, "MarketClosed", T0.AddSeconds(5));

            Assert.That(gate.RecordSuccess(7), Is.EqualTo(2));
            Assert.That((gate.Count, gate.FailuresInARow(7), gate.LastError(7), gate.IsWaiting(7, T0.AddSeconds(6))), Is.EqualTo((0, 0, string.Empty, false)));
            Assert.That(gate.RecordSuccess(7), Is.EqualTo(0), "nothing failed since");
            Assert.That(gate.RecordFailure(7, "MarketClosed", T0.AddSeconds(7)), Is.True, "news again after the success");
        }

        [Test]
        public void Forget_OnlyThatPosition()
        {
            var gate = new FailedActionGate();
            gate.RecordFailure(7, "MarketClosed", T0);
            gate.RecordFailure(8, "MarketClosed", T0);

            gate.Forget(7);

            Assert.That(gate.Count, Is.EqualTo(1));
            Assert.That(gate.IsWaiting(7, T0), Is.False);
            Assert.That(gate.IsWaiting(8, T0), Is.True);
        }

        [Test]
        public void Constructor_Interval_ZeroAllowedNegativeRefused()
        {
            var immediate = new FailedActionGate(TimeSpan.Zero);
            immediate.RecordFailure(7, "x", T0);

            Assert.That(immediate.IsWaiting(7, T0), Is.False, "a zero interval asks again at once");
            Assert.That(() => new FailedActionGate(TimeSpan.FromSeconds(-1)), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(new FailedActionGate().RetryInterval, Is.EqualTo(TimeSpan.FromSeconds(5)));
        }

        [Test]
        public void RecordFailure_NullError_TreatedAsEmptyNotAsNews()
        {
            var gate = new FailedActionGate();
            gate.RecordFailure(7, string.Empty, T0);

            Assert.That(gate.RecordFailure(7, null!, T0.AddSeconds(5)), Is.False);
            Assert.That(gate.LastError(7), Is.Empty);
        }
    }
}
