using System.Collections.Generic;
using System.Linq;
using Moq;
using PerpGuard.Risk.Pipeline;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Risk.Tests.Pipeline
{
    public class OrderExecutorTests
    {
        // A long 0.27 BTC at 60,000 with stop 59,700 and target 60,600.08 (issue 2's worked example), pip = 1 USD.
        private static EntryDecision LongDecision(double volume = 0.27) =>
            EntryDecision.Accept(TradeSide.Long, volume, 60_000, 59_700, 60_600.08, 1.0, 97.16, 1.62, string.Empty);

        private static PositionView Filled(double entry = 60_000, double? stop = 59_700, double? target = 60_600.08, double volume = 0.27) =>
            new PositionView(7, "BTCUSD", "bot", TradeSide.Long, volume, entry, stop, target, 0);

        private readonly List<PipelineEvent> _events = new List<PipelineEvent>();
        private Mock<ITradingGateway> _gateway = null!;
        private Mock<IPipelineJournal> _journal = null!;

        [SetUp]
        public void SetUp()
        {
            _events.Clear();
            _gateway = new Mock<ITradingGateway>(MockBehavior.Strict);
            _journal = new Mock<IPipelineJournal>();
            _journal.Setup(j => j.Write(It.IsAny<PipelineEvent>())).Callback<PipelineEvent>(_events.Add);
        }

        private OrderExecutor Executor(int retries = 2) =>
            new OrderExecutor(_gateway.Object, _journal.Object, new ManualClock(PipelineFixtures.Noon), retries);

        [Test]
        public void Open_FilledWithStop_OpenedWithPipDistancesAtTheOrder()
        {
            _gateway.Setup(g => g.OpenMarket(TradeSide.Long, 0.27, It.IsAny<double>(), It.IsAny<double>(), "c"))
                .Returns(GatewayResult.Ok(Filled()));

            var outcome = Executor().Open(LongDecision(), "c");

            Assert.That(outcome.Status, Is.EqualTo(ExecutionStatus.Opened));
            // 300 USD stop and 600.08 USD target with a 1-USD pip: 300 and 600.08 pips.
            _gateway.Verify(g => g.OpenMarket(TradeSide.Long, 0.27, It.Is<double>(p => System.Math.Abs(p - 300) < 1e-9), It.Is<double>(p => System.Math.Abs(p - 600.08) < 1e-6), "c"), Times.Once);
            var opened = _events.Single(e => e.Kind == PipelineEventKind.PositionOpened);
            Assert.That(opened.PositionId, Is.EqualTo(7));
            Assert.That(opened.PlannedRisk, Is.EqualTo(97.16));
        }

        [Test]
        public void Open_TransientRefusalsThatExecutedNothingThenFill_SentAgainUntilFilled()
        {
            // A port may call a certain refusal transient (MarketClosed at a session edge): nothing was executed, so
            // the same order may go again, within the bounded retries.
            _gateway.SetupSequence(g => g.OpenMarket(It.IsAny<TradeSide>(), It.IsAny<double>(), It.IsAny<double>(), It.IsAny<double>(), It.IsAny<string>()))
                .Returns(GatewayResult.Failed("MarketClosed", true))
                .Returns(GatewayResult.Failed("NoTradingPermission", true))
                .Returns(GatewayResult.Ok(Filled()));

            var outcome = Executor(retries: 2).Open(LongDecision(), "c");

            Assert.That(outcome.Status, Is.EqualTo(ExecutionStatus.Opened));
            var rejected = _events.Where(e => e.Kind == PipelineEventKind.OrderRejected).ToList();
            Assert.That(rejected.Select(e => e.Reason), Is.EqualTo(new[] { "MarketClosed", "NoTradingPermission" }));
            Assert.That(rejected.All(e => e.Message.EndsWith("(transient)", System.StringComparison.Ordinal)), Is.True);
        }

        [Test]
        public void Open_TransientRefusalEveryTime_StopsAfterMaxRetries()
        {
            _gateway.Setup(g => g.OpenMarket(It.IsAny<TradeSide>(), It.IsAny<double>(), It.IsAny<double>(), It.IsAny<double>(), It.IsAny<string>()))
                .Returns(GatewayResult.Failed("MarketClosed", true));

            var outcome = Executor(retries: 2).Open(LongDecision(), "c");

            Assert.That(outcome.Status, Is.EqualTo(ExecutionStatus.Rejected));
            _gateway.Verify(g => g.OpenMarket(It.IsAny<TradeSide>(), It.IsAny<double>(), It.IsAny<double>(), It.IsAny<double>(), It.IsAny<string>()), Times.Exactly(3));
        }

        [TestCase("TechnicalError")]
        [TestCase("Timeout")]
        [TestCase("Disconnected")]
        [TestCase("InvalidStopLossTakeProfit")]
        [TestCase("Unknown")]
        public void Open_OutcomeUnknownEvenWhenThePortCallsItTransient_SentOnceNeverAgain(string error)
        {
            // cTrader does not say whether an order answered TechnicalError (or a lost reply: Timeout, Disconnected)
            // was executed: a second order could double the position, so the entry is given up (the port has looked
            // for its fill already; a fill found later is adopted like any position of ours).
            _gateway.Setup(g => g.OpenMarket(It.IsAny<TradeSide>(), It.IsAny<double>(), It.IsAny<double>(), It.IsAny<double>(), It.IsAny<string>()))
                .Returns(GatewayResult.Failed(error, true));

            var outcome = Executor(retries: 2).Open(LongDecision(), "c");

            Assert.That(outcome.Status, Is.EqualTo(ExecutionStatus.Rejected));
            Assert.That(outcome.Error, Is.EqualTo(error));
            _gateway.Verify(g => g.OpenMarket(It.IsAny<TradeSide>(), It.IsAny<double>(), It.IsAny<double>(), It.IsAny<double>(), It.IsAny<string>()), Times.Once);
            var rejected = _events.Single(e => e.Kind == PipelineEventKind.OrderRejected);
            Assert.That(rejected.Message, Is.EqualTo("attempt 1 of 3 rejected: " + error + " (outcome unknown: not sent again)"));
        }

        [Test]
        public void Open_RejectedForMoney_NotRetried()
        {
            _gateway.Setup(g => g.OpenMarket(It.IsAny<TradeSide>(), It.IsAny<double>(), It.IsAny<double>(), It.IsAny<double>(), It.IsAny<string>()))
                .Returns(GatewayResult.Failed("NoMoney", false));

            var outcome = Executor(retries: 2).Open(LongDecision(), "c");

            Assert.That(outcome.Status, Is.EqualTo(ExecutionStatus.Rejected));
            Assert.That(outcome.Error, Is.EqualTo("NoMoney"));
            _gateway.Verify(g => g.OpenMarket(It.IsAny<TradeSide>(), It.IsAny<double>(), It.IsAny<double>(), It.IsAny<double>(), It.IsAny<string>()), Times.Once);
        }

        [Test]
        public void Open_FilledWithoutStop_AttachesStopAtPlannedDistanceFromFill()
        {
            // Slipped fill at 60,010: the stop keeps the planned 300 distance → 59,710.
            _gateway.Setup(g => g.OpenMarket(It.IsAny<TradeSide>(), It.IsAny<double>(), It.IsAny<double>(), It.IsAny<double>(), It.IsAny<string>()))
                .Returns(GatewayResult.Ok(Filled(entry: 60_010, stop: null)));
            _gateway.Setup(g => g.SetStopLoss(7, It.IsAny<double>())).Returns(GatewayResult.Ok());

            var outcome = Executor().Open(LongDecision(), "c");

            Assert.That(outcome.Status, Is.EqualTo(ExecutionStatus.Opened));
            _gateway.Verify(g => g.SetStopLoss(7, It.Is<double>(s => System.Math.Abs(s - 59_710) < 1e-9)), Times.Once);
            Assert.That(_events.Any(e => e.Kind == PipelineEventKind.StopAttached), Is.True);
        }

        [Test]
        public void Open_StopNotAccepted_ClosesThePositionAndJournalsIt()
        {
            _gateway.Setup(g => g.OpenMarket(It.IsAny<TradeSide>(), It.IsAny<double>(), It.IsAny<double>(), It.IsAny<double>(), It.IsAny<string>()))
                .Returns(GatewayResult.Ok(Filled(stop: null)));
            _gateway.Setup(g => g.SetStopLoss(7, It.IsAny<double>())).Returns(GatewayResult.Failed("InvalidStopLossTakeProfit", false));
            _gateway.Setup(g => g.ClosePosition(7)).Returns(GatewayResult.Ok());

            var outcome = Executor().Open(LongDecision(), "c");

            Assert.That(outcome.Status, Is.EqualTo(ExecutionStatus.ClosedUnprotected));
            _gateway.Verify(g => g.ClosePosition(7), Times.Once);
            Assert.That(_events.Single(e => e.Kind == PipelineEventKind.NakedPositionClosed).Reason, Is.EqualTo("StopNotAttached"));
            Assert.That(_events.Any(e => e.Kind == PipelineEventKind.PositionOpened), Is.False);
        }

        [Test]
        public void Open_StopAndCloseBothFail_ReportsUnprotected()
        {
            _gateway.Setup(g => g.OpenMarket(It.IsAny<TradeSide>(), It.IsAny<double>(), It.IsAny<double>(), It.IsAny<double>(), It.IsAny<string>()))
                .Returns(GatewayResult.Ok(Filled(stop: null)));
            _gateway.Setup(g => g.SetStopLoss(7, It.IsAny<double>())).Returns(GatewayResult.Failed("Timeout", true));
            _gateway.Setup(g => g.ClosePosition(7)).Returns(GatewayResult.Failed("Timeout", true));

            var outcome = Executor(retries: 1).Open(LongDecision(), "c");

            Assert.That(outcome.Status, Is.EqualTo(ExecutionStatus.Unprotected));
            _gateway.Verify(g => g.SetStopLoss(7, It.IsAny<double>()), Times.Exactly(2));
            _gateway.Verify(g => g.ClosePosition(7), Times.Exactly(2));
        }

        [Test]
        public void Open_PartialFill_PlannedRiskScalesWithFilledVolume()
        {
            // 0.10 of 0.27 filled: planned risk 97.16 × 10/27 = 35.985...
            _gateway.Setup(g => g.OpenMarket(It.IsAny<TradeSide>(), It.IsAny<double>(), It.IsAny<double>(), It.IsAny<double>(), It.IsAny<string>()))
                .Returns(GatewayResult.Ok(Filled(volume: 0.10)));

            var outcome = Executor().Open(LongDecision(), "c");

            Assert.That(outcome.PlannedRisk, Is.EqualTo(97.16 * 0.10 / 0.27).Within(1e-9));
            Assert.That(_events.Any(e => e.Kind == PipelineEventKind.PartialFill), Is.True);
        }
    }
}
