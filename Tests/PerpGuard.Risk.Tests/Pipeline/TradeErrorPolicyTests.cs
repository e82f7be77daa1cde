using PerpGuard.Risk.Pipeline;

namespace PerpGuard.Risk.Tests.Pipeline
{
    /// <summary>
    /// Every cAlgo.API.ErrorCode value (../shared/ctrader-api/legacy-surface.txt, the same set in 1.0.12 per
    /// REFERENCE.md §7) classified: only a refusal of the request itself is "certainly not executed".
    /// </summary>
    public class TradeErrorPolicyTests
    {
        [TestCase("TechnicalError", false)]
        [TestCase("BadVolume", true)]
        [TestCase("NoMoney", true)]
        [TestCase("MarketClosed", true)]
        [TestCase("Disconnected", false)]
        [TestCase("EntityNotFound", true)]
        [TestCase("Timeout", false)]
        [TestCase("UnknownSymbol", true)]
        [TestCase("InvalidStopLossTakeProfit", false)]
        [TestCase("InvalidRequest", true)]
        [TestCase("NoTradingPermission", true)]
        public void IsCertainlyNotExecuted_EveryErrorCode_OnlyRefusalsOfTheRequest(string code, bool refused)
        {
            Assert.That(TradeErrorPolicy.IsCertainlyNotExecuted(code), Is.EqualTo(refused));
            Assert.That(TradeErrorPolicy.IsOutcomeUnknown(code), Is.EqualTo(!refused));
        }

        [TestCase("Unknown")]
        [TestCase("")]
        [TestCase("badvolume")]
        [TestCase("SomeFutureCode")]
        public void IsOutcomeUnknown_NoCodeOrOneThisVersionDoesNotKnow_Unknown(string code)
        {
            Assert.That(TradeErrorPolicy.IsOutcomeUnknown(code), Is.True);
        }

        [TestCase("MarketClosed", true, true)]
        [TestCase("MarketClosed", false, false)]
        [TestCase("TechnicalError", true, false)]
        [TestCase("Timeout", true, false)]
        [TestCase("Disconnected", true, false)]
        [TestCase("NoMoney", false, false)]
        public void MayResendOrder_TransientAndCertainlyNotExecutedOnly(string code, bool transient, bool resend)
        {
            Assert.That(TradeErrorPolicy.MayResendOrder(GatewayResult.Failed(code, transient)), Is.EqualTo(resend));
        }

        [Test]
        public void MayResendOrder_Success_False()
        {
            Assert.That(TradeErrorPolicy.MayResendOrder(GatewayResult.Ok()), Is.False);
        }
    }
}
