using System.Collections.Generic;
using cAlgo.API;
using PerpGuard.Headless.Backtesting;

namespace PerpGuard.Headless.Tests
{
    /// <summary>
    /// cTrader's order request takes a label of at most 100 characters and a comment of at most 512 (Open API
    /// ProtoOANewOrderReq: "User-specified label. MaxLength = 100.", "User-specified comment. MaxLength = 512.").
    /// Whether the platform cuts or refuses a longer one is not documented; the stand-in refuses it
    /// (InvalidRequest), the strict reading: an algo whose label would be cut could not find its positions.
    /// </summary>
    public class OrderLabelLengthTests
    {
        [TestCase(100, 512, true)]
        [TestCase(101, 0, false)]
        [TestCase(1, 513, false)]
        public void ExecuteMarketOrder_LabelAndCommentLengths_OverTheLimitRefused(int labelLength, int commentLength, bool accepted)
        {
            var parameters = new Dictionary<string, string>
            {
                ["LabelLength"] = labelLength.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["CommentLength"] = commentLength.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };

            var result = new BacktestEngine(TestBars.Options(TestBars.Six())).Run(AlgoSpec.Of<LabelledOrderRobot>(parameters));
            var robot = (LabelledOrderRobot)result.Robots[0];

            Assert.That(robot.Result, Is.Not.Null);
            Assert.That(robot.Result!.IsSuccessful, Is.EqualTo(accepted));
            Assert.That(robot.Result.Error, Is.EqualTo(accepted ? (ErrorCode?)null : ErrorCode.InvalidRequest));
        }

        [Robot(AccessRights = AccessRights.None, TimeZone = TimeZones.UTC)]
        public class LabelledOrderRobot : Robot
        {
            [Parameter(DefaultValue = 10)]
            public int LabelLength { get; set; }

            [Parameter(DefaultValue = 0)]
            public int CommentLength { get; set; }

            public TradeResult? Result { get; private set; }

            protected override void OnBar()
            {
                if (Result is null)
                {
                    Result = ExecuteMarketOrder(TradeType.Buy, SymbolName, Symbol.VolumeInUnitsMin, new string('l', LabelLength), null, null, new string('c', CommentLength));
                }
            }
        }
    }
}
