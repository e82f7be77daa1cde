using System;
using System.Collections.Generic;
using System.Linq;
using Moq;
using PerpGuard.Risk.Pipeline;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Risk.Tests.Pipeline
{
    /// <summary>
    /// A close (or a stop move) the broker keeps refusing: protection keeps retrying, but the broker is asked at most
    /// every 5 s of server time and the journal gets one ActionFailed per position and error (again when the error
    /// changes or after a success), not one per tick.
    /// </summary>
    public class OrderExecutorRetryTests
    {
        private static readonly PositionView Long = new PositionView(7, "BTCUSD", "bot", TradeSide.Long, 0.27, 60_000, 59_700, 60_600.08, -12.5);

        private readonly List<PipelineEvent> _events = new List<PipelineEvent>();
        private Mock<ITradingGateway> _gateway = null!;
        private Mock<IPipelineJournal> _journal = null!;
        private ManualClock _clock = null!;

        [SetUp]
        public void SetUp()
        {
            _events.Clear();
            _gateway = new Mock<ITradingGateway>(MockBehavior.Strict);
            _journal = new Mock<IPipelineJournal>();
            _journal.Setup(j => j.Write(It.IsAny<PipelineEvent>())).Callback<PipelineEvent>(_events.Add);
            _clock = new ManualClock(PipelineFixtures.Noon);
        }

        private OrderExecutor Executor(int retries = 2) => new OrderExecutor(_gateway.Object, _journal.Object, _clock, retries);

        private List<PipelineEvent> Failed() => _events.Where(e => e.Kind == PipelineEventKind.ActionFailed).ToList();

        [Test]
        public void Close_MarketClosedOnEveryTickForTwentySeconds_OneActionFailedAndBrokerAskedEveryFiveSeconds()
        {
            // A tick every second for 20 s (t = 0 … 19 s), the broker answering MarketClosed (not transient, so one
            // call per try): tries at t = 0, 5, 10, 15 → 4 calls; one ActionFailed, at t = 0.
            _gateway.Setup(g => g.ClosePosition(7)).Returns(GatewayResult.Failed("MarketClosed", false));
            var executor = Executor();

            for (var second = 0; second < 20; second++)
            {
                Assert.That(executor.Close(Long, PipelineEventKind.FlattenClose, "DailyLossLimit"), Is.False);
                _clock.Advance(TimeSpan.FromSeconds(1));
            }

            _gateway.Verify(g => g.ClosePosition(7), Times.Exactly(4));
            var failed = Failed();
            Assert.That(failed, Has.Count.EqualTo(1));
            Assert.That((failed[0].Utc, failed[0].PositionId, failed[0].Reason), Is.EqualTo((PipelineFixtures.Noon, 7, "DailyLossLimit")));
            Assert.That(failed[0].Message, Does.Contain("MarketClosed"));
        }

        [Test]
        public void Close_ErrorChangesThenSucceedsThenFailsAgain_JournaledAtEachChangeAndAfterTheSuccess()
        {
            // MarketClosed at t = 0 and 5 s (one event), Timeout ×3 (transient: all 3 attempts of the try) at 10 s
            // (a second event: the error changed), closed at 15 s: FlattenClose says after how many failed tries.
            _gateway.SetupSequence(g => g.ClosePosition(7))
                .Returns(GatewayResult.Failed("MarketClosed", false))
                .Returns(GatewayResult.Failed("MarketClosed", false))
                .Returns(GatewayResult.Failed("Timeout", true))
                .Returns(GatewayResult.Failed("Timeout", true))
                .Returns(GatewayResult.Failed("Timeout", true))
                .Returns(GatewayResult.Ok())
                .Returns(GatewayResult.Failed("MarketClosed", false));
            var executor = Executor();

            for (var second = 0; second <= 15; second++)
            {
                executor.Close(Long, PipelineEventKind.FlattenClose, "DailyLossLimit");
                _clock.Advance(TimeSpan.FromSeconds(1));
            }

            Assert.That(Failed().Select(e => e.Utc.Second), Is.EqualTo(new[] { 0, 10 }));
            Assert.That(Failed()[1].Message, Does.Contain("Timeout"));
            var closed = _events.Single(e => e.Kind == PipelineEventKind.FlattenClose);
            Assert.That(closed.Utc, Is.EqualTo(PipelineFixtures.Noon.AddSeconds(15)));
            Assert.That(closed.Message, Does.Contain("3 failed"));

            // The same position id failing again later (a new position reusing nothing, but the rule is per id):
            // news again after the success, journaled at once, no back-off carried over.
            Assert.That(executor.Close(Long, PipelineEventKind.FlattenClose, "DailyLossLimit"), Is.False);
            Assert.That(Failed(), Has.Count.EqualTo(3));
        }

        [Test]
        public void Close_FirstFailure_RaisesTheNoticeOnceForPrinting()
        {
            _gateway.Setup(g => g.ClosePosition(7)).Returns(GatewayResult.Failed("MarketClosed", false));
            var executor = Executor();
            var notices = new List<PipelineEvent>();
            executor.FirstFailure += notices.Add;

            for (var second = 0; second < 30; second += 1)
            {
                executor.Close(Long, PipelineEventKind.FlattenClose, "DailyLossLimit");
                _clock.Advance(TimeSpan.FromSeconds(1));
            }

            Assert.That(notices, Has.Count.EqualTo(1));
            Assert.That(notices[0].Kind, Is.EqualTo(PipelineEventKind.ActionFailed));
        }

        [Test]
        public void Close_TwoPositionsFailing_EachJournaledOnce()
        {
            var other = new PositionView(8, "BTCUSD", "bot", TradeSide.Short, 0.1, 60_000, 60_300, null, 0);
            _gateway.Setup(g => g.ClosePosition(It.IsAny<int>())).Returns(GatewayResult.Failed("MarketClosed", false));
            var executor = Executor();

            for (var second = 0; second < 12; second++)
            {
                executor.Close(Long, PipelineEventKind.FlattenClose, "DailyLossLimit");
                executor.Close(other, PipelineEventKind.FlattenClose, "DailyLossLimit");
                _clock.Advance(TimeSpan.FromSeconds(1));
            }

            Assert.That(Failed().Select(e => e.PositionId), Is.EquivalentTo(new[] { 7, 8 }));
        }

        [Test]
        public void Close_PositionGoneAfterFailures_ForgottenSoANewFailureIsJournaled()
        {
            _gateway.Setup(g => g.ClosePosition(7)).Returns(GatewayResult.Failed("MarketClosed", false));
            var executor = Executor();
            executor.Close(Long, PipelineEventKind.FlattenClose, "DailyLossLimit");

            executor.Forget(7);

            Assert.That(executor.Close(Long, PipelineEventKind.FlattenClose, "DailyLossLimit"), Is.False, "asked at once: no back-off left");
            Assert.That(Failed(), Has.Count.EqualTo(2));
        }

        [Test]
        public void SetStop_TrailingMoveRefusedOnEveryTick_OneActionFailedAndBrokerAskedEveryFiveSeconds()
        {
            _gateway.Setup(g => g.SetStopLoss(7, It.IsAny<double>())).Returns(GatewayResult.Failed("MarketClosed", false));
            var executor = Executor();

            for (var second = 0; second < 10; second++)
            {
                Assert.That(executor.SetStop(7, 59_800 + second, PipelineEventKind.StopMoved, "TrailingStop"), Is.False);
                _clock.Advance(TimeSpan.FromSeconds(1));
            }

            _gateway.Verify(g => g.SetStopLoss(7, It.IsAny<double>()), Times.Exactly(2));
            Assert.That(Failed(), Has.Count.EqualTo(1));
        }

        [Test]
        public void SetStop_AttachingAMissingStop_NeverHeldBackByAnEarlierFailure()
        {
            // A missing stop is never waited for: when it cannot be attached the robot closes the position at once.
            _gateway.Setup(g => g.SetStopLoss(7, It.IsAny<double>())).Returns(GatewayResult.Failed("InvalidStopLossTakeProfit", false));
            var executor = Executor();

            executor.SetStop(7, 59_800, PipelineEventKind.StopMoved, "TrailingStop");
            executor.SetStop(7, 59_700, PipelineEventKind.StopAttached, "MissingStop");

            _gateway.Verify(g => g.SetStopLoss(7, It.IsAny<double>()), Times.Exactly(2));
        }

        [Test]
        public void NakedCycle_StopAndCloseRefusedOnEveryTick_EachJournaledOnceAndBrokerAskedEveryFiveSeconds()
        {
            // A position without a stop: every tick the robot attaches the stop and, when refused, closes the position.
            // Both refused (MarketClosed) for 10 ticks a second apart: the cycle runs at t = 0 and 5 s (2 stop calls,
            // 2 close calls), one ActionFailed for the stop and one for the close.
            _gateway.Setup(g => g.SetStopLoss(7, It.IsAny<double>())).Returns(GatewayResult.Failed("MarketClosed", false));
            _gateway.Setup(g => g.ClosePosition(7)).Returns(GatewayResult.Failed("MarketClosed", false));
            var executor = Executor();

            for (var second = 0; second < 10; second++)
            {
                if (!executor.SetStop(7, 59_700, PipelineEventKind.StopAttached, "MissingStop"))
                {
                    executor.Close(Long, PipelineEventKind.NakedPositionClosed, "StopNotAttached");
                }

                _clock.Advance(TimeSpan.FromSeconds(1));
            }

            _gateway.Verify(g => g.SetStopLoss(7, It.IsAny<double>()), Times.Exactly(2));
            _gateway.Verify(g => g.ClosePosition(7), Times.Exactly(2));
            Assert.That(Failed().Select(e => e.Reason), Is.EqualTo(new[] { "MissingStop", "StopNotAttached" }));
        }

        [Test]
        public void PlatformError_SameCodeRepeated_NewOnlyWhenItChangesOrAfterASuccess()
        {
            _gateway.SetupSequence(g => g.ClosePosition(7)).Returns(GatewayResult.Ok());
            var executor = Executor();

            Assert.That(executor.IsNewPlatformError("MarketClosed"), Is.True);
            Assert.That(executor.IsNewPlatformError("MarketClosed"), Is.False);
            Assert.That(executor.IsNewPlatformError("Timeout"), Is.True);
            executor.Close(Long, PipelineEventKind.FlattenClose, "DailyLossLimit");
            Assert.That(executor.IsNewPlatformError("Timeout"), Is.True, "a success in between: news again");
        }
    }
}
