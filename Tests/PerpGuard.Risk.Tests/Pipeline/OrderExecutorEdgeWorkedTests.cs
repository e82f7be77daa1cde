using System;
using System.Collections.Generic;
using System.Linq;
using Moq;
using PerpGuard.Risk.Pipeline;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Risk.Tests.Pipeline
{
    /// <summary>
    /// The order executor on the cases the older tests left open (each written for a mutant that survived them or
    /// code no test reached): a fill without its target, a short or a fill without a price, what the journal records
    /// of a fill, a stop and a close, a position the broker no longer knows, and the per-position failure memory of
    /// stops. The issue-2 long: 0.27 BTC at 60,000, stop 59,700, target 60,600.08 (pip = 1 USD).
    /// </summary>
    public class OrderExecutorEdgeWorkedTests
    {
        private static EntryDecision LongDecision(double volume = 0.27) =>
            EntryDecision.Accept(TradeSide.Long, volume, 60_000, 59_700, 60_600.08, 1.0, 97.16, 1.62, string.Empty);

        // A short at 60,000 with the stop 300 above and the target 599.93 below (59,400.07, PositionProtectorEdgeWorkedTests).
        private static EntryDecision ShortDecision() =>
            EntryDecision.Accept(TradeSide.Short, 0.27, 60_000, 60_300, 59_400.07, 1.0, 97.24, 1.62, string.Empty);

        private static PositionView Filled(double entry = 60_000, double? stop = 59_700, double? target = 60_600.08, double volume = 0.27, TradeSide side = TradeSide.Long) =>
            new PositionView(7, "BTCUSD", "bot", side, volume, entry, stop, target, 0);

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

        private void FillWith(PositionView position) =>
            _gateway.Setup(g => g.OpenMarket(It.IsAny<TradeSide>(), It.IsAny<double>(), It.IsAny<double>(), It.IsAny<double>(), It.IsAny<string>()))
                .Returns(GatewayResult.Ok(position));

        private List<PipelineEvent> Of(PipelineEventKind kind) => _events.Where(e => e.Kind == kind).ToList();

        [Test]
        public void Constructor_NoRetries_SendsOnce()
        {
            FillWith(Filled());

            Assert.That(Executor(retries: 0).Open(LongDecision(), "c").Status, Is.EqualTo(ExecutionStatus.Opened));
            _gateway.Verify(g => g.OpenMarket(It.IsAny<TradeSide>(), It.IsAny<double>(), It.IsAny<double>(), It.IsAny<double>(), It.IsAny<string>()), Times.Once);
        }

        [Test]
        public void Constructor_NegativeRetries_Throws()
        {
            Assert.That(() => Executor(retries: -1), Throws.TypeOf<ArgumentOutOfRangeException>());
        }

        [Test]
        public void Open_RefusedDecision_ThrowsNothingSent()
        {
            var refused = EntryDecision.Refuse("no-risk-budget", "none left");

            Assert.That(() => Executor().Open(refused, "c"), Throws.ArgumentException);
            _gateway.VerifyNoOtherCalls();
        }

        [Test]
        public void Open_RejectedTwiceThenFilled_EachRejectionJournaledWithItsAttemptNumber()
        {
            _gateway.SetupSequence(g => g.OpenMarket(It.IsAny<TradeSide>(), It.IsAny<double>(), It.IsAny<double>(), It.IsAny<double>(), It.IsAny<string>()))
                .Returns(GatewayResult.Failed("MarketClosed", true))
                .Returns(GatewayResult.Failed("MarketClosed", true))
                .Returns(GatewayResult.Ok(Filled()));

            Executor().Open(LongDecision(), "c");

            Assert.That(Of(PipelineEventKind.OrderRejected).Select(e => e.Value), Is.EqualTo(new[] { 1.0, 2.0 }));
        }

        [Test]
        public void Open_SlippedFillWithTheStopAndTargetAtThePlannedPrices_JournalsTheSlippageAndThePositionsOwnLevels()
        {
            // Filled at 60,010 (10 worse than planned); the broker placed the stop and target at the planned prices.
            // The journal records those (59,700 and 60,600.08), not the planned distances from the fill (59,710, 60,610.08).
            FillWith(Filled(entry: 60_010));

            Executor().Open(LongDecision(), "c");

            var opened = Of(PipelineEventKind.PositionOpened).Single();
            Assert.That(opened.Value, Is.EqualTo(10).Within(1e-9), "slippage = fill − planned entry");
            Assert.That(opened.StopLoss, Is.EqualTo(59_700));
            Assert.That(opened.TakeProfit, Is.EqualTo(60_600.08));
        }

        [Test]
        public void Open_FullFill_NoPartialFillEventAndThePlannedRiskKept()
        {
            FillWith(Filled());

            var outcome = Executor().Open(LongDecision(), "c");

            Assert.That(Of(PipelineEventKind.PartialFill), Is.Empty);
            Assert.That(outcome.PlannedRisk, Is.EqualTo(97.16));
        }

        [Test]
        public void Open_FillWithoutAReportedVolume_PlannedRiskKept()
        {
            // A position reported with volume 0 (unknown) is not a partial fill of nothing: the plan's 97.16 stays.
            FillWith(Filled(volume: 0));

            var outcome = Executor().Open(LongDecision(), "c");

            Assert.That(outcome.PlannedRisk, Is.EqualTo(97.16));
            Assert.That(Of(PipelineEventKind.PartialFill), Is.Empty);
        }

        [Test]
        public void Open_PartialFill_EventTellsFilledAndAskedVolumesAndTheScaledRisk()
        {
            // 0.10 of 0.27: risk 97.16 × 0.10 / 0.27 = 35.985.
            FillWith(Filled(volume: 0.10));

            Executor().Open(LongDecision(), "c");

            var partial = Of(PipelineEventKind.PartialFill).Single();
            Assert.That((partial.PositionId, partial.Side, partial.Volume, partial.Value), Is.EqualTo((7, (TradeSide?)TradeSide.Long, 0.10, 0.27)));
            Assert.That(partial.PlannedRisk, Is.EqualTo(97.16 * 0.10 / 0.27).Within(1e-9));
        }

        [Test]
        public void Open_FilledWithoutTarget_TargetAtThePlannedDistanceFromTheFill()
        {
            // Fill 60,010; planned target distance 60,600.08 − 60,000 = 600.08 → 60,610.08.
            FillWith(Filled(entry: 60_010, target: null));
            _gateway.Setup(g => g.SetTakeProfit(7, It.IsAny<double>())).Returns(GatewayResult.Ok());

            var outcome = Executor().Open(LongDecision(), "c");

            Assert.That(outcome.Status, Is.EqualTo(ExecutionStatus.Opened));
            _gateway.Verify(g => g.SetTakeProfit(7, It.Is<double>(t => Math.Abs(t - 60_610.08) < 1e-6)), Times.Once);
            var attached = Of(PipelineEventKind.TargetAttached).Single();
            Assert.That(attached.PositionId, Is.EqualTo(7));
            Assert.That(attached.TakeProfit, Is.EqualTo(60_610.08).Within(1e-6));
        }

        [Test]
        public void Open_TargetRefusedEveryTime_TriedOncePerAttemptStillOpenWithItsStop()
        {
            // A missing target is no risk: 1 + 2 retries, then the position stays open (its stop is there).
            FillWith(Filled(target: null));
            _gateway.Setup(g => g.SetTakeProfit(7, It.IsAny<double>())).Returns(GatewayResult.Failed("InvalidStopLossTakeProfit", false));

            var outcome = Executor(retries: 2).Open(LongDecision(), "c");

            Assert.That(outcome.Status, Is.EqualTo(ExecutionStatus.Opened));
            _gateway.Verify(g => g.SetTakeProfit(7, It.IsAny<double>()), Times.Exactly(3));
            Assert.That(Of(PipelineEventKind.TargetAttached), Is.Empty);
        }

        [Test]
        public void Open_ShortFilledWithoutStopOrTarget_StopAboveTargetBelowTheFill()
        {
            // Short filled at 59,990: stop 59,990 + 300 = 60,290; target 59,990 − 599.93 = 59,390.07.
            FillWith(Filled(entry: 59_990, stop: null, target: null, side: TradeSide.Short));
            _gateway.Setup(g => g.SetStopLoss(7, It.IsAny<double>())).Returns(GatewayResult.Ok());
            _gateway.Setup(g => g.SetTakeProfit(7, It.IsAny<double>())).Returns(GatewayResult.Ok());

            Executor().Open(ShortDecision(), "c");

            _gateway.Verify(g => g.SetStopLoss(7, It.Is<double>(s => Math.Abs(s - 60_290) < 1e-6)), Times.Once);
            _gateway.Verify(g => g.SetTakeProfit(7, It.Is<double>(t => Math.Abs(t - 59_390.07) < 1e-6)), Times.Once);
        }

        [Test]
        public void Open_FillWithoutAPrice_StopAndTargetAtThePlannedPrices()
        {
            // The port reports no fill price (0): the planned entry 60,000 stands in → stop 59,700, target 60,600.08.
            FillWith(Filled(entry: 0, stop: null, target: null));
            _gateway.Setup(g => g.SetStopLoss(7, It.IsAny<double>())).Returns(GatewayResult.Ok());
            _gateway.Setup(g => g.SetTakeProfit(7, It.IsAny<double>())).Returns(GatewayResult.Ok());

            Executor().Open(LongDecision(), "c");

            _gateway.Verify(g => g.SetStopLoss(7, It.Is<double>(s => Math.Abs(s - 59_700) < 1e-6)), Times.Once);
            _gateway.Verify(g => g.SetTakeProfit(7, It.Is<double>(t => Math.Abs(t - 60_600.08) < 1e-6)), Times.Once);
        }

        [Test]
        public void Close_FirstTry_EventNamesThePositionSideVolumeAndProfitWithoutARetryNote()
        {
            var p = new PositionView(7, "BTCUSD", "bot", TradeSide.Short, 0.27, 60_000, 60_300, 59_400.07, -12.5);
            _gateway.Setup(g => g.ClosePosition(7)).Returns(GatewayResult.Ok());

            Assert.That(Executor().Close(p, PipelineEventKind.FlattenClose, "DailyLossLimit"), Is.True);

            var closed = Of(PipelineEventKind.FlattenClose).Single();
            Assert.That((closed.PositionId, closed.Side, closed.Volume, closed.Value, closed.Reason), Is.EqualTo((7, (TradeSide?)TradeSide.Short, 0.27, -12.5, "DailyLossLimit")));
            Assert.That(closed.Message, Is.Empty);
        }

        [Test]
        public void Close_BrokerNoLongerKnowsThePosition_TakenAsClosedNothingJournaledNothingRemembered()
        {
            // Refused once (MarketClosed) at t = 0; at t = 5 s the broker answers EntityNotFound (closed by its stop
            // meanwhile): gone, no ActionFailed for it, and no failure kept for its id.
            _gateway.SetupSequence(g => g.ClosePosition(7))
                .Returns(GatewayResult.Failed("MarketClosed", false))
                .Returns(GatewayResult.Failed("EntityNotFound", false));
            var executor = Executor();
            var p = Filled();

            Assert.That(executor.Close(p, PipelineEventKind.FlattenClose, "DailyLossLimit"), Is.False);
            _clock.Advance(TimeSpan.FromSeconds(5));
            Assert.That(executor.Close(p, PipelineEventKind.FlattenClose, "DailyLossLimit"), Is.True);

            _gateway.Verify(g => g.ClosePosition(7), Times.Exactly(2));
            Assert.That(Of(PipelineEventKind.ActionFailed), Has.Count.EqualTo(1));
            Assert.That(executor.CloseFailures.FailuresInARow(7), Is.EqualTo(0));
        }

        [Test]
        public void Close_EntityNotFoundCalledTransient_NotTakenAsGone()
        {
            // Only a definite EntityNotFound says the position is gone; a transient one is an error like any other:
            // retried within the try (3 calls), then journaled.
            _gateway.Setup(g => g.ClosePosition(7)).Returns(GatewayResult.Failed("EntityNotFound", true));

            Assert.That(Executor().Close(Filled(), PipelineEventKind.FlattenClose, "DailyLossLimit"), Is.False);
            _gateway.Verify(g => g.ClosePosition(7), Times.Exactly(3));
            Assert.That(Of(PipelineEventKind.ActionFailed), Has.Count.EqualTo(1));
        }

        [Test]
        public void Close_SucceededThenTheSameErrorAgain_JournaledAgain()
        {
            // MarketClosed at t = 0 (journaled), closed at t = 5 s, MarketClosed again at t = 10 s: after a success the
            // same error is news again.
            _gateway.SetupSequence(g => g.ClosePosition(7))
                .Returns(GatewayResult.Failed("MarketClosed", false))
                .Returns(GatewayResult.Ok())
                .Returns(GatewayResult.Failed("MarketClosed", false));
            var executor = Executor();

            executor.Close(Filled(), PipelineEventKind.FlattenClose, "x");
            _clock.Advance(TimeSpan.FromSeconds(5));
            executor.Close(Filled(), PipelineEventKind.FlattenClose, "x");
            _clock.Advance(TimeSpan.FromSeconds(5));
            executor.Close(Filled(), PipelineEventKind.FlattenClose, "x");

            Assert.That(Of(PipelineEventKind.ActionFailed).Select(e => e.Utc.Second), Is.EqualTo(new[] { 0, 10 }));
        }

        [Test]
        public void SetStop_Accepted_EventNamesThePositionAndTheStop()
        {
            _gateway.Setup(g => g.SetStopLoss(7, 60_300)).Returns(GatewayResult.Ok());

            Assert.That(Executor().SetStop(7, 60_300, PipelineEventKind.StopMoved, "TrailingStop"), Is.True);

            var moved = Of(PipelineEventKind.StopMoved).Single();
            Assert.That((moved.PositionId, moved.StopLoss, moved.Reason), Is.EqualTo((7, 60_300.0, "TrailingStop")));
        }

        [Test]
        public void SetStop_Refused_FailureNamesThePositionTheStopAndTheError()
        {
            _gateway.Setup(g => g.SetStopLoss(7, 60_300)).Returns(GatewayResult.Failed("InvalidStopLossTakeProfit", false));

            Executor().SetStop(7, 60_300, PipelineEventKind.StopMoved, "TrailingStop");

            var failed = Of(PipelineEventKind.ActionFailed).Single();
            Assert.That((failed.PositionId, failed.StopLoss), Is.EqualTo((7, 60_300.0)));
            Assert.That(failed.Message, Does.Contain("InvalidStopLossTakeProfit"));
        }

        [Test]
        public void SetStop_MoveSucceededThenTheSameErrorAgain_JournaledAgain()
        {
            // Refused at t = 0 (journaled), accepted at t = 5 s, refused again with the same error at t = 10 s: news again.
            _gateway.SetupSequence(g => g.SetStopLoss(7, It.IsAny<double>()))
                .Returns(GatewayResult.Failed("InvalidStopLossTakeProfit", false))
                .Returns(GatewayResult.Ok())
                .Returns(GatewayResult.Failed("InvalidStopLossTakeProfit", false));
            var executor = Executor();

            executor.SetStop(7, 60_300, PipelineEventKind.StopMoved, "TrailingStop");
            _clock.Advance(TimeSpan.FromSeconds(5));
            executor.SetStop(7, 60_300, PipelineEventKind.StopMoved, "TrailingStop");
            _clock.Advance(TimeSpan.FromSeconds(5));
            executor.SetStop(7, 60_400, PipelineEventKind.StopMoved, "TrailingStop");

            Assert.That(Of(PipelineEventKind.ActionFailed).Select(e => e.Utc.Second), Is.EqualTo(new[] { 0, 10 }));
        }

        [Test]
        public void SetStop_AttachRefused_ATrailingMoveOfTheSamePositionIsNotHeldBack()
        {
            // The failed attach is remembered on its own: a stop move asked at the same instant still reaches the broker.
            _gateway.SetupSequence(g => g.SetStopLoss(7, It.IsAny<double>()))
                .Returns(GatewayResult.Failed("InvalidStopLossTakeProfit", false))
                .Returns(GatewayResult.Ok());
            var executor = Executor();

            executor.SetStop(7, 59_700, PipelineEventKind.StopAttached, "MissingStop");

            Assert.That(executor.SetStop(7, 60_300, PipelineEventKind.StopMoved, "TrailingStop"), Is.True);
        }

        [TestCase(PipelineEventKind.StopMoved)]
        [TestCase(PipelineEventKind.StopAttached)]
        public void Forget_AfterARefusedStop_TheNextRefusalIsAskedAndJournaledAtOnce(PipelineEventKind kind)
        {
            // The position went and its id came back (Forget): neither the back-off nor the "already journaled" carries over.
            _gateway.Setup(g => g.SetStopLoss(7, It.IsAny<double>())).Returns(GatewayResult.Failed("InvalidStopLossTakeProfit", false));
            var executor = Executor();

            executor.SetStop(7, 60_300, kind, "x");
            executor.Forget(7);
            executor.SetStop(7, 60_300, kind, "x");

            _gateway.Verify(g => g.SetStopLoss(7, It.IsAny<double>()), Times.Exactly(2));
            Assert.That(Of(PipelineEventKind.ActionFailed), Has.Count.EqualTo(2));
        }
    }
}
