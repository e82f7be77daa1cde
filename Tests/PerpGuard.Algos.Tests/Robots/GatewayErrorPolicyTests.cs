using System;
using System.Linq;
using System.Reflection;
using cAlgo.API;
using cAlgo.Robots;
using PerpGuard.Risk.Pipeline;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>
    /// The robots' cAlgo gateway classifies each ErrorCode as the pipeline's <see cref="TradeErrorPolicy"/> does, so the
    /// answers after which it looks for a fill are exactly those the executor never sends again. CAlgoGateway is
    /// internal to the robot assemblies (they ship without InternalsVisibleTo), so it is reached by reflection.
    /// </summary>
    public class GatewayErrorPolicyTests
    {
        private static bool Gateway(string method, ErrorCode? code)
        {
            var type = typeof(RiskManagedScalper).Assembly.GetType("PerpGuard.Algos.Glue.CAlgoGateway", throwOnError: true)!;
            return (bool)type.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, new object?[] { code })!;
        }

        [Test]
        public void IsOutcomeUnknown_EveryErrorCode_SameAsThePipelinePolicy()
        {
            var codes = Enum.GetValues(typeof(ErrorCode)).Cast<ErrorCode>().ToList();
            Assert.That(codes, Has.Count.EqualTo(11), "legacy-surface.txt lists 11 ErrorCode values");
            foreach (var code in codes)
            {
                Assert.That(Gateway("IsOutcomeUnknown", code), Is.EqualTo(TradeErrorPolicy.IsOutcomeUnknown(code.ToString())), code.ToString());
            }
        }

        [TestCase(ErrorCode.TechnicalError)]
        [TestCase(ErrorCode.Timeout)]
        [TestCase(ErrorCode.Disconnected)]
        public void IsOutcomeUnknown_AnswersThatDoNotSayWhetherTheOrderRan_True(ErrorCode code)
        {
            Assert.That(Gateway("IsOutcomeUnknown", code), Is.True);
        }

        [Test]
        public void IsOutcomeUnknown_NoCode_True()
        {
            Assert.That(Gateway("IsOutcomeUnknown", null), Is.True);
        }

        [Test]
        public void TransientCodes_NoneIsSentAgainAsAMarketOrder()
        {
            // The codes a repeat may pass (Timeout, Disconnected, TechnicalError) are all outcome-unknown: a market order
            // is never re-sent by the robots today; closes and stop changes still are (they cannot double a position).
            foreach (var code in Enum.GetValues(typeof(ErrorCode)).Cast<ErrorCode>())
            {
                var result = GatewayResult.Failed(code.ToString(), Gateway("IsTransient", code));
                Assert.That(TradeErrorPolicy.MayResendOrder(result), Is.False, code.ToString());
            }
        }
    }
}
