using System;
using System.Collections.Generic;
using cAlgo.API;
using cAlgo.API.Internals;
using PerpGuard.Risk.Pipeline;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Algos.Glue
{
    /// <summary>
    /// The pipeline's trading port over a cAlgo Robot: volumes in units, entry stop/target as pip
    /// distances, modifications as absolute prices. Finds positions by id with an index loop (the
    /// legacy build has no FindById), so it allocates nothing but what the platform returns.
    /// </summary>
    internal sealed class CAlgoGateway : ITradingGateway
    {
        private readonly Robot _robot;
        private readonly string _label;

        public CAlgoGateway(Robot robot, string label)
        {
            _robot = robot ?? throw new ArgumentNullException(nameof(robot));
            _label = label ?? string.Empty;
        }

        /// <summary>
        /// A market order. An answer whose outcome is unknown (<see cref="ErrorCode.TechnicalError"/>,
        /// <see cref="ErrorCode.Timeout"/>, <see cref="ErrorCode.Disconnected"/>, <see cref="ErrorCode.InvalidStopLossTakeProfit"/>
        /// or none: <see cref="TradeErrorPolicy"/>) does not say whether the server executed it (a lost reply looks the
        /// same; cTrader documents neither way): the position it may have opened is looked for — ours, this symbol and
        /// side, not open before the call — and taken as the fill; without one the failure is final, never re-sent, as a
        /// second order could double the position. A fill that shows up later is found and protected like any position of ours.
        /// </summary>
        public GatewayResult OpenMarket(TradeSide side, double volumeUnits, double stopLossPips, double takeProfitPips, string comment)
        {
            var tradeType = ToTradeType(side);
            var before = OwnIds(tradeType);
            var result = _robot.ExecuteMarketOrder(tradeType, _robot.SymbolName, volumeUnits, _label, stopLossPips, takeProfitPips, comment);
            if (result.IsSuccessful && result.Position is not null)
            {
                return GatewayResult.Ok(View(result.Position));
            }

            if (!IsOutcomeUnknown(result.Error))
            {
                return Failed(result);
            }

            var filled = NewOwn(tradeType, before);
            return filled is not null
                ? GatewayResult.Ok(View(filled))
                : GatewayResult.Failed(result.Error.HasValue ? result.Error.Value.ToString() : "Unknown", false);
        }

        public GatewayResult SetStopLoss(int positionId, double stopPrice)
        {
            var position = Find(positionId);
            if (position is null)
            {
                return GatewayResult.Failed(nameof(ErrorCode.EntityNotFound), false);
            }

            var result = position.ModifyStopLossPrice(stopPrice);
            return result.IsSuccessful ? GatewayResult.Ok(View(position)) : Failed(result);
        }

        public GatewayResult SetTakeProfit(int positionId, double targetPrice)
        {
            var position = Find(positionId);
            if (position is null)
            {
                return GatewayResult.Failed(nameof(ErrorCode.EntityNotFound), false);
            }

            var result = position.ModifyTakeProfitPrice(targetPrice);
            return result.IsSuccessful ? GatewayResult.Ok(View(position)) : Failed(result);
        }

        public GatewayResult ClosePosition(int positionId)
        {
            var position = Find(positionId);
            if (position is null)
            {
                return GatewayResult.Failed(nameof(ErrorCode.EntityNotFound), false);
            }

            var result = _robot.ClosePosition(position);
            return result.IsSuccessful ? GatewayResult.Ok() : Failed(result);
        }

        public GatewayResult ClosePartial(int positionId, double volumeUnits)
        {
            var position = Find(positionId);
            if (position is null)
            {
                return GatewayResult.Failed(nameof(ErrorCode.EntityNotFound), false);
            }

            var result = _robot.ClosePosition(position, volumeUnits);
            return result.IsSuccessful ? GatewayResult.Ok() : Failed(result);
        }

        public GatewayResult CancelPendingOrder(int orderId)
        {
            var orders = _robot.PendingOrders;
            for (var i = 0; i < orders.Count; i++)
            {
                var order = orders[i];
                if (order.Id == orderId)
                {
                    var result = _robot.CancelPendingOrder(order);
                    return result.IsSuccessful ? GatewayResult.Ok() : Failed(result);
                }
            }

            return GatewayResult.Failed(nameof(ErrorCode.EntityNotFound), false);
        }

        public Position? Find(int positionId)
        {
            var positions = _robot.Positions;
            for (var i = 0; i < positions.Count; i++)
            {
                var p = positions[i];
                if (p.Id == positionId)
                {
                    return p;
                }
            }

            return null;
        }

        public static PositionView View(Position p) => new PositionView(
            p.Id,
            p.SymbolName,
            p.Label ?? string.Empty,
            p.TradeType == TradeType.Buy ? TradeSide.Long : TradeSide.Short,
            p.VolumeInUnits,
            p.EntryPrice,
            p.StopLoss,
            p.TakeProfit,
            p.NetProfit);

        public static TradeType ToTradeType(TradeSide side) => side == TradeSide.Long ? TradeType.Buy : TradeType.Sell;

        /// <summary>An answer after which the order may or may not have been executed (no code at all included).</summary>
        public static bool IsOutcomeUnknown(ErrorCode? code) => !code.HasValue || TradeErrorPolicy.IsOutcomeUnknown(code.Value.ToString());

        /// <summary>Timeouts, disconnections and technical errors may pass on a retry; the rest will not.</summary>
        public static bool IsTransient(ErrorCode? code) =>
            code == ErrorCode.Timeout || code == ErrorCode.Disconnected || code == ErrorCode.TechnicalError;

        // Null when there is none: the scalper enters only while flat, so an entry usually allocates no set.
        private HashSet<int>? OwnIds(TradeType tradeType)
        {
            HashSet<int>? ids = null;
            var positions = _robot.Positions;
            for (var i = 0; i < positions.Count; i++)
            {
                if (IsOwn(positions[i], tradeType))
                {
                    (ids ??= new HashSet<int>()).Add(positions[i].Id);
                }
            }

            return ids;
        }

        private Position? NewOwn(TradeType tradeType, HashSet<int>? before)
        {
            var positions = _robot.Positions;
            for (var i = positions.Count - 1; i >= 0; i--)
            {
                var p = positions[i];
                if (IsOwn(p, tradeType) && (before is null || !before.Contains(p.Id)))
                {
                    return p;
                }
            }

            return null;
        }

        private bool IsOwn(Position p, TradeType tradeType) =>
            p.TradeType == tradeType && p.SymbolName == _robot.SymbolName && string.Equals(p.Label ?? string.Empty, _label, StringComparison.Ordinal);

        private static GatewayResult Failed(TradeResult result)
        {
            var code = result.Error;
            return GatewayResult.Failed(code.HasValue ? code.Value.ToString() : "Unknown", IsTransient(code));
        }
    }
}
