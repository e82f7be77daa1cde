using System;
using System.Linq;
using PerpGuard.Risk.Pipeline;
using PerpGuard.Risk.Rules;

namespace PerpGuard.Risk.Tests.Pipeline
{
    /// <summary>
    /// The tally sums a reason's back-to-back repeats without hashing it each time; the counts read back
    /// (ByReason, CountOf) must still be exact whatever the interleaving, and a reason's name is its enum text.
    /// </summary>
    public class RefusalTallyRepeatTests
    {
        [Test]
        public void Count_InterleavedReasonsWithRuns_CountsEveryOneExactly()
        {
            var tracker = PipelineFixtures.StartedTracker(new ManualClock(PipelineFixtures.Noon));
            var tally = new RefusalTally();
            var status = tracker.Status;

            // Hand count: A×3, B×2, A×4, C×1, A×1 → A 8, B 2, C 1; journaled: the first A, B and C only.
            // The same string objects each time, as a bot passes its reason names (the fast path compares references).
            const string A = "A", B = "B", C = "C";
            var sequence = new[] { A, A, A, B, B, A, A, A, A, C, A };
            var journaled = string.Empty;
            foreach (var reason in sequence)
            {
                if (tally.Count(reason, status))
                {
                    journaled += reason;
                }
            }

            Assert.That(journaled, Is.EqualTo("ABC"));
            Assert.That(tally.CountOf("A"), Is.EqualTo(8));
            Assert.That(tally.ByReason["B"], Is.EqualTo(2));
            Assert.That(tally.ByReason.Values.Sum(), Is.EqualTo(11));
            Assert.That(tally.Total, Is.EqualTo(11));
        }

        [Test]
        public void Count_EqualReasonsThatAreDifferentStrings_CountedAsOneReason()
        {
            var tracker = PipelineFixtures.StartedTracker(new ManualClock(PipelineFixtures.Noon));
            var tally = new RefusalTally();
            var status = tracker.Status;

            // Two distinct string objects with the same text (the reference fast path must not split them):
            // a×2, a'×1, b×1, a'×2, a×1 → "A" 6, "B" 1; journaled: the first "A" and "B" only.
            var a = new string("A".ToCharArray());
            var a2 = new string("A".ToCharArray());
            const string B = "B";
            Assert.That(ReferenceEquals(a, a2), Is.False, "the test needs two objects");
            var journaled = string.Empty;
            foreach (var reason in new[] { a, a, a2, B, a2, a2, a })
            {
                if (tally.Count(reason, status))
                {
                    journaled += reason;
                }
            }

            Assert.That(journaled, Is.EqualTo("AB"));
            Assert.That(tally.CountOf("A"), Is.EqualTo(6));
            Assert.That(tally.ByReason["B"], Is.EqualTo(1));
            Assert.That(tally.ByReason.Count, Is.EqualTo(2));
        }

        [Test]
        public void ByReason_KeptReference_ReadsRepeatsCountedAfterward()
        {
            var tracker = PipelineFixtures.StartedTracker(new ManualClock(PipelineFixtures.Noon));
            var tally = new RefusalTally();
            var status = tracker.Status;
            const string A = "A";
            tally.Count(A, status);
            var view = tally.ByReason;

            // Three more repeats after the view was taken: 1 + 3 = 4, read through the kept reference.
            tally.Count(A, status);
            tally.Count(A, status);
            tally.Count(A, status);

            Assert.That(view["A"], Is.EqualTo(4));
            Assert.That(view.Values.Sum(), Is.EqualTo(4));
        }

        [Test]
        public void ByReason_ReadBetweenRepeats_StaysExact()
        {
            var tracker = PipelineFixtures.StartedTracker(new ManualClock(PipelineFixtures.Noon));
            tracker.Halt(ReasonCode.DailyLossLimit);
            var tally = new RefusalTally();
            const string Halted = "TradingHalted";

            tally.Count(Halted, tracker.Status);
            tally.Count(Halted, tracker.Status);
            Assert.That(tally.ByReason[Halted], Is.EqualTo(2));
            tally.Count(Halted, tracker.Status);
            tally.Count(Halted, tracker.Status);
            tally.Count(Halted, tracker.Status);

            Assert.That(tally.ByReason[Halted], Is.EqualTo(5));
            Assert.That(tally.CountOf(Halted), Is.EqualTo(5));
        }

        [Test]
        public void Count_SameReasonAfterNewEpisode_JournaledAgain()
        {
            var tracker = PipelineFixtures.StartedTracker(new ManualClock(PipelineFixtures.Noon));
            var tally = new RefusalTally();
            const string Spread = "SpreadTooWide";

            Assert.That(tally.Count(Spread, tracker.Status), Is.True);
            Assert.That(tally.Count(Spread, tracker.Status), Is.False);
            tracker.Halt(ReasonCode.DailyLossLimit);
            Assert.That(tally.Count(Spread, tracker.Status), Is.True, "halted: a new episode");
            Assert.That(tally.CountOf(Spread), Is.EqualTo(3));
        }

        [Test]
        public void Of_EveryReasonCode_IsItsEnumName()
        {
            Assert.That(ReasonNames.Of(ReasonCode.SpreadTooWide), Is.EqualTo("SpreadTooWide"));
            Assert.That(ReasonNames.Of(ReasonCode.GapThroughStop), Is.EqualTo("GapThroughStop"));
            Assert.That(ReasonNames.Of(ReasonCode.None), Is.EqualTo("None"));
            Assert.That(ReasonNames.Of((ReasonCode)999), Is.EqualTo("999"), "unknown values fall back to the number");
            Assert.That(ReasonNames.Of((ReasonCode)(-1)), Is.EqualTo("-1"));
            foreach (ReasonCode code in Enum.GetValues(typeof(ReasonCode)))
            {
                Assert.That(ReasonNames.Of(code), Is.EqualTo(Enum.GetName(typeof(ReasonCode), code)));
            }
        }
    }
}
